"""Writing notices: everything that tells a member something in the app calls ``notify``."""

from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from .messages import MESSAGES
from .models import Notification

# Old notices are kept this long, then removed by ``notifications_prune``.
KEEP_DAYS = 180


def notify(*, member, kind: str, params: dict, url: str = "") -> Notification:
    if kind not in MESSAGES:
        raise ValueError(f"Unknown notification kind: {kind}")
    return Notification.objects.create(member=member, kind=kind, params=params, url=url)


def notifications_mark_read(*, member, ids=None) -> int:
    """Mark the member's unread notices read: these ``ids``, or all of them."""
    unread = member.notifications.filter(read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())


def notification_open(*, member, notification_id: int) -> str:
    """Mark one notice read and return where it leads (only ever a path on this site)."""
    notification = member.notifications.filter(pk=notification_id).first()
    if notification is None:
        return ""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    safe = url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None)
    return notification.url if safe and notification.url.startswith("/") else ""


def notifications_prune(now=None) -> int:
    """Remove read notices older than KEEP_DAYS."""
    cutoff = (now or timezone.now()) - timezone.timedelta(days=KEEP_DAYS)
    deleted, _ = Notification.objects.filter(read_at__isnull=False, created_at__lt=cutoff).delete()
    return deleted
