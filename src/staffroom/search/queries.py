"""Searching resources: the backend finds ids and facet counts, the database supplies rows."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator

from staffroom.curriculum.queries import level_by_code, resource_type_by_code, subject_by_code
from staffroom.resources.licences import Licence
from staffroom.resources.models import ContentLanguage, Kind, Resource
from staffroom.resources.queries import with_listing_data

from .backends import get_backend
from .backends.base import SearchRequest

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


def _page_number(raw) -> int:
    try:
        return min(max(int(raw), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def search_resources(text: str, filters: dict[str, str], page_number=1) -> SearchPage:
    """One page of published resources matching ``text`` and ``filters``, with facet counts
    over all matches. A page past the end gives the last page."""
    text = (text or "")[:MAX_QUERY_LENGTH]
    backend = get_backend()
    number = _page_number(page_number)
    request = SearchRequest(
        text=text, filters=filters, offset=(number - 1) * PER_PAGE, limit=PER_PAGE
    )
    result = backend.search(request)
    page = Paginator(_Counted(result.total), PER_PAGE).get_page(number)
    if page.number != number:
        request = SearchRequest(
            text=text, filters=filters, offset=(page.number - 1) * PER_PAGE, limit=PER_PAGE
        )
        result = backend.search(request)
    rows = {
        r.pk: r for r in with_listing_data(Resource.objects.published()).filter(pk__in=result.ids)
    }
    # Keep the engine's order; a row unpublished since it was indexed is simply left out.
    page.object_list = [rows[pk] for pk in result.ids if pk in rows]
    return SearchPage(page=page, facets=result.facets)
