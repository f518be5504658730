"""The review queue as resources see it, and the hook derived stores listen to.

Resources sit below moderation: they may wait for review, but the queue (its items, routing,
checks and decisions) is moderation's. Moderation fills in ``QUEUE`` in its
``AppConfig.ready()``; the lifecycle (``lifecycle.py``) and the contributor's pages call it
through the functions here, so no resources module imports moderation.

``resource_changed`` is the one hook for data derived from a resource (the search index, the
OAI-PMH records, later analytics): the lifecycle sends it, inside the transaction, whenever a
resource's status, metadata or ranking figures change. Receivers schedule their own work with
``transaction.on_commit``.
"""

from dataclasses import dataclass
from typing import Any, Protocol

from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

from .models import Resource


class ReviewReason(models.TextChoices):
    """Why a resource waits for a moderator."""

    NEW = "new", _("New resource")
    EDIT = "edit", _("Edit of a published resource")
    RECHECK = "recheck", _("Periodic re-check")


@dataclass(frozen=True)
class ReviewState:
    """The latest review of a resource, as its contributor sees it."""

    item: Any  # the queue's own record (a moderation item), for templates
    position: int | None  # place in the queue while open: 1 is next
    corrections: list[dict]


class ReviewQueue(Protocol):
    def open(self, *, resource: Resource, reason: str, proposed: dict | None) -> Any:
        """Put the resource in the queue (an open entry is updated, not duplicated); the
        queue's own record of it."""

    def close(self, *, resource: Resource) -> None:
        """Take the resource out of the queue: its open entry is dropped."""

    def pending_edit(self, *, resource: Resource) -> dict | None:
        """The proposed values of an edit that still counts (open, or sent back)."""

    def latest(self, *, resource_ids: list[int]) -> dict[int, ReviewState]:
        """The latest review of each resource, in one query."""


class _Unconnected:
    def _fail(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("No review queue: is staffroom.moderation in INSTALLED_APPS?")

    open = close = pending_edit = latest = _fail


QUEUE: ReviewQueue = _Unconnected()


def connect_queue(queue: ReviewQueue) -> None:
    """Called once by the moderation app."""
    global QUEUE
    QUEUE = queue


def pending_edit_values(resource: Resource) -> dict | None:
    """What an edit of a published resource waiting for review proposes, or None."""
    return QUEUE.pending_edit(resource=resource)


def latest_reviews(resource_ids: list[int]) -> dict[int, ReviewState]:
    return QUEUE.latest(resource_ids=resource_ids)


# Sent with ``resource_id`` and ``announce`` (True when a first publication should be
# announced: saved searches, followers) whenever something derived from the resource may
# have to change.
resource_changed = Signal()
