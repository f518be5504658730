"""Searching resources: the backend finds ids and facet counts, the database supplies rows."""

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, overload

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from staffroom.accounts.models import Member, Organisation
from staffroom.core.language import spellchecker
from staffroom.curriculum.queries import (
    level_by_code,
    resource_type_by_code,
    subject_by_code,
)
from staffroom.resources.licences import Licence
from staffroom.resources.models import ContentLanguage, Cost, Kind, Resource
from staffroom.resources.queries import publisher_key, with_listing_data

from . import syntax, understanding
from .backends import get_backend
from .backends.base import (
    DEFAULT_COLLECTION,
    REUSE,
    SEPARATOR,
    SORTS,
    SearchRequest,
    SearchResult,
    Snippet,
    engine_filters,
    filter_values,
    typo_distance,
)
from .facets import (
    ACCESSIBILITY_LABELS,
    DURATION_LABELS,
    FORMAT_LABELS,
    PICK_LABELS,
    REUSE_LABELS,
    with_reuse_counts,
)
from .understanding import Recognised

PER_PAGE = 20
MAX_PAGE = 10_000
MAX_QUERY_LENGTH = 500

RATINGS = ("4", "3", "2", "1")  # "at least N stars"


def rating_label(value: str) -> str:
    """The rating filter "at least ``value`` stars", in the plural its count needs."""
    stars = int(value)
    return ngettext("%(stars)s star and up", "%(stars)s stars and up", stars) % {"stars": stars}


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


# The labels of the filters whose values are a fixed list.
FIXED_LABELS: dict[str, Mapping[str, Any]] = {
    "language": dict(ContentLanguage.choices),
    "licence": dict(Licence.choices),
    "kind": dict(Kind.choices),
    "cost": dict(Cost.choices),
    "format": FORMAT_LABELS,
    REUSE: REUSE_LABELS,
    "accessibility": ACCESSIBILITY_LABELS,
    "pick": PICK_LABELS,
    "duration": DURATION_LABELS,
}


def filter_label(name: str, value: str, region: str) -> str:
    """One filter value as a reader names it, in their region's terms ("" if unknown)."""
    if name == "level" and (level := level_by_code(value)):
        return str(level.in_region(region).label)
    if name == "subject" and (subject := subject_by_code(value)):
        return str(subject.in_region(region).label)
    if name == "type" and (resource_type := resource_type_by_code(value)):
        return str(resource_type.label)
    if name in FIXED_LABELS and value in FIXED_LABELS[name]:
        return str(FIXED_LABELS[name][value])
    if name == "publisher":
        return publisher_labels([value]).get(value, value)
    if name == "rating" and value in RATINGS:
        return rating_label(value)
    return ""


def _listed(labels: list[str], all_of: bool) -> str:
    """The labels as "a, b or c" (any of them) or "a, b and c" (all of them)."""
    if len(labels) < 2:
        return "".join(labels)
    items, last = ", ".join(labels[:-1]), labels[-1]
    if all_of:
        return _("%(items)s and %(last)s") % {"items": items, "last": last}
    return _("%(items)s or %(last)s") % {"items": items, "last": last}


def describe_filters(filters: Mapping[str, str], region: str) -> list[str]:
    """The filters of a (saved) search as a reader names them, in their region's terms (text
    in the active language, ready to join: choice labels are lazy): one entry per filter,
    its values listed ("3de leerjaar or 4de leerjaar"; reuse options all hold: "and")."""
    described: list[str] = []
    for name, value in filters.items():
        labels = [filter_label(name, item, region) for item in filter_values(value)]
        labels = [label for label in labels if label]
        if labels:
            described.append(_listed(labels, all_of=name == REUSE))
    return described


def describe_search(text: str, filters: Mapping[str, str], region: str) -> str:
    """A search in a few words: “breuken · 3de leerjaar · CC BY”."""
    return " · ".join([text] * bool(text) + describe_filters(filters, region)) or "*"


VALIDATORS = {
    "level": lambda code: level_by_code(code) is not None,
    "subject": lambda code: subject_by_code(code) is not None,
    "type": lambda code: resource_type_by_code(code) is not None,
    **{name: labels.__contains__ for name, labels in FIXED_LABELS.items()},
    "publisher": _publisher_exists,
}
# At most this many values of one filter are read (a level tree has a few dozen).
MAX_FILTER_VALUES = 50


def _given(params: Mapping[str, Any], name: str) -> list[str]:
    """The values given for ``name``: repeated (``level=a&level=b``, a list in the API) or
    joined by commas (``level=a,b``: links and saved searches)."""
    given = params.getlist(name) if hasattr(params, "getlist") else params.get(name)
    if not isinstance(given, list | tuple):
        given = [given]
    values = [
        part.strip() for item in given if isinstance(item, str) for part in item.split(SEPARATOR)
    ]
    return list(dict.fromkeys(value for value in values if value))[:MAX_FILTER_VALUES]


def search_filters_from(params: Mapping[str, Any]) -> dict[str, str]:
    """The known filters in a query string, each with one value or several (any of which
    may match; reuse options must all hold), the values sorted and joined by commas
    (``"fl-lo-3,fl-lo-4"``: how links, saved searches and the search log carry them).
    Unknown names and values are dropped."""
    filters = {}
    for name, is_known in VALIDATORS.items():
        if known := sorted(value for value in _given(params, name) if is_known(value)):
            filters[name] = SEPARATOR.join(known)
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
    # Curriculum words of the query applied as filters (shown as removable chips).
    recognised: list[Recognised] = field(default_factory=list)
    # Set when no resource had all the words and those with most of them are shown.
    relaxed: bool = False


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


def _missing_words(understood: understanding.Understanding, known) -> list[str]:
    """The teacher's words (lower-case) that no resource has in any form: words with no
    synonym or other form the index knows either."""
    if not understood.units:
        words = syntax.parse(understood.text).words
        return list(dict.fromkeys(word.lower() for word in words if not known(word.lower())))
    missing: dict[str, None] = {}
    for unit in understood.units:
        words = [word.lower() for group in unit for clause in group for word in clause.words]
        if not any(known(word) for word in words):
            missing.update(dict.fromkeys(words))
    return list(missing)


def _in_a_dictionary(word: str, languages: tuple[str, ...]) -> bool:
    return any(word in spellchecker(language) for language in dict.fromkeys(languages))


def _known_spelling(word: str, languages: tuple[str, ...], known) -> str:
    """The most common spelling one edit from ``word`` that some dictionary and the index
    both know ("begrijpent" -> "begrijpend"); "" when there is none."""
    candidates: dict[str, int] = {}
    for language in dict.fromkeys(languages):
        checker = spellchecker(language)
        for candidate in checker.candidates(word) or ():
            if candidate != word:
                frequency = checker.word_usage_frequency(candidate)
                candidates[candidate] = max(candidates.get(candidate, 0), frequency)
    # A letter changed before one left out or added ("begrijpent": "begrijpend", a d/t slip,
    # rather than "begrijpen"), then the most common.
    ranked = sorted(candidates, key=lambda found: (len(found) != len(word), -candidates[found]))
    for candidate in ranked[:5]:
        if known(candidate):
            return candidate
    return ""


def _replaced(text: str, corrections: dict[str, str]) -> str:
    return syntax.WORD.sub(lambda found: corrections.get(found[0].lower(), found[0]), text)


def _suggestion(
    text: str, languages: list[str], keep: set[str] | frozenset = frozenset(), known=None
) -> str:
    """The query with misspelt words corrected, its phrases, exclusions and OR kept, and the
    words of ``keep`` (recognised curriculum terms: "groep6") and those the index has
    (``known``: a French "particulaire" no dictionary of ours holds) as they are."""
    words = {word.lower() for word in syntax.parse(text).words} - keep
    words = {word for word in words if not any(char.isdigit() for char in word)}
    if known is not None:
        words = {word for word in words if not known(word)}
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
    recognised: list[Recognised] = field(default_factory=list)
    relaxed: bool = False

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
            recognised=self.recognised,
            relaxed=self.relaxed,
        )


# Fewer matches than this for all the words: those with most of the words are searched.
RELAX_BELOW = 3


@dataclass(frozen=True)
class _Attempt:
    """One way of searching the words: the text, its filters and the words allowed typos."""

    text: str
    filters: Mapping[str, str | tuple[str, ...]]
    fuzzy_words: tuple[str, ...] = ()
    # Words spelt as the index knows them: misspelt -> corrected.
    corrected: tuple[tuple[str, str], ...] = ()

    @property
    def similar(self) -> bool:
        return bool(self.fuzzy_words or self.corrected)


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
    understand: bool = False,
) -> CollectionPage:
    """One page of ``collection`` matching ``text`` and ``filters``, with facet counts over
    all matches (for a filter in use: what each of its values would give instead). A page
    past the end gives the last page.

    With ``understand``, curriculum words become filters and words are expanded
    (``understanding.py``). Then, as long as too little is found: words the index does not
    know spelt as it does ("begrijpent" -> "begrijpend"); the matches of all but one of the
    words (ranked by how many they have); typo tolerance for the unknown words no dictionary
    knows (four letters or more, ``typo_distance``); and last the words without the
    curriculum filters."""
    text = (text or "")[:MAX_QUERY_LENGTH]
    sort = sort if sort in sorts else "relevance"
    backend = get_backend(collection)
    number = _page_number(page_number)

    def run(attempt: _Attempt, page: int) -> SearchResult:
        return backend.search(
            SearchRequest(
                text=attempt.text,
                filters=attempt.filters,
                offset=(page - 1) * per_page,
                limit=per_page,
                sort=sort,
                fuzzy_words=attempt.fuzzy_words,
                weights=tuple(weights.items()),
                region=region,
                min_rating=min_rating,
                highlight=True,
                # The reader's language and what is made for their region come first.
                prefer=(("language", languages[0]), ("tagged", region)) if languages else (),
            )
        )

    @cache  # asked once per word and search
    def known(word: str) -> bool:
        """Whether the index has ``word`` (in any analysis)."""
        return bool(
            backend.search(SearchRequest(text=word, limit=1, facets=False, region=region)).total
        )

    understood = (
        understanding.understand(
            text, filters=dict(filters), languages=languages[:1], region=region, known=known
        )
        if understand and text.strip()
        else understanding.Understanding(text=text)
    )

    def attempts(understood: understanding.Understanding):
        """The ways to search, in order: all the words; the words the index does not know
        spelt as it knows them; all but one word; then typos forgiven."""
        applied: dict[str, str | tuple[str, ...]] = {**filters, **understood.filters}
        relaxed = understood.relaxed()
        yield _Attempt(understood.text, applied), False
        unknown = [word for word in _missing_words(understood, known) if typo_distance(word)]
        # A word a dictionary knows is no typo: it is what the teacher meant ("kernfusie" is
        # not "kernfysica"). The others are spelt as the index knows them, if it does.
        misspelt = [word for word in unknown if not _in_a_dictionary(word, languages)]
        corrected = {word: _known_spelling(word, languages, known) for word in misspelt}
        corrected = {word: better for word, better in corrected.items() if better}
        fixed = tuple(corrected.items())
        if corrected:
            yield _Attempt(_replaced(understood.text, corrected), applied, (), fixed), False
        # Most of the words, unless one of them is in no resource at all: dropping it would
        # show what the teacher did not ask for ("cricket regels" is not about the dt-regel).
        if relaxed and len(unknown) == len(corrected):
            yield _Attempt(_replaced(relaxed, corrected), applied, (), fixed), True
        # Typos forgiven last, for the misspelt words the index has no spelling for.
        fuzzy = tuple(word for word in misspelt if word not in corrected)
        if fuzzy:
            yield _Attempt(_replaced(understood.text, corrected), applied, fuzzy, fixed), False

    weights = dict(understood.weights)
    tried = [understood]
    if understood.recognised:
        tried.append(understanding.Understanding(text=text))
    best: tuple[SearchResult, _Attempt, bool, understanding.Understanding] | None = None
    for candidate in tried:
        for attempt, relaxed in attempts(candidate):
            result = run(attempt, number)
            if best is None or result.total > best[0].total:
                best = (result, attempt, relaxed, candidate)
            if result.total >= RELAX_BELOW or (result.total and (relaxed or attempt.similar)):
                break
        if best and best[0].total:
            break
    assert best is not None
    result, attempt, relaxed, understood = best
    page = Paginator(_Counted(result.total), per_page).get_page(number)
    if page.number != number:
        result = run(attempt, page.number)
    suggestion = ""
    if text.strip() and (attempt.similar or relaxed or result.total < RELAX_BELOW):
        keep = {word.lower() for found in understood.recognised for word in found.words.split()}
        suggestion = (
            _replaced(" ".join(text.split()), dict(attempt.corrected))
            if attempt.corrected
            else _suggestion(text, list(languages), keep, known)
        )
    return CollectionPage(
        page=page,
        ids=result.ids,
        facets=result.facets | _alternatives(backend, attempt, filters, min_rating, region),
        similar_words=attempt.similar and bool(result.total),
        suggestion=suggestion,
        highlights=result.highlights,
        recognised=understood.recognised,
        relaxed=relaxed,
    )


def _alternatives(
    backend, attempt: _Attempt, filters: Mapping[str, str], min_rating: int, region: str
) -> dict[str, dict[str, int]]:
    """For each filter in use, the counts its other values would give instead: the search
    without that one filter. (Counted with it, the other options would all be 0 and a teacher
    could not switch from one licence or level to another.)"""
    counts: dict[str, dict[str, int]] = {}
    for name in [*filters, *(["rating"] if min_rating else [])]:
        without = SearchRequest(
            text=attempt.text,
            filters={key: value for key, value in attempt.filters.items() if key != name},
            min_rating=0 if name == "rating" else min_rating,
            # Only that facet's counts: no page of hits, no other facet.
            limit=0,
            facets=(name,),
            fuzzy_words=attempt.fuzzy_words,
            region=region,
        )
        counts[name] = backend.search(without).facets.get(name, {})
    return counts


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
    ``search_collection``), their rows loaded for the cards. The reuse filter is searched as
    the licences it allows, and counted from the licence counts (``facets.with_reuse_counts``)."""
    found = search_collection(
        DEFAULT_COLLECTION,
        text,
        engine_filters(filters),
        page_number,
        sort=sort,
        languages=languages,
        region=region,
        min_rating=min_rating,
        understand=True,
    )
    found.facets = with_reuse_counts(found.facets, filters)
    return found.filled_from(with_listing_data(Resource.objects.published()))
