"""Background work of interoperability: harvesting OAI-PMH sources."""

from django_tasks import task

from .harvest import queries as harvest_queries

# harvest.services imports this module to enqueue: import it whole, used at run time only.
from .harvest import services as harvest_services
from .models.harvest import HarvestSource


@task()
def harvest_source(source_id: int, from_: str | None = None) -> int | None:
    """Harvest one source (incrementally, unless ``from_`` is given); the run's id."""
    source = HarvestSource.objects.filter(pk=source_id).first()
    if source is None:
        return None
    return harvest_services.harvest_run(source=source, from_=from_).pk


@task()
def harvest_all() -> int:
    """Queue a harvest of every active source (daily, by the clock); how many."""
    ids = harvest_queries.active_source_ids()
    for source_id in ids:
        harvest_source.enqueue(source_id)
    return len(ids)
