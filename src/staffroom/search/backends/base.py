"""The interface every search backend implements, and the values it takes and returns.

A search document (``documents.resource_document``) is a dict of plain values:

- ``id``, ``language`` (nl, en, fr, de or another code), ``title``, ``description``,
  ``keywords``, ``body`` (extracted file text), ``vocabulary`` (labels of its levels, subjects
  and type, and of every broader and crosswalked term whose filter finds it, in both regions:
  a dict of language -> labels, each language's labels analysed as that language), ``author``:
  the text; ``variants`` (optional): other forms of its
  words, matched like its text but never shown (lemmas and compound parts: ``wordforms.py``);
- one list or string per field of ``FILTER_FIELDS``: the filter values that find it;
- ``published`` (Unix seconds), ``downloads``, ``rating`` (average stars, 0 without ratings),
  ``rating_rank`` (what "best rated" sorts by) and ``boost`` (the quality signals, see
  ``search/ranking.py``): numbers for sorting, ranking and the minimum-rating filter.

Every backend must find the same resources for the same request; only the order within equal
relevance may differ. ``tests/search/test_backends.py`` holds them to that.

A backend is opened on one collection: the published resources (the default) or the questions
of the teachers' room. Each collection is a separate index with the same document format;
what a field holds in a collection other than resources is said where its documents are made
(``forum/documents.py`` for questions).
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from staffroom.resources.licences import REUSE as REUSE_LICENCES

DEFAULT_COLLECTION = "resources"
# A collection's name goes into folder and table names: lower-case letters, digits, "_".
COLLECTION_NAME = re.compile(r"[a-z][a-z0-9_]{0,30}")


def checked_collection(name: str) -> str:
    """``name`` if it can name a collection, else ValueError."""
    if not COLLECTION_NAME.fullmatch(name or ""):
        raise ValueError(f"Not a collection name: {name!r}")
    return name


# The filters a search offers, as the page and the API name them, each a field of the
# documents: ``format`` (pdf, document, presentation, video, ...: ``search/facets.py``),
# ``accessibility`` ("described": it has accessibility notes), ``pick`` ("yes": a
# moderators' pick), ``duration`` (short, lesson, longer) and ``cost`` (free, free-until,
# paid) besides the vocabularies, licence, kind and publisher.
FACETS = (
    "level",
    "subject",
    "type",
    "language",
    "licence",
    "kind",
    "cost",
    "publisher",
    "format",
    "accessibility",
    "pick",
    "duration",
)
# A filter that no document field holds: what a licence allows ("share", "adapt",
# "commercial"), read as the licences that allow it. Its values must all hold (a teacher who
# wants to adapt and to sell needs both), unlike a facet's values, any of which may.
REUSE = "reuse"
SORTS = ("relevance", "newest", "popular", "rated")
REGIONS = ("fl", "nl")
# Level and subject codes start with their region ("fl-lo-3", "nl-po-5"). A document carries
# them per region, so that counting the terms one viewer sees touches half the values.
REGIONAL_FACETS = ("level", "subject")
FILTER_FIELDS = (
    *(f"{facet}_{region}" for facet in REGIONAL_FACETS for region in REGIONS),
    *(facet for facet in FACETS if facet not in REGIONAL_FACETS),
    # The regions whose own levels or subjects a resource is tagged with (not a facet: what
    # ranks a resource made for the reader's school system higher).
    "tagged",
)
# Publishers number in the thousands: only the ones with most matches are counted.
TOP_PUBLISHERS = 20
# What a resource gains for each preference it meets (in the reader's language, tagged for
# their region): twice what a filter-only match scores (so among resources that match alike
# theirs come first), and a fraction of a typical text score (so a much better text match
# still wins).
PREFERENCE_SCORE = 2.0
# The fields preferences name (``SearchRequest.prefer``); PostgreSQL keeps their values in a
# small column of their own for ranking.
PREFERENCE_FIELDS = ("language", "tagged")
# The minimum-rating filter's values: "4" is four stars and up. Its facet counts, under the
# name "rating", say how many matches have at least that average.
RATING_STEPS = (4, 3, 2, 1)


def filter_field(facet: str, value: str) -> str:
    """The document field that holds ``value`` of ``facet``."""
    if facet in REGIONAL_FACETS:
        return f"{facet}_{value[:2]}"
    return facet


def counted_field(facet: str, region: str) -> str:
    """The document field whose values are counted for ``facet`` as a viewer of ``region``
    sees it."""
    return f"{facet}_{region}" if facet in REGIONAL_FACETS else facet


# Several values of one filter in one string ("fl-lo-3,fl-lo-4"): how the page, its links,
# saved searches and the search log carry a multi-select as text. No code holds a comma.
SEPARATOR = ","
# A filter value no document holds (a filter nothing can satisfy).
NO_VALUE = "-"


def filter_values(value: "str | tuple[str, ...]") -> tuple[str, ...]:
    """The values of one filter: a single value, several joined by commas, or a tuple of
    them; any of them may match."""
    if isinstance(value, str):
        value = tuple(value.split(SEPARATOR))
    return tuple(item for item in value if item)


FilterValue = TypeVar("FilterValue", str, "str | tuple[str, ...]")


def engine_filters(filters: Mapping[str, FilterValue]) -> dict[str, FilterValue]:
    """``filters`` as the document fields answer them: the reuse filter becomes the licences
    that allow all of its values (within the licences chosen, if any). Unknown reuse values
    are ignored, as unknown filter values are; a choice no licence satisfies matches nothing."""
    found = dict(filters)
    reuse = filter_values(found.pop(REUSE, ""))
    wanted = [REUSE_LICENCES[item] for item in reuse if item in REUSE_LICENCES]
    if wanted:
        allowed = set.intersection(*(set(licences) for licences in wanted))
        if chosen := filter_values(found.get("licence", "")):
            allowed &= set(chosen)
        found["licence"] = SEPARATOR.join(sorted(allowed)) or NO_VALUE
    return found


def counted_facets(request: "SearchRequest") -> tuple[str, ...]:
    """The facets ``request`` counts: every one and "rating", none, or those it names."""
    if request.facets is True:
        return (*FACETS, "rating")
    return tuple(name for name in request.facets or () if name in FACETS or name == "rating")


def typo_distance(word: str) -> int:
    """How many edits a word may be off when typos are forgiven: none below four letters
    (too many short words are one edit apart), one up to seven, two from eight."""
    length = len(word)
    return 0 if length < 4 else 1 if length < 8 else 2


@dataclass(frozen=True)
class SearchRequest:
    # Words (all must match), "exact phrases", -exclusions and OR.
    text: str = ""
    # facet name -> value, or several values of which any may match (within a facet: OR).
    filters: Mapping[str, "str | tuple[str, ...]"] = field(default_factory=dict)
    # Only resources whose average rating is at least this (0: no minimum).
    min_rating: float = 0
    offset: int = 0
    limit: int = 20
    sort: str = "relevance"  # or "newest", "popular", "rated"
    # Edit distance allowed per word (0: exact words; 1 or 2: typo tolerance).
    fuzzy: int = 0
    # Words (lower-case) matched with typo tolerance by their length (``typo_distance``),
    # the others exactly.
    fuzzy_words: tuple[str, ...] = ()
    # (word or phrase, lower-case; weight): clauses that count less (or more) towards the
    # text score, e.g. synonyms the teacher did not type. Tantivy weighs them; PostgreSQL's
    # ts_rank cannot weigh single terms and ignores this (the same resources are found).
    weights: tuple[tuple[str, float], ...] = ()
    # Whose level and subject terms are counted (facets of the other region are left out).
    region: str = "fl"
    # (filter field of PREFERENCE_FIELDS, value): resources that have it rank a little higher
    # (relevance only), e.g. ("language", "nl"), ("tagged", "fl").
    prefer: tuple[tuple[str, str], ...] = ()
    # Count the facets (a saved-search check or the floor measurement does not need them), or
    # only those named (and "rating" if named): what a filter's other options would give
    # needs its own counts alone, and the largest publishers cost more than all the rest.
    facets: bool | tuple[str, ...] = True
    # Return a snippet per hit with the matched words marked.
    highlight: bool = False
    # Only these resources (e.g. does a newly published one match a saved search?).
    only_ids: tuple[int, ...] = ()


# A snippet: pieces of text in order, each marked True when it matched the query.
Snippet = list[tuple[str, bool]]


@dataclass
class SearchResult:
    ids: list[int]
    total: int
    # facet name -> {value: number of matching documents}, over all matches, not the page;
    # plus "rating": {"4": matches rated four stars and up, "3": ...}
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    # id -> snippet of its title and of its text, for the hits of the page
    highlights: dict[int, dict[str, Snippet]] = field(default_factory=dict)


class SearchBackend(Protocol):
    """What every backend offers, opened on one collection (``get_backend``). Both backends
    subclass it, so that mypy holds each to every method's signature."""

    def index_documents(self, documents: list[dict]) -> None:
        """Add or replace these documents (the last of two with the same id wins)."""
        ...

    def delete(self, ids: list[int]) -> None:
        """Remove these documents; unknown ids are ignored."""
        ...

    def clear(self) -> None:
        """Remove every document of the collection."""
        ...

    def indexed_ids(self) -> set[int]:
        """The ids of every document in the collection."""
        ...

    def search(self, request: SearchRequest) -> SearchResult:
        """The matches of ``request``: a page of ids, the total, facet counts, highlights."""
        ...

    def version(self) -> str:
        """Changes whenever the index changes (what cached results are keyed on)."""
        ...
