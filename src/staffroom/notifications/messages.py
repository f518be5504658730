"""The sentence of each kind of notice, worded in the reader's language when shown.

A kind maps to a sentence with %(name)s placeholders filled from the notice's values, or to
a function of those values (when a value is a code to be named in the reader's language).
Apps add their own kinds with ``register_message`` in their AppConfig.ready() (recognition
adds its badges and rewards); ``notify`` refuses a kind that is not here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

if TYPE_CHECKING:
    from .models import Notification

Message = Promise | str | Callable[[dict[str, Any]], str]

MESSAGES: dict[str, Message] = {
    "saved_search_match": gettext_lazy("New for your saved search “%(query)s”: %(title)s"),
    "resource_rated": gettext_lazy("%(member)s rated “%(title)s”: %(stars)s ★"),
    "resource_replied": gettext_lazy("%(member)s replied to “%(title)s”"),
    "reply_answered": gettext_lazy("%(member)s answered your reply on “%(title)s”"),
    "content_hidden": gettext_lazy(
        "A moderator hid your contribution on “%(title)s”. Reason: %(reason)s"
    ),
    "followed_published": gettext_lazy("New from %(publisher)s: “%(title)s”"),
    "question_answered": gettext_lazy("%(member)s answered your question “%(title)s”"),
    "answer_accepted": gettext_lazy("%(member)s accepted your answer to “%(title)s”"),
    "event_waitlist_promoted": gettext_lazy(
        "A place came free: you are registered for “%(title)s”"
    ),
    "event_cancelled": gettext_lazy("The event “%(title)s” is cancelled"),
    "event_question_moved": gettext_lazy(
        "Your question from “%(event)s” is now in the teachers' room: %(title)s"
    ),
    "event_materials_published": gettext_lazy("The recording and slides of “%(title)s” are online"),
    "event_attended": gettext_lazy(
        "Thank you for attending “%(title)s”: your certificate is ready, and we would like "
        "your feedback"
    ),
}


def register_message(kind: str, message: Message) -> None:
    """Add (or replace) the sentence of a kind of notice: a (lazily translated) sentence with
    %(name)s placeholders, or a function of the notice's values giving the sentence."""
    MESSAGES[kind] = message


def describe(notification: Notification) -> str:
    message = MESSAGES.get(notification.kind)
    try:
        if callable(message):
            return message(notification.params)
        if message is not None:
            return str(message) % notification.params
    except (KeyError, TypeError, ValueError):
        pass
    return gettext("Something new for you")
