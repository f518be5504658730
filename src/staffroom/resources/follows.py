"""What members who follow a teacher, an organisation or a subject get from resources: a
notice when a resource is published, and published resources in their personal feed (a feed
source registered in ``ResourcesConfig.ready``)."""

from django.db import transaction
from django.db.models import Q, QuerySet

from staffroom.accounts.models import Member
from staffroom.accounts.queries import Followed, followers_of_resource
from staffroom.notifications.queries import members_notified
from staffroom.notifications.services import notify

from .models import Resource
from .queries import with_listing_data


@transaction.atomic
def followers_notify_published(*, resource) -> int:
    """Tell the followers of a newly published resource's contributor, organisation and
    subjects, each once, never the contributor; returns how many were told.

    Whoever was already told about this resource is skipped, so running it twice (a retried
    task, a resource published again) tells nobody twice.
    """
    url = resource.get_absolute_url()
    followers = followers_of_resource(resource)
    followers -= members_notified(kind="followed_published", url=url, member_ids=followers)
    params = {"publisher": str(resource.publisher), "title": resource.title}
    told = 0
    for member in Member.objects.filter(pk__in=followers).order_by("pk"):
        notify(member=member, kind="followed_published", params=params, url=url)
        told += 1
    return told


def resources_for_feed(member, followed: Followed) -> QuerySet:
    """Published resources by followed teachers, of followed organisations or in followed
    subjects."""
    wanted = Q(contributor_id__in=followed.member_ids) | Q(
        organisation_id__in=followed.organisation_ids
    )
    if followed.subject_ids:
        wanted |= Q(
            pk__in=Resource.subjects.through.objects.filter(
                subject_id__in=followed.subject_ids
            ).values("resource_id")
        )
    return with_listing_data(
        Resource.objects.published().filter(wanted).exclude(contributor=member)
    ).order_by("-published_at", "-pk")
