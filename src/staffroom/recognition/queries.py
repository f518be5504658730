from dataclasses import dataclass

from django.utils import timezone

from staffroom.accounts.models import Member

from . import rules
from .models import PointEvent, Score


def current_month() -> str:
    """This month as a score period, "YYYY-MM"."""
    return timezone.localtime().strftime("%Y-%m")


def leaderboard(*, region: str, period: str, limit: int = 25) -> list[Score]:
    """The members of ``region`` with most points in ``period`` ("all" or "YYYY-MM")."""
    return list(
        Score.objects.filter(period=period, points__gt=0, member__region=region)
        .filter(member__is_active=True)
        .select_related("member")
        .order_by("-points", "member_id")[:limit]
    )


def points_of(member: Member, period: str = Score.ALL_TIME) -> int:
    """The member's points in ``period`` ("all" or "YYYY-MM")."""
    score = Score.objects.filter(member=member, period=period).first()
    return score.points if score else 0


@dataclass(frozen=True)
class Badge:
    code: str
    name: str


def badges_of(member: Member) -> list[Badge]:
    """The milestones a member has reached, from their recorded events."""
    counts: dict[str, int] = {}
    for kind in PointEvent.objects.filter(member=member).values_list("kind", flat=True):
        counts[kind] = counts.get(kind, 0) + 1
    return [
        Badge(code, str(name))
        for code, name, kind, needed in rules.BADGES
        if counts.get(kind, 0) >= needed
    ]


def badge_name(code: str) -> str:
    """The badge's name in the active language (its code when there is no such badge)."""
    return next((str(name) for c, name, _kind, _n in rules.BADGES if c == code), code)
