"""The sentence of each kind of notice, worded in the reader's language when shown."""

from django.utils.translation import gettext, gettext_lazy

MESSAGES = {
    "saved_search_match": gettext_lazy("New for your saved search “%(query)s”: %(title)s"),
    "resource_rated": gettext_lazy("%(member)s rated “%(title)s”: %(stars)s stars"),
    "resource_replied": gettext_lazy("%(member)s replied to “%(title)s”"),
    "reply_answered": gettext_lazy("%(member)s answered your reply on “%(title)s”"),
}


def describe(notification) -> str:
    template = MESSAGES.get(notification.kind)
    if template is None:
        return gettext("Something new for you")
    try:
        return str(template) % notification.params
    except (KeyError, TypeError, ValueError):
        return gettext("Something new for you")
