"""Per-request preferences and protections: the member's interface language and pages with
personal data kept out of caches (the request body limit is in core.upload_limits)."""

from django.utils import translation
from django.utils.cache import add_never_cache_headers


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
