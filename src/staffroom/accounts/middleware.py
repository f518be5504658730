"""Notes when a signed-in member uses the site, for the inactivity rule (accounts.deletion);
asks a member to accept the terms of use in effect (accounts.terms)."""

from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from staffroom.core.http import safe_next

from .deletion import member_record_activity
from .terms import member_accepted_earlier, member_terms_pending
from .terms_views import accept_page


class MemberActivityMiddleware:
    """At most one write per member per day: ``last_active_at`` is a date for the rule that
    deletes accounts unused for a year, not a log of visits."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            member_record_activity(user)
        return response


# Pages a member who has not accepted the terms in effect may still open: the terms and the
# page that asks, what lets them leave or take their data (privacy, data download, deletion,
# keep-account), the other trust pages, allauth's, MFA's and sessions' own pages (sign out,
# confirm the password: the second-factor rule sends staff there first, and sending them on
# from there would loop), and the language and region switches. Matched on the namespaced
# view name, so a page named "data" or "contact" in another app is not open by accident.
TERMS_OPEN_VIEW_NAME_PREFIXES = ("account_", "mfa_", "usersessions_")
TERMS_OPEN_VIEW_NAMES = {
    "accounts:terms",
    "accounts:terms_version",
    "accounts:terms_accept",
    "accounts:terms_decline",
    "accounts:privacy",
    "accounts:data",
    "accounts:data_export_download",
    "accounts:account_delete",
    "accounts:keep_account",
    "accessibility",
    "contact",
    "set_language",
    "set_region",
    "security_txt",
    "robots_txt",
    "sitemap",
    "sitemap_section",
}


class TermsConsentMiddleware:
    """Asks a signed-in member who has not accepted the terms of use in effect to read and
    accept them (accounts.terms) before any other page.

    A member who accepted an earlier version is asked only by page views: a form they send
    (POST) goes through, so text typed before the terms changed is not lost, and so do the
    fragments a page fetches (X-Requested-With); the next page they open asks. A member who
    never accepted any version gets neither: a form they send shows the page that asks
    (saying nothing was saved) instead of being handled. The JSON API is never asked (its
    tokens are for programs, which cannot accept)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.path.startswith(("/api/", settings.STATIC_URL, settings.MEDIA_URL)):
            return None
        match = request.resolver_match
        view_name = match.view_name if match else ""
        if (
            view_name.startswith(TERMS_OPEN_VIEW_NAME_PREFIXES)
            or view_name in TERMS_OPEN_VIEW_NAMES
        ):
            return None
        version = member_terms_pending(user)
        if version is None:
            return None
        page_view = request.method in ("GET", "HEAD")
        # Both headers and methods are the client's choice: they only count for a member
        # who has accepted terms before.
        if (not page_view or request.headers.get("X-Requested-With")) and member_accepted_earlier(
            user, version
        ):
            return None
        if page_view:
            accept = reverse("accounts:terms_accept")
            return redirect(f"{accept}?{urlencode({'next': request.get_full_path()})}")
        # A form sent: the page it came from is where accepting leads back to (the address
        # it was sent to may answer POST only).
        return accept_page(request, version, _page_sent_from(request), unsent=True, status=403)


def _page_sent_from(request: HttpRequest) -> str:
    referer = request.headers.get("Referer", "")
    if not safe_next(request, referer, ""):
        return "/"
    parts = urlsplit(referer)
    return parts.path + (f"?{parts.query}" if parts.query else "")
