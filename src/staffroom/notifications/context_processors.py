from typing import Any

from django.http import HttpRequest

from .queries import unread_count


def notifications(request: HttpRequest) -> dict[str, Any]:
    """How many unread notices the header shows (one indexed count per page)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user)}
