"""Per-request preferences: the interface language and the region whose terms the viewer sees."""

from django.utils import translation

from staffroom.curriculum.models import DEFAULT_REGION, Region

REGION_SESSION_KEY = "region"


def region_of(request) -> str:
    """A member's region comes from their profile, a visitor's from their choice (or Flanders)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user.region
    chosen = request.session.get(REGION_SESSION_KEY) or request.COOKIES.get(REGION_SESSION_KEY)
    return chosen if chosen in Region.values else DEFAULT_REGION


class MemberPreferencesMiddleware:
    """Sets ``request.region`` and, for members, activates their chosen interface language.

    Runs after authentication; Django's LocaleMiddleware has already picked a language for
    visitors from their cookie or browser.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.region = region_of(request)
        user = request.user
        if user.is_authenticated and user.language and user.language != request.LANGUAGE_CODE:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)
