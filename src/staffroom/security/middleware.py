"""Session idle timeout, second factor required for staff and moderators, admin access log."""

from __future__ import annotations

import time
from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .events import record
from .models import Kind

LAST_SEEN_KEY = "security_last_seen"
ADMIN_SEEN_KEY = "security_admin_seen"
# The last-seen time is written at most this often, so that not every request saves the
# session; the timeout is then exact to within this many seconds.
LAST_SEEN_RESOLUTION = 60


class SessionIdleTimeoutMiddleware:
    """Signs a member out when their session has not been used for SESSION_IDLE_TIMEOUT
    seconds; SESSION_COOKIE_AGE stays the absolute lifetime of any session."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        timeout = settings.SESSION_IDLE_TIMEOUT
        if user is not None and user.is_authenticated and timeout:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if isinstance(last_seen, int) and now - last_seen > timeout:
                member = user
                request._security_idle_timeout = True  # type: ignore[attr-defined]
                logout(request)
                record(
                    Kind.IDLE_TIMEOUT, member=member, request=request, idle_seconds=now - last_seen
                )
                messages.info(
                    request, _("You were signed out because you had not used the site for a while.")
                )
            elif not isinstance(last_seen, int) or now - last_seen >= LAST_SEEN_RESOLUTION:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


def mfa_required(member) -> bool:
    """Staff and moderators must sign in with a second factor (SECURITY_MFA_REQUIRED_ROLES)."""
    if not settings.SECURITY_MFA_REQUIRED_ROLES:
        return False
    return bool(member.is_staff or getattr(member, "is_moderator", False))


def has_mfa(member) -> bool:
    """Whether the member has a second factor (an authenticator app or a security key;
    recovery codes alone do not count)."""
    return (
        Authenticator.objects.filter(user=member)
        .exclude(type=Authenticator.Type.RECOVERY_CODES)
        .exists()
    )


# Pages a staff member or moderator without a second factor may still open: their account's
# own pages (to set it up, confirm their password, sign out) and nothing else.
OPEN_URL_NAME_PREFIXES = ("account_", "mfa_", "usersessions_")
OPEN_URL_NAMES = {"set_language", "security_txt"}


class StaffSecurityMiddleware:
    """Sends staff and moderators without a second factor to set one up before any other
    page, and records the first admin page of each session as ``admin_access``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        match = request.resolver_match
        url_name = (match.url_name or "") if match else ""
        namespace = match.namespace if match else ""
        open_page = url_name.startswith(OPEN_URL_NAME_PREFIXES) or url_name in OPEN_URL_NAMES
        if mfa_required(user) and not open_page and not has_mfa(user):
            messages.warning(
                request,
                _(
                    "Staff and moderators sign in with a second factor. Set up an "
                    "authenticator app or a security key to go on."
                ),
            )
            return redirect("mfa_index")
        if namespace == "admin" and user.is_staff and not request.session.get(ADMIN_SEEN_KEY):
            request.session[ADMIN_SEEN_KEY] = True
            record(Kind.ADMIN_ACCESS, member=user, request=request, path=request.path[:200])
        return None
