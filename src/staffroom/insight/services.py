"""Writes of usage data: daily rollups, retention, a member's history on opt-out or deletion."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Protocol

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from staffroom.core import usage

from .models import DailyCount, DailyDemand, DailySearch, UsageEvent
from .recorder import member_key


class EventRow(Protocol):
    """What the rollups read of an event: a ``UsageEvent``, or a generated row like one."""

    kind: str
    object_id: int | None
    member_key: str
    region: str
    levels: list[int]
    subjects: list[int]
    folded: str
    result_count: int | None
    page: int | None


# A search that finds fewer than this many resources is a "low-result" search: a gap.
LOW_RESULTS = 3


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def _search_rollup(events: Iterable[EventRow], day: date) -> tuple[list, list]:
    searches: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    demand: dict[tuple[str, int, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    for event in events:
        if event.kind == usage.SEARCH_CLICK:
            if event.folded:
                searches[(event.folded, event.region)][3] += 1
            continue
        if (event.page or 1) > 1:
            continue  # the next page of a search is not another search
        zero = event.result_count == 0
        low = event.result_count is not None and 0 < event.result_count < LOW_RESULTS
        if event.folded:
            row = searches[(event.folded, event.region)]
            row[0] += 1
            row[1] += zero
            row[2] += low
        for level in event.levels or []:
            for subject in event.subjects or [0]:
                cell = demand[(event.region, level, subject)]
                cell[0] += 1
                cell[1] += zero
                cell[2] += low
    return (
        [
            DailySearch(day=day, folded=text, region=region, count=c, zero=z, low=lo, clicks=k)
            for (text, region), (c, z, lo, k) in searches.items()
            if c or k
        ],
        [
            DailyDemand(
                day=day, region=region, level_id=level, subject_id=subject, count=c, zero=z, low=lo
            )
            for (region, level, subject), (c, z, lo) in demand.items()
        ],
    )


def _count_rollup(events: Iterable[EventRow], day: date) -> list[DailyCount]:
    counts: dict[tuple[str, int, str, int], int] = defaultdict(int)
    members: dict[tuple[str, int, str, int], set[str]] = defaultdict(set)
    for event in events:
        keys = [(event.kind, event.object_id or 0, event.region, 0)]
        keys += [(event.kind, event.object_id or 0, event.region, level) for level in event.levels]
        for key in keys:
            counts[key] += 1
            if event.member_key:
                members[key].add(event.member_key)
    return [
        DailyCount(
            day=day,
            kind=kind,
            object_id=object_id,
            region=region,
            level_id=level,
            count=count,
            members=len(members.get((kind, object_id, region, level), ())),
        )
        for (kind, object_id, region, level), count in counts.items()
    ]


def rollups_of(
    events: Sequence[EventRow], day: date
) -> tuple[list[DailyCount], list[DailySearch], list[DailyDemand]]:
    """The rollup rows of one day's events (not saved): what ``insight_rollup_day`` stores,
    and what the demo's generated history is counted with."""
    search_kinds = (usage.SEARCH, usage.SEARCH_CLICK)
    searches, demand = _search_rollup((e for e in events if e.kind in search_kinds), day)
    counts = _count_rollup((e for e in events if e.kind != usage.SEARCH), day)
    return counts, searches, demand


def insight_rollup_day(day: date) -> int:
    """Count ``day``'s raw events into the rollups, replacing what was counted for that day
    before (so today can be counted again each hour). Returns the number of events read."""
    start, end = _day_bounds(day)
    fields = ["kind", "object_id", "member_key", "region", "levels", "subjects"]
    fields += ["folded", "result_count", "page"]
    events = list(
        UsageEvent.objects.filter(created_at__gte=start, created_at__lt=end)
        .only(*fields)
        .iterator(chunk_size=5000)
    )
    counts, searches, demand = rollups_of(events, day)
    with transaction.atomic():
        for model in (DailyCount, DailySearch, DailyDemand):
            model.objects.filter(day=day).delete()
        DailyCount.objects.bulk_create(counts, batch_size=2000)
        DailySearch.objects.bulk_create(searches, batch_size=2000)
        DailyDemand.objects.bulk_create(demand, batch_size=2000)
    return len(events)


def insight_rollup_recent(*, days: int = 2, today: date | None = None) -> int:
    """Roll up today and the ``days - 1`` days before it (events of yesterday may still have
    been in a buffer at midnight)."""
    today = today or timezone.localdate()
    return sum(insight_rollup_day(today - timedelta(days=back)) for back in range(days))


def insight_prune_events(*, now: datetime | None = None) -> int:
    """Delete raw events older than INSIGHT_RAW_EVENT_DAYS; their rollups stay. Returns how
    many were deleted."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.INSIGHT_RAW_EVENT_DAYS)
    deleted, _by_model = UsageEvent.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def member_usage_history(member) -> list[dict]:
    """What is kept under a member's pseudonym, for their copy of their data."""
    rows = UsageEvent.objects.filter(member_key=member_key(member.pk)).order_by("created_at")
    fields = ("kind", "object_id", "region", "levels", "subjects", "created_at")
    return [dict(row) for row in rows.values(*fields)]


def insight_forget_member(member_id: int) -> int:
    """Delete a member's pseudonymised events (they turned usage history off, or their
    account is deleted). Counts already in the rollups stay: they name nobody."""
    deleted, _by_model = UsageEvent.objects.filter(member_key=member_key(member_id)).delete()
    return deleted
