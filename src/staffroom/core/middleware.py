"""Per-request preferences and protections: the member's interface language, the request body
limit, and pages with personal data kept out of caches."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _


class MemberLanguageMiddleware:
    """For members, activates their chosen interface language.

    Runs after authentication; Django's LocaleMiddleware has already picked a language for
    visitors from their cookie or browser.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.language and user.language != request.LANGUAGE_CODE:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class RequestBodyLimitMiddleware:
    """Refuses a request whose Content-Length is above ``MAX_REQUEST_BODY_MB`` with 413,
    before anything reads the body: a too large upload costs neither the time to receive it nor
    the disk to hold it. The reverse proxy should refuse the same (docs/deploy.md); this holds
    where it does not, or where a body comes without Content-Length and the proxy buffers it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit_mb = settings.MAX_REQUEST_BODY_MB
        if length > limit_mb * 1024 * 1024:
            return self._refuse(request, length, limit_mb)
        return self.get_response(request)

    @staticmethod
    def _refuse(request, length: int, limit_mb: int):
        message = _(
            "What you sent is %(size).0f MB; at most %(limit)d MB can be sent at once. Nothing "
            "was received: go back (your text is still in the form) and send fewer or smaller "
            "files at a time."
        ) % {"size": length / 1024 / 1024, "limit": limit_mb}
        # The body was not read, yet no "Connection: close": hop-by-hop headers are the
        # server's (PEP 3333), and the WSGI server closes or drains the connection itself.
        response: HttpResponse
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": message}, status=413)
        else:
            response = render(request, "413.html", {"message": message}, status=413)
        return response


class PrivatePagesNotStoredMiddleware:
    """Pages shown to a signed-in member carry their personal data: ``Cache-Control: private,
    no-store`` keeps them out of shared caches and the browser's disk cache, unless the view
    chose its own caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            # no-cache, no-store, must-revalidate, private (and max-age=0, Expires now).
            add_never_cache_headers(response)
        return response
