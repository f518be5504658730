"""Recommendations at a point in time, and "colleagues who used this also used".

A teacher's year comes round again: what teachers of the 4de leerjaar opened in the first
weeks of December last year is what a teacher of the 4de leerjaar looks for now. So the
recommendations for a member score resources by how much teachers of the member's levels
(with their sub-levels and the other region's crosswalked levels) used them in the coming
weeks of the school year one and two years ago, read from the daily rollups (``DailyCount``),
never from raw events. New and well-rated resources of the member's levels are blended in, so
that something published this year has a chance, and profile-matched popular resources fill
up where there is no history yet. A member never gets their own resources, nor what they have
downloaded already.

The work splits in two. The candidates depend only on a profile (levels, subjects, region)
and the day, are shared by every member with that profile and cached for the day: the
newsletter asks for thousands of members with a few hundred distinct profiles. The member's
part (their own resources, their downloads) is one indexed query per member on top.

``co_usage_rebuild`` derives ``CoUsage`` from the raw events each night; ``also_used`` reads it.
bench/recommend.py measures both against a popularity baseline (docs/benchmarks.md).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from time import monotonic
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.formats import number_format
from django.utils.translation import gettext

from staffroom.core import usage
from staffroom.curriculum.models import Level, Subject
from staffroom.curriculum.queries import matching_term_ids, terms_by_id
from staffroom.resources.models import Resource
from staffroom.resources.queries import with_listing_data

from .models import CoUsage, DailyCount, UsageEvent
from .recorder import member_key

# A download says more about a resource's use than a look at its page.
WEIGHTS = {usage.DOWNLOAD: 3, usage.RESOURCE_VIEW: 1}
# The school weeks compared: this week and the three after it ...
WINDOW_DAYS = 28
# ... one and two years ago (52 weeks back keeps the weekday: school weeks line up).
YEARS_BACK = (1, 2)
# A resource used fewer times than this in those weeks is noise, not "used by many".
MIN_HISTORY_COUNT = 2
NEW_DAYS = 30
WELL_RATED = 4.0
WELL_RATED_COUNT = 2
# A resource for the member's levels but none of their subjects counts for less.
OTHER_SUBJECT_FACTOR = 0.5
# How many candidates a profile keeps: enough for a page after removing a member's own and
# downloaded resources.
CANDIDATES = 60
CACHE_SECONDS = 24 * 3600
# The blend of a list: out of every eight places, five from history, two new, one well rated.
PATTERN = ("history", "history", "new", "history", "rated", "history", "new", "history")
# co_usage_rebuild: the latest resources of a member that count (a member who opened 5,000
# resources says little about any pair of them), the pairs kept per resource, and how many
# resources' rows are worked out at once (bounds the memory of the product).
ITEMS_PER_MEMBER = 50
CO_USAGE_PER_RESOURCE = 10
CO_USAGE_MIN_MEMBERS = 2
CO_USAGE_BLOCK = 2000

HISTORY = "history"
NEW = "new"
RATED = "rated"
POPULAR = "popular"


@dataclass(frozen=True)
class Recommendation:
    """A resource recommended to a member, with why.

    ``reason`` is written when it is read, in the active language: the newsletter renders
    the same recommendation in the member's language, the home page in the reader's."""

    resource: Resource
    why: str  # HISTORY, NEW, RATED or POPULAR
    level: Level | None  # the member's level it is for, named in the member's region
    month: int = 0  # HISTORY: the month of the school year it was used in

    @property
    def reason(self) -> str:
        level = self.level.label if self.level is not None else ""
        if self.why == HISTORY:
            return gettext("Used by many %(level)s teachers in %(month)s") % {
                "level": level,
                "month": MONTHS.get(self.month, ""),
            }
        if self.why == NEW:
            return gettext("New for %(level)s") % {"level": level}
        if self.why == RATED:
            return gettext("Rated highly by colleagues (%(stars)s ★)") % {
                "stars": number_format(self.resource.rating_average, 1)
            }
        return gettext("Popular with %(level)s teachers") % {"level": level}

    @property
    def key(self) -> tuple[int, str, int, int]:
        """What the text of this recommendation depends on (besides the language)."""
        return (self.resource.pk, self.why, self.level.pk if self.level else 0, self.month)

    def __str__(self) -> str:
        return self.reason


@dataclass(frozen=True)
class Candidate:
    resource_id: int
    why: str
    level_id: int
    month: int = 0


# --- the profile's candidates ---


def week_monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def history_windows(today: date) -> list[tuple[date, date]]:
    """The days (start included, end excluded) of the same school weeks in earlier years."""
    start = week_monday(today)
    return [
        (
            start - timedelta(weeks=52 * years),
            start - timedelta(weeks=52 * years) + timedelta(WINDOW_DAYS),
        )
        for years in YEARS_BACK
    ]


def _reach(model: type[Level] | type[Subject], ids: Iterable[int]) -> dict[int, int]:
    """term id -> the member's term it is reached from: each of the member's terms with its
    sub-terms and the other region's crosswalked terms (what a search filter on it finds)."""
    terms = terms_by_id(model)
    reach: dict[int, int] = {}
    for term_id in sorted(ids):
        if term_id in terms:
            for reached in matching_term_ids(terms[term_id]):
                reach.setdefault(reached, term_id)
    return reach


def _end_of(today: date) -> datetime:
    return timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))


def _published_by(today: date):
    """Resources published now and on ``today`` already (an evaluation asks about the past)."""
    return Resource.objects.published().filter(published_at__lt=_end_of(today))


def _tagged(queryset, field: str, ids: Iterable[int]):
    link = getattr(Resource, field).through
    column = "level_id" if field == "levels" else "subject_id"
    return queryset.filter(
        pk__in=link.objects.filter(**{f"{column}__in": list(ids)}).values("resource_id")
    )


def _history(levels: dict[int, int], subjects: dict[int, int], today: date) -> list[Candidate]:
    """Resources used by teachers of the levels in the coming weeks of earlier years, most
    used first: one aggregate over the rollups, one query for the resources' subjects."""
    windows = Q()
    for start, end in history_windows(today):
        windows |= Q(day__gte=start, day__lt=end)
    rows = (
        DailyCount.objects.filter(windows, kind__in=list(WEIGHTS), level_id__in=list(levels))
        .exclude(object_id=0)
        .values_list("object_id", "kind", "level_id")
        .annotate(total=Sum("count"))
    )
    scores: dict[int, float] = defaultdict(float)
    counts: dict[int, int] = defaultdict(int)
    by_level: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for object_id, kind, level_id, total in rows:
        weighted = WEIGHTS[kind] * total
        scores[object_id] += weighted
        counts[object_id] += total
        by_level[object_id][levels[level_id]] += weighted
    ranked = sorted(
        (pk for pk in scores if counts[pk] >= MIN_HISTORY_COUNT), key=lambda pk: (-scores[pk], pk)
    )[: CANDIDATES * 3]
    if not ranked:
        return []
    published = set(_published_by(today).filter(pk__in=ranked).values_list("pk", flat=True))
    if subjects:
        matching = set(
            _tagged(Resource.objects.filter(pk__in=published), "subjects", subjects).values_list(
                "pk", flat=True
            )
        )
        for pk in published - matching:
            scores[pk] *= OTHER_SUBJECT_FACTOR
    kept = sorted(published, key=lambda pk: (-scores[pk], pk))[:CANDIDATES]
    # "in December": the month of next week, the heart of what the list is for (the last
    # weeks of June are June, not the holidays of July).
    middle = week_monday(today) + timedelta(days=7)
    return [
        Candidate(
            pk,
            HISTORY,
            max(by_level[pk].items(), key=lambda item: (item[1], -item[0]))[0],
            middle.month,
        )
        for pk in kept
    ]


def _first_level(levels: dict[int, int], pk: int, tags: dict[int, list[int]]) -> int:
    """The member's level a resource is tagged for (through sub-levels and the crosswalk)."""
    return min((levels[tag] for tag in tags.get(pk, []) if tag in levels), default=0)


def _matching(levels: dict[int, int], subjects: dict[int, int], today: date):
    queryset = _tagged(_published_by(today), "levels", levels)
    return _tagged(queryset, "subjects", subjects) if subjects else queryset


def _profile_lists(
    levels: dict[int, int], subjects: dict[int, int], today: date
) -> dict[str, list[int]]:
    """New, well-rated and popular resources tagged for the levels (and subjects)."""
    matching = _matching(levels, subjects, today)
    since = _end_of(today) - timedelta(days=NEW_DAYS + 1)
    new = matching.filter(published_at__gte=since).order_by(
        "-rating_average", "-download_count", "-published_at", "pk"
    )
    rated = matching.filter(rating_average__gte=WELL_RATED, rating_count__gte=WELL_RATED_COUNT)
    rated = rated.order_by("-rating_average", "-rating_count", "pk")
    popular = matching.order_by("-download_count", "-rating_average", "-published_at", "pk")
    lists = {
        NEW: list(new.values_list("pk", flat=True)[:CANDIDATES]),
        RATED: list(rated.values_list("pk", flat=True)[:CANDIDATES]),
        POPULAR: list(popular.values_list("pk", flat=True)[:CANDIDATES]),
    }
    if subjects and len(lists[POPULAR]) < CANDIDATES:
        # Few resources of the member's subjects: the levels' others after them.
        others = _matching(levels, {}, today).exclude(pk__in=lists[POPULAR])
        others = others.order_by("-download_count", "-rating_average", "-published_at", "pk")
        lists[POPULAR] += list(
            others.values_list("pk", flat=True)[: CANDIDATES - len(lists[POPULAR])]
        )
    return lists


def _blend(history: list[Candidate], lists: dict[str, list[int]], tags, levels) -> list[Candidate]:
    """One list: history, new and well-rated in the PATTERN's proportions while each lasts,
    then whatever is left of them, then the popular ones; each resource once."""
    queues: dict[str, list[Candidate]] = {
        HISTORY: list(history),
        NEW: [Candidate(pk, NEW, _first_level(levels, pk, tags)) for pk in lists[NEW]],
        RATED: [Candidate(pk, RATED, _first_level(levels, pk, tags)) for pk in lists[RATED]],
    }
    blended: list[Candidate] = []
    seen: set[int] = set()

    def take(queue: list[Candidate]) -> bool:
        while queue:
            candidate = queue.pop(0)
            if candidate.resource_id not in seen:
                seen.add(candidate.resource_id)
                blended.append(candidate)
                return True
        return False

    while any(queues.values()) and len(blended) < CANDIDATES:
        for why in PATTERN:
            take(queues[why]) or take(queues[HISTORY]) or take(queues[NEW]) or take(queues[RATED])
    for pk in lists[POPULAR]:
        if len(blended) >= CANDIDATES:
            break
        if pk not in seen:
            seen.add(pk)
            blended.append(Candidate(pk, POPULAR, _first_level(levels, pk, tags)))
    return blended


def _level_tags(ids: Sequence[int]) -> dict[int, list[int]]:
    tags: dict[int, list[int]] = defaultdict(list)
    for resource_id, level_id in Resource.levels.through.objects.filter(
        resource_id__in=list(ids)
    ).values_list("resource_id", "level_id"):
        tags[resource_id].append(level_id)
    return tags


def profile_candidates(
    level_ids: Iterable[int], subject_ids: Iterable[int], today: date
) -> list[Candidate]:
    """The blended candidates for a profile on a day, before a member's own exclusions."""
    levels = _reach(Level, level_ids)
    if not levels:
        return []
    subjects = _reach(Subject, subject_ids)
    history = _history(levels, subjects, today)
    lists = _profile_lists(levels, subjects, today)
    tags = _level_tags([pk for values in lists.values() for pk in values])
    return _blend(history, lists, tags, levels)


@dataclass
class _Entry:
    candidates: list[Candidate]
    resources: dict[int, Resource]
    loaded_at: float


# Candidates per profile and day in this process, in front of the shared cache, with their
# resources loaded for cards: a newsletter run asks for the same few hundred profiles many
# thousand times, and then costs one query per member (their downloads).
_memo: OrderedDict[str, _Entry] = OrderedDict()
_MEMO_SIZE = 512
# How long loaded resources are reused: a resource taken offline leaves the lists within this.
RESOURCES_SECONDS = 300


def _entry(level_ids: frozenset[int], subject_ids: frozenset[int], today: date) -> _Entry:
    profile = f"{sorted(level_ids)}|{sorted(subject_ids)}|{today.isoformat()}"
    key = "insight:recommend:1:" + hashlib.sha256(profile.encode()).hexdigest()[:32]
    entry = _memo.get(key)
    if entry is None:
        candidates = cache.get(key)
        if candidates is None:
            candidates = profile_candidates(level_ids, subject_ids, today)
            cache.set(key, candidates, CACHE_SECONDS)
        entry = _memo[key] = _Entry(candidates, {}, 0.0)
        if len(_memo) > _MEMO_SIZE:
            _memo.popitem(last=False)
    else:
        _memo.move_to_end(key)
    if monotonic() - entry.loaded_at > RESOURCES_SECONDS:
        ids = [candidate.resource_id for candidate in entry.candidates]
        entry.resources = {
            resource.pk: resource
            for resource in with_listing_data(_published_by(today).filter(pk__in=ids))
        }
        entry.loaded_at = monotonic()
    return entry


def forget_recommendations() -> None:
    """Work the candidates out again on next use (tests, the benchmark)."""
    _memo.clear()


# --- the member's part ---


def downloaded_by(member_id: int) -> set[int]:
    """The resources a member downloaded (or visited) within the raw-event period. Members
    with usage history off have none: they get profile-based recommendations all the same."""
    found = (
        UsageEvent.objects.filter(member_key=member_key(member_id), kind=usage.DOWNLOAD)
        .exclude(object_id=None)
        .values_list("object_id", flat=True)
        .distinct()
    )
    return {object_id for object_id in found if object_id is not None}


def recommend(
    *,
    member_id: int,
    level_ids: Iterable[int],
    subject_ids: Iterable[int] = (),
    region: str = "fl",
    today: date | None = None,
    limit: int = 8,
) -> list[Recommendation]:
    """Recommendations for a profile of a member (see ``recommendations_for``); the newsletter
    passes its profiles without loading members."""
    levels = frozenset(level_ids)
    if not levels or limit <= 0:
        return []
    today = today or timezone.localdate()
    entry = _entry(levels, frozenset(subject_ids), today)
    skipped = downloaded_by(member_id) if member_id else set()
    named = terms_by_id(Level)
    found: list[Recommendation] = []
    for candidate in entry.candidates:
        resource = entry.resources.get(candidate.resource_id)
        if resource is None or resource.pk in skipped or resource.contributor_id == member_id:
            continue
        level = named.get(candidate.level_id)
        found.append(
            Recommendation(
                resource=resource,
                why=candidate.why,
                level=level.in_region(region) if level is not None else None,
                month=candidate.month,
            )
        )
        if len(found) >= limit:
            break
    return found


def recommendations_for(
    member: Any, *, today: date | None = None, limit: int = 8
) -> list[Recommendation]:
    """What to offer ``member`` for the coming weeks: resources teachers of their levels used
    in the same school weeks of earlier years, new and well-rated ones for their levels and
    subjects, popular ones where there is no history; never their own, nor what they have
    downloaded. Empty for a member without levels (the caller shows the general page)."""
    level_ids = [level.pk for level in member.levels.all()]
    if not level_ids:
        return []
    return recommend(
        member_id=member.pk,
        level_ids=level_ids,
        subject_ids=[subject.pk for subject in member.subjects.all()],
        region=member.region,
        today=today,
        limit=limit,
    )


# --- colleagues who used this also used ---


def also_used(resource: Resource, *, member: Any = None, limit: int = 6) -> list[Resource]:
    """Published resources used by the same members as ``resource``, most shared first; never
    the viewer's own."""
    others = list(
        CoUsage.objects.filter(resource_id=resource.pk)
        .order_by("-members", "other_id")
        .values_list("other_id", flat=True)[: CO_USAGE_PER_RESOURCE * 2]
    )
    if not others:
        return []
    queryset = Resource.objects.published().filter(pk__in=others).exclude(pk=resource.pk)
    if member is not None and getattr(member, "is_authenticated", False):
        queryset = queryset.exclude(contributor_id=member.pk)
    found = {found.pk: found for found in with_listing_data(queryset)}
    return [found[pk] for pk in others if pk in found][:limit]


def co_usage_rebuild(*, now: datetime | None = None) -> int:
    """Count again which resources the same members used (viewed or downloaded) within the
    raw-event period, and keep for each resource the CO_USAGE_PER_RESOURCE others most
    members share with it (at least CO_USAGE_MIN_MEMBERS). Returns the rows written.

    The events are read once, in member order, as (member, resource) pairs; the counting is a
    sparse matrix product (members x resources, transposed, times itself), done for a block
    of resources at a time so that its memory stays bounded however many events there are.
    """
    # Loading SciPy takes a good part of a second: only the nightly task pays for it.
    import numpy as np  # noqa: PLC0415
    from scipy import sparse  # type: ignore[import-untyped]  # noqa: PLC0415

    now = now or timezone.now()
    since = now - timedelta(days=settings.INSIGHT_RAW_EVENT_DAYS)
    events = (
        UsageEvent.objects.filter(
            kind__in=[usage.RESOURCE_VIEW, usage.DOWNLOAD], created_at__gte=since
        )
        .exclude(member_key="")
        .exclude(object_id=None)
        .order_by("member_key", "-created_at")
        .values_list("member_key", "object_id")
    )
    rows: list[int] = []
    columns: list[int] = []
    column_of: dict[int, int] = {}
    current = None
    member_row = -1
    taken: set[int] = set()
    for key, object_id in events.iterator(chunk_size=20000):
        if object_id is None:
            continue
        if key != current:
            current, member_row, taken = key, member_row + 1, set()
        if object_id in taken or len(taken) >= ITEMS_PER_MEMBER:
            continue
        taken.add(object_id)
        rows.append(member_row)
        columns.append(column_of.setdefault(object_id, len(column_of)))
    resource_of = np.array(sorted(column_of, key=column_of.__getitem__), dtype=np.int64)
    found: list[CoUsage] = []
    if rows:
        used = sparse.csc_matrix(
            (np.ones(len(rows), dtype=np.int32), (rows, columns)),
            shape=(member_row + 1, len(column_of)),
        )
        by_resource = used.T.tocsr()
        for start in range(0, len(column_of), CO_USAGE_BLOCK):
            block = (by_resource[start : start + CO_USAGE_BLOCK] @ used).tocsr()
            for offset in range(block.shape[0]):
                row = start + offset
                begin, end = block.indptr[offset], block.indptr[offset + 1]
                others, shared = block.indices[begin:end], block.data[begin:end]
                keep = (shared >= CO_USAGE_MIN_MEMBERS) & (others != row)
                others, shared = others[keep], shared[keep]
                if not len(others):
                    continue
                order = np.lexsort((resource_of[others], -shared))[:CO_USAGE_PER_RESOURCE]
                found.extend(
                    CoUsage(
                        resource_id=int(resource_of[row]),
                        other_id=int(resource_of[others[i]]),
                        members=int(shared[i]),
                    )
                    for i in order
                )
    with transaction.atomic():
        CoUsage.objects.all().delete()
        CoUsage.objects.bulk_create(found, batch_size=2000)
    return len(found)
