"""The external links of themes, checked by the link checker (``core.linkcheck``) with those
of resources: the item records what was found, the theme page says when a link may not work,
and the theme's maker and editors are told once when one stops working or moves."""

from collections.abc import Iterator
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from staffroom.core.linkcheck import LinkOutcome, register_link_source
from staffroom.notifications.messages import register_message
from staffroom.notifications.services import notify
from staffroom.resources.models import LinkState

from .models import ThemeItem

THEME_LINK_BROKEN = "theme_link_broken"
THEME_LINK_BROKEN_MESSAGE = gettext_lazy(
    "A link in the theme “%(theme)s” does not work or has moved: %(title)s"
)
BATCH = 500


def theme_links_due(now: datetime | None = None) -> Iterator[tuple[int, str]]:
    """(item id, address) of themes' external links never checked or not checked for
    ``LINKCHECK_EVERY_DAYS``, the least recently checked first."""
    before = (now or timezone.now()) - timedelta(days=settings.LINKCHECK_EVERY_DAYS)
    due = (
        ThemeItem.objects.exclude(url="")
        .filter(Q(link_checked_at__isnull=True) | Q(link_checked_at__lt=before))
        .order_by(F("link_checked_at").asc(nulls_first=True), "pk")
    )
    seen: set[int] = set()
    while batch := list(due.exclude(pk__in=seen).values_list("pk", "url")[:BATCH]):
        for pk, url in batch:
            seen.add(pk)
            yield pk, url


@transaction.atomic
def theme_link_record(item_id: int, outcome: LinkOutcome) -> None:
    """Store what a check of an item's link found; tell the theme's maker and editors when
    it has just stopped working or moved (not again while it stays so)."""
    item = (
        ThemeItem.objects.select_for_update(of=("self",))
        .select_related("section__theme__created_by")
        .filter(pk=item_id)
        .first()
    )
    if item is None or item.url != outcome.checked_url:
        return  # removed, or its address changed, since the run listed it
    was = item.link_state
    item.link_state = outcome.state
    item.link_checked_at = timezone.now()
    item.save(update_fields=["link_state", "link_checked_at"])
    if outcome.state == LinkState.OK or outcome.state == was:
        return
    theme = item.section.theme
    told = {theme.created_by} | set(theme.editors.all())
    for member in sorted((m for m in told if m is not None and m.is_active), key=lambda m: m.pk):
        notify(
            member=member,
            kind=THEME_LINK_BROKEN,
            params={"theme": theme.title, "title": item.title},
            url=theme.get_absolute_url(),
        )


def theme_links_connect() -> None:
    register_link_source("themes", links=theme_links_due, record=theme_link_record)
    register_message(THEME_LINK_BROKEN, THEME_LINK_BROKEN_MESSAGE)
