"""The weekly indicators of the staff dashboard, counted from the domain tables.

The case study's figures: new contributions, resources published, new members, active
contributors, forum questions and answers, webinar registrations, the moderation wait (median
and 90th percentile from submission to decision) and the queue's length. Each is one aggregate
query grouped by ISO week (``TruncWeek``, Monday in the site's time zone); the whole set is
cached for a few minutes per filter, since the page is opened far more often than the
figures change.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.cache import cache
from django.db.models import Count, DateField, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from staffroom.accounts.models import Member
from staffroom.curriculum.queries import filter_by_terms
from staffroom.events.models import Event, EventKind, Registration
from staffroom.forum.models import Answer, Question
from staffroom.moderation.models import ModerationItem
from staffroom.resources.models import Resource, Status

from .dashboard import Filters

MIN_WEEKS = 12
MAX_WEEKS = 106
# The trend compares the last complete week with the average of this many weeks before it.
TREND_WEEKS = 4
CACHE_SECONDS = 300


@dataclass(frozen=True)
class Indicator:
    key: str
    label: Promise
    # "count", or "hours" for the moderation wait (lower is better).
    unit: str = "count"


INDICATORS = (
    Indicator("contributions", _("New contributions")),
    Indicator("published", _("Resources published")),
    Indicator("members", _("New members")),
    Indicator("contributors", _("Active contributors")),
    Indicator("questions", _("Forum discussions")),
    Indicator("answers", _("Forum answers")),
    Indicator("registrations", _("Webinar registrations")),
    Indicator("wait_median", _("Moderation wait, median (hours)"), "hours"),
    Indicator("wait_p90", _("Moderation wait, 90th percentile (hours)"), "hours"),
    Indicator("queue", _("Moderation queue at the week's end")),
)
BY_KEY = {indicator.key: indicator for indicator in INDICATORS}


def weeks_for(filters: Filters) -> list[date]:
    """The Mondays of the weeks shown: those the period touches, at least ``MIN_WEEKS`` so
    that a short period still has a trend to read."""
    last = filters.end - timedelta(days=filters.end.weekday())
    first = filters.start - timedelta(days=filters.start.weekday())
    count = min(max(MIN_WEEKS, (last - first).days // 7 + 1), MAX_WEEKS)
    return [last - timedelta(weeks=back) for back in range(count - 1, -1, -1)]


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _week_of(value: Any) -> date:
    if isinstance(value, datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return value


def _weekly(
    queryset: QuerySet[Any], field: str, start: datetime, end: datetime, counted: str = "pk"
) -> dict[date, int]:
    """Rows of ``queryset`` per week of ``field`` in [start, end): one grouped query."""
    rows = (
        queryset.filter(**{f"{field}__gte": start, f"{field}__lt": end})
        .annotate(week=TruncWeek(field, output_field=DateField()))
        .values("week")
        .annotate(n=Count(counted, distinct=counted != "pk"))
        .order_by()
    )
    return {_week_of(row["week"]): row["n"] for row in rows}


def _percentile(ordered: list[float], share: float) -> float:
    """The ``share`` percentile of sorted values, interpolated (as PostgreSQL's
    percentile_cont)."""
    position = (len(ordered) - 1) * share
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _terms(queryset: QuerySet[Any], filters: Filters) -> QuerySet[Any]:
    return filter_by_terms(queryset, level=filters.level, subject=filters.subject)


def _region(filters: Filters, path: str) -> Q:
    return Q(**{path: filters.region}) if filters.region else Q()


def _compute(filters: Filters, weeks: list[date]) -> dict[str, Any]:
    start, end = _moment(weeks[0]), _moment(weeks[-1] + timedelta(weeks=1))
    resources = _terms(Resource.objects.order_by(), filters).filter(
        _region(filters, "contributor__region")
    )
    contributed = resources.exclude(status=Status.DRAFT)
    values: dict[str, dict[date, Any]] = {
        "contributions": _weekly(contributed, "created_at", start, end),
        "published": _weekly(resources, "published_at", start, end),
        "members": _weekly(
            _terms(Member.objects.order_by(), filters).filter(
                _region(filters, "region"), is_former_member=False
            ),
            "date_joined",
            start,
            end,
        ),
        "contributors": _weekly(contributed, "created_at", start, end, counted="contributor"),
        "questions": _weekly(
            _terms(Question.objects.order_by(), filters).filter(_region(filters, "author__region")),
            "created_at",
            start,
            end,
        ),
    }
    answers = Answer.objects.order_by().filter(_region(filters, "author__region"))
    if filters.level or filters.subject:
        answers = answers.filter(
            question_id__in=_terms(Question.objects.order_by(), filters).values("pk")
        )
    values["answers"] = _weekly(answers, "created_at", start, end)
    registrations = Registration.objects.order_by().filter(
        _region(filters, "member__region"), event__kind=EventKind.WEBINAR
    )
    if filters.level or filters.subject:
        registrations = registrations.filter(
            event_id__in=_terms(Event.objects.order_by(), filters).values("pk")
        )
    values["registrations"] = _weekly(registrations, "registered_at", start, end)

    items = ModerationItem.objects.order_by().filter(
        _region(filters, "resource__contributor__region")
    )
    if filters.level or filters.subject:
        items = items.filter(
            resource_id__in=_terms(Resource.objects.order_by(), filters).values("pk")
        )
    # Percentiles have no aggregate common to SQLite and PostgreSQL: the database works out
    # each decision's wait and its week, and only those two numbers per decision come back
    # (a few thousand at most over the weeks shown).
    waits: dict[date, list[float]] = {}
    for week, wait in (
        items.filter(decided_at__gte=start, decided_at__lt=end)
        .annotate(
            week=TruncWeek("decided_at", output_field=DateField()),
            wait=ExpressionWrapper(F("decided_at") - F("created_at"), output_field=DurationField()),
        )
        .values_list("week", "wait")
    ):
        waits.setdefault(_week_of(week), []).append(wait.total_seconds() / 3600)
    medians: dict[date, Any] = {}
    p90s: dict[date, Any] = {}
    for week, hours in waits.items():
        hours.sort()
        medians[week] = round(_percentile(hours, 0.5), 1)
        p90s[week] = round(_percentile(hours, 0.9), 1)
    values["wait_median"] = medians
    values["wait_p90"] = p90s

    # The queue at each week's end (and now) in one query: items created before that moment
    # and not yet decided at it.
    now = timezone.now()
    ends = {
        f"w{index}": min(_moment(week + timedelta(weeks=1)), now)
        for index, week in enumerate(weeks)
    }
    queue = items.filter(
        Q(decided_at__isnull=True) | Q(decided_at__gte=start), created_at__lt=end
    ).aggregate(
        now=Count("pk", filter=Q(decision="")),
        **{
            name: Count(
                "pk",
                filter=Q(created_at__lt=moment)
                & (Q(decided_at__isnull=True) | Q(decided_at__gte=moment)),
            )
            for name, moment in ends.items()
        },
    )
    values["queue"] = {week: queue[f"w{index}"] for index, week in enumerate(weeks)}
    return {
        "weeks": weeks,
        "values": {
            key: [by_week.get(week, None if key.startswith("wait") else 0) for week in weeks]
            for key, by_week in values.items()
        },
        "queue_now": queue["now"],
    }


def _trend(values: list[Any], complete: int) -> dict[str, Any]:
    """The last complete week against the average of the ``TREND_WEEKS`` before it."""
    if complete < 1:
        return {"value": None, "average": None, "change": None}
    value = values[complete - 1]
    before = [v for v in values[max(0, complete - 1 - TREND_WEEKS) : complete - 1] if v is not None]
    average = round(sum(before) / len(before), 1) if before else None
    change = None
    if value is not None and average:
        change = round((value - average) / average * 100)
    return {"value": value, "average": average, "change": change}


def weekly_indicators(filters: Filters, *, today: date | None = None) -> dict[str, Any]:
    """The indicators per week over the weeks the period touches (at least ``MIN_WEEKS``),
    each with its trend, and the queue's length now. Cached per filter and day."""
    today = today or timezone.localdate()
    weeks = weeks_for(filters)
    key = f"insight:indicators:{filters.key()}:{weeks[0]:%Y%m%d}:{len(weeks)}:{today:%Y%m%d}"
    figures = cache.get(key)
    if figures is None:
        figures = _compute(filters, weeks)
        cache.set(key, figures, CACHE_SECONDS)
    # The week that holds today is not over: it is shown, but the trend reads whole weeks.
    complete = sum(1 for week in weeks if week + timedelta(weeks=1) <= today)
    figures["complete"] = complete
    figures["trends"] = {key: _trend(values, complete) for key, values in figures["values"].items()}
    return figures
