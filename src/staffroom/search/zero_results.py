"""What a search that found nothing leads to, and what staff learn from such searches.

A teacher whose search finds nothing is offered (``zero_results_for``):

1. the search relaxed: one link per word (or phrase, OR group, exclusion) left out and per
   filter left out, each with how many resources it would find; only those that find some;
2. popular resources for the levels they teach (a visitor's, or without levels: overall);
3. asking it in the teachers' room, and saving the search to be told when something like it
   is published (both in the template: they need no data).

Staff see the searches that found nothing, or only similar words, grouped by their folded
text (``unfound_searches``), and how many searches there were (``search_figures``). Both read
``SearchLog``; nothing here writes.
"""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from staffroom.accounts.models import Member
from staffroom.curriculum.queries import matching_term_ids
from staffroom.resources.models import Resource
from staffroom.resources.queries import with_listing_data

from . import syntax
from .backends import get_backend
from .backends.base import SearchRequest
from .models import SearchLog
from .queries import MAX_QUERY_LENGTH, RATINGS, describe_filters, describe_search

# Where the results template leaves room for what leads on from nothing found: the part
# that differs per reader (their levels, the save form), filled in by the view after the
# rendered results are taken from the cache. Kept in step with search/_zero_results.html.
LEADS_MARK = "<!--search:zero-results-leads-->"
# At most this many words (or phrases, OR groups, exclusions) are left out one by one; each
# filter in use is (eight at most), so a relaxed page costs at most fourteen cheap searches.
MAX_RELAXED_WORDS = 6
POPULAR = 5
POPULAR_CACHE_SECONDS = 600
# The staff page: the searches of the last days.
UNFOUND_DAYS = 30


@dataclass(frozen=True)
class Relaxed:
    """The search with one part left out, and how many resources it finds."""

    text: str
    filters: dict[str, str]  # the minimum rating included, as "rating"
    count: int
    # What was left out: a word, a phrase, "a OR b", "-word", or a filter's name.
    dropped_words: str = ""
    dropped_filter: str = ""

    @property
    def querystring(self) -> str:
        return urlencode({"q": self.text, **self.filters}, doseq=True)


@dataclass(frozen=True)
class RelaxedShown:
    """A relaxed search as a reader sees it: what it searches and what it leaves out."""

    search: Relaxed
    label: str  # the relaxed search in a few words
    dropped: str  # what it leaves out, in the reader's terms


@dataclass
class ZeroResults:
    relaxed: list[RelaxedShown] = field(default_factory=list)
    popular: list[Resource] = field(default_factory=list)
    # The popular resources are those of the member's levels (not overall).
    popular_for_levels: bool = False
    # A member who already saved this search (they will be told).
    already_saved: bool = False


def _searches_without(text: str, filters: Mapping[str, str]) -> list[Relaxed]:
    """The relaxed searches to count (with count 0): each word group or exclusion left out,
    then each filter; never an empty search."""
    parsed = syntax.parse(text[:MAX_QUERY_LENGTH])
    words: list[Relaxed] = []
    for index, group in enumerate(parsed.groups):
        rest = syntax.ParsedQuery(
            groups=parsed.groups[:index] + parsed.groups[index + 1 :], excluded=parsed.excluded
        )
        dropped = syntax.ParsedQuery(groups=(group,))
        words.append(Relaxed(str(rest), dict(filters), 0, dropped_words=str(dropped)))
    for index, clause in enumerate(parsed.excluded):
        rest = syntax.ParsedQuery(
            groups=parsed.groups, excluded=parsed.excluded[:index] + parsed.excluded[index + 1 :]
        )
        dropped = syntax.ParsedQuery(excluded=(clause,))
        words.append(Relaxed(str(rest), dict(filters), 0, dropped_words=str(dropped)))
    # Left out one by one: a filter, with all the words.
    all_words = str(parsed)
    without_filters = [
        Relaxed(
            all_words,
            {key: value for key, value in filters.items() if key != name},
            0,
            dropped_filter=name,
        )
        for name in filters
    ]
    found = words[:MAX_RELAXED_WORDS] + without_filters
    return [relaxed for relaxed in found if relaxed.text or relaxed.filters]


def _count(relaxed: Relaxed) -> int:
    filters = dict(relaxed.filters)
    rating = filters.pop("rating", "")
    request = SearchRequest(
        text=relaxed.text,
        filters=filters,
        min_rating=int(rating) if rating in RATINGS else 0,
        limit=1,
        facets=False,
    )
    return get_backend().search(request).total


def relaxed_searches(text: str, filters: Mapping[str, str]) -> list[Relaxed]:
    """The search of ``text`` and ``filters`` (the minimum rating as "rating") with one part
    left out at a time, those that find something, with their counts (exact words: cheap
    searches without facets, kept in the cache until the index changes)."""
    filters = {name: value for name, value in filters.items() if value}
    identity = (text[:MAX_QUERY_LENGTH], sorted(filters.items()), get_backend().version())
    key = "search:relaxed:" + hashlib.sha256(repr(identity).encode()).hexdigest()
    seconds = settings.SEARCH_CACHE_SECONDS
    cached = cache.get(key) if seconds else None
    if cached is not None:
        return list(cached)
    counted = [
        Relaxed(r.text, r.filters, count, r.dropped_words, r.dropped_filter)
        for r in _searches_without(text, filters)
        if (count := _count(r))
    ]
    if seconds:
        cache.set(key, counted, seconds)
    return counted


def _level_ids(member: Member | None) -> list[int]:
    if member is None:
        return []
    ids: set[int] = set()
    for level in member.levels.all():
        ids |= matching_term_ids(level)
    return sorted(ids)


def popular_resources(member: Member | None) -> tuple[list[Resource], bool]:
    """The most downloaded published resources of ``member``'s levels (their sub-levels and
    the other region's crosswalked levels included), and True; without levels, or when those
    have none: the most downloaded overall, and False. Their ids are cached a few minutes."""
    level_ids = _level_ids(member)
    key = "search:popular:" + hashlib.sha256(repr(level_ids).encode()).hexdigest()
    cached = cache.get(key)
    if cached is None:
        published = Resource.objects.published().order_by("-download_count", "-published_at")
        ids: list[int] = []
        if level_ids:
            tagged = Resource.levels.through.objects.filter(level_id__in=level_ids)
            ids = list(
                published.filter(pk__in=tagged.values("resource_id")).values_list("pk", flat=True)[
                    :POPULAR
                ]
            )
        for_levels = bool(ids)
        if not ids:
            ids = list(published.values_list("pk", flat=True)[:POPULAR])
        cached = (ids, for_levels)
        cache.set(key, cached, POPULAR_CACHE_SECONDS)
    ids, for_levels = cached
    rows = {r.pk: r for r in with_listing_data(Resource.objects.published().filter(pk__in=ids))}
    return [rows[pk] for pk in ids if pk in rows], for_levels


def zero_results_for(
    text: str, filters: Mapping[str, str], *, region: str, member: Member | None
) -> ZeroResults:
    """What leads on from a search of ``text`` and ``filters`` (the minimum rating as
    "rating") that found nothing, for ``member`` (None: a visitor), named in ``region``'s
    terms."""
    relaxed = []
    for search in relaxed_searches(text, filters):
        if search.dropped_filter:
            name = search.dropped_filter
            dropped = " · ".join(describe_filters({name: filters[name]}, region)) or name
        else:
            dropped = search.dropped_words
        label = describe_search(search.text, search.filters, region)
        relaxed.append(RelaxedShown(search=search, label=label, dropped=dropped))
    popular, for_levels = popular_resources(member)
    already_saved = (
        member is not None
        and member.saved_searches.filter(
            query=text.strip()[:MAX_QUERY_LENGTH], filters=dict(filters)
        ).exists()
    )
    return ZeroResults(
        relaxed=relaxed,
        popular=popular,
        popular_for_levels=for_levels,
        already_saved=already_saved,
    )


def _since(days: int, now: datetime | None) -> datetime:
    return (now or timezone.now()) - timedelta(days=days)


def unfound_searches(*, days: int = UNFOUND_DAYS, now: datetime | None = None) -> QuerySet:
    """The searches of the last ``days`` that found nothing or only similar words, grouped by
    their folded text, filters and region, most frequent first: dicts with ``query`` (one
    spelling of it), ``folded``, ``filters``, ``region``, ``searches`` (how often),
    ``nothing`` (how often it found nothing), ``similar`` (only similar words) and
    ``last_seen``."""
    return (
        SearchLog.objects.filter(created_at__gte=_since(days, now))
        .filter(Q(result_count=0) | Q(similar_words=True))
        .values("folded", "filters", "region")
        .annotate(
            query=Max("query"),
            searches=Count("pk"),
            nothing=Count("pk", filter=Q(result_count=0)),
            similar=Count("pk", filter=Q(similar_words=True, result_count__gt=0)),
            last_seen=Max("created_at"),
        )
        .order_by("-searches", "-last_seen", "folded")
    )


@dataclass(frozen=True)
class SearchFigures:
    searches: int
    nothing: int  # found nothing
    similar: int  # found only similar words

    def share(self, part: int) -> float:
        """``part`` as a percentage of all searches (0 without searches)."""
        return 100 * part / self.searches if self.searches else 0.0

    @property
    def nothing_rate(self) -> float:
        return self.share(self.nothing)

    @property
    def similar_rate(self) -> float:
        return self.share(self.similar)


def search_figures(*, days: int = UNFOUND_DAYS, now: datetime | None = None) -> SearchFigures:
    """How many searches (page and API) the last ``days`` saw, how many found nothing and how
    many only similar words."""
    figures = SearchLog.objects.filter(created_at__gte=_since(days, now)).aggregate(
        searches=Count("pk"),
        nothing=Count("pk", filter=Q(result_count=0)),
        similar=Count("pk", filter=Q(similar_words=True, result_count__gt=0)),
    )
    return SearchFigures(**figures)
