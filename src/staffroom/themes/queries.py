"""Reads of theme pages shared by the pages, the feed, search, the newsletter and the home
page; and who may edit a theme."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from staffroom.curriculum.models import Level, Subject
from staffroom.curriculum.queries import filter_by_terms
from staffroom.events.models import EventStatus
from staffroom.resources.models import Status
from staffroom.resources.queries import offers_open
from staffroom.search.suggestions import Suggestion, words

from .models import HomeSlot, Theme, ThemeFollow, ThemeItem, ThemeSection

CURATE_PERMISSION = "themes.curate_theme"
# The group staff put trusted members in (docs/themes.md); it holds CURATE_PERMISSION.
CURATORS_GROUP = "Theme curators"


def may_curate(member) -> bool:
    """Staff, and members given the permission to curate themes (through the group)."""
    if not member.is_authenticated or not member.is_active:
        return False
    return member.is_staff or member.has_perm(CURATE_PERMISSION)


def may_edit(theme: Theme, member) -> bool:
    """Staff edit every theme; a curator the themes they made or are an editor of."""
    if not may_curate(member):
        return False
    if member.is_staff or theme.created_by_id == member.pk:
        return True
    return theme.editors.filter(pk=member.pk).exists()


def theme_visible_to(theme: Theme, member) -> bool:
    """A public theme to all; a draft or one outside its window only to its editors."""
    return theme.is_public() or may_edit(theme, member)


def theme_by_slug(slug: str) -> Theme | None:
    return Theme.objects.filter(slug=slug).first()


@dataclass(frozen=True)
class ThemeFilters:
    level: Level | None = None
    subject: Subject | None = None

    @property
    def active(self) -> bool:
        return bool(self.level or self.subject)


def themes_listed(filters: ThemeFilters) -> QuerySet[Theme]:
    """Public themes, newest first, filtered by level and subject as resources are."""
    themes = filter_by_terms(Theme.objects.public(), level=filters.level, subject=filters.subject)
    return themes.prefetch_related("levels", "subjects").order_by("-published_at", "-pk")


def themes_editable_by(member) -> QuerySet[Theme]:
    """The themes a member may edit, drafts included (the editors' list)."""
    if not may_curate(member):
        return Theme.objects.none()
    themes = Theme.objects.all()
    if not member.is_staff:
        themes = themes.filter(Q(created_by=member) | Q(editors=member)).distinct()
    return themes.order_by("-updated_at", "-pk")


def _visible_items() -> QuerySet[ThemeItem]:
    """Items whose resource, question or event readers may see: published resources and
    events, questions not hidden; external links always."""
    return (
        ThemeItem.objects.filter(
            Q(resource__isnull=True) | Q(resource__status=Status.PUBLISHED),
            Q(question__isnull=True) | Q(question__hidden_at__isnull=True),
            Q(event__isnull=True) | Q(event__status=EventStatus.PUBLISHED),
        )
        .select_related(
            "resource__resource_type",
            "resource__contributor",
            "resource__organisation",
            "question",
            "event",
        )
        .prefetch_related("resource__levels", "resource__subjects")
    )


def sections_for_page(theme: Theme, *, editing: bool = False) -> list[ThemeSection]:
    """The theme's sections in order, each with its ``items`` in order. Readers see only the
    items they may see; editors see every item (to remove one that went away)."""
    items = ThemeItem.objects.select_related("resource", "question", "event") if editing else None
    return list(
        theme.sections.prefetch_related(
            Prefetch("items", queryset=items if items is not None else _visible_items())
        )
    )


def theme_offers(theme: Theme, today=None) -> list:
    """Open "free until" tool offers for the theme's levels and subjects (none for a theme
    without either: every offer would be "related")."""
    levels, subjects = list(theme.levels.all()), list(theme.subjects.all())
    if not levels and not subjects:
        return []
    return list(offers_open(levels=levels or None, subjects=subjects or None, today=today)[:6])


def newest_items(theme: Theme, limit: int) -> list[ThemeItem]:
    """The items added last (the feed), of those readers may see."""
    return list(
        _visible_items()
        .filter(section__theme=theme)
        .select_related("section__theme")
        .order_by("-added_at", "-pk")[:limit]
    )


def is_following(theme: Theme, member) -> bool:
    if not member.is_authenticated:
        return False
    return ThemeFollow.objects.filter(theme=theme, member=member).exists()


def follower_ids(theme: Theme) -> set[int]:
    return set(
        ThemeFollow.objects.filter(theme=theme, member__is_active=True).values_list(
            "member_id", flat=True
        )
    )


def themes_matching(text: str, region: str, limit: int) -> list[Suggestion]:
    """Public themes whose title (or introduction) has a word starting with each typed word,
    those matching in the title first: the search box's "Theme pages" group and the list
    above the results. Themes are few (dozens), so they are matched in memory."""
    del region
    typed = words(text)
    if not typed:
        return []
    in_title, in_text = [], []
    themes = Theme.objects.public().only("title", "slug", "introduction")
    for theme in themes.order_by("-published_at", "-pk"):
        title = words(theme.title)
        if all(any(word.startswith(item) for word in title) for item in typed):
            in_title.append(theme)
        else:
            body = title + words(theme.introduction)
            if all(any(word.startswith(item) for word in body) for item in typed):
                in_text.append(theme)
    found = (in_title + in_text)[:limit]
    return [Suggestion(theme.title, theme.get_absolute_url()) for theme in found]


def home_themes() -> list[Theme]:
    """The public themes staff put in the home page's slots, in slot order."""
    now = timezone.now()
    slots = HomeSlot.objects.select_related("theme").order_by("position")
    return [slot.theme for slot in slots if slot.theme.is_public(now)]


def home_slots() -> dict[int, HomeSlot]:
    return {slot.position: slot for slot in HomeSlot.objects.select_related("theme")}
