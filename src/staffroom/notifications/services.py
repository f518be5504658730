"""Writing notices: everything that tells a member something in the app calls ``notify``.

A notice may also come by mail, as the member chose in their settings (``notification_mail``):
at once (a task mails it when the notice commits), in a daily digest (``notifications_mail_
digest``, enqueued by the clock) or never. ``Notification.mailed_at`` records that mail no
longer owes the member the notice, so nothing is mailed twice.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme

from staffroom.accounts.models import Member, NotificationMail
from staffroom.core.mail import mail_member

# Imported as a module: the tasks call back into this one (read at run time, not at import).
from . import tasks
from .messages import MESSAGES, describe
from .models import Notification

# Old notices are kept this long, then removed by ``notifications_prune``.
KEEP_DAYS = 180
# Kinds whose own task already mails the member, with more than the notice says (saved-search
# matches: search/tasks.py). They are never mailed again, at once or in a digest.
MAILED_BY_THEIR_OWN_TASK = frozenset({"saved_search_match"})
# A digest lists notices of at most this many days (a clock that stood still for weeks does not
# bring back stale news) and at most this many of them (the rest wait in the app).
DIGEST_MAX_AGE = timedelta(days=7)
DIGEST_MAX_LISTED = 50


def notify(
    *, member: Member, kind: str, params: dict[str, Any], url: str = "", mail: bool = True
) -> Notification:
    """Record a notice for ``member``; mail it at once or keep it for their daily digest, as
    they chose. ``mail=False`` keeps it out of mail (for a caller that mails it itself)."""
    if kind not in MESSAGES:
        raise ValueError(f"Unknown notification kind: {kind}")
    preference = member.notification_mail
    mailed = not mail or kind in MAILED_BY_THEIR_OWN_TASK or preference == NotificationMail.NEVER
    notification = Notification.objects.create(
        member=member,
        kind=kind,
        params=params,
        url=url,
        mailed_at=timezone.now() if mailed else None,
    )
    if not mailed and preference == NotificationMail.AT_ONCE:
        transaction.on_commit(lambda: tasks.mail_notification.enqueue(notification.pk))
    return notification


def notifications_mark_read(*, member: Member, ids: Iterable[int] | None = None) -> int:
    """Mark the member's unread notices read: these ``ids``, or all of them."""
    unread = member.notifications.filter(read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())


def _safe_path(url: str) -> str:
    """``url`` if it is a path on this site, else ""."""
    safe = url_has_allowed_host_and_scheme(url, allowed_hosts=None)
    return url if safe and url.startswith("/") else ""


def notification_open(*, member: Member, notification_id: int) -> str:
    """Mark one notice read and return where it leads (only ever a path on this site)."""
    notification = member.notifications.filter(pk=notification_id).first()
    if notification is None:
        return ""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return _safe_path(notification.url)


def notifications_prune(now: datetime | None = None) -> int:
    """Remove read notices older than KEEP_DAYS."""
    cutoff = (now or timezone.now()) - timedelta(days=KEEP_DAYS)
    deleted, _ = Notification.objects.filter(read_at__isnull=False, created_at__lt=cutoff).delete()
    return deleted


def _mail(member: Member, template: str, context: dict[str, Any]) -> None:
    """Mail ``member`` in their language; every mail says where to change or stop it."""
    settings_url = settings.SITE_URL + reverse("accounts:profile_edit")
    with translation.override(member.interface_language):
        # Worded here, inside the member's language.
        entries = [
            {"text": describe(notice), "link": _absolute_link(notice)}
            for notice in context.get("notices", ())
        ]
    mail_member(
        member,
        f"notifications/email/{template}",
        {**context, "settings_url": settings_url, "entries": entries},
        unsubscribe_url=settings_url,
    )


def _absolute_link(notice: Notification) -> str:
    return settings.SITE_URL + (_safe_path(notice.url) or reverse("notifications:inbox"))


def _claim(ids: Iterable[int], now: datetime) -> list[Notification]:
    """Mark the notices ``ids`` that still wait for mail as mailed at ``now`` and return them.

    The conditional update lets one of two concurrent senders claim each notice; the caller's
    transaction undoes the claim when the mail cannot be sent, so it is tried again.
    """
    ids = list(ids)
    Notification.objects.filter(pk__in=ids, mailed_at=None).update(mailed_at=now)
    return list(Notification.objects.filter(pk__in=ids, mailed_at=now))


@transaction.atomic
def notification_mail(*, notification_id: int) -> bool:
    """Mail one notice to a member who wants notices at once; False when there is nothing to
    send (already mailed, or the member changed their mind: a digest member gets it in the
    next digest)."""
    notification = (
        Notification.objects.select_related("member")
        .filter(pk=notification_id, mailed_at=None)
        .first()
    )
    if notification is None:
        return False
    member = notification.member
    if not member.is_active or member.notification_mail != NotificationMail.AT_ONCE:
        return False
    claimed = _claim([notification.pk], timezone.now())
    if not claimed:
        return False
    _mail(member, "notice", {"notices": claimed})
    return True


@transaction.atomic
def notifications_mail_digest(*, member_id: int, now: datetime | None = None) -> int:
    """Mail a daily-digest member one message with their notices waiting since the last
    digest, newest first, and mark them mailed; returns how many it listed.

    Notices read in the app meanwhile, and those older than DIGEST_MAX_AGE, are marked but not
    listed: the digest tells what the member has not seen. No notice listed, no mail.
    """
    now = now or timezone.now()
    member = Member.objects.filter(
        pk=member_id, is_active=True, notification_mail=NotificationMail.DAILY
    ).first()
    if member is None:
        return 0
    waiting = member.notifications.filter(mailed_at=None, created_at__lte=now)
    claimed = _claim(waiting.values_list("pk", flat=True), now)
    listed = [
        notice
        for notice in claimed
        if notice.read_at is None and notice.created_at >= now - DIGEST_MAX_AGE
    ]
    if not listed:
        return 0
    listed.sort(key=lambda notice: (notice.created_at, notice.pk), reverse=True)
    _mail(
        member,
        "digest",
        {
            "notices": listed[:DIGEST_MAX_LISTED],
            "count": len(listed),
            "more": max(len(listed) - DIGEST_MAX_LISTED, 0),
            "inbox_url": settings.SITE_URL + reverse("notifications:inbox"),
        },
    )
    return len(listed)
