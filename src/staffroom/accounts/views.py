from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from staffroom.core.http import safe_next
from staffroom.core.pagination import paginate
from staffroom.core.permissions import staff_required
from staffroom.curriculum.models import Subject

from . import services
from .forms import OrganisationForm, ProfileForm, RolesForm
from .inputs import OrganisationInput, ProfileInput
from .models import Member, Organisation
from .profiles import profile_sections
from .queries import (
    FollowTarget,
    feed_for,
    follow_target,
    followers_count,
    following_of,
    members_for_roles_page,
    organisations_listed,
)

FEED_PAGE_SIZE = 20


def profile(request, pk: int):
    member = get_object_or_404(Member, pk=pk, is_active=True)
    return render(
        request,
        "accounts/profile.html",
        {
            "member": member,
            "organisations": member.organisations.all(),
            "followers": followers_count(member),
            "sections": profile_sections(request, "member", member),
        },
    )


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
