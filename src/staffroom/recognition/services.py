"""Recording what earns points, keeping scores, granting rewards.

Other apps call ``record`` inside their own transaction when something earns points (a
publication, a rating, an accepted answer). Scores are derived data: ``scores_recompute``
rebuilds them from the events, and must always agree with what ``record`` kept.
"""

from collections import defaultdict
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from staffroom.accounts.models import Member
from staffroom.notifications.services import notify

from . import rules
from .models import PointEvent, Reward, Score


def _periods(moment: datetime) -> tuple[str, str]:
    return Score.ALL_TIME, timezone.localtime(moment).strftime("%Y-%m")


def _add(member: Member, moment: datetime, points: int) -> None:
    for period in _periods(moment):
        score, _created = Score.objects.get_or_create(member=member, period=period)
        Score.objects.filter(pk=score.pk).update(points=F("points") + points)


@transaction.atomic
def record(
    *,
    member: Member,
    kind: str,
    subject_id: int,
    points: int | None = None,
    at: datetime | None = None,
) -> None:
    """Record that ``member`` earned points for ``subject_id`` (once per subject and kind; a
    second call changes the points, e.g. when a rating changes)."""
    points = rules.POINTS[kind] if points is None else points
    event = (
        PointEvent.objects.select_for_update()
        .filter(member=member, kind=kind, subject_id=subject_id)
        .first()
    )
    if event is None:
        event = PointEvent.objects.create(
            member=member,
            kind=kind,
            subject_id=subject_id,
            points=points,
            occurred_at=at or timezone.now(),
        )
        _add(member, event.occurred_at, points)
        _announce_badges(member, kind)
    elif event.points != points:
        _add(member, event.occurred_at, points - event.points)
        event.points = points
        event.save(update_fields=["points"])


@transaction.atomic
def unrecord(*, member: Member, kind: str, subject_id: int) -> None:
    """Take back the points of a subject that no longer counts (a rating removed)."""
    event = PointEvent.objects.filter(member=member, kind=kind, subject_id=subject_id).first()
    if event is not None:
        _add(member, event.occurred_at, -event.points)
        event.delete()


def _announce_badges(member: Member, kind: str) -> None:
    count = PointEvent.objects.filter(member=member, kind=kind).count()
    for code, _name, counted, needed in rules.BADGES:
        if counted == kind and count == needed:
            notify(
                member=member,
                kind="badge_earned",
                params={"badge": code},
                url=member.get_absolute_url(),
            )


@transaction.atomic
def scores_recompute() -> int:
    """Rebuild every score from the events; returns how many score rows there are."""
    totals: defaultdict[tuple[int, str], int] = defaultdict(int)
    for member_id, points, occurred_at in PointEvent.objects.values_list(
        "member_id", "points", "occurred_at"
    ):
        for period in _periods(occurred_at):
            totals[(member_id, period)] += points
    Score.objects.all().delete()
    Score.objects.bulk_create(
        Score(member_id=member_id, period=period, points=points)
        for (member_id, period), points in totals.items()
    )
    return len(totals)


def reward_grant(*, staff: Member, member: Member, title: str, message: str = "") -> Reward:
    """Staff grant ``member`` a reward; the member is told in a notice."""
    if not staff.is_staff:
        raise PermissionDenied
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Say what the reward is."))
    reward = Reward.objects.create(
        member=member, title=title[:160], message=(message or "").strip(), granted_by=staff
    )
    notify(
        member=member,
        kind="reward_granted",
        params={"title": reward.title},
        url=member.get_absolute_url(),
    )
    return reward
