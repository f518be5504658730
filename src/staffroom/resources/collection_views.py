"""Public collections: the list, a collection's page, following and copying it, featuring by
moderators, and the curator's page to describe, order and annotate it (collections.py does
the writes, collection_queries.py the reads)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from staffroom.core.http import int_param
from staffroom.core.pagination import paginate
from staffroom.core.permissions import moderator_required
from staffroom.core.upload_limits import FORM_OVERHEAD_BYTES, MB, body_limit

from . import collections as services
from .collection_queries import (
    collection_follower_count,
    collection_follows,
    collection_for,
    collection_items_to_edit,
    collection_resources,
    collections_listed,
)
from .licences import TEACHER_LICENCES
from .models import Folder
from .preview_views import _image_response

PAGE_SIZE = 12


class CollectionForm(forms.Form):
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("What the collection is for and how to use it. Markdown works."),
    )
    notes_licence = forms.ChoiceField(
        label=gettext_lazy("Licence of the description and notes"),
        choices=[(choice.value, choice.label) for choice in TEACHER_LICENCES],
        help_text=gettext_lazy(
            "Others may copy your collection with its notes; the resources keep their own licences."
        ),
    )
    cover = forms.FileField(
        label=gettext_lazy("Cover image"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}
        ),
        help_text=gettext_lazy("A JPEG, PNG, GIF or WebP image; it is shown at most 1200 × 800."),
    )
    remove_cover = forms.BooleanField(label=gettext_lazy("Remove the cover"), required=False)

    def __init__(self, *args, has_cover: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].widget.attrs["maxlength"] = services.MAX_DESCRIPTION
        if not has_cover:
            del self.fields["remove_cover"]


def _cover_limit() -> int:
    return settings.MAX_UPLOAD_MB["image"] * MB + FORM_OVERHEAD_BYTES


def collections(request):
    """Public collections: featured first, then the newest."""
    return render(
        request,
        "resources/collections.html",
        {"page": paginate(request, collections_listed(), PAGE_SIZE)},
    )


def _collection_or_404(pk: int, member) -> Folder:
    """A collection ``member`` may see (any public one, and their own), else 404."""
    folder = collection_for(pk, member)
    if folder is None:
        raise Http404
    return folder


def collection(request, pk: int):
    """A collection's public page (its curator also sees it before publishing)."""
    folder = _collection_or_404(pk, request.user)
    user = request.user
    return render(
        request,
        "resources/collection.html",
        {
            "folder": folder,
            "page": paginate(request, collection_resources(folder), 24),
            "own": user.is_authenticated and user.pk == folder.member_id,
            "following": collection_follows(folder, user),
            "follower_count": collection_follower_count(folder),
            "may_feature": user.is_authenticated
            and (user.is_moderator or user.is_staff)
            and folder.published_at is not None,
        },
    )


def cover(request, pk: int):
    """A collection's cover image, for whoever may see the collection."""
    folder = _collection_or_404(pk, request.user)
    if not folder.cover:
        raise Http404
    return _image_response(folder.cover, public=folder.published_at is not None)


def _login_first(request, folder_pk: int):
    return redirect_to_login(reverse("collections:detail", args=[folder_pk]))


@require_POST
def follow(request, pk: int):
    if not request.user.is_authenticated:
        return _login_first(request, pk)
    folder = _collection_or_404(pk, request.user)
    wanted = request.POST.get("action") != "unfollow"
    try:
        services.collection_follow(member=request.user, folder=folder, follow=wanted)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request,
            _("You follow this collection: you get a notice when it grows.")
            if wanted
            else _("You no longer follow this collection."),
        )
    return redirect("collections:detail", pk=folder.pk)


@require_POST
def copy(request, pk: int):
    if not request.user.is_authenticated:
        return _login_first(request, pk)
    folder = _collection_or_404(pk, request.user)
    try:
        copied = services.collection_copy(member=request.user, folder=folder)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect("collections:detail", pk=folder.pk)
    messages.success(
        request, _("Copied into your folders as “%(folder)s”.") % {"folder": copied.name}
    )
    return redirect(copied)


@moderator_required
@require_POST
def feature(request, pk: int):
    folder = _collection_or_404(pk, request.user)
    wanted = request.POST.get("featured") == "1"
    try:
        services.collection_feature(moderator=request.user, folder=folder, featured=wanted)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request,
            _("The collection is featured.")
            if wanted
            else _("The collection is no longer featured."),
        )
    return redirect("collections:detail", pk=folder.pk)


@login_required
@body_limit(_cover_limit)
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    """The curator's page: publish or unpublish, describe, and order and annotate the items.
    Another member's folder is not found, as on the folder pages."""
    folder = get_object_or_404(Folder, pk=pk, member=request.user)
    form = CollectionForm(
        initial={"description": folder.description, "notes_licence": folder.notes_licence},
        has_cover=bool(folder.cover),
    )
    typed_notes: dict[int, str] = {}
    if request.method == "POST":
        action = request.POST.get("action")
        resource_id = int_param(request.POST.get("resource"))
        try:
            if action == "describe":
                form = CollectionForm(request.POST, request.FILES, has_cover=bool(folder.cover))
                if form.is_valid():
                    details = services.CollectionInput(
                        description=form.cleaned_data["description"],
                        notes_licence=form.cleaned_data["notes_licence"],
                    )
                    services.collection_describe(
                        member=request.user,
                        folder=folder,
                        details=details,
                        cover=form.cleaned_data["cover"] or None,
                        remove_cover=form.cleaned_data.get("remove_cover", False),
                    )
                    messages.success(request, _("The collection's description is saved."))
                    return redirect("collections:edit", pk=folder.pk)
            elif action in ("publish", "unpublish"):
                services.collection_publish(
                    member=request.user, folder=folder, published=action == "publish"
                )
                messages.success(
                    request,
                    _("The collection is public.")
                    if action == "publish"
                    else _("The collection is private again."),
                )
                return redirect("collections:edit", pk=folder.pk)
            elif action == "note":
                note = request.POST.get("note", "")
                typed_notes[resource_id] = note
                services.collection_note(
                    member=request.user, folder=folder, resource_id=resource_id, note=note
                )
                messages.success(request, _("Note saved."))
                return redirect(
                    f"{reverse('collections:edit', args=[folder.pk])}#item-{resource_id}"
                )
            elif action in ("up", "down"):
                services.collection_move(
                    member=request.user, folder=folder, resource_id=resource_id, up=action == "up"
                )
                return redirect(
                    f"{reverse('collections:edit', args=[folder.pk])}#item-{resource_id}"
                )
        except ValidationError as refused:
            if action == "describe":
                for message in refused.messages:
                    form.add_error(None, message)
            else:
                messages.error(request, " ".join(refused.messages))
        if action not in ("describe", "note"):
            return redirect("collections:edit", pk=folder.pk)
    # A note that was refused stays as typed, to be shortened rather than typed again.
    items = [
        (item, typed_notes.get(item.resource_id, item.note))
        for item in collection_items_to_edit(folder)
    ]
    return render(
        request,
        "resources/collection_edit.html",
        {"folder": folder, "form": form, "items": items, "max_note": services.MAX_NOTE},
        status=400 if request.method == "POST" else 200,
    )
