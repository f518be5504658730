from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from staffroom.core import usage
from staffroom.core.http import int_param, safe_next
from staffroom.core.pagination import paginate
from staffroom.core.permissions import moderator_required
from staffroom.core.ratelimit import submission_limit_check
from staffroom.core.upload_limits import body_limit
from staffroom.curriculum.queries import (
    levels_for_region,
    resource_types,
    subjects_for_region,
)

from . import feedback, lifecycle, preview_views, remix, services
from . import folders as folder_services
from .attribution import attribution_line
from .embeds import embed_src
from .forms import RatingForm, ReplyForm, ResourceForm, upload_request_limit
from .licences import Licence, remix_summary
from .metadata import describe_changes
from .models import ContentLanguage, Cost, Folder, Kind, Reply, Resource, ResourceFile, Status
from .offers import offer_alternatives
from .queries import (
    ResourceFilters,
    feedback_for,
    folder_resources,
    folders_of,
    resource_detail,
    resource_files_for,
    resource_manuals,
    resource_visible_to,
    resources_also_used,
    resources_filtered,
    resources_more_by_publisher,
    resources_of_contributor,
    resources_remixed_from,
    shared_folder,
)
from .review import latest_reviews, pending_edit_values

SORTS = {
    "newest": gettext_lazy("Newest"),
    "popular": gettext_lazy("Most downloaded"),
    "title": gettext_lazy("Title"),
}


def browse(request):
    filters = ResourceFilters.from_query(request.GET)
    order = request.GET.get("sort", "newest")
    page = paginate(request, resources_filtered(filters, order))
    context = {
        "page": page,
        "filters": filters,
        "sort": order if order in SORTS else "newest",
        "sorts": SORTS,
        "levels": levels_for_region(request.region),
        "subjects": subjects_for_region(request.region),
        "types": resource_types(),
        "languages": ContentLanguage.choices,
        "licences": Licence.choices,
        "kinds": Kind.choices,
        "costs": Cost.choices,
        # The results offer to follow the subject filtered on (accounts' follow button).
        "follow_subject": filters.subject,
    }
    # Live filtering asks for the results alone; without JavaScript the whole page is served.
    if request.GET.get("fragment") == "results":
        return render(request, "resources/_results.html", context)
    return render(request, "resources/browse.html", context)


def _visible_or_404(request, pk: int) -> Resource:
    resource = resource_detail(pk)
    if resource is None or not resource_visible_to(resource, request.user):
        raise Http404
    return resource


def detail(request, pk: int, slug: str = ""):
    resource = _visible_or_404(request, pk)
    if slug != resource.slug:
        return redirect(resource, permanent=True)
    if resource.is_published:
        usage.record_usage(request, usage.Usage(usage.RESOURCE_VIEW, object_id=resource.pk))
        _record_search_click(request, resource)
    return render(request, "resources/detail.html", _detail_context(request, resource))


def _record_search_click(request, resource: Resource) -> None:
    """A result opened from the search page: its links carry the rank, the page the search
    came from is the referrer (same-origin referrers are sent in full)."""
    rank = int_param(request.GET.get("rank"))
    referrer = urlsplit(request.META.get("HTTP_REFERER", ""))
    if not rank or referrer.path != reverse("search:search"):
        return
    asked = parse_qs(referrer.query)
    found = usage.Usage(
        usage.SEARCH_CLICK, object_id=resource.pk, query=asked.get("q", [""])[0], rank=rank
    )
    usage.record_usage(request, found)


def _detail_context(request, resource, **forms) -> dict:
    return {
        "resource": resource,
        "files": resource_files_for(resource, request.user),
        "embed": embed_src(resource.url) if resource.kind == Kind.EMBED else None,
        "remixes": resources_remixed_from(resource),
        "manuals": resource_manuals(resource),
        "alternatives": offer_alternatives(resource) if resource.status == Status.ENDED else None,
        "more": resources_more_by_publisher(resource),
        "also_used": resources_also_used(resource, request.user),
        "may_edit": request.user.is_authenticated and request.user.pk == resource.contributor_id,
        "may_pick": resource.is_published
        and request.user.is_authenticated
        and (request.user.is_moderator or request.user.is_staff)
        and request.user.pk != resource.contributor_id,
        "remix_summary": remix_summary(resource.licence),
        "may_adapt": remix.may_adapt(resource),
        "attribution": attribution_line(resource, settings.SITE_URL),
        "my_folders": list(request.user.folders.all()) if request.user.is_authenticated else [],
        **_feedback_context(request, resource, **forms),
    }


def _feedback_context(request, resource, rating_form=None, reply_form=None) -> dict:
    found = feedback_for(resource, request.user, request.region)
    may_rate = (
        resource.is_published
        and request.user.is_authenticated
        and request.user.pk != resource.contributor_id
    )
    if rating_form is None and may_rate:
        own = found.own_rating
        initial = {"stars": own.stars, "used_with": own.used_with_id} if own else {}
        rating_form = RatingForm(region=request.region, initial=initial)
    return {
        "feedback": found,
        "may_rate": may_rate,
        "rating_form": rating_form,
        "reply_form": reply_form or ReplyForm(),
    }


@login_required
@require_POST
def rate(request, pk: int):
    # A resource the member may not see is not found, whatever is posted to it.
    resource = _visible_or_404(request, pk)
    form = RatingForm(request.POST, region=request.region)
    if form.is_valid():
        try:
            if request.POST.get("remove"):
                feedback.rating_remove(member=request.user, resource=resource)
                messages.success(request, _("Your rating was removed."))
            else:
                feedback.rating_set(
                    member=request.user,
                    resource=resource,
                    stars=form.cleaned_data["stars"],
                    used_with=form.cleaned_data["used_with"],
                )
                messages.success(request, _("Thank you for rating this resource."))
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
    else:
        messages.error(request, _("Choose from one to five stars."))
    return redirect(f"{resource.get_absolute_url()}#ratings")


@login_required
@require_POST
def reply(request, pk: int):
    resource = _visible_or_404(request, pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            posted = feedback.reply_post(
                member=request.user,
                resource=resource,
                body=form.cleaned_data["body"],
                parent_id=form.cleaned_data["parent"],
            )
        except ValidationError as refused:
            form.add_error("body", refused)
        else:
            messages.success(request, _("Your reply is posted."))
            return redirect(f"{resource.get_absolute_url()}#reply-{posted.pk}")
    # Shown again with what was typed and what is wrong; nothing is lost.
    resource = _visible_or_404(request, pk)
    context = _detail_context(request, resource, reply_form=form)
    return render(request, "resources/detail.html", context, status=400)


def _file_or_404(request, pk: int, file_pk: int) -> tuple[Resource, ResourceFile]:
    resource = _visible_or_404(request, pk)
    resource_file = get_object_or_404(ResourceFile, pk=file_pk, resource=resource)
    if resource_file not in resource_files_for(resource, request.user):
        raise Http404
    return resource, resource_file


def _open_or_404(field_file):
    try:
        return field_file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404 from missing


def download(request, pk: int, file_pk: int):
    resource, resource_file = _file_or_404(request, pk, file_pk)
    if resource.is_published:
        services.resource_record_download(resource=resource)
        usage.record_usage(request, usage.Usage(usage.DOWNLOAD, object_id=resource.pk))
    return FileResponse(
        _open_or_404(resource_file.file),
        as_attachment=True,
        filename=resource_file.original_name,
        content_type=resource_file.mime_type,
    )


def preview(request, pk: int, file_pk: int):
    """The card's picture of a file: its first preview page, with that view's access check
    and caching (one place decides who sees a preview)."""
    return preview_views.preview_page(request, pk, file_pk, 1)


def visit(request, pk: int):
    resource = _visible_or_404(request, pk)
    if not resource.url:
        raise Http404
    if resource.is_published:
        services.resource_record_download(resource=resource)
        usage.record_usage(request, usage.Usage(usage.DOWNLOAD, object_id=resource.pk))
    return HttpResponseRedirect(resource.url)


def _form_page(request, form, resource, *, editing_published=False):
    return render(
        request,
        "resources/contribute.html",
        {
            "form": form,
            "resource": resource,
            "advanced": form.advanced,
            "editing_published": editing_published,
            "files": resource.files.all() if resource else [],
        },
    )


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


def _adaptation_original(request, resource: Resource | None) -> Resource | None:
    """The original of the adaptation on the form: named by "Share your adaptation"
    (?based_on=), sent with the form, or the draft's. A name that cannot be one is said on
    the page that opens the form, which works on without it."""
    if request.method == "POST":
        reference = request.POST.get("based_on")
    else:
        reference = request.GET.get("based_on")
    if reference is None:
        reference = str(resource.based_on_id or "") if resource is not None else ""
    elif request.method == "GET":
        original, problem = remix.original_for_adaptation(reference)
        if problem:
            messages.warning(request, problem)
        return original
    return remix.original_for_adaptation(reference)[0]


@body_limit(upload_request_limit)
@login_required
@require_http_methods(["GET", "POST"])
def contribute(request, pk: int | None = None):
    """Create or continue a draft; "submit" sends it to moderation once complete."""
    resource = None
    if pk is not None:
        resource = get_object_or_404(Resource, pk=pk, contributor=request.user)
        if resource.status == Status.PUBLISHED:
            return redirect("resources:edit_published", pk=pk)
        if resource.status not in lifecycle.EDITABLE_STATUSES:
            messages.info(request, _("This resource can no longer be edited."))
            return redirect(resource)
    advanced = request.GET.get("advanced") == "1" or request.POST.get("advanced") == "1"
    original = _adaptation_original(request, resource)
    form_kwargs = {
        "member": request.user,
        "region": request.region,
        "advanced": advanced,
        "resource": resource,
        "original": original,
    }
    if request.method == "GET":
        if resource is not None:
            initial = ResourceForm.initial_from(resource)
        else:
            # A new contribution starts from the member's profile levels and subjects, an
            # adaptation from its original's; a draft keeps its own (even none).
            initial = ResourceForm.initial_for_new(request.user, request.region)
            if original is not None:
                initial.update(remix.adaptation_initial(original, request.region))
        return _form_page(request, ResourceForm(initial=initial, **form_kwargs), resource)

    form = ResourceForm(request.POST, request.FILES, **form_kwargs)
    form.is_valid()
    # Whatever validated is kept, so nothing typed or uploaded is lost on an error.
    resource = services.resource_save_draft(
        contributor=request.user,
        resource=resource,
        data=form.metadata(),
        uploads=form.checked_uploads,
    )
    if form.errors:
        return _form_page(request, form, resource)
    if request.POST.get("action") != "submit":
        messages.success(request, _("Draft saved. You can come back to it at any time."))
        return redirect("resources:edit", pk=resource.pk)
    try:
        # The limit on what one member sends to the moderation queue (core/ratelimit.py);
        # the draft is saved above, so nothing typed is lost when it refuses.
        submission_limit_check(request, request.user)
        services.resource_submit(resource=resource, contributor=request.user)
    except ValidationError as error:
        _apply_errors(form, error)
        return _form_page(request, form, resource)
    messages.success(
        request, _("Thank you! Your resource is waiting for a moderator to review it.")
    )
    return redirect("resources:mine")


@body_limit(upload_request_limit)
@login_required
@require_http_methods(["GET", "POST"])
def edit_published(request, pk: int):
    """Propose changes to a published resource; it stays online as it was until approved."""
    resource = get_object_or_404(Resource.objects.published(), pk=pk, contributor=request.user)
    form_kwargs = {
        "member": request.user,
        "region": request.region,
        "advanced": True,
        "resource": resource,
        "original": _adaptation_original(request, resource),
    }
    if request.method == "GET":
        # Start from the edit still waiting for review, so a second edit builds on the first.
        initial = ResourceForm.initial_from(resource, pending_edit_values(resource))
        form = ResourceForm(initial=initial, **form_kwargs)
        return _form_page(request, form, resource, editing_published=True)
    form = ResourceForm(request.POST, request.FILES, **form_kwargs)
    if not form.is_valid():
        return _form_page(request, form, resource, editing_published=True)
    data = form.metadata().leaving_out("kind", "organisation")
    try:
        services.resource_propose_edit(
            resource=resource, contributor=request.user, data=data, uploads=form.checked_uploads
        )
    except ValidationError as error:
        _apply_errors(form, error)
        return _form_page(request, form, resource, editing_published=True)
    messages.success(request, _("Your changes are waiting for a moderator."))
    return redirect("resources:mine")


@login_required
@require_POST
def remove_file(request, pk: int, file_pk: int):
    resource = get_object_or_404(Resource, pk=pk, contributor=request.user)
    try:
        services.resource_remove_file(resource=resource, contributor=request.user, file_id=file_pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("resources:edit", pk=pk)


@login_required
@require_POST
def withdraw(request, pk: int):
    resource = _visible_or_404(request, pk)
    try:
        services.resource_withdraw(resource=resource, member=request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("“%(title)s” is no longer online.") % {"title": resource.title})
    return redirect("resources:mine")


@login_required
@require_POST
def withdraw_from_queue(request, pk: int):
    """The contributor takes a pending resource out of the queue; it is a draft again."""
    with transaction.atomic():
        resource = get_object_or_404(
            Resource.objects.select_for_update(), pk=pk, contributor=request.user
        )
        try:
            lifecycle.resource_withdraw_from_queue(resource)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
            return redirect("resources:mine")
    messages.success(
        request,
        _("“%(title)s” is out of the queue and a draft again. Submit it when it is ready.")
        % {"title": resource.title},
    )
    return redirect("resources:mine")


@login_required
@require_http_methods(["GET", "POST"])
def delete_draft(request, pk: int):
    """Ask, then delete one of the member's own drafts with its files (404 for anything
    else: someone else's resource, or one that is no longer a draft)."""
    if request.method == "GET":
        resource = get_object_or_404(Resource, pk=pk, contributor=request.user, status=Status.DRAFT)
        return render(request, "resources/delete_draft.html", {"resource": resource})
    with transaction.atomic():
        resource = get_object_or_404(
            Resource.objects.select_for_update(),
            pk=pk,
            contributor=request.user,
            status=Status.DRAFT,
        )
        title = resource.title
        try:
            lifecycle.resource_delete_draft(resource)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
            return redirect("resources:mine")
    messages.success(request, _("The draft “%(title)s” is deleted.") % {"title": title})
    return redirect("resources:mine")


@moderator_required
@require_POST
def pick(request, pk: int):
    resource = get_object_or_404(Resource, pk=pk)
    picked = request.POST.get("picked") == "1"
    try:
        services.resource_set_pick(resource=resource, moderator=request.user, picked=picked)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request,
            _("Marked as a moderators' pick.") if picked else _("No longer a moderators' pick."),
        )
    return redirect(resource)


@login_required
def mine(request):
    """My contributions: status, place in the queue, moderators' messages and corrections."""
    page = paginate(request, resources_of_contributor(request.user), 25)
    latest = latest_reviews([resource.pk for resource in page])
    rows = []
    for resource in page:
        review = latest.get(resource.pk)
        rows.append(
            {
                "resource": resource,
                "editable": resource.status in lifecycle.EDITABLE_STATUSES,
                "item": review.item if review else None,
                "position": review.position if review else None,
                "corrections": describe_changes(review.corrections, request.region)
                if review
                else [],
            }
        )
    return render(request, "resources/mine.html", {"rows": rows, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def reply_edit(request, pk: int, reply_pk: int):
    """The author changes their reply (the earlier text is kept for moderators)."""
    resource = _visible_or_404(request, pk)
    reply = get_object_or_404(Reply, pk=reply_pk, resource=resource, author=request.user)
    form = ReplyForm(request.POST or None, initial={"body": reply.body})
    if request.method == "POST" and form.is_valid():
        try:
            feedback.reply_edit(member=request.user, reply=reply, body=form.cleaned_data["body"])
        except ValidationError as refused:
            form.add_error("body", refused)
        else:
            messages.success(request, _("Your reply is changed."))
            return redirect(f"{resource.get_absolute_url()}#reply-{reply.pk}")
    return render(
        request, "resources/reply_edit.html", {"resource": resource, "reply": reply, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def folders(request):
    """My folders: create, rename, delete."""
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "create":
                folder_services.folder_create(member=request.user, name=request.POST.get("name"))
                messages.success(request, _("Folder created."))
            else:
                folder = get_object_or_404(Folder, pk=int_param(request.POST.get("folder")))
                if action == "rename":
                    folder_services.folder_rename(
                        member=request.user, folder=folder, name=request.POST.get("name")
                    )
                    messages.success(request, _("Folder renamed."))
                elif action == "delete":
                    folder_services.folder_delete(member=request.user, folder=folder)
                    messages.success(request, _("Folder deleted."))
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        return redirect("resources:folders")
    return render(request, "resources/folders.html", {"folders": folders_of(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def folder(request, pk: int):
    """One of my folders: its resources, removing one, sharing by link."""
    folder = get_object_or_404(Folder, pk=pk, member=request.user)
    if request.method == "POST":
        if request.POST.get("action") == "share":
            folder_services.folder_share(
                member=request.user, folder=folder, shared=request.POST.get("shared") == "1"
            )
        elif request.POST.get("action") == "remove":
            folder_services.folder_remove(
                member=request.user,
                folder=folder,
                resource_id=int_param(request.POST.get("resource")),
            )
        return redirect(folder)
    share_url = (
        request.build_absolute_uri(reverse("resources:shared_folder", args=[folder.share_token]))
        if folder.share_token
        else ""
    )
    return render(
        request,
        "resources/folder.html",
        {
            "folder": folder,
            "page": paginate(request, folder_resources(folder), 24),
            "share_url": share_url,
            "owner": True,
        },
    )


def shared_folder_view(request, token: str):
    """A folder someone shared: anyone with the link may look."""
    folder = shared_folder(token)
    if folder is None:
        raise Http404
    return render(
        request,
        "resources/folder.html",
        {"folder": folder, "page": paginate(request, folder_resources(folder), 24)},
    )


@require_POST
def save_to_folder(request, pk: int):
    """Save from the resource page or from a card (resources/card_saving.py), then back to
    the page the form was on (``next``); a visitor logs in first and comes back there."""
    back = safe_next(request, request.POST.get("next"), "")
    if not request.user.is_authenticated:
        return redirect_to_login(back or reverse("resources:detail_short", args=[pk]))
    resource = _visible_or_404(request, pk)
    chosen = request.POST.get("folder")
    folder = None
    if chosen and chosen != "new":
        folder = Folder.objects.filter(pk=int_param(chosen), member=request.user).first()
        if folder is None:
            messages.error(request, _("That folder was not found: choose one of your folders."))
            return redirect(back or resource)
    try:
        saved_in = folder_services.folder_add(
            member=request.user,
            resource=resource,
            folder=folder,
            new_name=request.POST.get("new_name", ""),
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("Saved in “%(folder)s”.") % {"folder": saved_in.name})
    return redirect(back or resource)
