"""Moderation use-cases: open an item, take it, decide it, re-check old resources.

Deciding is guarded by a conditional update on the open item, so when two moderators decide
the same item at once exactly one decision lands and the other gets a clear message.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from staffroom.notifications.services import notify
from staffroom.recognition import rules
from staffroom.recognition import services as recognition
from staffroom.resources import lifecycle
from staffroom.resources.metadata import changes_between, snapshot
from staffroom.resources.models import Resource
from staffroom.resources.services import resource_file_analyse

from . import notices, tasks
from .checks import run_checks
from .models import Decision, ModerationItem, Reason


class AlreadyDecided(ValidationError):
    pass


def _enqueue_on_commit(task, *args) -> None:
    transaction.on_commit(lambda: task.enqueue(*args))


@transaction.atomic
def moderation_item_open(*, resource: Resource, reason: str, proposed: dict | None = None):
    """Put ``resource`` in the queue for ``reason``, through the resource lifecycle (a new
    resource becomes pending; an edit or a re-check leaves a published one online)."""
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    if reason == Reason.EDIT:
        return lifecycle.resource_propose_edit_for_review(resource, proposed=proposed or {})
    if reason == Reason.RECHECK:
        return lifecycle.resource_queue_recheck(resource)
    return lifecycle.resource_submit_for_review(resource)


def _require_moderator(member, item: ModerationItem) -> None:
    if not (member.is_moderator or member.is_staff):
        raise PermissionDenied(_("Only moderators can do this."))
    if item.resource.contributor_id == member.pk:
        raise PermissionDenied(_("Another moderator reviews what you contributed yourself."))


@transaction.atomic
def moderation_item_take(*, item: ModerationItem, moderator) -> ModerationItem:
    """Assign an open item to ``moderator`` (any moderator may take any item)."""
    _require_moderator(moderator, item)
    updated = ModerationItem.objects.filter(pk=item.pk, decision="").update(
        taken_by=moderator, taken_at=timezone.now()
    )
    if not updated:
        raise AlreadyDecided(_("This item has already been decided."))
    item.refresh_from_db()
    return item


def _claim(item: ModerationItem, moderator, decision: str, message: str) -> None:
    """Record the decision only if nobody else decided first."""
    claimed = ModerationItem.objects.filter(pk=item.pk, decision="").update(
        decision=decision, decided_by=moderator, decided_at=timezone.now(), message=message
    )
    if not claimed:
        decided = ModerationItem.objects.select_related("decided_by").filter(pk=item.pk).first()
        if decided is None:
            raise AlreadyDecided(_("The contributor took this resource out of the queue."))
        raise already_decided(decided)
    item.refresh_from_db()


def already_decided(item: ModerationItem) -> AlreadyDecided:
    """The error for deciding ``item`` again, naming who decided it and how."""
    return AlreadyDecided(
        _("%(moderator)s already decided this item (%(decision)s).")
        % {
            "moderator": item.decided_by or _("Another moderator"),
            "decision": item.get_decision_display(),
        }
    )


@transaction.atomic
def moderation_item_publish(
    *, item: ModerationItem, moderator, corrected: dict | None = None, message: str = ""
) -> ModerationItem:
    """Publish the resource, with the edit it proposes and the moderator's corrections.

    ``corrected`` holds the metadata as the moderator left it (JSON values); every field
    that differs from what the contributor submitted is recorded as a correction.
    """
    _require_moderator(moderator, item)
    _claim(item, moderator, Decision.PUBLISH, message)
    resource = Resource.objects.select_for_update().get(pk=item.resource_id)
    submitted = {**snapshot(resource), **item.proposed}
    final = {**submitted, **(corrected or {})}
    item.corrections = changes_between(submitted, final)
    item.save(update_fields=["corrections"])
    lifecycle.resource_publish(resource, values=final, by=moderator)
    # Points for sharing, once per resource (publishing an edit or again after a withdrawal
    # earns nothing more).
    recognition.record(
        member=resource.contributor,
        kind=rules.RESOURCE_PUBLISHED,
        subject_id=resource.pk,
        at=resource.published_at,
    )
    if item.reason != Reason.RECHECK:
        # A re-check publishes nothing new: the decision mail is enough.
        _notify_published(item, resource)
    _enqueue_on_commit(tasks.send_decision_email, item.pk)
    return item


def _notify_published(item: ModerationItem, resource: Resource) -> None:
    """The contributor's notice: published, and which fields the moderator corrected.

    The decision mail (sent to every contributor, as for every decision) already tells this
    with the values before and after, so the notice is not mailed again, at once or in a
    digest."""
    notify(
        member=resource.contributor,
        kind=notices.RESOURCE_PUBLISHED,
        params={
            "title": resource.title,
            "edit": item.reason == Reason.EDIT,
            "fields": [change["field"] for change in item.corrections],
        },
        url=reverse("resources:mine") + f"#contribution-{resource.pk}",
        mail=False,
    )


@transaction.atomic
def moderation_item_request_changes(*, item: ModerationItem, moderator, message: str):
    """Send the resource back to its contributor with what to change."""
    _require_moderator(moderator, item)
    if not message.strip():
        raise ValidationError({"message": _("Tell the contributor what to change.")})
    _claim(item, moderator, Decision.CHANGES, message)
    lifecycle.resource_request_changes(
        Resource.objects.select_for_update().get(pk=item.resource_id)
    )
    _enqueue_on_commit(tasks.send_decision_email, item.pk)
    return item


@transaction.atomic
def moderation_item_reject(*, item: ModerationItem, moderator, message: str):
    """Refuse the resource (or the edit: a published resource then stays as it was)."""
    _require_moderator(moderator, item)
    if not message.strip():
        raise ValidationError({"message": _("Give the contributor the reason for rejecting.")})
    _claim(item, moderator, Decision.REJECT, message)
    lifecycle.resource_reject(
        Resource.objects.select_for_update().get(pk=item.resource_id),
        edit_only=item.reason == Reason.EDIT,
    )
    _enqueue_on_commit(tasks.send_decision_email, item.pk)
    return item


def moderation_prechecks_request(*, item: ModerationItem) -> None:
    """Have the worker run the checks again (files changed, or a check was improved)."""
    _enqueue_on_commit(tasks.run_prechecks, item.pk)


def moderation_prechecks_run(*, item: ModerationItem) -> ModerationItem:
    """Run the automated checks (analysing files first if the worker has not yet)."""
    for resource_file in item.resource.files.filter(analysed_at=None):
        resource_file_analyse(resource_file=resource_file)
    item.checks = run_checks(item.resource)
    item.checks_ran_at = timezone.now()
    item.save(update_fields=["checks", "checks_ran_at"])
    return item


def moderation_recheck_due(*, now=None) -> int:
    """Queue published resources not checked for RECHECK_AFTER_DAYS; returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.RECHECK_AFTER_DAYS)
    due = (
        Resource.objects.published()
        .filter(checked_at__lt=cutoff)
        .exclude(moderation_items__decision="")
        .values_list("pk", flat=True)
    )
    count = 0
    for resource_id in list(due[:500]):
        with transaction.atomic():
            resource = Resource.objects.select_for_update().get(pk=resource_id)
            lifecycle.resource_queue_recheck(resource)
        count += 1
    return count
