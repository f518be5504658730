"""Notes when a signed-in member uses the site, for the inactivity rule (accounts.deletion);
asks a member to accept the terms of use in effect (accounts.terms)."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .deletion import member_record_activity
from .terms import member_terms_pending


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
# from there would loop), and the language and region switches.
TERMS_OPEN_URL_NAME_PREFIXES = ("account_", "mfa_", "usersessions_")
TERMS_OPEN_URL_NAMES = {
    "terms",
    "terms_version",
    "terms_accept",
    "terms_decline",
    "privacy",
    "data",
    "data_export_download",
    "account_delete",
    "keep_account",
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

    Only page views are stopped: a form being sent (POST) goes through, so text typed before
    the terms changed is never lost, and so do the fragments a page fetches
    (X-Requested-With) and the JSON API (its tokens are for programs, which cannot accept).
    The next page the member opens asks."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.method not in ("GET", "HEAD"):
            return None
        if request.headers.get("X-Requested-With") or request.path.startswith(
            ("/api/", settings.STATIC_URL, settings.MEDIA_URL)
        ):
            return None
        match = request.resolver_match
        url_name = (match.url_name or "") if match else ""
        if url_name.startswith(TERMS_OPEN_URL_NAME_PREFIXES) or url_name in TERMS_OPEN_URL_NAMES:
            return None
        if member_terms_pending(user) is None:
            return None
        accept = reverse("accounts:terms_accept")
        return redirect(f"{accept}?{urlencode({'next': request.get_full_path()})}")
