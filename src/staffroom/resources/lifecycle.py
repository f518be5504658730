"""Every status change of a resource, each with all of its side effects.

This is the only module that sets ``Resource.status``. Contributors' services, moderation's
decisions, reports, the harvester and event follow-up all call these functions, so a change
always closes or opens queue items, keeps or drops the files of a pending edit, moves the
timestamps and tells derived stores (``review.resource_changed``) in the same way.

    draft --submit--> pending --publish--> published --withdraw--> withdrawn
    | ^                 |  |                  |  ^                     |
    | +---back_to_draft-+  +--request_changes/reject                   +--submit again
    |   (an edit, or the contributor withdraws it from the queue)
    +--delete_draft--> gone (with its files)
                                              +--hide--> hidden --restore--+
                                              +--end_offer--> ended (the clock, after
                                                  the last free day of an offer)

A hidden resource (taken offline after a report) stays hidden whatever else happens to it: an
edit published while it is hidden is applied, and it comes back online only when a moderator
restores it.

Callers hold the resource's row lock (``select_for_update``) and run inside their own
transaction; these functions only change the row they are given and schedule what follows.
"""

from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from staffroom.accounts.models import Member

from . import remix, review, tasks
from .metadata import apply_snapshot
from .models import Resource, Status
from .review import ReviewReason, resource_changed

# A pending resource may still be edited: it then leaves the queue until submitted again.
# Withdrawn resources can be edited and submitted again.
EDITABLE_STATUSES = (Status.DRAFT, Status.CHANGES_REQUESTED, Status.PENDING, Status.WITHDRAWN)
# An ended offer's page stays public until its contributor takes it offline too.
WITHDRAWABLE_STATUSES = (
    Status.PUBLISHED,
    Status.PENDING,
    Status.CHANGES_REQUESTED,
    Status.ENDED,
)
# Statuses in which a resource is offline and nobody is asked to look at it.
OFFLINE_FOR_GOOD = (Status.WITHDRAWN, Status.REJECTED, Status.HIDDEN)


def _save(resource: Resource, *fields: str) -> None:
    resource.save(update_fields=[*fields, "updated_at"])


def resource_changed_on_commit(resource: Resource, *, announce: bool = False) -> None:
    """Tell derived stores (search, OAI-PMH, ...) that ``resource`` changed. Receivers
    schedule their work for after the commit."""
    resource_changed.send(sender=Resource, resource_id=resource.pk, announce=announce)


def _discard_pending_files(resource: Resource) -> None:
    """Files of an edit that nobody approved never go online; their stored copies are deleted
    after commit."""
    for resource_file in resource.files.filter(pending=True):
        resource_file.delete()
        transaction.on_commit(partial(resource_file.file.delete, save=False))


def _leave_queue(resource: Resource) -> None:
    review.QUEUE.close(resource=resource)
    _discard_pending_files(resource)


def resource_submit_for_review(resource: Resource):
    """A complete draft (or a withdrawn or sent-back resource) waits for a moderator.

    Returns the queue item."""
    resource.status = Status.PENDING
    resource.submitted_at = timezone.now()
    _save(resource, "status", "submitted_at")
    return review.QUEUE.open(resource=resource, reason=ReviewReason.NEW, proposed=None)


def resource_propose_edit_for_review(resource: Resource, *, proposed: dict):
    """An edit of a published resource waits for a moderator; the resource stays online as it
    is. Returns the queue item."""
    return review.QUEUE.open(resource=resource, reason=ReviewReason.EDIT, proposed=proposed)


def resource_queue_recheck(resource: Resource):
    """A published resource is looked at again (it was last checked long ago)."""
    return review.QUEUE.open(resource=resource, reason=ReviewReason.RECHECK, proposed=None)


def resource_back_to_draft(resource: Resource) -> None:
    """A pending resource is edited again: a moderator must decide on what will be published,
    not on an earlier version, so it leaves the queue until submitted again."""
    _leave_queue(resource)
    resource.status = Status.DRAFT
    _save(resource, "status")


def resource_withdraw_from_queue(resource: Resource) -> None:
    """The contributor takes a pending resource out of the moderation queue: it becomes a
    draft again, to be edited and submitted later. Raises ValidationError unless pending."""
    if resource.status != Status.PENDING:
        raise ValidationError(_("Only a resource waiting for a moderator can be withdrawn."))
    resource_back_to_draft(resource)


def resource_delete_draft(resource: Resource) -> None:
    """The contributor deletes a draft that was never published: the row, its queue history
    and, after commit, its stored files and previews. Raises ValidationError unless a draft.

    A draft was never online, so derived stores (search, OAI-PMH) have nothing to drop."""
    if resource.status != Status.DRAFT or resource.published_at is not None:
        raise ValidationError(_("Only a draft can be deleted."))
    stored = []
    for resource_file in resource.files.all():
        stored.append(resource_file.file)
        if resource_file.preview:
            stored.append(resource_file.preview)
    review.QUEUE.close(resource=resource)
    resource.delete()
    for field_file in stored:
        transaction.on_commit(partial(field_file.delete, save=False))


def resource_publish(
    resource: Resource,
    *,
    values: dict | None = None,
    announce: bool = True,
    by: Member | None = None,
):
    """Publish ``resource`` with ``values`` (its metadata as a moderator approved it, an edit
    included) and the files of that edit.

    A first publication is announced (saved searches, followers, the original's contributor
    for an adaptation) unless ``announce`` is False, as for a harvested source's backlog. A
    hidden resource takes the edit but stays hidden. A correction tells the contributors of
    its adaptations (``remix``), not ``by``, who published it.
    """
    before = remix.original_state(resource)
    if values is not None:
        apply_snapshot(resource, values)
    new_files = resource.files.filter(pending=True).update(pending=False)
    now = timezone.now()
    first = resource.published_at is None
    if resource.status != Status.HIDDEN:
        resource.status = Status.PUBLISHED
    resource.published_at = resource.published_at or now
    resource.checked_at = now
    _save(resource, "status", "published_at", "checked_at")
    announced = first and announce and resource.status == Status.PUBLISHED
    resource_changed_on_commit(resource, announce=announced)
    if announced:
        transaction.on_commit(lambda: tasks.notify_followers_of_publication.enqueue(resource.pk))
        remix.adaptation_published_alert(resource)
    remix.original_corrected_alert(resource, before=before, new_files=bool(new_files), by=by)


def resource_update_metadata(resource: Resource, *, values: dict) -> None:
    """Change a resource's metadata without a review (a harvested source's new version, when
    the source is trusted); its status stays as it is."""
    before = remix.original_state(resource)
    apply_snapshot(resource, values)
    resource_changed_on_commit(resource)
    remix.original_corrected_alert(resource, before=before, new_files=False)


def resource_request_changes(resource: Resource) -> None:
    """A moderator sends the resource back; a published one (an edit was sent back) stays
    online as it is."""
    if resource.status not in (Status.PUBLISHED, Status.HIDDEN):
        resource.status = Status.CHANGES_REQUESTED
        _save(resource, "status")


def resource_reject(resource: Resource, *, edit_only: bool) -> None:
    """A moderator refuses the resource, or only the edit it proposed (the published version
    then stays as it was and the edit's files are dropped)."""
    if edit_only:
        _discard_pending_files(resource)
        return
    resource.status = Status.REJECTED
    _save(resource, "status")


def resource_withdraw(resource: Resource, *, by: Member | None = None) -> None:
    """The contributor (or staff: ``by``) takes the resource offline or out of the queue; it
    can be edited and submitted again later."""
    was_online = resource.is_published
    _leave_queue(resource)
    resource.status = Status.WITHDRAWN
    _save(resource, "status")
    resource_changed_on_commit(resource)
    if was_online:
        remix.original_offline_alert(resource, by=by)


def resource_unpublish_by_source(resource: Resource) -> bool:
    """The source a resource was harvested from (or the event it belongs to) no longer offers
    it: offline and out of the queue. True if its status changed."""
    _leave_queue(resource)
    if resource.status in OFFLINE_FOR_GOOD:
        return False
    was_online = resource.is_published
    resource.status = Status.WITHDRAWN
    _save(resource, "status")
    resource_changed_on_commit(resource)
    if was_online:
        remix.original_offline_alert(resource)
    return True


def resource_hide(resource: Resource) -> None:
    """A moderator takes a reported resource offline until it is restored. An edit waiting
    for review stays in the queue: it is the contributor's work, and publishing it does not
    bring the resource back."""
    was_online = resource.is_published
    resource.status = Status.HIDDEN
    _save(resource, "status")
    resource_changed_on_commit(resource)
    if was_online:
        remix.original_offline_alert(resource)


def resource_restore(resource: Resource) -> None:
    """A moderator puts a hidden resource back online."""
    if resource.status != Status.HIDDEN:
        return
    resource.status = Status.PUBLISHED
    _save(resource, "status")
    resource_changed_on_commit(resource)


def resource_end_offer(resource: Resource) -> bool:
    """The last free day of a "free until" offer has passed: the clock takes it offline
    (search and OAI-PMH drop it) while its page stays public, saying the offer ended. An edit
    waiting for review stays in the queue: a moderator may still publish a new period. True
    if its status changed (only a published offer ends)."""
    if resource.status != Status.PUBLISHED:
        return False
    resource.status = Status.ENDED
    _save(resource, "status")
    resource_changed_on_commit(resource)
    return True
