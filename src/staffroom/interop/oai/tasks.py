from django_tasks import task

from .records import oai_record_sync, oai_records_rebuild


@task()
def update_oai_record(resource_id: int) -> None:
    """Bring one resource's OAI-PMH record up to date (enqueued with its search update)."""
    oai_record_sync(resource_id=resource_id)


@task()
def rebuild_oai_records() -> dict:
    """Recompute every OAI-PMH record (daily, with the search refresh): repairs drift."""
    return oai_records_rebuild()
