"""Background work of interoperability: harvesting OAI-PMH sources.

Harvests run in their own queue, "harvest", worked by their own worker
(``staffroom worker --queue-name harvest``): a harvest waits on another server, and a slow or
hostile repository must never hold up mail, previews or indexing in the default queue.
"""

from django_tasks import TaskContext, task

from .harvest import queries as harvest_queries

# harvest.services imports this module to enqueue: import it whole, used at run time only.
from .harvest import services as harvest_services
from .models.harvest import HarvestSource

QUEUE = "harvest"


@task(queue_name=QUEUE, takes_context=True)
def harvest_source(context: TaskContext, source_id: int, from_: str | None = None) -> int | None:
    """Harvest one source (incrementally, unless ``from_`` is given); the run's id."""
    source = HarvestSource.objects.filter(pk=source_id).first()
    if source is None:
        return None
    # A second attempt is the task recovery's retry after the first one's worker died: that
    # worker's run is lost, and need not be waited for (services._stale_after).
    after_lost_worker = context.attempt > 1
    run = harvest_services.harvest_run(
        source=source, from_=from_, after_lost_worker=after_lost_worker
    )
    return run.pk


@task(queue_name=QUEUE)
def harvest_all() -> int:
    """Queue a harvest of every active source (daily, by the clock); how many."""
    ids = harvest_queries.active_source_ids()
    for source_id in ids:
        harvest_source.enqueue(source_id)
    return len(ids)
