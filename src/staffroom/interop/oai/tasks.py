from django_tasks import task

# records imports this module to enqueue: import it whole, used at run time only.
from . import records


@task()
def update_oai_record(resource_id: int) -> None:
    """Bring one resource's OAI-PMH record up to date (enqueued with its search update)."""
    records.oai_record_sync(resource_id=resource_id)


@task()
def rebuild_oai_records() -> dict:
    """Recompute every OAI-PMH record (daily, with the search refresh): repairs drift."""
    return records.oai_records_rebuild()
