"""Community moderation: members report content, moderators hide it (with a reason the
author sees) or keep it, and may restore what was hidden.

These are the services views call; what can be reported is registered in ``reports.py``.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from staffroom.accounts.models import Member
from staffroom.notifications.services import notify

from .models import Outcome, Report, ReportReason, Revision
from .reports import REPORTABLE


def _reportable(kind: str):
    if kind not in REPORTABLE:
        raise ValidationError(_("This cannot be reported."))
    return REPORTABLE[kind]


def report_file(*, reporter, kind: str, object_id: int, reason: str, message: str = "") -> Report:
    """A member reports something (once while the report is open; not their own)."""
    reportable = _reportable(kind)
    target = reportable.find(object_id)
    if target is None:
        raise ValidationError(_("What you reported no longer exists."))
    if reportable.author_id(target) == reporter.pk:
        raise ValidationError(_("You cannot report your own contribution."))
    if reason not in ReportReason.values:
        raise ValidationError(_("Choose why you report this."))
    try:
        with transaction.atomic():
            return Report.objects.create(
                reporter=reporter,
                kind=kind,
                object_id=object_id,
                reason=reason,
                message=(message or "").strip()[:2000],
            )
    except IntegrityError:
        raise ValidationError(
            _("You have already reported this; a moderator will look at it.")
        ) from None


def _require_moderator(member) -> None:
    if not (member.is_moderator or member.is_staff):
        raise PermissionDenied


@transaction.atomic
def reports_resolve(*, moderator, kind: str, object_id: int, hide: bool, note: str = "") -> int:
    """Decide every open report of one thing: hide it (the reason is required and shown to its
    author) or keep it. Returns how many reports were closed."""
    _require_moderator(moderator)
    reportable = _reportable(kind)
    target = reportable.find(object_id)
    if target is None:
        raise ValidationError(_("What was reported no longer exists."))
    if reportable.author_id(target) == moderator.pk:
        raise ValidationError(_("Another moderator decides reports of your own contributions."))
    note = (note or "").strip()
    if hide and not note:
        raise ValidationError(_("Give the reason for hiding it: its author will read it."))
    if hide:
        reportable.hide(target, note)
        title, _excerpt, url = reportable.describe(target)
        author_id = reportable.author_id(target)
        if author_id:
            notify(
                member=Member.objects.get(pk=author_id),
                kind="content_hidden",
                params={"title": title, "reason": note},
                url=url,
            )
    return Report.objects.filter(kind=kind, object_id=object_id, resolved_at=None).update(
        resolved_at=timezone.now(),
        resolved_by=moderator,
        outcome=Outcome.HIDDEN if hide else Outcome.KEPT,
        note=note[:300],
    )


@transaction.atomic
def content_restore(*, moderator, kind: str, object_id: int) -> None:
    _require_moderator(moderator)
    reportable = _reportable(kind)
    target = reportable.find(object_id)
    if target is None or not reportable.is_hidden(target):
        raise ValidationError(_("This is not hidden."))
    reportable.restore(target)


def revision_keep(*, kind: str, object_id: int, body: str, title: str = "", editor) -> Revision:
    """Keep what a post said before its author changes it (called by the edit services)."""
    return Revision.objects.create(
        kind=kind, object_id=object_id, title=title, body=body, edited_by=editor
    )


def keep_revision_of_post(sender, *, kind: str, object_id: int, body: str, editor, **kwargs):
    """Receiver of ``core.signals.post_revised`` (connected in ``ModerationConfig.ready``)."""
    revision_keep(
        kind=kind, object_id=object_id, body=body, title=kwargs.get("title", ""), editor=editor
    )
