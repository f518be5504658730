"""The notice followers get when a theme grows, and the search group's name."""

from django.utils.translation import gettext_lazy

THEME_ITEM_ADDED = "theme_item_added"
THEME_ITEM_ADDED_MESSAGE = gettext_lazy("New in the theme “%(theme)s”: %(title)s")
THEME_PAGES_LABEL = gettext_lazy("Theme pages")
