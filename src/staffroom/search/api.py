from typing import Literal

from ninja import Query, Router, Schema

from staffroom.core.schemas import ValidationErrors
from staffroom.curriculum.queries import terms_in_region

from .models import SearchLog
from .queries import min_rating_from, search_filters_from, search_resources
from .services import search_record

router = Router(tags=["search"])


class SearchParams(Schema):
    q: str = ""
    # Each filter takes several values, repeated (level=a&level=b) or joined by commas:
    # any of them may match (reuse: all must hold).
    level: list[str] = []
    subject: list[str] = []
    type: list[str] = []
    language: list[str] = []
    licence: list[str] = []
    reuse: list[str] = []
    format: list[str] = []
    kind: list[str] = []
    cost: list[str] = []
    publisher: list[str] = []
    accessibility: list[str] = []
    pick: list[str] = []
    duration: list[str] = []
    rating: str = ""
    sort: str = "relevance"
    page: int = 1
    # Anything else is refused (422), not read as Flanders.
    region: Literal["fl", "nl"] = "fl"  # DEFAULT_REGION


class ResourceHit(Schema):
    id: int
    title: str
    url: str
    language: str
    licence: str
    kind: str
    cost: str
    type: str | None
    levels: list[str]
    subjects: list[str]
    publisher: str
    downloads: int
    rating_average: float | None
    rating_count: int
    moderators_pick: bool
    # Where the words matched: pieces of text, each flagged when it matched the query.
    highlight: dict[str, list[tuple[str, bool]]]


class SearchResponse(Schema):
    total: int
    page: int
    pages: int
    results: list[ResourceHit]
    facets: dict[str, dict[str, int]]
    similar_words: bool
    suggestion: str


@router.get(
    "",
    response={200: SearchResponse, 422: ValidationErrors},
    summary="Search published resources",
)
def search(request, params: Query[SearchParams]):
    """Free text plus filters (codes as on the search page; ``publisher`` as ``member:<id>`` or
    ``organisation:<id>``; ``reuse`` ``share``, ``adapt`` or ``commercial``; ``format`` ``pdf``,
    ``document``, ``presentation``, ``spreadsheet``, ``video``, ``interactive``, ``image`` or
    ``audio``; ``cost`` ``free``, ``free-until`` (free for a period: a tool offer) or ``paid``;
    ``accessibility=described``; ``pick=yes``; ``duration`` ``short`` (up to 15
    minutes), ``lesson`` (up to an hour) or ``longer``, for resources whose time in class is
    known; ``rating`` 1-4 for that many stars and up). A filter takes several values, repeated
    or joined by commas: any of them may match, except reuse, whose values must all hold. Facet
    counts are over all matches; a filter in use counts what each of its values would give
    instead (reuse: with the values chosen). Unknown filter values are ignored; level and
    subject labels and counts are given in the terminology of ``region`` (fl or nl). Sort by
    relevance, newest, popular or rated. Page numbers past the end give the last page."""
    region = params.region
    filters = search_filters_from(params.dict())
    found = search_resources(
        params.q,
        filters,
        params.page,
        sort=params.sort,
        region=region,
        min_rating=min_rating_from(params.dict()),
    )
    page = found.page
    min_rating = min_rating_from(params.dict())
    search_record(
        text=params.q,
        filters=filters | ({"rating": str(min_rating)} if min_rating else {}),
        region=region,
        result_count=page.paginator.count,
        similar_words=found.similar_words,
        source=SearchLog.Source.API,
        first_page=params.page <= 1,
    )
    return {
        "total": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "results": [
            {
                "id": resource.pk,
                "title": resource.title,
                "url": request.build_absolute_uri(resource.get_absolute_url()),
                "language": resource.language,
                "licence": resource.licence,
                "kind": resource.kind,
                "cost": resource.cost,
                "type": resource.resource_type.code if resource.resource_type else None,
                "levels": [t.label for t in terms_in_region(resource.listed_levels, region)],
                "subjects": [t.label for t in terms_in_region(resource.listed_subjects, region)],
                "publisher": str(resource.publisher),
                "downloads": resource.download_count,
                "rating_average": resource.rating_average if resource.rating_count else None,
                "rating_count": resource.rating_count,
                "moderators_pick": resource.picked_at is not None,
                "highlight": resource.highlight,
            }
            for resource in page
        ],
        "facets": found.facets,
        "similar_words": found.similar_words,
        "suggestion": found.suggestion,
    }
