from django_tasks import task


@task()
def notify_followers_of_publication(resource_id: int) -> int:
    """Fan a newly published resource out to the followers of its contributor, organisation
    and subjects."""
    from staffroom.resources.models import Resource

    from .services import followers_notify_published

    resource = (
        Resource.objects.published()
        .select_related("contributor", "organisation")
        .filter(pk=resource_id)
        .first()
    )
    if resource is None:
        return 0
    return followers_notify_published(resource=resource)
