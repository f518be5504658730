from django.conf import settings
from django.urls import reverse
from django_tasks import task

from staffroom.core.mail import mail_member
from staffroom.notifications.services import notify
from staffroom.resources.models import Resource

from . import services
from .queries import describe_search


@task()
def update_search_index(resource_id: int) -> None:
    services.search_update_resource(resource_id=resource_id)


@task()
def update_search_document(collection: str, object_id: int) -> None:
    """Bring one entry of a collection other than resources up to date (a question)."""
    services.search_update_document(collection=collection, object_id=object_id)


@task()
def refresh_search_index() -> int:
    """Write every document of every collection again (daily, by the clock): download counts
    and the age that ranking weighs (search/ranking.py) change without an edit."""
    return sum(services.search_reindex_all().values())


@task()
def prune_search_log() -> int:
    """Delete recorded searches older than ``SEARCH_LOG_DAYS`` (daily, by the clock)."""
    return services.search_log_prune()


@task()
def notify_saved_searches(resource_id: int) -> int:
    """Tell the members whose saved searches a newly published resource matches: by mail and
    in the app."""
    # The index entry may not be written yet when several workers run: make sure it is.
    services.search_update_resource(resource_id=resource_id)
    resource = Resource.objects.published().filter(pk=resource_id).first()
    if resource is None:
        return 0
    matches = services.saved_searches_matching(resource_id)
    for saved in matches:
        member = saved.member
        mail_member(
            member,
            "search/email/new_match",
            {"saved": saved, "resource": resource},
            unsubscribe_url=settings.SITE_URL + reverse("search:saved"),
        )
        notify(
            member=member,
            kind="saved_search_match",
            params={
                "query": describe_search(saved.query, saved.filters, member.region),
                "title": resource.title,
            },
            url=resource.get_absolute_url(),
        )
    return len(matches)
