"""Reads of the staff dashboard (``/staff/insight/``): what was used and searched in a period.

Everything here reads the daily rollups (``DailyCount``, ``DailySearch``, ``DailyDemand``) and
a few rows of domain tables for titles, never raw events: with millions of events a page must
not count them per request. A result is a plain structure of numbers, ids and strings, cached
for a few minutes per filter: the rollups change once an hour, and a busy morning of staff
opening the same page should not sum the same rows again. Names of levels and subjects are
added when the page is drawn (``term_name``), in the reader's language and regional wording.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone

from staffroom.core import usage
from staffroom.curriculum.models import Level, Subject
from staffroom.curriculum.queries import (
    filter_by_terms,
    level_by_code,
    matching_term_ids,
    subject_by_code,
    terms_by_id,
)
from staffroom.events.models import Event
from staffroom.forum.models import Question
from staffroom.resources.models import Resource

from .models import DailyCount, DailyDemand, DailySearch

PERIODS = (7, 30, 90, 365)
# The week just gone, as the case study's figures are read; the weekly indicators show at least
# 12 weeks whatever the period. A longer period sums more daily rows (30 days of a busy site:
# about half a million), so it is asked for, not the default.
DEFAULT_DAYS = 7
# A period chosen by dates is at most two years: the dashboard sums daily rows, and a longer
# span is a question for an export, not a page.
MAX_DAYS = 731
REGIONS = ("fl", "nl")
TOP = 10
# Rising searches are chosen among this many of the period's most frequent ones.
RISING_POOL = 200
RISING_MIN = 3
GAP_ROWS = 25
CACHE_SECONDS = 300


@dataclass(frozen=True)
class Filters:
    """What the dashboard shows: a period of whole days (``end`` included), one region or
    both (``""``), and optionally a level and a subject."""

    start: date
    end: date
    region: str = ""
    level: Level | None = None
    subject: Subject | None = None
    # One of PERIODS when chosen as "the last n days"; None for a period chosen by dates.
    preset: int | None = DEFAULT_DAYS

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def previous(self) -> tuple[date, date]:
        """The period of equal length just before this one."""
        return self.start - timedelta(days=self.days), self.start - timedelta(days=1)

    def key(self) -> str:
        """A cache key part naming these filters."""
        level = self.level.pk if self.level else 0
        subject = self.subject.pk if self.subject else 0
        return f"{self.start:%Y%m%d}-{self.end:%Y%m%d}-{self.region or 'all'}-{level}-{subject}"

    def query(self, **changes: str) -> str:
        """These filters as a query string (for the CSV links), with ``changes`` applied."""
        params: dict[str, str] = {}
        if self.preset is not None:
            params["days"] = str(self.preset)
        else:
            params["from"] = self.start.isoformat()
            params["to"] = self.end.isoformat()
        if self.region:
            params["region"] = self.region
        if self.level:
            params["level"] = self.level.code
        if self.subject:
            params["subject"] = self.subject.code
        params.update(changes)
        return urlencode(params)


def _parse_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "").strip()) if value else None
    except ValueError:
        return None


def parse_filters(params: Mapping[str, Any], *, today: date | None = None) -> Filters:
    """The filters a request asks for. Anything not understood (a period that is not offered,
    an impossible date, a region or code that does not exist) falls back to the default
    rather than failing: the page is a tool, and a stale bookmark should still open it."""
    today = today or timezone.localdate()
    region = str(params.get("region") or "")
    region = region if region in REGIONS else ""
    level = level_by_code(str(params.get("level") or "")[:60])
    subject = subject_by_code(str(params.get("subject") or "")[:60])
    first, last = _parse_day(params.get("from")), _parse_day(params.get("to"))
    if first or last:
        last = min(last or today, today)
        first = first or last - timedelta(days=DEFAULT_DAYS - 1)
        if first <= last and (last - first).days < MAX_DAYS:
            return Filters(first, last, region, level, subject, preset=None)
    try:
        days = int(str(params.get("days") or DEFAULT_DAYS))
    except ValueError:
        days = DEFAULT_DAYS
    if days not in PERIODS:
        days = DEFAULT_DAYS
    return Filters(today - timedelta(days=days - 1), today, region, level, subject, preset=days)


def _region_q(filters: Filters) -> Q:
    return Q(region=filters.region) if filters.region else Q()


def _level_ids(filters: Filters) -> list[int]:
    """``DailyCount.level_id`` values to sum: 0 (everyone) without a level filter, else the
    level with its sub-levels and the other region's equivalents. A member who teaches two of
    those levels is counted in both: the rollups count per level, not per member."""
    return sorted(matching_term_ids(filters.level)) if filters.level else [0]


def _counts(filters: Filters, kind: str) -> QuerySet[DailyCount]:
    return DailyCount.objects.filter(
        _region_q(filters),
        kind=kind,
        day__gte=filters.start,
        day__lte=filters.end,
        level_id__in=_level_ids(filters),
    )


def _top_objects(filters: Filters, kind: str, objects: QuerySet[Any]) -> list[dict[str, Any]]:
    """The ``TOP`` objects of ``kind`` used most in the period, with their title and address
    (objects deleted since are left out)."""
    counts = _counts(filters, kind).exclude(object_id=0)
    if kind in (usage.RESOURCE_VIEW, usage.DOWNLOAD) and filters.subject:
        tagged = filter_by_terms(Resource.objects.order_by(), subject=filters.subject)
        counts = counts.filter(object_id__in=tagged.values("pk"))
    rows = list(
        counts.values("object_id")
        .annotate(total=Sum("count"))
        .order_by("-total", "object_id")[: TOP * 2]
    )
    found = objects.in_bulk([row["object_id"] for row in rows])
    top = []
    for row in rows:
        thing = found.get(row["object_id"])
        if thing is None:
            continue
        top.append(
            {
                "id": thing.pk,
                "title": thing.title,
                "url": thing.get_absolute_url(),
                "count": row["total"],
            }
        )
    return top[:TOP]


def _searches(filters: Filters, first: date, last: date) -> QuerySet[DailySearch]:
    return DailySearch.objects.filter(_region_q(filters), day__gte=first, day__lte=last)


def search_url(*, q: str = "", level: str = "", subject: str = "") -> str:
    """The search page for these words or filters: staff see what teachers saw."""
    params = {name: value for name, value in (("q", q), ("level", level), ("subject", subject))}
    return f"{reverse('search:search')}?{urlencode({k: v for k, v in params.items() if v})}"


def _period_searches(filters: Filters) -> list[dict[str, Any]]:
    """The period's ``RISING_POOL`` most frequent searches, most frequent first: the top
    searches are the first of them, and rising searches are looked for among them (a search
    asked once now and never before is noise, not a trend). One grouped query for both."""
    rows = (
        _searches(filters, filters.start, filters.end)
        .values("folded")
        .annotate(total=Sum("count"), zero=Sum("zero"), clicks=Sum("clicks"))
        .filter(total__gt=0)
        .order_by("-total", "folded")[:RISING_POOL]
    )
    return [
        {
            "query": row["folded"],
            "count": row["total"],
            "zero": row["zero"],
            "clicks": row["clicks"],
            "url": search_url(q=row["folded"]),
        }
        for row in rows
    ]


def _rising_searches(filters: Filters, searches: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Searches asked more this period than in the one before, most grown first."""
    pool = {row["query"]: row["count"] for row in searches if row["count"] >= RISING_MIN}
    if not pool:
        return []
    first, last = filters.previous
    before = {
        row["folded"]: row["total"]
        for row in _searches(filters, first, last)
        .filter(folded__in=list(pool))
        .values("folded")
        .annotate(total=Sum("count"))
    }
    rising = [
        {
            "query": text,
            "count": count,
            "previous": before.get(text, 0) or 0,
            "change": count - (before.get(text, 0) or 0),
            "url": search_url(q=text),
        }
        for text, count in pool.items()
        if count > (before.get(text, 0) or 0)
    ]
    rising.sort(key=lambda row: (-row["change"], row["query"]))
    return rising[:TOP]


def _zero_queries(filters: Filters) -> list[dict[str, Any]]:
    rows = (
        _searches(filters, filters.start, filters.end)
        .values("folded")
        .annotate(total=Sum("count"), zero=Sum("zero"), low=Sum("low"))
        .filter(Q(zero__gt=0) | Q(low__gt=0))
        .order_by("-zero", "-low", "folded")[:TOP]
    )
    return [
        {
            "query": row["folded"],
            "count": row["total"],
            "zero": row["zero"],
            "low": row["low"],
            "url": search_url(q=row["folded"]),
        }
        for row in rows
    ]


def _gaps(filters: Filters) -> list[dict[str, Any]]:
    """Searches per level x subject that found nothing or little: what to ask contributors
    for. Cells are kept by id here and named (and merged across the crosswalk) on display."""
    demand = DailyDemand.objects.filter(
        _region_q(filters), day__gte=filters.start, day__lte=filters.end
    )
    if filters.level:
        demand = demand.filter(level_id__in=matching_term_ids(filters.level))
    if filters.subject:
        demand = demand.filter(subject_id__in=matching_term_ids(filters.subject))
    rows = (
        demand.values("level_id", "subject_id")
        .annotate(total=Sum("count"), zero=Sum("zero"), low=Sum("low"))
        .filter(Q(zero__gt=0) | Q(low__gt=0))
        .order_by("-zero", "-low", "level_id", "subject_id")[: GAP_ROWS * 4]
    )
    return [
        {
            "level_id": row["level_id"],
            "subject_id": row["subject_id"],
            "count": row["total"],
            "zero": row["zero"],
            "low": row["low"],
        }
        for row in rows
    ]


def dashboard_figures(filters: Filters) -> dict[str, Any]:
    """Every table of the dashboard except the weekly indicators (``insight.indicators``),
    cached for ``CACHE_SECONDS`` per filter."""
    key = f"insight:dashboard:{filters.key()}"
    figures = cache.get(key)
    if figures is None:
        searches = _period_searches(filters)
        figures = {
            "viewed": _top_objects(filters, usage.RESOURCE_VIEW, Resource.objects.only("title")),
            "downloaded": _top_objects(filters, usage.DOWNLOAD, Resource.objects.only("title")),
            "questions": _top_objects(filters, usage.FORUM_VIEW, Question.objects.only("title")),
            "events": _top_objects(filters, usage.EVENT_VIEW, Event.objects.only("title")),
            "searches": searches[:TOP],
            "rising": _rising_searches(filters, searches),
            "zero_queries": _zero_queries(filters),
            "gaps": _gaps(filters),
        }
        cache.set(key, figures, CACHE_SECONDS)
    return figures


def term_name(term: Level | Subject | None, region: str) -> tuple[str, str]:
    """(label, code) of ``term`` as a reader of ``region`` names it."""
    if term is None:
        return "", ""
    shown = term.in_region(region)
    return shown.label, shown.code


def named_gaps(gaps: list[dict[str, Any]], region: str) -> list[dict[str, Any]]:
    """The gap cells named in the reader's regional wording, with a link that opens the
    search for that level and subject. Cells that the crosswalk names alike (a Flemish and a
    Dutch level of the same age) are added together."""
    levels = terms_by_id(Level)
    subjects = terms_by_id(Subject)
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for gap in gaps:
        level_label, level_code = term_name(levels.get(gap["level_id"]), region)
        subject_label, subject_code = term_name(subjects.get(gap["subject_id"]), region)
        if not level_code:
            continue  # a level since removed from the vocabulary
        cell = merged.setdefault(
            (level_code, subject_code),
            {
                "level": level_label,
                "subject": subject_label,
                "count": 0,
                "zero": 0,
                "low": 0,
                "url": search_url(level=level_code, subject=subject_code),
            },
        )
        for name in ("count", "zero", "low"):
            cell[name] += gap[name]
    rows = sorted(merged.values(), key=lambda r: (-r["zero"], -r["low"], r["level"], r["subject"]))
    return rows[:GAP_ROWS]
