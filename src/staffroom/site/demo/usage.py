"""The demo's usage history: three school years of searches and uses, generated.

Nothing here was recorded from people. The history is drawn from a school-calendar model with
noise, so that the dashboard, the forecasts and the recommendations show on a first start what
their methods find in real data:

- activity follows the school week (Sunday evening preparation, quiet Saturdays), the school
  holidays of each region (``curriculum.school_calendar``: fewer searches in holidays, more in
  the week before school starts) and a growing membership (about a quarter more a year);
- each query of ``data/usage.json`` has a base rate and peaks before the dates teachers prepare
  for (Sinterklaas, Christmas, exams, Mother's day ...); many seasonal queries have no resource
  in the demo: those are the gaps the dashboard shows;
- each demo resource has a popularity (log-normal) and its topic's seasons; it is opened by
  members of its band, who favour a few subjects (so "colleagues also used" has a pattern);
- members are pseudonyms: the demo's own teachers (their real pseudonyms, so their home page
  leaves out what "they" downloaded) and a few hundred generated ones.

Every day is counted into the rollups with the same code as real events
(``insight.services.rollups_of``); the raw events of the last INSIGHT_RAW_EVENT_DAYS are kept as
raw events too, as on a site that has been running. The seed fixes the result.
"""

from __future__ import annotations

import bisect
import json
import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import numpy as np
from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from staffroom.accounts.models import Member
from staffroom.core import usage
from staffroom.curriculum import school_calendar
from staffroom.curriculum.models import Level, Subject
from staffroom.events.models import Event
from staffroom.forum.models import Question
from staffroom.insight.forecast import forecasts_refresh
from staffroom.insight.models import DailyCount, DailyDemand, DailySearch, UsageEvent
from staffroom.insight.recommend import co_usage_rebuild
from staffroom.insight.recorder import member_key
from staffroom.insight.services import rollups_of
from staffroom.resources.models import Resource
from staffroom.search.models import folded

from .content import load
from .plan import Spec
from .topics import BANDS, TOPICS

HISTORY_DAYS = 3 * 365
GENERATED_MEMBERS = 400
# Expected uses of the whole demo site on a school weekday, before growth and seasons.
RESOURCE_VIEWS_A_DAY = 90.0
DOWNLOAD_SHARE = 0.35
FORUM_VIEWS_A_DAY = 20.0
EVENT_VIEWS_A_DAY = 6.0
# Monday .. Sunday: teachers prepare on Sunday evening, rest on Saturday.
WEEKDAY = (1.15, 1.1, 1.05, 1.0, 0.8, 0.35, 0.9)
# Share of searches and uses from each region (the Netherlands is about 15% of KlasCement).
REGION_SHARE = {"fl": 0.82, "nl": 0.18}
# The subject of a query, named by a demo topic (its subject code per region and band).
QUERY_TOPIC = {
    "wis": "fractions",
    "ned": "dt-spelling",
    "fra": "french-verbs",
    "eng": "english-irregular",
    "wet": "photosynthesis",
    "ges": "ww1",
    "aar": "climate",
}
# A query finds the resources of these topics (the gaps find none).
QUERY_FINDS = {
    "breuken": "fractions",
    "fractions": "fractions",
    "tafels": "times-tables",
    "klokkijken": "clock",
    "procenten": "percentages",
    "pythagoras": "pythagoras",
    "pythagoras theorem": "pythagoras",
    "begrijpend lezen": "reading-strategies",
    "dt-fouten": "dt-spelling",
    "leren lezen": "learning-to-read",
    "passe compose": "french-passe-compose",
    "irregular verbs": "english-irregular",
    "fotosynthese": "photosynthesis",
    "waterkringloop": "water-cycle",
    "zonnestelsel": "solar-system",
    "verkeer": "road-safety",
    "herfst": "seasons",
    "eerste wereldoorlog": "ww1",
    "kinderrechten": "childrens-rights",
    "klimaat": "climate",
    "gezonde voeding": "healthy-food",
    "nepnieuws": "fake-news",
    "scratch": "scratch",
}


@dataclass(slots=True)
class Raw:
    """A generated event: the fields of ``UsageEvent`` the rollups and the table need (a
    model instance each would cost more than generating the history)."""

    kind: str
    created_at: datetime
    region: str
    member_key: str = ""
    levels: list[int] = field(default_factory=list)
    subjects: list[int] = field(default_factory=list)
    object_id: int | None = None
    query: str = ""
    folded: str = ""
    filters: dict[str, str] = field(default_factory=dict)
    result_count: int | None = None
    page: int | None = None
    rank: int | None = None


@dataclass
class Pseudonym:
    key: str
    region: str
    band: str
    levels: list[int]
    subjects: list[int]
    favourite_topics: set[str]


@dataclass
class Used:
    pk: int
    published: date
    band: str
    topic: str
    popularity: float


@dataclass(frozen=True)
class Query:
    text: str
    bands: tuple[str, ...]
    topic: str  # the demo topic naming its subject, or ""
    base: float  # searches a school week
    peaks: tuple[tuple[int, int, int, float], ...]  # (month, day, weeks before, height)
    region: str  # "" for both


def _peaks(raw: Sequence[Sequence]) -> tuple[tuple[int, int, int, float], ...]:
    found = []
    for month_day, weeks, height in raw:
        month, day = (int(part) for part in str(month_day).split("-"))
        found.append((month, day, int(weeks), float(height)))
    return tuple(found)


def _season(peaks: Sequence[tuple[int, int, int, float]], day: date) -> float:
    """1 outside the peaks; up to ``height`` in the weeks before a date (a ramp)."""
    factor = 1.0
    for month, month_day, weeks, height in peaks:
        for year in (day.year, day.year + 1):
            try:
                target = date(year, month, month_day)
            except ValueError:
                continue
            before = (target - day).days
            if -3 <= before <= weeks * 7:
                ramp = 1 - max(before, 0) / (weeks * 7 + 1)
                factor = max(factor, 1 + (height - 1) * ramp)
    return factor


class Activity:
    """How busy teachers of a region are on a day: school week, holidays, growth."""

    def __init__(self, start: date):
        self.start = start
        self._weeks: dict[tuple[str, date], float] = {}

    def _school(self, region: str, monday: date) -> float:
        key = (region, monday)
        if key not in self._weeks:
            week = school_calendar.week_features(region, monday)
            # Holidays are quiet, but the week before school starts again is busy.
            after = school_calendar.week_features(region, monday + timedelta(days=7))
            factor = 1 - 0.8 * week.holiday_share
            if week.holiday_share > 0.5 and after.holiday_share < 0.5:
                factor += 0.5
            self._weeks[key] = factor
        return self._weeks[key]

    def on(self, region: str, day: date) -> float:
        monday = day - timedelta(days=day.weekday())
        growth = 1 + 0.25 * (day - self.start).days / 365
        return WEEKDAY[day.weekday()] * self._school(region, monday) * growth


class UsageHistory:
    def __init__(self, rng: random.Random, write: Callable[[str], object], now: datetime):
        self.rng = rng
        self.np = np.random.default_rng(rng.randrange(2**32))
        self.write = write
        self.now = now
        self.today = timezone.localdate(now)
        self.start = self.today - timedelta(days=HISTORY_DAYS)
        self.keep_raw_from = self.today - timedelta(days=settings.INSIGHT_RAW_EVENT_DAYS - 1)
        self.activity = Activity(self.start)
        self._midnight = (date.min, now)
        self.level_ids = dict(Level.objects.values_list("code", "pk"))
        self.subject_ids = dict(Subject.objects.values_list("code", "pk"))
        self.topics = {topic.key: topic for topic in TOPICS}
        data = load("usage")
        self.queries = [
            Query(
                text=item["q"],
                bands=tuple(item["bands"]),
                topic=QUERY_TOPIC.get(item.get("subject", ""), ""),
                base=float(item["base"]),
                peaks=_peaks(item.get("peaks", [])),
                region=item.get("region", ""),
            )
            for item in data["queries"]
        ]
        self.topic_peaks = {key: _peaks(value) for key, value in data["topic_peaks"].items()}

    # --- who ---------------------------------------------------------------------------

    def _subject_id(self, topic_key: str, region: str, band: str) -> int | None:
        topic = self.topics.get(topic_key)
        return self.subject_ids.get(topic.subject_code(region, band)) if topic else None

    def pseudonyms(self, demo_members: Sequence[Member]) -> list[Pseudonym]:
        found = []
        for member in demo_members:
            levels = sorted(level.pk for level in member.levels.all())
            own = {level.code for level in member.levels.all()}
            band = next((b for b, c in BANDS.items() if own & set(c[member.region])), "lo2")
            favourites = {t.key for t in TOPICS if band in t.bands}
            found.append(
                Pseudonym(
                    key=member_key(member.pk),
                    region=member.region,
                    band=band,
                    levels=levels,
                    subjects=sorted(subject.pk for subject in member.subjects.all()),
                    favourite_topics=set(
                        self.rng.sample(sorted(favourites), min(4, len(favourites)))
                    ),
                )
            )
        bands = list(BANDS)
        weights = [2, 5, 5, 4, 3, 2, 1, 1]  # more primary teachers, as on KlasCement
        for number in range(GENERATED_MEMBERS):
            region = "fl" if self.rng.random() < REGION_SHARE["fl"] else "nl"
            band = self.rng.choices(bands, weights)[0]
            codes = BANDS[band][region]
            chosen: list[str] = self.rng.sample(codes, min(len(codes), self.rng.choice((1, 1, 2))))
            topics = [t for t in TOPICS if band in t.bands]
            favourites = {t.key for t in self.rng.sample(topics, min(4, len(topics)))}
            subjects = {self._subject_id(key, region, band) for key in favourites}
            found.append(
                Pseudonym(
                    # Generated members have no account: their pseudonyms hash ids no account
                    # can have (negative numbers).
                    key=member_key(-1 - number),
                    region=region,
                    band=band,
                    levels=sorted(self.level_ids[code] for code in chosen),
                    subjects=sorted(s for s in subjects if s is not None),
                    favourite_topics=favourites,
                )
            )
        return found

    # --- what --------------------------------------------------------------------------

    def _pick(self, people: Sequence[Pseudonym], topic: str) -> Pseudonym | None:
        """A member of the band who likes the topic (mostly), or a visitor (None)."""
        if not people or self.rng.random() < 0.25:
            return None
        fans = [person for person in people if topic in person.favourite_topics]
        pool = fans if fans and self.rng.random() < 0.8 else people
        return self.rng.choice(pool)

    def _event(self, kind: str, at: datetime, region: str, who: Pseudonym | None, **fields):
        keyed = who is not None and kind in (usage.RESOURCE_VIEW, usage.DOWNLOAD)
        return Raw(
            kind=kind,
            member_key=who.key if keyed and who is not None else "",
            region=region,
            levels=fields.pop("levels", who.levels if who else []),
            subjects=fields.pop("subjects", who.subjects if who else []),
            created_at=at,
            **fields,
        )

    def _at(self, day: date) -> datetime:
        if self._midnight[0] != day:
            self._midnight = (day, timezone.make_aware(datetime.combine(day, time.min)))
        # Mostly in the evening and during the school day.
        hour = self.rng.choice((8, 10, 12, 13, 15, 16, 19, 20, 20, 21, 21, 22))
        return self._midnight[1] + timedelta(hours=hour, seconds=self.rng.randrange(3600))

    def day_events(
        self,
        day: date,
        used: list[Used],
        published_by_topic: dict[str, list[date]],
        people: dict[str, dict[str, list[Pseudonym]]],
        questions: list[int],
        events: list[int],
    ) -> list[Raw]:
        found: list[Raw] = []
        for region, share in REGION_SHARE.items():
            busy = self.activity.on(region, day) * share
            for query in self.queries:
                if query.region and query.region != region:
                    continue
                expected = query.base / 5 * busy * _season(query.peaks, day)
                for _n in range(self.np.poisson(expected)):
                    found += self._search(day, region, query, published_by_topic, people)
            available = [u for u in used if u.published <= day]
            if available:
                weights = np.array(
                    [
                        u.popularity * _season(self.topic_peaks.get(u.topic, ()), day)
                        for u in available
                    ]
                )
                counts = self.np.poisson(weights / weights.sum() * RESOURCE_VIEWS_A_DAY * busy)
                for resource, views in zip(available, counts, strict=True):
                    for _n in range(int(views)):
                        who = self._pick(people[region].get(resource.band, []), resource.topic)
                        at = self._at(day)
                        found.append(
                            self._event(usage.RESOURCE_VIEW, at, region, who, object_id=resource.pk)
                        )
                        if self.rng.random() < DOWNLOAD_SHARE:
                            found.append(
                                self._event(usage.DOWNLOAD, at, region, who, object_id=resource.pk)
                            )
            for pool, rate, kind in (
                (questions, FORUM_VIEWS_A_DAY, usage.FORUM_VIEW),
                (events, EVENT_VIEWS_A_DAY, usage.EVENT_VIEW),
            ):
                if pool:
                    for _n in range(self.np.poisson(rate * busy)):
                        # A few questions and events draw most of the views.
                        index = min(int(self.rng.paretovariate(1.2)) - 1, len(pool) - 1)
                        found.append(
                            self._event(kind, self._at(day), region, None, object_id=pool[index])
                        )
        return found

    def _search(self, day, region, query: Query, published_by_topic, people) -> list[Raw]:
        band = self.rng.choice(query.bands)
        who = self._pick(people[region].get(band, []), QUERY_FINDS.get(folded(query.text), ""))
        topic = QUERY_FINDS.get(folded(query.text), "")
        found = bisect.bisect_right(published_by_topic.get(topic, []), day) if topic else 0
        filters: dict[str, str] = {}
        levels = who.levels if who else []
        subjects = who.subjects if who else []
        if self.rng.random() < 0.35:
            code = self.rng.choice(BANDS[band][region])
            filters["level"] = code
            levels = [self.level_ids[code]]
            subject = self._subject_id(query.topic, region, band) if query.topic else None
            subjects = [subject] if subject else []
            found = max(0, found - self.rng.randrange(0, 3)) if found else 0
        at = self._at(day)
        events = [
            self._event(
                usage.SEARCH,
                at,
                region,
                who,
                query=query.text,
                folded=folded(query.text),
                filters=filters,
                result_count=found,
                page=1,
                levels=levels,
                subjects=subjects,
            )
        ]
        if found and self.rng.random() < 0.6:
            rank = min(int(self.rng.expovariate(0.5)) + 1, found)
            events.append(
                self._event(
                    usage.SEARCH_CLICK,
                    at,
                    region,
                    None,
                    query=query.text,
                    folded=folded(query.text),
                    rank=rank,
                    levels=[],
                    subjects=[],
                )
            )
        return events


def _insert(model: type[models.Model], rows: Sequence[object]) -> None:
    """Write ``rows`` (model instances or ``Raw``) with one prepared statement: the ORM's
    bulk_create spends most of its time preparing each value, and these are plain already."""
    columns = [f for f in model._meta.concrete_fields if not f.primary_key]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(str(f.column)) for f in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 - names from the model
    json_fields = {f.attname for f in columns if isinstance(f, models.JSONField)}

    def values(row: object) -> tuple:
        return tuple(
            json.dumps(getattr(row, f.attname))
            if f.attname in json_fields
            else getattr(row, f.attname)
            for f in columns
        )

    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, [values(row) for row in rows[start : start + 5000]])


def build_usage_history(
    rng: random.Random,
    created: Sequence[tuple[Resource, Spec]],
    demo_members: Sequence[Member],
    write: Callable[[str], object],
) -> dict[str, int]:
    """Generate the demo's usage history (see the module's docstring); returns counts."""
    now = timezone.now()
    history = UsageHistory(rng, write, now)
    used: list[Used] = []
    published_by_topic: dict[str, list[date]] = defaultdict(list)
    specs = {resource.pk: spec for resource, spec in created}
    published_at = Resource.objects.published().filter(pk__in=list(specs))
    for pk, when in published_at.values_list("pk", "published_at"):
        published = timezone.localdate(when)
        spec = specs[pk]
        topic = spec.placed_topic.key
        used.append(Used(pk, published, spec.band, topic, rng.lognormvariate(0, 1.0)))
        published_by_topic[topic].append(published)
    for dates in published_by_topic.values():
        dates.sort()
    people: dict[str, dict[str, list[Pseudonym]]] = {
        "fl": defaultdict(list),
        "nl": defaultdict(list),
    }
    for person in history.pseudonyms([m for m in demo_members if m.usage_history]):
        people[person.region][person.band].append(person)
    questions = list(Question.objects.order_by("?").values_list("pk", flat=True)[:200])
    events = list(Event.objects.values_list("pk", flat=True)[:100])
    counts: list[DailyCount] = []
    searches: list[DailySearch] = []
    demand: list[DailyDemand] = []
    raw: list[Raw] = []
    total = 0
    day = history.start
    while day < history.today:
        found = history.day_events(day, used, published_by_topic, people, questions, events)
        total += len(found)
        day_counts, day_searches, day_demand = rollups_of(found, day)
        counts += day_counts
        searches += day_searches
        demand += day_demand
        if day >= history.keep_raw_from:
            raw += found
        day += timedelta(days=1)
    with transaction.atomic():
        for model in (UsageEvent, DailyCount, DailySearch, DailyDemand):
            model.objects.all().delete()
        _insert(UsageEvent, raw)
        _insert(DailyCount, counts)
        _insert(DailySearch, searches)
        _insert(DailyDemand, demand)
    # What the clock derives from the history, made now: the demo starts as a running site.
    co_usage = co_usage_rebuild(now=now)
    forecasts = forecasts_refresh(today=history.today)
    write(
        f"Usage history (generated): {total} events over {HISTORY_DAYS} days, "
        f"{len(raw)} kept as raw events, {len(counts) + len(searches) + len(demand)} daily rows, "
        f"{co_usage} co-usage pairs, {forecasts} forecasts."
    )
    return {"usage events": total, "raw events kept": len(raw)}
