"""The public figures (/stats/): how large the network is and how it grows.

Counted from the database (members and published resources are the source of truth, not the
usage rollups) and kept in the cache for an hour: the page is public, anyone may reload it,
and its numbers need not be more recent than that. The cache holds numbers and term ids only;
the labels are taken at render time from the vocabularies in memory, in the reader's language,
so one entry per region serves every interface language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone

from staffroom.accounts.models import Member
from staffroom.curriculum.models import Level
from staffroom.curriculum.queries import levels_for_region, matching_term_ids, terms_by_id
from staffroom.resources.models import ContentLanguage, Resource, Status

CACHE_SECONDS = 60 * 60
CACHE_VERSION = 1


@dataclass(frozen=True)
class Growth:
    """New members and resources this calendar year so far, and in the same part of last year
    (a whole last year would make every January look like a collapse)."""

    year: int
    until: date  # this year's count runs up to and including this day
    resources: int
    resources_before: int
    members: int
    members_before: int


@dataclass(frozen=True)
class PublicStats:
    members: int
    resources: int
    contributors: int
    # (level id, published resources) for each top-level level of the region, in its order.
    levels: tuple[tuple[int, int], ...]
    # (content language code, published resources), the largest first.
    languages: tuple[tuple[str, int], ...]
    growth: Growth
    counted_at: datetime


@dataclass(frozen=True)
class Bar:
    """One row of a labelled count, with its share of the largest for a plain bar."""

    label: str
    count: int
    percent: int


def _members():
    """Members that count: active accounts, without the one that deleted members' work is
    kept under."""
    return Member.objects.filter(is_active=True, is_former_member=False)


def _year_start(year: int) -> datetime:
    return timezone.make_aware(datetime.combine(date(year, 1, 1), time.min))


def _same_day_last_year(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _growth(today: date) -> Growth:
    this_year = (_year_start(today.year), timezone.now())
    last_day = _same_day_last_year(today)
    last_year = (
        _year_start(today.year - 1),
        timezone.make_aware(datetime.combine(last_day, time.max)),
    )
    resources = Resource.objects.published()
    members = _members()
    return Growth(
        year=today.year,
        until=today,
        resources=resources.filter(published_at__range=this_year).count(),
        resources_before=resources.filter(published_at__range=last_year).count(),
        members=members.filter(date_joined__range=this_year).count(),
        members_before=members.filter(date_joined__range=last_year).count(),
    )


def _levels(region: str) -> tuple[tuple[int, int], ...]:
    """Published resources per top-level level of ``region``: a resource tagged with any level
    under it, or with the other region's equivalent, counts once per top level."""
    published = Resource.objects.published()
    tops = [level for level in levels_for_region(region) if level.parent_id is None]
    return tuple(
        (top.pk, published.filter(levels__in=matching_term_ids(top)).distinct().count())
        for top in tops
    )


def compute_public_stats(region: str, today: date | None = None) -> PublicStats:
    """Count everything afresh (a dozen queries): what the cache keeps for an hour."""
    today = today or timezone.localdate()
    published = Resource.objects.published()
    languages = (
        published.values_list("language").annotate(count=Count("pk")).order_by("-count", "language")
    )
    return PublicStats(
        members=_members().count(),
        resources=published.count(),
        contributors=_members().filter(resources__status=Status.PUBLISHED).distinct().count(),
        levels=_levels(region),
        languages=tuple((code, count) for code, count in languages),
        growth=_growth(today),
        counted_at=timezone.now(),
    )


def public_stats(region: str) -> PublicStats:
    """The public figures for a reader of ``region``, at most an hour old."""
    key = f"insight:public-stats:{region}"
    stats = cache.get(key, version=CACHE_VERSION)
    if not isinstance(stats, PublicStats):
        stats = compute_public_stats(region)
        cache.set(key, stats, CACHE_SECONDS, version=CACHE_VERSION)
    return stats


def _bars(rows: list[tuple[str, int]]) -> list[Bar]:
    largest = max((count for _label, count in rows), default=0)
    return [
        Bar(label, count, round(count * 100 / largest) if largest else 0) for label, count in rows
    ]


def level_bars(stats: PublicStats) -> list[Bar]:
    """The level rows labelled in the active language (from the vocabularies in memory)."""
    levels = terms_by_id(Level)
    return _bars([(levels[pk].label, count) for pk, count in stats.levels if pk in levels])


def language_bars(stats: PublicStats) -> list[Bar]:
    names = dict(ContentLanguage.choices)
    return _bars([(str(names.get(code, code)), count) for code, count in stats.languages])
