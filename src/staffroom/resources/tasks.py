"""Background work on resources; each task loads its rows by id and calls a service."""

from django_tasks import task

# services imports this module to enqueue tasks: import it whole, used at run time only.
from . import services
from .files import OFFICE_TYPES
from .follows import followers_notify_published
from .models import Resource, ResourceFile


@task()
def analyse_resource_file(resource_file_id: int) -> None:
    resource_file = ResourceFile.objects.filter(pk=resource_file_id).first()
    if resource_file is not None and resource_file.analysed_at is None:
        services.resource_file_analyse(resource_file=resource_file)


# Below other work: a first start queues this for every PDF and office file of the demo, and
# mail, indexing and checks should not wait behind them.
@task(priority=-20)
def render_preview_pages(resource_file_id: int) -> int:
    """The first pages of a PDF, or of an office file through LibreOffice together with other
    office files waiting for theirs (one run converts several, claimed so that other workers
    take others); a file done meanwhile, or claimed, in another's batch is skipped. Returns
    how many files got pages."""
    first = ResourceFile.objects.filter(pk=resource_file_id, previewed_at=None).first()
    if first is None:
        return 0
    if first.mime_type not in OFFICE_TYPES:
        services.resource_file_rebuild_preview(resource_file=first)
        return 1
    batch = services.office_files_claim(first=first)
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


@task()
def end_expired_offers() -> int:
    """The clock ends the tool offers whose last free day has passed (``offers``)."""
    # offers builds on the services and the lifecycle, which import this module.
    from .offers import offers_end_expired  # noqa: PLC0415 - an import cycle otherwise

    return offers_end_expired()


# Below other work: a run waits between requests to one host, and nothing waits for it.
@task(priority=-10)
def check_links() -> dict[str, int]:
    """The clock's link check: the links that are due, up to ``LINKCHECK_PER_RUN`` (``links``)."""
    # links builds on the lifecycle and the services, which import this module.
    from .links import links_check_run  # noqa: PLC0415 - an import cycle otherwise

    return links_check_run()
