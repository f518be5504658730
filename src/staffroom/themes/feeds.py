"""The Atom feed of a theme: its items, newest additions first, for feed readers.

Addresses are built on SITE_URL, like the other feeds: entry ids must not depend on the host
a feed was fetched under. A theme that is not public has no feed (404)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from staffroom.core.markdown import render_markdown

from .models import Theme, ThemeItem
from .queries import newest_items, theme_by_slug

FEED_ITEMS = 30


def absolute(path: str) -> str:
    return settings.SITE_URL + path


class ThemeFeed(Feed):
    """One instance serves every request: the theme travels as the feed's object."""

    feed_type = Atom1Feed

    def get_object(self, request, slug: str) -> Theme:
        theme = theme_by_slug(slug)
        if theme is None or not theme.is_public():
            raise Http404
        return theme

    def title(self, theme: Theme) -> str:
        return " · ".join([theme.title, _("Theme"), "Staffroom"])

    def subtitle(self, theme: Theme) -> str:
        return _("What is new in this theme on Staffroom.")

    def link(self, theme: Theme) -> str:
        return absolute(theme.get_absolute_url())

    def feed_url(self, theme: Theme) -> str:
        return absolute(reverse("themes:feed", args=[theme.slug]))

    def items(self, theme: Theme) -> list[ThemeItem]:
        return newest_items(theme, FEED_ITEMS)

    def item_title(self, item: ThemeItem) -> str:
        return item.title

    def item_description(self, item: ThemeItem) -> str:
        return render_markdown(item.note)

    def item_link(self, item: ThemeItem) -> str:
        address = item.address
        return address if address.startswith(("http://", "https://")) else absolute(address)

    def item_guid(self, item: ThemeItem) -> str:
        return absolute(f"{item.section.theme.get_absolute_url()}#item-{item.pk}")

    item_guid_is_permalink = False

    def item_pubdate(self, item: ThemeItem):
        return item.added_at

    def item_categories(self, item: ThemeItem) -> list[str]:
        return [item.section.heading]
