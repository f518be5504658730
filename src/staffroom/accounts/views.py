import contextlib
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from staffroom.core.http import safe_next
from staffroom.core.pagination import paginate
from staffroom.core.permissions import staff_required
from staffroom.core.ratelimit import RateLimited, limit_hit, limit_wait, wait_message
from staffroom.curriculum.models import Subject

from . import services
from .deletion import (
    Cause,
    DeletionRefused,
    member_delete,
    member_from_keep_token,
    member_keep_from_token,
)
from .export import ExportRefused, data_export_request, export_from_token
from .forms import AccountDeleteForm, OrganisationForm, ProfileForm, RolesForm, StaffDeleteForm
from .inputs import OrganisationInput, ProfileInput
from .member_data import deletion_consequences
from .models import DataExport, DeletionRecord, Member, Organisation
from .privacy import privacy_statement_text, statement_html
from .profiles import profile_sections
from .queries import (
    FollowTarget,
    feed_for,
    follow_target,
    followers_count,
    following_of,
    member_page_of,
    members_for_roles_page,
    organisations_listed,
)

FEED_PAGE_SIZE = 20


def profile(request, public_id: str):
    """A member's page: who they are only if they made their profile public (they and staff
    always see it all); otherwise their name and what they published. Not indexed unless
    public; a sign-up never confirmed has no page."""
    member = member_page_of(public_id)
    if member is None:
        raise Http404
    if member.is_former_member:
        response = render(request, "accounts/former_member.html", {"member": member})
        response["X-Robots-Tag"] = "noindex"
        return response
    full = member.profile_public or request.user.pk == member.pk or request.user.is_staff
    sections = profile_sections(request, "member", member)
    if not full:
        sections = {**sections, "summary": []}
    response = render(
        request,
        "accounts/profile.html",
        {
            "member": member,
            "full": full,
            "organisations": member.organisations.all(),
            "followers": followers_count(member),
            "sections": sections,
        },
    )
    if not member.profile_public:
        response["X-Robots-Tag"] = "noindex"
    return response


def organisation(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    return render(
        request,
        "accounts/organisation.html",
        {
            "organisation": organisation,
            "followers": followers_count(organisation),
            "is_member": request.user.is_authenticated
            and organisation.members.filter(pk=request.user.pk).exists(),
            "sections": profile_sections(request, "organisation", organisation),
        },
    )


def organisations(request):
    return render(request, "accounts/organisations.html", {"organisations": organisations_listed()})


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.member_update_profile(
            member=request.user, data=ProfileInput.from_values(form.cleaned_data)
        )
        messages.success(request, _("Your profile has been saved."))
        response = redirect("accounts:profile_edit")
        response.set_cookie("staffroom_language", request.user.language, samesite="Lax")
        return response
    return render(request, "accounts/profile_edit.html", {"form": form})


@staff_required
def roles(request):
    term = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "accounts/roles.html",
        {
            "page": paginate(request, members_for_roles_page(term), 50),
            "q": term,
            "organisation_form": OrganisationForm(),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def roles_edit(request, pk: int):
    member = get_object_or_404(Member, pk=pk)
    initial = {
        "is_moderator": member.is_moderator,
        "moderated_levels": member.moderated_levels.all(),
        "moderated_subjects": member.moderated_subjects.all(),
        "is_staff": member.is_staff,
        "organisations": member.organisations.all(),
    }
    form = RolesForm(request.POST or None, initial=initial, region=member.region)
    if request.method == "POST" and form.is_valid():
        services.member_set_roles(member=member, changed_by=request.user, **form.cleaned_data)
        messages.success(request, _("Roles of %(name)s saved.") % {"name": member})
        return redirect("accounts:roles")
    return render(
        request,
        "accounts/roles_edit.html",
        {"member": member, "form": form, "changes": member.role_changes.all()[:20]},
    )


@staff_required
@require_http_methods(["POST"])
def organisation_create(request):
    form = OrganisationForm(request.POST)
    if form.is_valid():
        try:
            created = services.organisation_create(
                data=OrganisationInput.from_values(form.cleaned_data), created_by=request.user
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("Organisation %(name)s created.") % {"name": created})
            return redirect("accounts:roles")
    for error in form.errors.values():
        for message in error:
            messages.error(request, str(message))
    return redirect("accounts:roles")


def target_url(target: FollowTarget) -> str:
    """Where a followed member, organisation or subject is shown (a subject: the resources
    filtered on it)."""
    if isinstance(target, Subject):
        return f"{reverse('resources:browse')}?{urlencode({'subject': target.code})}"
    return target.get_absolute_url()


@login_required
@require_POST
def follow(request, kind: str, key: str):
    """Follow or, with ``action=unfollow``, stop following; back to the page of the button."""
    target = follow_target(kind, key)
    if target is None:
        raise Http404
    name = target.in_region(request.region).label if isinstance(target, Subject) else str(target)
    if request.POST.get("action") == "unfollow":
        services.follow_delete(follower=request.user, target=target)
        messages.success(request, _("You no longer follow %(name)s.") % {"name": name})
    else:
        try:
            services.follow_create(follower=request.user, target=target)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("You follow %(name)s: what is new appears in your feed.") % {"name": name},
            )
    return redirect(safe_next(request, request.POST.get("next"), target_url(target)))


@login_required
def following(request):
    return render(request, "accounts/following.html", {"following": following_of(request.user)})


@login_required
def feed(request):
    return render(
        request,
        "accounts/feed.html",
        {"page": paginate(request, feed_for(request.user), FEED_PAGE_SIZE)},
    )


# --- The member's data: download and deletion -------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def data(request):
    """Settings: download my data (requested here, mailed as a link) and delete my account."""
    if request.method == "POST":
        try:
            limit_hit(request, "data-export", f"member:{request.user.pk}")
            data_export_request(member=request.user)
        except RateLimited as refused:
            messages.error(
                request,
                _("You asked for your data several times today. %(wait)s")
                % {"wait": wait_message(refused.retry_after)},
            )
        except ExportRefused:
            messages.info(
                request, _("Your data is already being prepared; the link follows by mail.")
            )
        else:
            messages.success(
                request,
                _("We are preparing your data. You will get a mail with a download link."),
            )
        return redirect("accounts:data")
    return render(
        request,
        "accounts/data.html",
        {
            "exports": DataExport.objects.filter(member=request.user)[:5],
            "export_days": settings.DATA_EXPORT_DAYS,
        },
    )


@login_required
def data_export_download(request, token: str):
    export = export_from_token(token, member=request.user)
    if export is None or not export.file:
        messages.error(
            request,
            _("This download link has expired or is not yours. Ask for a new copy below."),
        )
        return redirect("accounts:data")
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=f"staffroom-data-{export.created_at:%Y-%m-%d}.zip",
        content_type="application/zip",
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    member = request.user
    form = AccountDeleteForm(request.POST or None, member=member)
    valid = request.method == "POST" and form.is_valid()
    if request.method == "POST":
        # Wrong passwords are limited, and while the limit holds even the right one is
        # refused: a stolen session cannot guess the password here.
        key = f"member:{member.pk}"
        if form.has_error("password"):
            with contextlib.suppress(RateLimited):
                limit_hit(request, "password-check", key)
        wait = limit_wait(request, "password-check", key)
        if wait:
            valid = False
            form.errors["password"] = form.error_class(
                [_("Too many wrong passwords. %(wait)s") % {"wait": wait_message(wait)}]
            )
    if valid:
        try:
            member_delete(
                member=member,
                cause=Cause.SELF,
                withdraw_resources=form.cleaned_data["withdraw_resources"],
            )
        except DeletionRefused:
            messages.error(request, _("This account cannot be deleted here."))
            return redirect("accounts:data")
        # The session ends without a "logged out" signal: there is no member left to log about.
        request.session.flush()
        request.user = AnonymousUser()
        messages.success(request, _("Your account has been deleted. Thank you for being here."))
        return redirect("home")
    return render(
        request,
        "accounts/delete.html",
        {"form": form, "consequences": deletion_consequences(member)},
    )


@require_http_methods(["GET", "POST"])
def keep_account(request, token: str):
    """The link of the inactivity warning: a button that keeps the account (it counts as used
    today). Opening the link changes nothing: mail scanners in schools open every link."""
    if request.method == "POST":
        member = member_keep_from_token(token)
        kept = member is not None
    else:
        member, kept = member_from_keep_token(token), False
    return render(
        request,
        "accounts/keep.html",
        {"valid": member is not None, "kept": kept},
        status=200 if member else 400,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def staff_member_delete(request, pk: int):
    member = get_object_or_404(Member, pk=pk, is_former_member=False)
    if (member.is_staff or member.is_superuser) and not request.user.is_superuser:
        # Staff accounts are deleted by a superuser only: staff cannot remove each other.
        messages.error(request, _("Only a superuser can delete a staff account."))
        return redirect("accounts:roles_edit", pk=member.pk)
    form = StaffDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if member.pk == request.user.pk:
            messages.error(request, _("Delete your own account from your settings."))
            return redirect("accounts:roles_edit", pk=member.pk)
        name = member.display_name
        try:
            member_delete(
                member=member,
                cause=Cause.STAFF,
                deleted_by=request.user,
                reason=form.cleaned_data["reason"],
                withdraw_resources=form.cleaned_data["withdraw_resources"],
            )
        except DeletionRefused:
            messages.error(request, _("This account cannot be deleted here."))
            return redirect("accounts:roles_edit", pk=member.pk)
        messages.success(request, _("The account of %(name)s has been deleted.") % {"name": name})
        return redirect("accounts:deletions")
    return render(
        request,
        "accounts/staff_delete.html",
        {"member": member, "form": form, "consequences": deletion_consequences(member)},
    )


@staff_required
def deletions(request):
    return render(
        request,
        "accounts/deletions.html",
        {"page": paginate(request, DeletionRecord.objects.select_related("deleted_by"), 50)},
    )


def privacy(request):
    try:
        # PRIVACY_STATEMENT_FILE (docs/privacy.md unless a deployment keeps its own), with the
        # configured periods and contacts filled in.
        text = privacy_statement_text((get_language() or "nl").split("-")[0])
    except OSError:
        raise Http404 from None
    return render(request, "accounts/privacy.html", {"statement": statement_html(text)})
