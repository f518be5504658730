"""The staff page of the security event log."""

from django.conf import settings
from django.shortcuts import render

from staffroom.core.pagination import paginate
from staffroom.core.permissions import staff_required

from .events import security_events
from .models import Kind

PAGE_SIZE = 50


@staff_required
def security_event_log(request):
    """Staff: security events, newest first, filtered by kind and member (email or number)."""
    kind = request.GET.get("kind", "")
    if kind not in Kind.values:
        kind = ""
    member_query = request.GET.get("member", "")[:254]
    page = paginate(request, security_events(kind=kind, member_query=member_query), PAGE_SIZE)
    return render(
        request,
        "security/events.html",
        {
            "page": page,
            "kinds": Kind.choices,
            "kind": kind,
            "member_query": member_query,
            "retention_days": settings.SECURITY_EVENT_DAYS,
        },
    )
