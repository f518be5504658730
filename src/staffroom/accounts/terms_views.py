"""The terms of use page (every version that was in effect stays readable), the page that
asks a member to accept the version in effect, and the page for a member who does not."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from staffroom.core.http import int_param, safe_next

from .models import TermsVersion
from .terms import (
    member_accepted_earlier,
    member_consent,
    member_terms_pending,
    terms_consent_record,
    terms_html,
    terms_in_effect,
    terms_published,
    terms_upcoming,
)


def _language() -> str:
    return (get_language() or "nl").split("-")[0]


def terms(request, label: str = ""):
    versions = terms_published()
    current = versions[0] if versions else None
    version = current
    if label:
        version = next((one for one in versions if one.label == label), None)
        if version is None:
            raise Http404
    accepted = None
    if request.user.is_authenticated and version is not None:
        accepted = member_consent(request.user, version)
    return render(
        request,
        "accounts/terms.html",
        {
            "version": version,
            "current": current,
            "versions": versions,
            "upcoming": terms_upcoming(),
            "accepted": accepted,
            "text": terms_html(version.text_in(_language())) if version else "",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def terms_accept(request):
    """Ask for (GET) and record (POST) the member's acceptance of the version in effect."""
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"), "/")
    version = member_terms_pending(request.user)
    if version is None:
        return redirect(next_url)
    if request.method == "POST":
        # The version the member read: if staff published another one meanwhile, they read
        # that one first.
        if int_param(request.POST.get("version")) != version.pk:
            messages.warning(
                request,
                _("The terms of use changed while you were reading. Please read this version."),
            )
        else:
            terms_consent_record(member=request.user, version=version)
            messages.success(request, _("Thank you. You accepted the terms of use."))
            return redirect(next_url)
    return accept_page(request, version, next_url)


def accept_page(
    request, version: TermsVersion, next_url: str, *, unsent: bool = False, status: int = 200
) -> HttpResponse:
    """The page asking to accept ``version``; ``unsent`` when it stands in for a form a
    member who never accepted any version sent (the middleware): it says nothing was sent."""
    earlier = member_accepted_earlier(request.user, version)
    language = _language()
    return render(
        request,
        "accounts/terms_accept.html",
        {
            "version": version,
            "earlier": earlier,
            "changes": terms_html(version.changes_in(language)) if earlier else "",
            "text": terms_html(version.text_in(language)),
            "next": next_url,
            "unsent": unsent,
        },
        status=status,
    )


@login_required
def terms_decline(request):
    """What a member who does not accept can do: nothing changes by itself; they can take
    their data, delete their account, or sign out and decide later."""
    return render(request, "accounts/terms_decline.html", {"version": terms_in_effect()})
