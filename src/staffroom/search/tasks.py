from django_tasks import task

from .services import search_update_resource


@task()
def update_search_index(resource_id: int) -> None:
    search_update_resource(resource_id=resource_id)
