"""The weekly issue's theme block: themes that became public in the issue's week, for the
members whose levels or subjects they fit (sub-terms and the crosswalk included), registered
with ``newsletter.compose.register_theme_blocks`` in ``ThemesConfig.ready``."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.html import strip_tags
from django.utils.text import Truncator

from staffroom.core.markdown import render_markdown
from staffroom.curriculum.queries import matching_term_ids
from staffroom.newsletter.queries import Profile

from .models import Theme

NEW_FOR = timedelta(days=7)
THEMES_PER_ISSUE = 2
SUMMARY_WORDS = 30


@dataclass(frozen=True)
class ThemeBlock:
    title: str
    url: str
    summary: str
    key: int


def _went_public(theme: Theme) -> datetime | None:
    moments = [moment for moment in (theme.published_at, theme.publish_from) if moment]
    return max(moments) if moments else None


def theme_blocks_for_issue(moment: datetime) -> Callable[[Profile], list[ThemeBlock]]:
    """The chooser of an issue's theme blocks: the themes are read once, each profile's are
    picked in memory. A theme without levels and subjects fits everyone."""
    candidates = []
    for theme in Theme.objects.public(moment).prefetch_related("levels", "subjects"):
        went_public = _went_public(theme)
        if went_public is None or not moment - NEW_FOR < went_public <= moment:
            continue
        levels = set().union(*(matching_term_ids(level) for level in theme.levels.all()))
        subjects = set().union(*(matching_term_ids(subject) for subject in theme.subjects.all()))
        summary = Truncator(strip_tags(render_markdown(theme.introduction)).strip())
        block = ThemeBlock(
            theme.title, theme.get_absolute_url(), summary.words(SUMMARY_WORDS), theme.pk
        )
        candidates.append((block, frozenset(levels), frozenset(subjects)))

    def choose(profile: Profile) -> list[ThemeBlock]:
        fitting = [
            block
            for block, levels, subjects in candidates
            if (not levels and not subjects)
            or levels & profile.level_ids
            or subjects & profile.subject_ids
        ]
        return fitting[:THEMES_PER_ISSUE]

    return choose
