"""Keeping the search index in step with the database (the one source of truth).

The index is derived data: ``search_reindex`` rebuilds it from published resources and
``search_check`` finds and repairs drift. Index writes run in the task worker.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from staffroom.resources.models import Resource, Status

from .backends import get_backend
from .documents import resource_document

BATCH = 500


def _published(ids=None):
    queryset = (
        Resource.objects.filter(status=Status.PUBLISHED)
        .select_related("resource_type", "contributor", "organisation")
        .prefetch_related("files")
    )
    return queryset if ids is None else queryset.filter(pk__in=ids)


def search_update_resource(*, resource_id: int) -> None:
    """Index the resource if it is published, remove it from the index if not."""
    resource = _published([resource_id]).first()
    if resource is None:
        get_backend().delete([resource_id])
    else:
        get_backend().index_documents([resource_document(resource)])


def search_update_on_commit(resource_id: int) -> None:
    """Have the worker bring one resource's index entry up to date once this commits."""
    from .tasks import update_search_index

    transaction.on_commit(lambda: update_search_index.enqueue(resource_id))


def search_reindex(*, progress=None) -> int:
    """Rebuild the whole index from the database; returns how many resources it holds.

    Every published resource is written again in batches and whatever is no longer published
    removed, so searches keep working while it runs (nothing is cleared first)."""
    backend = get_backend()
    ids = list(_published().values_list("pk", flat=True).order_by("pk"))
    now = timezone.now()
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        backend.index_documents([resource_document(r, now) for r in _published(batch)])
        if progress:
            progress(min(start + BATCH, len(ids)), len(ids))
    stale = backend.indexed_ids() - set(ids)
    if stale:
        backend.delete(sorted(stale))
    return len(ids)


@dataclass
class Drift:
    missing: set[int]
    stale: set[int]


def search_check(*, repair: bool = False) -> Drift:
    """Compare the index with the database: published but not indexed (missing), indexed but
    no longer published (stale). With ``repair``, fix both."""
    published = set(_published().values_list("pk", flat=True))
    indexed = get_backend().indexed_ids()
    drift = Drift(missing=published - indexed, stale=indexed - published)
    if repair:
        if drift.stale:
            get_backend().delete(sorted(drift.stale))
        missing = sorted(drift.missing)
        for start in range(0, len(missing), BATCH):
            batch = missing[start : start + BATCH]
            get_backend().index_documents([resource_document(r) for r in _published(batch)])
    return drift


def search_record_zero_result(*, text: str, filters: dict, region: str) -> None:
    """Remember a search that found nothing (without who searched)."""
    from .models import ZeroResultSearch

    if text.strip() or filters:
        ZeroResultSearch.objects.create(query=text[:500], filters=filters, region=region)


MAX_SAVED_SEARCHES = 50


def saved_search_create(*, member, text: str, filters: dict):
    """Keep a search for ``member`` (the same search twice is kept once)."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from .models import SavedSearch

    if not text.strip() and not filters:
        raise ValidationError(_("Type some words or choose a filter before saving a search."))
    if member.saved_searches.count() >= MAX_SAVED_SEARCHES:
        raise ValidationError(
            _("You can keep up to %(count)d searches; delete one first.")
            % {"count": MAX_SAVED_SEARCHES}
        )
    saved, _created = SavedSearch.objects.get_or_create(
        member=member, query=text.strip()[:500], filters=filters
    )
    return saved


def saved_search_delete(*, member, saved_search_id: int) -> None:
    member.saved_searches.filter(pk=saved_search_id).delete()


def saved_searches_matching(resource_id: int) -> list:
    """The saved searches a (newly published) resource matches, exactly as the search page
    would find it."""
    from .backends.base import SearchRequest
    from .models import SavedSearch

    backend = get_backend()
    matching = []
    for saved in SavedSearch.objects.select_related("member").exclude(
        member__resources__pk=resource_id
    ):
        filters = dict(saved.filters)
        min_rating = int(filters.pop("rating", 0) or 0)
        request = SearchRequest(
            text=saved.query,
            filters=filters,
            min_rating=min_rating,
            limit=1,
            facets=False,
            only_ids=(resource_id,),
        )
        if backend.search(request).total:
            matching.append(saved)
    return matching
