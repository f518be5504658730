"""The interface every search backend implements, and the values it takes and returns.

A search document (``documents.resource_document``) is a dict of plain values:

- ``id``, ``language`` (nl, en, fr, de or another code), ``title``, ``description``,
  ``keywords``, ``body`` (extracted file text), ``vocabulary`` (labels of its levels, subjects
  and type in every language and both regions, and of every broader and crosswalked term
  whose filter finds it), ``author``: the text; ``variants`` (optional): other forms of its
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
from typing import Protocol

DEFAULT_COLLECTION = "resources"
# A collection's name goes into folder and table names: lower-case letters, digits, "_".
COLLECTION_NAME = re.compile(r"[a-z][a-z0-9_]{0,30}")


def checked_collection(name: str) -> str:
    """``name`` if it can name a collection, else ValueError."""
    if not COLLECTION_NAME.fullmatch(name or ""):
        raise ValueError(f"Not a collection name: {name!r}")
    return name


# The filters a search offers, as the page and the API name them.
FACETS = ("level", "subject", "type", "language", "licence", "kind", "publisher")
SORTS = ("relevance", "newest", "popular", "rated")
REGIONS = ("fl", "nl")
# Level and subject codes start with their region ("fl-lo-3", "nl-po-5"). A document carries
# them per region, so that counting the terms one viewer sees touches half the values.
REGIONAL_FACETS = ("level", "subject")
FILTER_FIELDS = (
    *(f"{facet}_{region}" for facet in REGIONAL_FACETS for region in REGIONS),
    *(facet for facet in FACETS if facet not in REGIONAL_FACETS),
)
# Publishers number in the thousands: only the ones with most matches are counted.
TOP_PUBLISHERS = 20
# How much a resource in the reader's language gains: as much as a filter-only match scores
# (so among equally relevant resources theirs come first), and about a tenth of a typical
# text score (so a better text match in another language still wins).
PREFERRED_LANGUAGE_SCORE = 1.0
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


def filter_values(value: "str | tuple[str, ...]") -> tuple[str, ...]:
    """The values of one filter: a single value, or several of which any may match."""
    if isinstance(value, str):
        return (value,) if value else ()
    return tuple(item for item in value if item)


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
    # Whose level and subject terms are counted (facets of the other region are left out).
    region: str = "fl"
    # Rank resources in this language (the reader's) a little higher (relevance only).
    prefer_language: str = ""
    # Count the facets (a saved-search check or the floor measurement does not need them).
    facets: bool = True
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
