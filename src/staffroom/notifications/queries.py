from collections.abc import Iterable

from django.db.models import QuerySet

from staffroom.accounts.models import Member, NotificationMail

from .models import Notification


def unread_count(member: Member) -> int:
    return member.notifications.filter(read_at__isnull=True).count()


def notifications_for(member: Member) -> QuerySet[Notification]:
    return member.notifications.all()


def members_notified(*, kind: str, url: str, member_ids: Iterable[int]) -> set[int]:
    """Which of ``member_ids`` already have a notice of ``kind`` leading to ``url``."""
    return set(
        Notification.objects.filter(kind=kind, url=url, member_id__in=member_ids).values_list(
            "member_id", flat=True
        )
    )


def members_with_digest_due() -> list[int]:
    """Ids of the active members who want a daily digest and have notices waiting for it."""
    waiting = Notification.objects.filter(mailed_at=None).values("member_id")
    return list(
        Member.objects.filter(
            notification_mail=NotificationMail.DAILY, is_active=True, pk__in=waiting
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
