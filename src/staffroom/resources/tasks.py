"""Background work on resources; each task loads its rows by id and calls a service."""

from django_tasks import task

from .models import ResourceFile
from .services import resource_file_analyse


@task()
def analyse_resource_file(resource_file_id: int) -> None:
    resource_file = ResourceFile.objects.filter(pk=resource_file_id).first()
    if resource_file is not None and resource_file.analysed_at is None:
        resource_file_analyse(resource_file=resource_file)
