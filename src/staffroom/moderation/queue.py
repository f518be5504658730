"""Moderation's side of the review queue that resources offer (``resources/review.py``):
opening and closing items, and what a contributor sees of them. Connected in
``ModerationConfig.ready()``."""

from django.db import transaction

from staffroom.resources.review import ReviewReason, ReviewState

from . import tasks
from .models import ModerationItem
from .queries import latest_items_for, moderator_scopes, pending_edit_for, queue_position


def _enqueue_on_commit(task, *args) -> None:
    transaction.on_commit(lambda: task.enqueue(*args))


class ModerationQueue:
    def open(self, *, resource, reason: str, proposed: dict | None) -> ModerationItem:
        """Put ``resource`` in the queue; an open item for it is updated instead of
        duplicated. Pre-checks run in the worker; the contributor gets a receipt."""
        item = (
            ModerationItem.objects.select_for_update()
            .filter(resource=resource, decision="")
            .first()
        )
        if item is None:
            item = ModerationItem.objects.create(
                resource=resource, reason=reason, proposed=proposed or {}
            )
        else:
            if reason == ReviewReason.EDIT:
                # A new edit starts from the pending one (the form shows it) and replaces it.
                item.proposed = proposed or {}
                if item.reason == ReviewReason.RECHECK:
                    item.reason = ReviewReason.EDIT
            item.save(update_fields=["proposed", "reason"])
        _enqueue_on_commit(tasks.run_prechecks, item.pk)
        if reason != ReviewReason.RECHECK:
            _enqueue_on_commit(tasks.send_submission_receipt, item.pk)
        return item

    def close(self, *, resource) -> None:
        ModerationItem.objects.filter(resource=resource, decision="").delete()

    def pending_edit(self, *, resource) -> dict | None:
        item = pending_edit_for(resource)
        return item.proposed if item else None

    def latest(self, *, resource_ids: list[int]) -> dict[int, ReviewState]:
        latest = latest_items_for(resource_ids)
        scopes = moderator_scopes() if any(item.is_open for item in latest.values()) else []
        return {
            resource_id: ReviewState(
                item=item,
                position=queue_position(item, scopes) if item.is_open else None,
                corrections=item.corrections,
            )
            for resource_id, item in latest.items()
        }
