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


# Below other work: a first start queues a conversion for every office file of the demo, and
# mail, indexing and checks should not wait behind them.
@task(priority=-20)
def render_office_previews(resource_file_id: int) -> int:
    """Pages of an office file through LibreOffice, with other files waiting for theirs (one
    run converts several); a file converted meanwhile in another's batch is skipped."""
    first = ResourceFile.objects.filter(pk=resource_file_id, previewed_at=None).first()
    if first is None:
        return 0
    batch = services.office_files_waiting(first=first)
    return services.resource_files_render_office_previews(resource_files=batch)


@task(priority=-10)
def fetch_resource_picture(resource_id: int) -> bool:
    """The picture of a link or embed, from the web (oEmbed or og:image)."""
    resource = Resource.objects.filter(pk=resource_id).first()
    if resource is None or resource.url == resource.picture_source:
        return False
    return services.resource_fetch_picture(resource=resource)


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
