"""Write use-cases for folders: members keep resources in named folders, private or shared
by a link that can be withdrawn, or published as a public collection (collections.py)."""

import secrets
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from .collection_follows import collection_grew
from .models import Folder, FolderItem, Resource

MAX_FOLDERS = 100


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())[:100]
    if not name:
        raise ValidationError(_("Give the folder a name."))
    return name


def folder_create(*, member, name: str) -> Folder:
    name = _clean_name(name)
    if member.folders.count() >= MAX_FOLDERS:
        raise ValidationError(_("You can have up to %(count)d folders.") % {"count": MAX_FOLDERS})
    try:
        with transaction.atomic():
            return Folder.objects.create(member=member, name=name)
    except IntegrityError:
        raise ValidationError(_("You already have a folder with that name.")) from None


def folder_rename(*, member, folder: Folder, name: str) -> Folder:
    folder_check_owner(member, folder)
    folder.name = _clean_name(name)
    try:
        with transaction.atomic():
            folder.save(update_fields=["name"])
    except IntegrityError:
        raise ValidationError(_("You already have a folder with that name.")) from None
    return folder


def folder_delete(*, member, folder: Folder) -> None:
    folder_check_owner(member, folder)
    cover = folder.cover.name if folder.cover else ""
    folder.delete()
    if cover:  # a public collection's cover goes with it, once the deletion is committed
        transaction.on_commit(partial(folder.cover.storage.delete, cover))


def folder_add(*, member, resource: Resource, folder: Folder | None = None, new_name: str = ""):
    """Save a published resource into one of the member's folders, or into a new one (the
    first save without a folder makes "Favourites")."""
    if not resource.is_published:
        raise ValidationError(_("Only published resources can be saved."))
    if folder is None:
        # Named in the member's own language, so the same folder is found whatever the page.
        with translation.override(member.interface_language):
            name = new_name.strip() or _("Favourites")
        folder = member.folders.filter(name=_clean_name(name)).first() or folder_create(
            member=member, name=name
        )
    folder_check_owner(member, folder)
    _item, created = FolderItem.objects.get_or_create(folder=folder, resource=resource)
    if created:
        collection_grew(folder=folder, resource=resource)
    return folder


def folder_remove(*, member, folder: Folder, resource_id: int) -> None:
    folder_check_owner(member, folder)
    folder.items.filter(resource_id=resource_id).delete()


def folder_share(*, member, folder: Folder, shared: bool) -> Folder:
    """Share by link (a new secret each time) or stop sharing (the old link stops working)."""
    folder_check_owner(member, folder)
    folder.share_token = secrets.token_urlsafe(16)[:22] if shared else ""
    folder.save(update_fields=["share_token"])
    return folder


def folder_check_owner(member, folder: Folder) -> None:
    """Refuse a change to someone else's folder (views look folders up by owner too)."""
    if folder.member_id != member.pk:
        raise ValidationError(_("This is not your folder."))
