"""Composing mail: the subject, text and HTML of a mailing for a member.

Rendering templates is the costly part of sending, so ``Composer`` renders each distinct
edition once, with placeholders for what differs per member (name, unsubscribe and tracked
links), and fills those per message with plain string replacement. The cache holds at most
``max_entries`` renderings, so a run's memory stays flat however many members it reaches.
"""

from __future__ import annotations

import html
import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from staffroom.core.markdown import render_markdown
from staffroom.curriculum.wording import interface_language

from . import links, queries
from .models import Mailing, MailingKind
from .queries import Profile

NAME = "__NAME__"
UNSUBSCRIBE = "__UNSUBSCRIBE__"
PREFERENCES = "__PREFERENCES__"
_PLACEHOLDERS = re.compile(
    "|".join(re.escape(p) for p in (NAME, UNSUBSCRIBE, PREFERENCES, links.DELIVERY_PLACEHOLDER))
)


# Chooses what an issue recommends to a member "for the coming weeks": (profile, the issue's
# day, how many) -> items with ``resource``, ``reason`` and ``key``. The newsletter sits
# below the app that knows usage (insight), so that app registers itself in its
# AppConfig.ready; without one an issue has no such part, and keeps "New for your classes".
Recommender = Callable[[Profile, date, int], list]
_recommender: Recommender | None = None
RECOMMENDED_PER_ISSUE = 4


def register_recommender(recommender: Recommender | None) -> None:
    """Set (or, with None, remove) the recommender of the issues' personal part."""
    global _recommender
    _recommender = recommender


def with_recommended(edition: queries.Edition, profile: Profile, moment: datetime):
    """``edition`` with the recommendations for the profile's member on the issue's day:
    none for a visitor's or a profile without levels, none that the issue lists already, and
    never the member's own resources (the recommender leaves those out; checked again here,
    since a mail cannot be taken back)."""
    if _recommender is None or not profile.member_id or not profile.level_ids:
        return edition
    listed = {resource.pk for resource in edition.resources}
    items = [
        item
        for item in _recommender(profile, moment.date(), RECOMMENDED_PER_ISSUE + len(listed))
        if item.resource.pk not in listed and item.resource.contributor_id != profile.member_id
    ]
    return replace(edition, recommended=items[:RECOMMENDED_PER_ISSUE])


# Chooses the theme blocks of an issue: (the issue's moment) -> a chooser of a profile's
# blocks, so that what all profiles choose from is read once per issue. Registered by the app
# that holds theme pages (above the newsletter) in its AppConfig.ready.
ThemeBlocks = Callable[[datetime], Callable[[Profile], list]]
_theme_blocks: ThemeBlocks | None = None


def register_theme_blocks(theme_blocks: ThemeBlocks | None) -> None:
    """Set (or, with None, remove) what chooses an issue's theme blocks."""
    global _theme_blocks
    _theme_blocks = theme_blocks


def theme_chooser(moment: datetime) -> Callable[[Profile], list]:
    """The chooser of theme blocks for an issue at ``moment`` (none without a source)."""
    if _theme_blocks is None:
        return _no_themes
    return _theme_blocks(moment)


def _no_themes(profile: Profile) -> list:
    return []


@dataclass(frozen=True)
class Composed:
    subject: str
    text: str
    html: str
    empty: bool = False


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    html: str
    unsubscribe_url: str


def subject_for(mailing: Mailing) -> str:
    """The subject line in the active language."""
    if mailing.subject:
        return mailing.subject
    if mailing.kind == MailingKind.PROMOTION and mailing.promotion:
        return _("Advertisement: %(title)s") % {"title": mailing.promotion.title}
    moment = queries.issue_moment(mailing)
    return _("Staffroom this week (%(date)s)") % {"date": date_format(moment, "j F Y")}


def render_for_profile(mailing: Mailing, profile: Profile, *, web: bool = False) -> Composed:
    """Render the mailing for a profile, with placeholders for the member's own parts."""
    edition = queries.Edition([], [], [], [])
    if mailing.kind == MailingKind.ISSUE:
        moment = queries.issue_moment(mailing)
        edition = with_recommended(queries.edition_for(mailing, profile), profile, moment)
        edition = replace(edition, themes=theme_chooser(moment)(profile))
    return render_edition(mailing, edition, profile.language, profile.region, web=web)


def render_edition(
    mailing: Mailing, edition: queries.Edition, language: str, region: str, *, web: bool = False
) -> Composed:
    """Render an edition in a language, naming terms as ``region`` does."""
    with translation.override(interface_language(language, region)):
        context = {
            "mailing": mailing,
            "edition": edition,
            "region": region,
            "editorial_html": mark_safe(render_markdown(mailing.editorial)),  # sanitised
            "promotion": mailing.promotion,
            "promotion_html": mark_safe(  # render_markdown sanitises
                render_markdown(mailing.promotion.body) if mailing.promotion else ""
            ),
            "site_url": settings.SITE_URL,
            "name": NAME,
            "unsubscribe_url": UNSUBSCRIBE,
            "preferences_url": PREFERENCES,
            "web": web,
        }
        kind = mailing.kind
        return Composed(
            subject=subject_for(mailing),
            text=render_to_string(f"newsletter/email/{kind}.txt", context),
            html=render_to_string(f"newsletter/email/{kind}.html", context),
            empty=mailing.kind == MailingKind.ISSUE and edition.is_empty and not mailing.editorial,
        )


def fill(text: str, values: dict[str, str]) -> str:
    """Replace the placeholders in one pass, so that a value (a member's name, say) that
    happens to contain a placeholder is not replaced in its turn."""
    return _PLACEHOLDERS.sub(lambda match: values[match.group(0)], text)


def personalise(composed: Composed, *, member_id: int, name: str, delivery_id: int | None):
    """Fill a composed mailing in for one member."""
    unsubscribe = links.unsubscribe_url(member_id)
    preferences = links.preferences_url(member_id)
    token = links.delivery_token(delivery_id) if delivery_id is not None else "preview"
    values = {
        NAME: name,
        UNSUBSCRIBE: unsubscribe,
        PREFERENCES: preferences,
        links.DELIVERY_PLACEHOLDER: token,
    }
    text = fill(composed.text, values)
    body = fill(composed.html, {key: html.escape(value) for key, value in values.items()})
    return Message(subject=composed.subject, text=text, html=body, unsubscribe_url=unsubscribe)


def _edition_key(edition: queries.Edition) -> tuple:
    listed = (edition.resources, edition.questions, edition.webinars, edition.promotions)
    return (
        *(tuple(item.pk for item in items) for items in listed),
        tuple(item.key for item in edition.recommended),
        tuple(item.key for item in edition.themes),
    )


class Composer:
    """Renders a mailing per distinct edition (what a profile gets, in its language and
    region), keeping the most recently used renderings: many profiles share an edition, so a
    run of 200,000 members renders a few thousand times at most."""

    def __init__(self, mailing: Mailing, max_entries: int = 2000):
        self.mailing = mailing
        self.max_entries = max_entries
        self.content = queries.week_content(mailing) if mailing.kind == MailingKind.ISSUE else None
        self.themes = theme_chooser(self.content.moment) if self.content else _no_themes
        self._cache: OrderedDict[tuple, Composed] = OrderedDict()
        self.renders = 0

    def edition(self, profile: Profile) -> queries.Edition:
        if self.content is None:
            return queries.Edition([], [], [], [])
        edition = with_recommended(self.content.edition(profile), profile, self.content.moment)
        return replace(edition, themes=self.themes(profile))

    def composed(self, profile: Profile) -> Composed:
        edition = self.edition(profile)
        key = (profile.language, profile.region, _edition_key(edition))
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        found = render_edition(self.mailing, edition, profile.language, profile.region)
        self.renders += 1
        self._cache[key] = found
        if len(self._cache) > self.max_entries:
            self._cache.popitem(last=False)
        return found
