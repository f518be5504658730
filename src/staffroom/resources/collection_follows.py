"""What followers of a public collection get: a notice when it grows (the curator saves a
published resource into it), fanned out by the worker."""

from functools import partial

from django.db import transaction
from django.urls import reverse
from django_tasks import task

from staffroom.accounts.models import Member
from staffroom.notifications.models import Notification
from staffroom.notifications.services import notify

from .models import Folder, Resource


def collection_grew(*, folder: Folder, resource: Resource) -> None:
    """Called when a resource is saved into a folder: if the folder is a public collection and
    the resource is published, its followers are told, by the worker once committed."""
    if folder.published_at is not None and resource.is_published:
        transaction.on_commit(partial(notify_collection_followers.enqueue, folder.pk, resource.pk))


def collection_followers_notify(*, folder: Folder, resource: Resource) -> int:
    """Tell the followers of a public collection that ``resource`` was added; how many were
    told. A follower who has not read the previous notice about this collection yet is not
    told again (a curator adding ten resources makes one notice, not ten)."""
    url = folder_public_url(folder)
    unread = set(
        Notification.objects.filter(
            kind="collection_grew", url=url, read_at__isnull=True
        ).values_list("member_id", flat=True)
    )
    followers = (
        Member.objects.filter(followed_collections__folder=folder, is_active=True)
        .exclude(pk__in=unread)
        .exclude(pk=folder.member_id)
        .order_by("pk")
    )
    params = {"collection": folder.name, "title": resource.title}
    told = 0
    for member in followers:
        notify(member=member, kind="collection_grew", params=params, url=url)
        told += 1
    return told


def folder_public_url(folder: Folder) -> str:
    return reverse("collections:detail", args=[folder.pk])


@task()
def notify_collection_followers(folder_id: int, resource_id: int) -> int:
    """Fan a collection's new item out to its followers (see collection_followers_notify)."""
    folder = Folder.objects.filter(pk=folder_id, published_at__isnull=False).first()
    resource = Resource.objects.published().filter(pk=resource_id).first()
    if folder is None or resource is None:
        return 0
    if not folder.items.filter(resource=resource).exists():
        return 0  # removed again before the worker came to it
    return collection_followers_notify(folder=folder, resource=resource)
