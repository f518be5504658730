"""Write use-cases for public collections: a member publishes one of their folders with a
description, a cover, a note per item and an order; others follow it (a notice when it grows)
or copy it into their own folders; moderators feature the best ones.

A collection is a folder with ``published_at`` set: the same rows, so saving into a folder
and building a collection are one thing, and unpublishing keeps everything for later."""

import secrets
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import files
from .folders import MAX_FOLDERS, folder_check_owner
from .licences import TEACHER_LICENCES, Licence
from .models import Folder, FolderFollow, FolderItem, Status

MAX_DESCRIPTION = 5000
MAX_NOTE = 1000
# A cover is shown across the top of the collection's page and on its card: kept at most this
# large, re-encoded as JPEG in the analysis sandbox (no metadata such as a photo's location
# survives).
COVER_SIZE = (1200, 800)


@dataclass(frozen=True)
class CollectionInput:
    """What the curator says about a collection; cleaned once, for the form and any caller."""

    description: str = ""
    notes_licence: str = Licence.BY.value

    def __post_init__(self) -> None:
        object.__setattr__(self, "description", (self.description or "").strip())

    def problems(self) -> dict[str, str]:
        """What is wrong, as {field: message}; empty when it can be saved."""
        found: dict[str, str] = {}
        if len(self.description) > MAX_DESCRIPTION:
            found["description"] = _(
                "The description may be at most %(limit)d characters (it has %(count)d)."
            ) % {"limit": MAX_DESCRIPTION, "count": len(self.description)}
        if self.notes_licence not in {choice.value for choice in TEACHER_LICENCES}:
            found["notes_licence"] = _("Choose one of the licences offered.")
        return found


@transaction.atomic
def collection_describe(
    *,
    member,
    folder: Folder,
    details: CollectionInput,
    cover=None,
    remove_cover: bool = False,
) -> Folder:
    """Save a collection's description, the licence of its notes and its cover (a new
    upload replaces the old one, which is deleted once committed)."""
    folder_check_owner(member, folder)
    problems = details.problems()
    if problems:
        raise ValidationError(list(problems.values()))
    old_cover = folder.cover.name if folder.cover else ""
    if cover is not None:
        jpeg = files.picture_jpeg(cover, COVER_SIZE)
        folder.cover.save(f"{folder.pk}-{secrets.token_hex(4)}.jpg", ContentFile(jpeg), save=False)
    elif remove_cover:
        folder.cover = ""
    folder.description = details.description
    folder.notes_licence = details.notes_licence
    folder.save(update_fields=["description", "notes_licence", "cover"])
    if old_cover and old_cover != folder.cover.name:
        transaction.on_commit(partial(folder.cover.storage.delete, old_cover))
    return folder


def collection_publish(*, member, folder: Folder, published: bool) -> Folder:
    """Publish the folder as a public collection, or take it back to private (a feature
    goes with it: a moderator chose what was public then)."""
    folder_check_owner(member, folder)
    if published:
        if not folder.items.filter(resource__status=Status.PUBLISHED).exists():
            raise ValidationError(_("Save at least one published resource in it first."))
        if folder.published_at is None:
            folder.published_at = timezone.now()
    else:
        folder.published_at = None
        folder.featured_at = None
        folder.featured_by = None
    folder.save(update_fields=["published_at", "featured_at", "featured_by"])
    return folder


def collection_note(*, member, folder: Folder, resource_id: int, note: str) -> FolderItem:
    """Say why an item is in the collection (shown under it on the public page)."""
    folder_check_owner(member, folder)
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ValidationError(
            _("A note may be at most %(limit)d characters (it has %(count)d).")
            % {"limit": MAX_NOTE, "count": len(note)}
        )
    item = folder.items.filter(resource_id=resource_id).first()
    if item is None:
        raise ValidationError(_("That resource is not in this folder."))
    item.note = note
    item.save(update_fields=["note"])
    return item


@transaction.atomic
def collection_move(*, member, folder: Folder, resource_id: int, up: bool) -> None:
    """Move an item one place up or down among the items shown (published ones); every item
    then gets its place numbered from 1, so new saves (0) still come first."""
    folder_check_owner(member, folder)
    items = list(
        FolderItem.objects.select_for_update()
        .filter(folder=folder)
        .select_related("resource")
        .order_by("position", "-added_at", "-pk")
    )
    shown = [item for item in items if item.resource.is_published]
    moving = next((item for item in shown if item.resource_id == resource_id), None)
    if moving is None:
        raise ValidationError(_("That resource is not in this folder."))
    place = shown.index(moving)
    other_place = place - 1 if up else place + 1
    if not 0 <= other_place < len(shown):
        return  # already first or last
    other = shown[other_place]
    at, other_at = items.index(moving), items.index(other)
    items[at], items[other_at] = other, moving
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


def collection_follow(*, member, folder: Folder, follow: bool) -> None:
    """Follow a public collection (a notice when it grows), or stop."""
    if follow:
        if folder.published_at is None:
            raise ValidationError(_("Only public collections can be followed."))
        if folder.member_id == member.pk:
            raise ValidationError(_("This is your own collection."))
        FolderFollow.objects.get_or_create(folder=folder, member=member)
    else:
        FolderFollow.objects.filter(folder=folder, member=member).delete()


def _free_name(member, name: str) -> str:
    """``name``, or "name (2)", "name (3)", ... when the member has a folder called that."""
    taken = set(member.folders.values_list("name", flat=True))
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        suffix = f" ({number})"
        candidate = name[: 100 - len(suffix)] + suffix
    return candidate


@transaction.atomic
def collection_copy(*, member, folder: Folder) -> Folder:
    """Copy a public collection into the member's own folders: a private folder with the same
    published items, notes, order, description and licence of the notes, remembering where it
    came from (the notes stay under their licence; the page names the original)."""
    if folder.published_at is None and folder.member_id != member.pk:
        raise ValidationError(_("Only public collections can be copied."))
    if member.folders.count() >= MAX_FOLDERS:
        raise ValidationError(_("You can have up to %(count)d folders.") % {"count": MAX_FOLDERS})
    try:
        with transaction.atomic():
            copy = Folder.objects.create(
                member=member,
                name=_free_name(member, folder.name),
                description=folder.description,
                notes_licence=folder.notes_licence,
                copied_from=folder,
            )
    except IntegrityError:  # the same name taken meanwhile
        raise ValidationError(_("You already have a folder with that name.")) from None
    items = folder.items.filter(resource__status=Status.PUBLISHED).order_by(
        "position", "-added_at", "-pk"
    )
    FolderItem.objects.bulk_create(
        FolderItem(folder=copy, resource_id=item.resource_id, note=item.note, position=place)
        for place, item in enumerate(items, start=1)
    )
    return copy


def collection_feature(*, moderator, folder: Folder, featured: bool) -> Folder:
    """A moderator (or staff) puts a public collection first on the list of collections, or
    takes it off."""
    if not (moderator.is_moderator or moderator.is_staff):
        raise ValidationError(_("Only moderators can feature collections."))
    if featured:
        if folder.published_at is None:
            raise ValidationError(_("Only public collections can be featured."))
        folder.featured_at, folder.featured_by = timezone.now(), moderator
    else:
        folder.featured_at, folder.featured_by = None, None
    folder.save(update_fields=["featured_at", "featured_by"])
    return folder
