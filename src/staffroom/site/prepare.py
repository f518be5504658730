"""Getting a site ready before it serves (``staffroom prepare``, run by ``staffroom serve``):
the derived stores brought up to date and the open items pre-checked, in this process, before
the task worker starts.

Why not leave it to the worker: on a first start the worker would fill the search index a
task at a time behind everything else in the queue, and for minutes search would find part
of the site and moderators see "checks not run yet". The Tantivy index takes one writer:
this process is it, and it is done before ``serve`` starts the worker.

What is up to date is left alone, so a restart costs a comparison of ids, not a rebuild.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from staffroom.interop.models import OaiRecord
from staffroom.interop.oai.records import oai_records_rebuild
from staffroom.moderation.models import ModerationItem
from staffroom.moderation.services import moderation_prechecks_run
from staffroom.resources.models import Resource
from staffroom.search.backends import get_backend
from staffroom.search.collections import collection_named, collection_names
from staffroom.search.services import search_check, search_reindex

# (label, done, total): called as work advances.
Progress = Callable[[str, int, int], object]

# Tasks a full rebuild of the index makes redundant when they were queued before it.
SEARCH_TASKS = (
    "staffroom.search.tasks.refresh_search_index",
    "staffroom.search.tasks.update_search_index",
    "staffroom.search.tasks.update_search_document",
)
OAI_TASKS = (
    "staffroom.interop.oai.tasks.rebuild_oai_records",
    "staffroom.interop.oai.tasks.update_oai_record",
)


@dataclass
class Prepared:
    # collection name -> "rebuilt", "repaired" or "up to date"
    search: dict[str, str] = field(default_factory=dict)
    indexed: dict[str, int] = field(default_factory=dict)
    oai_rebuilt: bool = False
    prechecked: int = 0
    tasks_removed: int = 0


def _no_progress(label: str, done: int, total: int) -> None:
    return None


def _remove_queued(paths: tuple[str, ...], before) -> int:
    """Queued tasks (not started) of these kinds from before ``before``: their work is done."""
    deleted, _ = DBTaskResult.objects.filter(
        status="READY", task_path__in=paths, enqueued_at__lt=before
    ).delete()
    return deleted


def search_prepare(name: str, progress: Progress, prepared: Prepared, *, rebuild: bool) -> None:
    """Build the collection's index when it is empty (or ``rebuild``), repair it when entries
    are missing or left over, leave it alone when it holds exactly what the database says it
    should."""
    started = timezone.now()
    collection = collection_named(name)
    expected = set(collection.indexed_ids())
    indexed = get_backend(name).indexed_ids()
    label = f"Search index: {collection.noun}"
    if expected and (rebuild or not indexed):
        count = search_reindex(
            collection=name, progress=lambda done, total: progress(label, done, total)
        )
        prepared.search[name] = "rebuilt"
        prepared.tasks_removed += _remove_queued(SEARCH_TASKS, started)
    elif expected != indexed:
        drift = search_check(collection=name, repair=True)
        count = len(expected)
        progress(label, len(drift.missing) + len(drift.stale), len(drift.missing | drift.stale))
        prepared.search[name] = "repaired"
    else:
        count = len(expected)
        progress(label, count, count)
        prepared.search[name] = "up to date"
    prepared.indexed[name] = count


def oai_prepare(progress: Progress, prepared: Prepared) -> None:
    """The OAI-PMH records, made when there are none yet (the worker keeps them in step)."""
    published = Resource.objects.published().count()
    label = "OAI-PMH records"
    if OaiRecord.objects.exists() or not published:
        progress(label, published, published)
        return
    started = timezone.now()

    def advance(done: int, total: int) -> None:
        progress(label, done, total)

    oai_records_rebuild(progress=advance)
    prepared.oai_rebuilt = True
    prepared.tasks_removed += _remove_queued(OAI_TASKS, started)


def prechecks_prepare(progress: Progress, prepared: Prepared) -> None:
    """Run the automated checks of every open item that has none yet, so that no moderator
    opens an item whose checks are still waiting in the queue."""
    items = list(
        ModerationItem.objects.filter(decision="", checks_ran_at=None)
        .select_related("resource")
        .order_by("pk")
    )
    label = "Pre-checks of open items"
    progress(label, 0, len(items))
    for done, item in enumerate(items, start=1):
        moderation_prechecks_run(item=item)
        progress(label, done, len(items))
    prepared.prechecked = len(items)


def site_prepare(progress: Progress = _no_progress, *, rebuild: bool = False) -> Prepared:
    """Bring every derived store up to date and pre-check the open items; run it before the
    task worker starts (the index has one writer). ``rebuild`` for a database that was just
    filled: an index left from an earlier database may hold the same ids with other content."""
    prepared = Prepared()
    for name in collection_names():
        search_prepare(name, progress, prepared, rebuild=rebuild)
    oai_prepare(progress, prepared)
    prechecks_prepare(progress, prepared)
    return prepared
