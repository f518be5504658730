"""What members can report, and how moderators hide and restore it.

Every app registers its reportable content here by kind: how to find it, describe it for the
moderator, hide it with a reason and restore it. The forum registers its questions and answers
the same way (``register``), so reports of every kind share one queue.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.text import Truncator

from staffroom.resources import lifecycle
from staffroom.resources.models import Reply, Resource, Status


@dataclass(frozen=True)
class Reportable:
    # Each app registers functions of its own model (a Reply, a Question, ...).
    find: Callable[[int], Any]
    # (title, excerpt, url) for the moderator
    describe: Callable[[Any], tuple[str, str, str]]
    hide: Callable[[Any, str], None]
    restore: Callable[[Any], None]
    is_hidden: Callable[[Any], bool]
    author_id: Callable[[Any], int | None]


REPORTABLE: dict[str, Reportable] = {}


def register(kind: str, reportable: Reportable) -> None:
    REPORTABLE[kind] = reportable


# --- replies on resources ------------------------------------------------------------------


def _find_reply(pk: int):
    return Reply.objects.select_related("resource", "author").filter(pk=pk).first()


def _hide_reply(reply, reason: str) -> None:
    reply.hidden_at = timezone.now()
    reply.hidden_reason = reason[:300]
    reply.save(update_fields=["hidden_at", "hidden_reason"])


def _restore_reply(reply) -> None:
    reply.hidden_at = None
    reply.hidden_reason = ""
    reply.save(update_fields=["hidden_at", "hidden_reason"])


register(
    "reply",
    Reportable(
        find=_find_reply,
        describe=lambda reply: (
            reply.resource.title,
            Truncator(reply.body).chars(300),
            f"{reply.resource.get_absolute_url()}#reply-{reply.pk}",
        ),
        hide=_hide_reply,
        restore=_restore_reply,
        is_hidden=lambda reply: reply.hidden_at is not None,
        author_id=lambda reply: reply.author_id,
    ),
)


# --- resources -----------------------------------------------------------------------------


def _find_resource(pk: int):
    return Resource.objects.filter(pk=pk).first()


def _hide_resource(resource, reason: str) -> None:
    """A reported resource goes offline until a moderator restores it."""
    lifecycle.resource_hide(Resource.objects.select_for_update().get(pk=resource.pk))


def _restore_resource(resource) -> None:
    lifecycle.resource_restore(Resource.objects.select_for_update().get(pk=resource.pk))


register(
    "resource",
    Reportable(
        find=_find_resource,
        describe=lambda resource: (
            resource.title,
            Truncator(resource.description).chars(300),
            resource.get_absolute_url(),
        ),
        hide=_hide_resource,
        restore=_restore_resource,
        is_hidden=lambda resource: resource.status == Status.HIDDEN,
        author_id=lambda resource: resource.contributor_id,
    ),
)
