"""Background work of interoperability: harvesting OAI-PMH sources."""

from django_tasks import task


@task()
def harvest_source(source_id: int, from_: str | None = None) -> int | None:
    """Harvest one source (incrementally, unless ``from_`` is given); the run's id."""
    from .harvest.services import harvest_run
    from .models.harvest import HarvestSource

    source = HarvestSource.objects.filter(pk=source_id).first()
    if source is None:
        return None
    return harvest_run(source=source, from_=from_).pk


@task()
def harvest_all() -> int:
    """Queue a harvest of every active source (daily, by the clock); how many."""
    from .harvest.queries import active_source_ids

    ids = active_source_ids()
    for source_id in ids:
        harvest_source.enqueue(source_id)
    return len(ids)
