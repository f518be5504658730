"""Searching resources: the backend finds ids and facet counts, the database supplies rows."""

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, overload

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from staffroom.accounts.models import Member, Organisation
from staffroom.core.language import spellchecker
from staffroom.curriculum.queries import (
    level_by_code,
    levels_for_region,
    resource_type_by_code,
    subject_by_code,
    subjects_for_region,
)
from staffroom.resources.licences import Licence
from staffroom.resources.models import ContentLanguage, Kind, Resource
from staffroom.resources.queries import publisher_key, with_listing_data

from . import syntax
from .backends import get_backend
from .backends.base import DEFAULT_COLLECTION, SORTS, SearchRequest, SearchResult, Snippet

PER_PAGE = 20
MAX_PAGE = 10_000
MAX_QUERY_LENGTH = 500

RATINGS = ("4", "3", "2", "1")  # "at least N stars"


def _publisher_exists(key: str) -> bool:
    publisher = publisher_key(key)
    if publisher is None:
        return False
    kind, pk = publisher
    model = Member if kind == "member" else Organisation
    return model.objects.filter(pk=pk).exists()


def publisher_labels(keys: Iterable[str]) -> dict[str, str]:
    """Names for publisher filter values ("member:12" -> "An Peeters")."""
    wanted: dict[str, set[int]] = {"member": set(), "organisation": set()}
    for key in keys:
        publisher = publisher_key(key)
        if publisher:
            wanted[publisher[0]].add(publisher[1])
    labels = {}
    for member in Member.objects.filter(pk__in=wanted["member"]):
        labels[f"member:{member.pk}"] = str(member)
    for organisation in Organisation.objects.filter(pk__in=wanted["organisation"]):
        labels[f"organisation:{organisation.pk}"] = organisation.name
    return labels


def describe_filters(filters: Mapping[str, str], region: str) -> list[str]:
    """The filters of a (saved) search as a reader names them, in their region's terms (text
    in the active language, ready to join: choice labels are lazy)."""
    labels: list[str] = []
    for name, value in filters.items():
        if name == "level" and (level := level_by_code(value)):
            labels.append(str(level.in_region(region).label))
        elif name == "subject" and (subject := subject_by_code(value)):
            labels.append(str(subject.in_region(region).label))
        elif name == "type" and (resource_type := resource_type_by_code(value)):
            labels.append(str(resource_type.label))
        elif name == "language" and value in ContentLanguage.values:
            labels.append(str(ContentLanguage(value).label))
        elif name == "licence" and value in Licence.values:
            labels.append(str(Licence(value).label))
        elif name == "kind" and value in Kind.values:
            labels.append(str(Kind(value).label))
        elif name == "publisher":
            labels.append(publisher_labels([value]).get(value, value))
        elif name == "rating" and value in RATINGS:
            labels.append(_("%(stars)s stars and up") % {"stars": value})
    return labels


def describe_search(text: str, filters: Mapping[str, str], region: str) -> str:
    """A search in a few words: “breuken · 3de leerjaar · CC BY”."""
    return " · ".join([text] * bool(text) + describe_filters(filters, region)) or "*"


VALIDATORS = {
    "level": lambda code: level_by_code(code) is not None,
    "subject": lambda code: subject_by_code(code) is not None,
    "type": lambda code: resource_type_by_code(code) is not None,
    "language": lambda code: code in ContentLanguage.values,
    "licence": lambda code: code in Licence.values,
    "kind": lambda code: code in Kind.values,
    "publisher": _publisher_exists,
}


def search_filters_from(params: Mapping[str, Any]) -> dict[str, str]:
    """The known filters in a query string; unknown names and values are dropped."""
    filters = {}
    for name, is_known in VALIDATORS.items():
        value = params.get(name)
        if value and is_known(value):
            filters[name] = value
    return filters


def min_rating_from(params: Mapping[str, Any]) -> int:
    """The minimum rating asked for ("4": four stars and up); anything else: none."""
    value = str(params.get("rating") or "")
    return int(value) if value in RATINGS else 0


class _Counted:
    """Stands in for the result list so that Django's Paginator knows the total (the page's
    rows are filled in by the caller)."""

    def __init__(self, total: int):
        self.total = total

    def __len__(self) -> int:
        return self.total

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return []
        raise IndexError(index)


@dataclass
class SearchPage:
    page: Page
    facets: dict[str, dict[str, int]]
    # Set when no word matched exactly and similar words were searched instead.
    similar_words: bool = False
    suggestion: str = ""
    # id -> {"title": snippet, "text": snippet} with the matched words marked
    highlights: dict[int, dict[str, Snippet]] = field(default_factory=dict)


def _page_number(raw: Any) -> int:
    try:
        return min(max(int(raw), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


@lru_cache(maxsize=4096)
def _correction(word: str, languages: tuple[str, ...]) -> str:
    """The word as the first dictionary that knows better spells it, unless any of the
    dictionaries knows the word as it is ("klok" is Dutch, not a misspelt English "kook")."""
    checkers = [spellchecker(language) for language in languages]
    if any(word in checker for checker in checkers):
        return word
    for checker in checkers:
        candidate = checker.correction(word)
        if candidate and candidate != word:
            return candidate
    return word


def _suggestion(text: str, languages: list[str]) -> str:
    """The query with misspelt words corrected, its phrases, exclusions and OR kept."""
    words = {word.lower() for word in syntax.parse(text).words}
    corrections = {word: _correction(word, tuple(languages)) for word in words}
    corrections = {word: better for word, better in corrections.items() if better != word}
    if not corrections:
        return ""
    return syntax.WORD.sub(
        lambda found: corrections.get(found[0].lower(), found[0]), " ".join(text.split())
    )


@dataclass
class CollectionPage:
    """A page of one collection's search: the engine's ids in order (``page.object_list``
    is left for the caller to fill with rows), facet counts, typo and spelling help."""

    page: Page
    ids: list[int]
    facets: dict[str, dict[str, int]]
    similar_words: bool
    suggestion: str
    highlights: dict[int, dict[str, Snippet]]

    def filled_from(self, rows: QuerySet) -> SearchPage:
        """The page with the rows of ``rows`` for the engine's ids, in the engine's order; a
        row that no longer qualifies (unpublished or hidden since it was indexed) is left out.
        Each row gets ``highlight``: where the words matched (see the ``marked`` filter)."""
        by_id = {row.pk: row for row in rows.filter(pk__in=self.ids)}
        self.page.object_list = [by_id[pk] for pk in self.ids if pk in by_id]
        for row in self.page.object_list:
            row.highlight = self.highlights.get(row.pk, {})
        return SearchPage(
            page=self.page,
            facets=self.facets,
            similar_words=self.similar_words,
            suggestion=self.suggestion,
            highlights=self.highlights,
        )


def search_collection(
    collection: str,
    text: str,
    filters: dict[str, str],
    page_number: int | str | None = 1,
    *,
    sort: str = "relevance",
    sorts: tuple[str, ...] = SORTS,
    languages: tuple[str, ...] = ("nl", "en", "fr", "de"),
    region: str = "fl",
    min_rating: int = 0,
    per_page: int = PER_PAGE,
) -> CollectionPage:
    """One page of ``collection`` matching ``text`` and ``filters``, with facet counts over
    all matches (for a filter in use: what each of its values would give instead). A page
    past the end gives the last page. When the exact words find nothing, words within one and
    then two typos are searched, and a correction is offered."""
    text = (text or "")[:MAX_QUERY_LENGTH]
    sort = sort if sort in sorts else "relevance"
    backend = get_backend(collection)
    number = _page_number(page_number)

    def run(page: int, fuzzy: int) -> SearchResult:
        return backend.search(
            SearchRequest(
                text=text,
                filters=filters,
                offset=(page - 1) * per_page,
                limit=per_page,
                sort=sort,
                fuzzy=fuzzy,
                region=region,
                min_rating=min_rating,
                highlight=True,
            )
        )

    def alternatives(fuzzy: int) -> dict[str, dict[str, int]]:
        """For each filter in use, the counts its other values would give instead: the
        search without that one filter. (Counted with it, the other options would all be 0
        and a teacher could not switch from one licence or level to another.)"""
        counts: dict[str, dict[str, int]] = {}
        for name in [*filters, *(["rating"] if min_rating else [])]:
            without = SearchRequest(
                text=text,
                filters={key: value for key, value in filters.items() if key != name},
                min_rating=0 if name == "rating" else min_rating,
                limit=1,
                fuzzy=fuzzy,
                region=region,
            )
            counts[name] = backend.search(without).facets.get(name, {})
        return counts

    fuzzy = 0
    result = run(number, fuzzy)
    while not result.total and text.strip() and fuzzy < 2:
        fuzzy += 1
        result = run(number, fuzzy)
    page = Paginator(_Counted(result.total), per_page).get_page(number)
    if page.number != number:
        result = run(page.number, fuzzy)
    suggestion = ""
    if text.strip() and (fuzzy or result.total < 3):
        suggestion = _suggestion(text, list(languages))
    return CollectionPage(
        page=page,
        ids=result.ids,
        facets=result.facets | alternatives(fuzzy),
        similar_words=bool(fuzzy),
        suggestion=suggestion,
        highlights=result.highlights,
    )


def search_resources(
    text: str,
    filters: dict[str, str],
    page_number: int | str | None = 1,
    *,
    sort: str = "relevance",
    languages: tuple[str, ...] = ("nl", "en", "fr", "de"),
    region: str = "fl",
    min_rating: int = 0,
) -> SearchPage:
    """One page of published resources matching ``text`` and ``filters`` (see
    ``search_collection``), their rows loaded for the cards."""
    found = search_collection(
        DEFAULT_COLLECTION,
        text,
        filters,
        page_number,
        sort=sort,
        languages=languages,
        region=region,
        min_rating=min_rating,
    )
    return found.filled_from(with_listing_data(Resource.objects.published()))


def search_suggestions(text: str, region: str, limit: int = 8) -> list[str]:
    """What to offer while a teacher types: subjects and levels (in their region's terms),
    keywords colleagues gave, then titles of published resources, that contain what was
    typed."""
    text = " ".join((text or "").split())[:100]
    if len(text) < 2:
        return []
    needle = text.casefold()
    terms = [*subjects_for_region(region), *levels_for_region(region)]
    found = [term.label for term in terms if needle in term.label.casefold()][: limit // 2]
    published = Resource.objects.published()
    keywords = Counter(
        keyword.casefold()
        for listed in published.filter(keywords__icontains=text).values_list("keywords", flat=True)[
            :200
        ]
        for keyword in listed
        if isinstance(keyword, str) and needle in keyword.casefold()
    )
    for keyword, _count in keywords.most_common(2):
        if keyword not in {item.casefold() for item in found}:
            found.append(keyword)
    titles = (
        published.filter(title__icontains=text)
        .order_by("-download_count")
        .values_list("title", flat=True)[: limit * 2]
    )
    for title in titles:
        if title not in found:
            found.append(title)
    return found[:limit]
