"""Recommendations at a point in time, measured offline: hit rate@10 and catalogue coverage on
held-out weeks, against a popularity baseline (docs/benchmarks.md).

The usage history is GENERATED here, not recorded from people: a school-calendar-shaped model
with a fixed seed (``SEED``), so that the figures can be reproduced and say what the method
finds in data of that shape, no more.

- 1,500 resources, each for one level and one subject (15 % tagged with the Netherlands'
  terms), published over six years; 60 % are seasonal (a peak around a date teachers prepare
  for: the start of the year, Halloween, Sinterklaas, Christmas, carnival, spring, Easter,
  Mother's day, the exams, the last weeks), the others used all year; a log-normal popularity.
- 600 members with one or two neighbouring levels (15 % Dutch, in the Netherlands' terms) and
  one or two subjects; a tenth turned usage history off (their events carry neither
  pseudonym nor levels, as the recorder stores them). Members contributed most resources.
- Each day a member downloads a Poisson number of resources of their levels (about 0.3 on a
  school day, less at weekends and a tenth of that in holidays), drawn by popularity x season
  x three times for their subjects, and opens about half as many more; every download comes
  with a view of the resource's page.

The events of three school years and a term (September 2023 to 20 December 2026) go through
the real rollups (``insight_rollup_day``) and the clock's retention (raw events older than
INSIGHT_RAW_EVENT_DAYS deleted), except the last ``--weeks`` weeks (6: 9 November to 20
December 2026), which are held out. For each held-out week, each member who downloaded
something that week they had not downloaded before gets a list of ten, asked for on that
week's Monday:

- ``recommend``: ``insight.recommend.recommend`` (history of the same school weeks of the two
  years before, blended with new and well-rated resources of the member's levels);
- ``recommend, no history``: the same without the history part (the profile's new, well-rated
  and popular resources): what the history adds;
- ``popularity``: the most downloaded resources over the whole training period, the same for
  everyone, with the same exclusions (the member's own resources and what they downloaded).

Hit rate@10: the share of held-out downloads (first downloads of a resource by that member)
whose resource is in the member's list of that week. Coverage: the share of the published
catalogue that appears in at least one list.

    .venv/bin/python bench/recommend.py [--weeks 6] [--no-write]

The database is a throwaway SQLite file in a temporary folder, removed afterwards.
"""

import argparse
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchtools import ROOT, write_section

COMMAND = ".venv/bin/python bench/recommend.py"
SEED = 20261207
START = date(2023, 9, 4)
END = date(2026, 12, 20)  # the last day of the history, a Sunday
RESOURCES = 1500
MEMBERS = 600
OPTED_OUT = 0.1
DUTCH = 0.15
SCHOOL_DAY_RATE = 0.3
# (month, day) of the dates teachers prepare for; a seasonal resource peaks near one of them.
ANCHORS = [(9, 5), (10, 31), (12, 5), (12, 18), (2, 12), (3, 21), (4, 5), (5, 8), (6, 10), (6, 24)]
LEVELS = ["fl-lo-1", "fl-lo-2", "fl-lo-3", "fl-lo-4", "fl-lo-5", "fl-lo-6"]
LEVELS += ["fl-so-1g", "fl-so-2g-ds", "fl-so-3g-ds"]
SUBJECTS = ["fl-wis", "fl-ned", "fl-fra", "fl-eng", "fl-wo", "fl-gesch", "fl-lo"]


def holiday(day: date) -> bool:
    """School holidays, roughly as in both regions (summer, autumn, Christmas, carnival,
    Easter)."""
    month, dom = day.month, day.day
    return (
        month in (7, 8)
        or (month == 11 and dom <= 6 and day.isocalendar()[1] in (44, 45))
        or (month == 12 and dom >= 21)
        or (month == 1 and dom <= 4)
        or (month == 2 and 10 <= dom <= 16)
        or (month == 4 and 1 <= dom <= 14)
    )


def day_rate(day: date) -> float:
    if holiday(day):
        return SCHOOL_DAY_RATE * 0.1
    if day.weekday() == 5:
        return SCHOOL_DAY_RATE * 0.15
    if day.weekday() == 6:
        return SCHOOL_DAY_RATE * 0.6  # Sunday evening: preparing the week
    return SCHOOL_DAY_RATE


def setup(folder: Path) -> None:
    os.environ["STAFFROOM_VAR"] = str(folder)
    os.environ["STAFFROOM_DEBUG"] = "1"
    for name in ("DATABASE_URL", "REDIS_URL", "SEARCH_INDEX_DIR", "MEDIA_ROOT"):
        os.environ.pop(name, None)
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "staffroom.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


class World:
    """The generated catalogue, members and their history."""

    def __init__(self, rng: random.Random, nprng: np.random.Generator):
        from staffroom.accounts.models import Member
        from staffroom.curriculum.models import Level, Subject
        from staffroom.curriculum.queries import matching_term_ids
        from staffroom.resources.models import Resource, Status

        levels = {level.code: level for level in Level.objects.all()}
        subjects = {subject.code: subject for subject in Subject.objects.all()}
        self.members: list = []
        self.profiles: list[tuple[list[int], list[int], str]] = []
        self.tracked: list[bool] = []
        rows = []
        for number in range(MEMBERS):
            dutch = rng.random() < DUTCH
            first = rng.randrange(len(LEVELS))
            codes = [LEVELS[first]]
            if rng.random() < 0.35:
                codes.append(LEVELS[min(first + 1, len(LEVELS) - 1)])
            taught = [levels[code] for code in dict.fromkeys(codes)]
            if dutch:
                taught = [level.equivalent or level for level in taught]
            chosen = [subjects[code] for code in rng.sample(SUBJECTS, rng.choice((1, 1, 2)))]
            if dutch:
                chosen = [subject.equivalent or subject for subject in chosen]
            region = "nl" if dutch else "fl"
            self.profiles.append(([t.pk for t in taught], [s.pk for s in chosen], region))
            self.tracked.append(rng.random() >= OPTED_OUT)
            rows.append(
                Member(
                    email=f"bench{number}@example.org",
                    name=f"Teacher {number}",
                    region=region,
                    language="nl",
                    usage_history=self.tracked[-1],
                )
            )
        for member in rows:
            member.set_unusable_password()
        self.members = Member.objects.bulk_create(rows, batch_size=500)
        for member, (level_ids, subject_ids, _region) in zip(
            self.members, self.profiles, strict=True
        ):
            member.levels.set(level_ids)
            member.subjects.set(subject_ids)

        first_published = datetime(2020, 9, 1, tzinfo=UTC)
        span = (datetime(2026, 12, 15, tzinfo=UTC) - first_published).total_seconds()
        resources = []
        self.resource_level: list[int] = []
        self.resource_subject: list[int] = []
        self.peak: list[int | None] = []  # day of the year, None: all year
        for number in range(RESOURCES):
            level = levels[rng.choice(LEVELS)]
            subject = subjects[rng.choice(SUBJECTS)]
            if rng.random() < DUTCH:
                level, subject = level.equivalent or level, subject.equivalent or subject
            self.resource_level.append(level.pk)
            self.resource_subject.append(subject.pk)
            if rng.random() < 0.6:
                month, dom = rng.choice(ANCHORS)
                peak = date(2025, month, dom).timetuple().tm_yday + rng.randint(-7, 3)
                self.peak.append(peak)
            else:
                self.peak.append(None)
            resources.append(
                Resource(
                    title=f"Generated resource {number}",
                    kind="link",
                    url=f"https://example.org/generated/{number}",
                    contributor=self.members[rng.randrange(MEMBERS)],
                    status=Status.PUBLISHED,
                    published_at=first_published + timedelta(seconds=rng.random() * span),
                )
            )
        self.resources = Resource.objects.bulk_create(resources, batch_size=500)
        self.ids = np.array([resource.pk for resource in self.resources])
        self.published = np.array(
            [resource.published_at.date().toordinal() for resource in self.resources]
        )
        Resource.levels.through.objects.bulk_create(
            [
                Resource.levels.through(resource_id=resource.pk, level_id=level_id)
                for resource, level_id in zip(self.resources, self.resource_level, strict=True)
            ]
        )
        Resource.subjects.through.objects.bulk_create(
            [
                Resource.subjects.through(resource_id=resource.pk, subject_id=subject_id)
                for resource, subject_id in zip(self.resources, self.resource_subject, strict=True)
            ]
        )
        self.popularity = nprng.lognormal(0.0, 1.0, RESOURCES)
        reach = {
            level_id: matching_term_ids(Level.objects.get(pk=level_id))
            for level_id in set(self.resource_level) | {i for p in self.profiles for i in p[0]}
        }
        subject_reach = {
            subject_id: matching_term_ids(Subject.objects.get(pk=subject_id))
            for subject_id in set(self.resource_subject) | {i for p in self.profiles for i in p[1]}
        }
        # Per member: the indexes of the resources of their levels, and their subject factor.
        self.choices: list[tuple[np.ndarray, np.ndarray]] = []
        for level_ids, subject_ids, _region in self.profiles:
            levels_reached = set().union(*(reach[i] for i in level_ids))
            subjects_reached = set().union(*(subject_reach[i] for i in subject_ids))
            index = np.array(
                [i for i, lv in enumerate(self.resource_level) if lv in levels_reached]
            )
            factor = np.array(
                [3.0 if self.resource_subject[i] in subjects_reached else 1.0 for i in index]
            )
            self.choices.append((index, factor))

    def season(self, day: date) -> np.ndarray:
        """Each resource's seasonal factor on ``day``."""
        yday = day.timetuple().tm_yday
        factors = np.ones(RESOURCES)
        for i, peak in enumerate(self.peak):
            if peak is not None:
                distance = min(abs(yday - peak), 365 - abs(yday - peak))
                factors[i] = 0.08 + 4.0 * np.exp(-((distance / 9.0) ** 2))
        return factors

    def history(self, nprng: np.random.Generator):
        """(day, member index, resource index, kind) of every generated use, in day order."""
        from staffroom.core import usage

        day = START
        while day <= END:
            season = self.season(day)
            alive = self.published <= day.toordinal()
            weights_today = self.popularity * season * alive
            rate = day_rate(day)
            for member_index, (index, factor) in enumerate(self.choices):
                count = nprng.poisson(rate)
                views = nprng.poisson(rate * 0.5)
                if not count and not views:
                    continue
                weights = weights_today[index] * factor
                total = weights.sum()
                if total <= 0:
                    continue
                picked = nprng.choice(index, size=count + views, p=weights / total)
                for n, resource_index in enumerate(picked):
                    if n < count:
                        yield day, member_index, int(resource_index), usage.RESOURCE_VIEW
                        yield day, member_index, int(resource_index), usage.DOWNLOAD
                    else:
                        yield day, member_index, int(resource_index), usage.RESOURCE_VIEW
            day += timedelta(days=1)


def build(world: World, nprng: np.random.Generator, held_out_start: date):
    """Store the training events, roll them up day by day, apply retention. Returns the
    held-out downloads as (week's Monday, member index, resource id, day), the number of
    training events, and each member's training downloads (all of them: the generator knows
    those of members with usage history off, and those past retention)."""
    from django.utils import timezone

    from staffroom.core import usage
    from staffroom.insight.models import UsageEvent
    from staffroom.insight.recorder import member_key
    from staffroom.insight.services import insight_prune_events, insight_rollup_day

    keys = [member_key(member.pk) for member in world.members]
    downloaded: dict[int, set[int]] = defaultdict(set)
    held_out = []
    batch: list = []
    events = 0
    days = set()
    for day, member_index, resource_index, kind in world.history(nprng):
        resource_id = int(world.ids[resource_index])
        if day >= held_out_start:
            if kind == usage.DOWNLOAD:
                monday = day - timedelta(days=day.weekday())
                held_out.append((monday, member_index, resource_id, day))
            continue
        if kind == usage.DOWNLOAD:
            downloaded[member_index].add(resource_id)
        tracked = world.tracked[member_index]
        level_ids, _subjects, region = world.profiles[member_index]
        moment = timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(
            hours=9 + (events % 10)
        )
        batch.append(
            UsageEvent(
                kind=kind,
                object_id=resource_id,
                member_key=keys[member_index] if tracked else "",
                region=region,
                levels=sorted(level_ids) if tracked else [],
                subjects=[],
                created_at=moment,
            )
        )
        days.add(day)
        events += 1
        if len(batch) >= 20000:
            UsageEvent.objects.bulk_create(batch, batch_size=5000)
            batch = []
    UsageEvent.objects.bulk_create(batch, batch_size=5000)
    for day in sorted(days):
        insight_rollup_day(day)
    # As on a site that has run: raw events beyond the retention period are gone.
    cutoff = timezone.make_aware(datetime.combine(held_out_start, datetime.min.time()))
    insight_prune_events(now=cutoff)
    return held_out, events, downloaded


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--weeks", type=int, default=6)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="staffroom-bench-recommend-"))
    try:
        run(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(args, folder: Path) -> None:
    started = time.perf_counter()
    setup(folder)
    from django.db.models import Q
    from django.utils import timezone

    from staffroom.core import usage
    from staffroom.insight import recommend as recommending
    from staffroom.insight.models import DailyCount
    from staffroom.resources.models import Resource

    rng = random.Random(SEED)
    nprng = np.random.default_rng(SEED)
    world = World(rng, nprng)
    held_out_start = END - timedelta(days=7 * args.weeks - 1)
    held_out, events, before = build(world, nprng, held_out_start)
    # Each resource's downloads in the training period, as the download counter would hold.
    totals: dict[int, int] = defaultdict(int)
    for object_id, count in DailyCount.objects.filter(
        kind=usage.DOWNLOAD, level_id=0, day__lt=held_out_start
    ).values_list("object_id", "count"):
        totals[object_id] += count
    ratings = np.clip(nprng.normal(3.9, 0.6, RESOURCES), 1, 5)
    for resource, rating in zip(world.resources, ratings, strict=True):
        resource.download_count = totals.get(resource.pk, 0)
        resource.rating_count = int(nprng.poisson(1 + resource.download_count / 40))
        resource.rating_average = round(float(rating), 1) if resource.rating_count else 0
    Resource.objects.bulk_update(
        world.resources, ["download_count", "rating_count", "rating_average"], batch_size=500
    )
    built = time.perf_counter() - started
    print(f"{events} training events, {len(held_out)} held-out downloads, built in {built:.0f} s")

    # Held-out downloads that are new to the member (not downloaded before, in training or
    # earlier in the held-out weeks).
    wanted: dict[tuple[date, int], set[int]] = defaultdict(set)
    first_time: set[tuple[int, int]] = set()
    for monday, member_index, resource_id, _day in sorted(held_out, key=lambda row: row[3]):
        if resource_id in before[member_index] or (member_index, resource_id) in first_time:
            continue
        first_time.add((member_index, resource_id))
        wanted[(monday, member_index)].add(resource_id)
    judged = sum(len(items) for items in wanted.values())

    training_popular = [
        pk for pk, _count in sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    ]
    own: dict[int, set[int]] = defaultdict(set)
    member_index_of = {member.pk: index for index, member in enumerate(world.members)}
    for resource in world.resources:
        own[member_index_of[resource.contributor_id]].add(resource.pk)
    published_at = {resource.pk: resource.published_at for resource in world.resources}

    def popularity(member_index: int, monday: date) -> list[int]:
        member = world.members[member_index]
        skipped = recommending.downloaded_by(member.pk) | own[member_index]
        cutoff = timezone.make_aware(datetime.combine(monday, datetime.min.time()))
        return [pk for pk in training_popular if pk not in skipped and published_at[pk] < cutoff][
            :10
        ]

    def recommender(member_index: int, monday: date) -> list[int]:
        level_ids, subject_ids, region = world.profiles[member_index]
        found = recommending.recommend(
            member_id=world.members[member_index].pk,
            level_ids=level_ids,
            subject_ids=subject_ids,
            region=region,
            today=monday,
            limit=10,
        )
        return [recommendation.resource.pk for recommendation in found]

    def no_history(*args, **kwargs):
        return []

    results = []
    for name, method in (
        ("recommend", recommender),
        ("recommend, no history", recommender),
        ("popularity", popularity),
    ):
        recommending.forget_recommendations()
        original = recommending._history
        if name == "recommend, no history":
            recommending._history = no_history
        try:
            hits = 0
            shown: set[int] = set()
            asked = 0
            timer = time.perf_counter()
            for (monday, member_index), items in sorted(wanted.items()):
                top = method(member_index, monday)
                asked += 1
                shown.update(top)
                hits += len(items & set(top))
            seconds = time.perf_counter() - timer
        finally:
            recommending._history = original
        catalogue = Resource.objects.filter(
            Q(published_at__lt=timezone.make_aware(datetime.combine(END, datetime.min.time())))
        ).count()
        results.append((name, hits / judged, len(shown) / catalogue, asked, seconds))
        print(
            f"{name}: hit rate@10 {hits / judged:.3f}, coverage {len(shown) / catalogue:.3f}, "
            f"{asked} lists in {seconds:.1f} s"
        )

    members_judged = len({member_index for _monday, member_index in wanted})
    # Why global popularity fares as it does: how many judged downloads were of the ten most
    # downloaded resources at all, and how many members had already downloaded those.
    top_ten = set(training_popular[:10])
    in_top_ten = sum(len(items & top_ten) for items in wanted.values())
    print(f"judged downloads of the global top ten: {in_top_ten}")
    lines = [
        "## Recommendations at a point in time (hit rate@10, coverage)",
        "",
        f"`{COMMAND} --weeks {args.weeks}` on {date.today().isoformat()}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, SQLite.",
        "",
        "**The usage history is generated, not recorded from people** (bench/recommend.py says "
        f"how: a school-calendar-shaped model with a fixed seed): {RESOURCES:,} resources (60 % "
        f"seasonal), {MEMBERS} members (15 % Dutch, a tenth with usage history off), "
        f"{events:,} training events from {START.isoformat()} through "
        f"{(held_out_start - timedelta(days=1)).isoformat()}, counted by the real daily "
        "rollups and pruned by the real retention. Held out: the last "
        f"{args.weeks} weeks ({held_out_start.isoformat()} to {END.isoformat()}); "
        f"{judged:,} first downloads by {members_judged} members, each judged against the "
        "member's list of ten asked for on that week's Monday.",
        "",
        "| method | hit rate@10 | catalogue coverage | lists | time per list |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, hit_rate, coverage, asked, seconds in results:
        lines.append(
            f"| {name} | {hit_rate:.1%} | {coverage:.1%} | {asked:,} | "
            f"{1000 * seconds / max(asked, 1):.1f} ms |"
        )
    lines += [
        "",
        "`recommend` is `insight.recommend` as the home page and the newsletter use it; "
        "`recommend, no history` the same without the same-weeks-of-earlier-years part (new, "
        "well-rated and popular resources of the member's levels and subjects only); "
        "`popularity` the most downloaded resources of the whole training period, the same "
        "list for everyone, with the same exclusions (own resources, already downloaded): "
        f"{in_top_ten} of the {judged:,} judged downloads were of the global top ten at all, "
        "since those are resources of a few levels whose teachers had downloaded them in "
        "the training period already, and what is left after the exclusions is popular "
        "with other levels. "
        "Coverage is the share of the published catalogue shown in at least one list. Time "
        "per list includes the profile's candidates, worked out once per profile and day and "
        "then shared by every member with that profile (here nearly every list is its "
        "profile's first of the day, so this is about the cost of a first list).",
        "",
        "What this shows and what it does not: on history shaped like a school year (seasonal "
        "resources used again in the same weeks each year) the history part is what lifts "
        "the hit rate over the profile's popular resources and over global popularity. Real "
        "use is noisier, and resources are not as strongly seasonal everywhere; the figures "
        "are a check of the method on data of this shape, not a forecast of its effect on "
        "the site.",
    ]
    if not args.no_write:
        write_section(lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
