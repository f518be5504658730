"""Background work on resources; each task loads its rows by id and calls a service."""

from django_tasks import task

# services imports this module to enqueue tasks: import it whole, used at run time only.
from . import services
from .follows import followers_notify_published
from .models import Resource, ResourceFile


@task()
def analyse_resource_file(resource_file_id: int) -> None:
    resource_file = ResourceFile.objects.filter(pk=resource_file_id).first()
    if resource_file is not None and resource_file.analysed_at is None:
        services.resource_file_analyse(resource_file=resource_file)


@task()
def notify_followers_of_publication(resource_id: int) -> int:
    """Fan a newly published resource out to the followers of its contributor, organisation
    and subjects."""
    resource = (
        Resource.objects.published()
        .select_related("contributor", "organisation")
        .filter(pk=resource_id)
        .first()
    )
    if resource is None:
        return 0
    return followers_notify_published(resource=resource)
