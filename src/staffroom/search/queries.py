"""Searching resources: the backend finds ids and facet counts, the database supplies rows."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator

from staffroom.core.language import WORD, spellchecker
from staffroom.curriculum.queries import (
    level_by_code,
    levels_for_region,
    resource_type_by_code,
    subject_by_code,
    subjects_for_region,
)
from staffroom.resources.licences import Licence
from staffroom.resources.models import ContentLanguage, Kind, Resource
from staffroom.resources.queries import with_listing_data

from .backends import get_backend
from .backends.base import SORTS, SearchRequest

PER_PAGE = 20
MAX_PAGE = 10_000
MAX_QUERY_LENGTH = 500

VALIDATORS = {
    "level": lambda code: level_by_code(code) is not None,
    "subject": lambda code: subject_by_code(code) is not None,
    "type": lambda code: resource_type_by_code(code) is not None,
    "language": lambda code: code in ContentLanguage.values,
    "licence": lambda code: code in Licence.values,
    "kind": lambda code: code in Kind.values,
}


def search_filters_from(params) -> dict[str, str]:
    """The known filters in a query string; unknown names and values are dropped."""
    return {
        name: params.get(name)
        for name, is_known in VALIDATORS.items()
        if params.get(name) and is_known(params.get(name))
    }


class _Counted:
    """Stands in for the result list so that Django's Paginator knows the total."""

    def __init__(self, total: int):
        self.total = total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, _slice):
        return []


@dataclass
class SearchPage:
    page: Page
    facets: dict[str, dict[str, int]]
    # Set when no word matched exactly and similar words were searched instead.
    similar_words: bool = False
    suggestion: str = ""


def _page_number(raw) -> int:
    try:
        return min(max(int(raw), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def _suggestion(text: str, languages: list[str]) -> str:
    """The query with misspelt words corrected by the first dictionary that knows better."""
    words = WORD.findall(text.lower())
    corrected = []
    for word in words:
        replacement = word
        for language in languages:
            checker = spellchecker(language)
            if word in checker:
                break
            candidate = checker.correction(word)
            if candidate and candidate != word:
                replacement = candidate
                break
        corrected.append(replacement)
    suggestion = " ".join(corrected)
    return suggestion if suggestion != " ".join(words) else ""


def search_resources(
    text: str,
    filters: dict[str, str],
    page_number=1,
    *,
    sort: str = "relevance",
    languages: tuple[str, ...] = ("nl", "en", "fr", "de"),
) -> SearchPage:
    """One page of published resources matching ``text`` and ``filters``, with facet counts
    over all matches. A page past the end gives the last page. When the exact words find
    nothing, words within one and then two typos are searched, and a correction is offered."""
    text = (text or "")[:MAX_QUERY_LENGTH]
    sort = sort if sort in SORTS else "relevance"
    backend = get_backend()
    number = _page_number(page_number)

    def run(page: int, fuzzy: int):
        return backend.search(
            SearchRequest(
                text=text,
                filters=filters,
                offset=(page - 1) * PER_PAGE,
                limit=PER_PAGE,
                sort=sort,
                fuzzy=fuzzy,
            )
        )

    fuzzy = 0
    result = run(number, fuzzy)
    while not result.total and text.strip() and fuzzy < 2:
        fuzzy += 1
        result = run(number, fuzzy)
    page = Paginator(_Counted(result.total), PER_PAGE).get_page(number)
    if page.number != number:
        result = run(page.number, fuzzy)
    rows = {
        r.pk: r for r in with_listing_data(Resource.objects.published()).filter(pk__in=result.ids)
    }
    # Keep the engine's order; a row unpublished since it was indexed is simply left out.
    page.object_list = [rows[pk] for pk in result.ids if pk in rows]
    suggestion = ""
    if text.strip() and (fuzzy or result.total < 3):
        suggestion = _suggestion(text, list(languages))
    return SearchPage(
        page=page, facets=result.facets, similar_words=bool(fuzzy), suggestion=suggestion
    )


def search_suggestions(text: str, region: str, limit: int = 8) -> list[str]:
    """What to offer while a teacher types: subjects and levels (in their region's terms),
    then titles of published resources, that contain what was typed."""
    text = " ".join((text or "").split())[:100]
    if len(text) < 2:
        return []
    needle = text.casefold()
    terms = [*subjects_for_region(region), *levels_for_region(region)]
    found = [term.label for term in terms if needle in term.label.casefold()][: limit // 2]
    titles = (
        Resource.objects.published()
        .filter(title__icontains=text)
        .order_by("-download_count")
        .values_list("title", flat=True)[: limit * 2]
    )
    for title in titles:
        if title not in found:
            found.append(title)
    return found[:limit]
