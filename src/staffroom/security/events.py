"""Writing and reading the security event log (``SecurityEvent``).

Any app records an event with one call::

    from staffroom.security import events
    events.record("data_export", member=member, request=request, export_id=export.pk)

``kind`` is one of ``models.Kind`` (an unknown kind is refused, so a typo cannot hide
events); ``details`` are small JSON values (strings, numbers) and never secrets: keys that
name a password, token, key or secret are dropped.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from staffroom.core.ratelimit import client_address

from .models import Kind, SecurityEvent

logger = logging.getLogger(__name__)

SECRET_WORDS = ("password", "token", "secret", "key", "code")
USER_AGENT_CHARS = 200
DETAIL_CHARS = 300


def _clean_details(details: dict[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for name, value in details.items():
        if any(word in name.lower() for word in SECRET_WORDS):
            continue
        if value is None or isinstance(value, bool | int | float):
            clean[name] = value
        else:
            clean[name] = str(value)[:DETAIL_CHARS]
    return clean


def record(
    kind: str, member: Any = None, request: HttpRequest | None = None, **details: Any
) -> SecurityEvent:
    """Write one security event: ``kind`` (``models.Kind``), the member it concerns (or
    None), the request it came from (for the client address and browser), and details."""
    if kind not in Kind.values:
        raise ValueError(f"Unknown security event kind: {kind!r}")
    if member is not None and (getattr(member, "pk", None) is None or member.is_anonymous):
        member = None
    user_agent = request.META.get("HTTP_USER_AGENT", "") if request is not None else ""
    event = SecurityEvent.objects.create(
        kind=kind,
        member=member,
        address=client_address(request),
        user_agent=user_agent[:USER_AGENT_CHARS],
        details=_clean_details(details),
    )
    logger.debug("security event %s member=%s", kind, getattr(member, "pk", None))
    return event


def security_events(*, kind: str = "", member_query: str = "") -> QuerySet[SecurityEvent]:
    """Events for the staff page, newest first, filtered by kind and by the member's email
    address or number."""
    events = SecurityEvent.objects.select_related("member")
    if kind:
        events = events.filter(kind=kind)
    member_query = member_query.strip()
    if member_query:
        if member_query.isdigit():
            events = events.filter(member_id=int(member_query))
        else:
            events = events.filter(member__email__iexact=member_query)
    return events


def prune_security_events(now=None) -> int:
    """Delete events older than SECURITY_EVENT_DAYS; the number deleted."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.SECURITY_EVENT_DAYS)
    deleted, _ = SecurityEvent.objects.filter(created_at__lt=cutoff).delete()
    return deleted
