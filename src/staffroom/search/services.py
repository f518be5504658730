"""Keeping the search index in step with the database (the one source of truth).

The index is derived data: ``search_reindex`` rebuilds a collection (published resources,
the teachers' room questions: ``collections.py``) from the database and ``search_check``
finds and repairs drift. Index writes run in the task worker.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from staffroom.accounts.models import Member

# tasks imports this module: imported as a module, its tasks are looked up when called.
from . import tasks
from .backends import get_backend
from .backends.base import DEFAULT_COLLECTION, SearchRequest
from .collections import collection_named, collection_names
from .models import SavedSearch, SearchLog

BATCH = 500


def search_update_document(*, collection: str, object_id: int) -> None:
    """Bring one entry of ``collection`` up to date: index it if it belongs in the index,
    remove it if not."""
    documents = collection_named(collection).documents([object_id], None)
    if documents:
        get_backend(collection).index_documents(documents)
    else:
        get_backend(collection).delete([object_id])


def search_update_resource(*, resource_id: int) -> None:
    """Index the resource if it is published, remove it from the index if not."""
    search_update_document(collection=DEFAULT_COLLECTION, object_id=resource_id)


def search_update_on_commit(object_id: int, collection: str = DEFAULT_COLLECTION) -> None:
    """Have the worker bring one entry's index document up to date once this commits (a
    resource by default)."""
    collection_named(collection)  # a wrong name fails here, not in the worker
    if collection == DEFAULT_COLLECTION:
        transaction.on_commit(lambda: tasks.update_search_index.enqueue(object_id))
    else:
        transaction.on_commit(lambda: tasks.update_search_document.enqueue(collection, object_id))


def search_follow_resource_change(
    sender: object, *, resource_id: int, announce: bool, **kwargs: Any
) -> None:
    """Receiver of the resource lifecycle's ``resource_changed`` (connected in
    ``SearchConfig.ready``): index the resource again; a first publication is also matched
    against saved searches (the task indexes it first)."""
    if announce:
        transaction.on_commit(lambda: tasks.notify_saved_searches.enqueue(resource_id))
    else:
        search_update_on_commit(resource_id)


def search_reindex(
    *, collection: str = DEFAULT_COLLECTION, progress: Callable[[int, int], object] | None = None
) -> int:
    """Rebuild one collection's index from the database; returns how many entries it holds.

    Every entry is written again in batches and whatever no longer belongs removed, so
    searches keep working while it runs (nothing is cleared first)."""
    found = collection_named(collection)
    backend = get_backend(collection)
    ids = sorted(found.indexed_ids())
    now = timezone.now()
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        backend.index_documents(found.documents(batch, now))
        if progress:
            progress(min(start + BATCH, len(ids)), len(ids))
    stale = backend.indexed_ids() - set(ids)
    if stale:
        backend.delete(sorted(stale))
    return len(ids)


def search_reindex_all(
    *, progress: Callable[[str, int, int], object] | None = None
) -> dict[str, int]:
    """Rebuild every collection; how many entries each holds. ``progress`` is called with the
    collection's name, then done and total."""
    return {
        name: search_reindex(
            collection=name, progress=partial(progress, name) if progress else None
        )
        for name in collection_names()
    }


@dataclass
class Drift:
    missing: set[int]
    stale: set[int]


def search_check(*, collection: str = DEFAULT_COLLECTION, repair: bool = False) -> Drift:
    """Compare a collection's index with the database: entries that belong but are not
    indexed (missing), indexed ones that no longer belong (stale). With ``repair``, fix both."""
    found = collection_named(collection)
    backend = get_backend(collection)
    expected = set(found.indexed_ids())
    indexed = backend.indexed_ids()
    drift = Drift(missing=expected - indexed, stale=indexed - expected)
    if repair:
        if drift.stale:
            backend.delete(sorted(drift.stale))
        missing = sorted(drift.missing)
        for start in range(0, len(missing), BATCH):
            backend.index_documents(found.documents(missing[start : start + BATCH], None))
    return drift


def search_record(
    *,
    text: str,
    filters: dict[str, str],
    region: str,
    result_count: int,
    similar_words: bool = False,
    source: str = SearchLog.Source.PAGE,
    first_page: bool = True,
) -> SearchLog | None:
    """Record a search of the page or the API with what it found, without who searched (one
    INSERT). Only a new search counts: the first page of one with words or filters (paging
    through the results, or an empty search box, is not recorded). ``filters`` include the
    minimum rating."""
    text = " ".join(text.split())
    if not first_page or not (text or filters):
        return None
    return SearchLog.objects.create(
        query=text[:500],
        filters=dict(sorted(filters.items())),
        region=region[:2],
        result_count=max(result_count, 0),
        similar_words=similar_words and result_count > 0,
        source=source,
    )


def search_log_prune(*, now: datetime | None = None) -> int:
    """Delete the recorded searches older than ``SEARCH_LOG_DAYS`` (daily, by the clock);
    how many were deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.SEARCH_LOG_DAYS)
    deleted, _by_model = SearchLog.objects.filter(created_at__lt=cutoff).delete()
    return deleted


MAX_SAVED_SEARCHES = 50


def saved_search_create(*, member: Member, text: str, filters: dict[str, str]) -> SavedSearch:
    """Keep a search for ``member`` (the same search twice is kept once)."""
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


def saved_search_delete(*, member: Member, saved_search_id: int) -> None:
    """Forget one of ``member``'s saved searches (someone else's id does nothing)."""
    member.saved_searches.filter(pk=saved_search_id).delete()


def saved_searches_matching(resource_id: int) -> list[SavedSearch]:
    """The saved searches a (newly published) resource matches, exactly as the search page
    would find it."""
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
