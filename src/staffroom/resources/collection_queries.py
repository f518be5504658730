"""Reads of public collections: the list, one collection's page and its items, who follows
(collections.py holds the writes)."""

from django.db.models import Count, F, Q, QuerySet

from .models import Folder, FolderFollow, FolderItem, Resource, Status
from .queries import with_listing_data

ITEM_ORDER = ("folder_items__position", "-folder_items__added_at", "-folder_items__pk")


def collections_listed() -> QuerySet[Folder]:
    """Public collections, featured first (the latest feature first), then the newest; each
    with ``size``, the number of its published resources."""
    return (
        Folder.objects.filter(published_at__isnull=False)
        .select_related("member")
        .annotate(
            size=Count("items", filter=Q(items__resource__status=Status.PUBLISHED), distinct=True)
        )
        .order_by(F("featured_at").desc(nulls_last=True), "-published_at", "-pk")
    )


def collection_for(pk: int, viewer) -> Folder | None:
    """The collection at ``pk`` if ``viewer`` may see its page: anyone when it is public, its
    curator always (to look at it before publishing); None otherwise."""
    folder = Folder.objects.select_related("member", "copied_from__member").filter(pk=pk).first()
    if folder is None:
        return None
    if folder.published_at is None and not (
        viewer.is_authenticated and viewer.pk == folder.member_id
    ):
        return None
    return folder


def collection_resources(folder: Folder) -> QuerySet[Resource]:
    """The published resources of a collection in the curator's order, each with ``note``
    (why it is there) and ``item_position``; ones taken offline since are left out."""
    return (
        with_listing_data(Resource.objects.published().filter(folder_items__folder=folder))
        .annotate(note=F("folder_items__note"), item_position=F("folder_items__position"))
        .order_by(*ITEM_ORDER)
    )


def collection_items_to_edit(folder: Folder) -> list[FolderItem]:
    """The curator's view of the items: published ones in order, with their resource."""
    return list(
        folder.items.filter(resource__status=Status.PUBLISHED)
        .select_related("resource")
        .order_by("position", "-added_at", "-pk")
    )


def collection_follows(folder: Folder, member) -> bool:
    return (
        member.is_authenticated
        and FolderFollow.objects.filter(folder=folder, member=member).exists()
    )


def collection_follower_count(folder: Folder) -> int:
    return FolderFollow.objects.filter(folder=folder).count()
