"""Notes when a signed-in member uses the site, for the inactivity rule (accounts.deletion)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .deletion import member_record_activity


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
