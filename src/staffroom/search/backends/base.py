"""The interface every search backend implements, and the values it takes and returns."""

from dataclasses import dataclass, field
from typing import Protocol

FACETS = ("level", "subject", "type", "language", "licence", "kind", "publisher")
SORTS = ("relevance", "newest", "popular")


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    filters: dict[str, str] = field(default_factory=dict)  # facet name -> value
    offset: int = 0
    limit: int = 20
    sort: str = "relevance"  # or "newest", "popular"
    # Edit distance allowed per word (0: exact words; 1 or 2: typo tolerance).
    fuzzy: int = 0
    # Only these resources (e.g. does a newly published one match a saved search?).
    only_ids: tuple[int, ...] = ()


@dataclass
class SearchResult:
    ids: list[int]
    total: int
    # facet name -> {value: number of matching documents}, over all matches, not the page
    facets: dict[str, dict[str, int]]


class SearchBackend(Protocol):
    def index_documents(self, documents: list[dict]) -> None: ...

    def delete(self, ids: list[int]) -> None: ...

    def clear(self) -> None: ...

    def indexed_ids(self) -> set[int]: ...

    def search(self, request: SearchRequest) -> SearchResult: ...
