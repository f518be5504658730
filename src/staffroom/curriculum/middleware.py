"""Whose terminology a viewer sees: the region of a member's profile, or a visitor's choice."""

from .models import DEFAULT_REGION, Region

REGION_SESSION_KEY = "region"


def region_of(request) -> str:
    """A member's region comes from their profile, a visitor's from their choice (or Flanders)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user.region
    chosen = request.session.get(REGION_SESSION_KEY) or request.COOKIES.get(REGION_SESSION_KEY)
    return chosen if chosen in Region.values else DEFAULT_REGION


class RegionMiddleware:
    """Sets ``request.region``; runs after the session and authentication middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.region = region_of(request)
        return self.get_response(request)
