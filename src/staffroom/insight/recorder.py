"""Recording usage events without slowing the page that records them.

A view's ``core.usage.record_usage`` call lands in ``record``: it drops bots, pseudonymises the
member (or leaves them out), and appends one row to a buffer in this process. The buffer is
written in one ``bulk_create`` by a background thread every ``INSIGHT_FLUSH_SECONDS`` or as
soon as ``INSIGHT_FLUSH_EVENTS`` rows wait, and when the process exits. A page therefore never
waits for the database on behalf of analytics (bench/insight.py measures it). A process killed
outright loses at most the last few seconds of events: acceptable for counts, said in
docs/analytics.md. With ``INSIGHT_FLUSH_SECONDS = 0`` (the tests) every event is written at once.
"""

from __future__ import annotations

import atexit
import hashlib
import hmac
import logging
import threading
import time
from typing import Any

from crawlerdetect import CrawlerDetect
from django.conf import settings
from django.db import close_old_connections
from django.http import HttpRequest
from django.utils import timezone

from staffroom.accounts.models import Member
from staffroom.core import usage
from staffroom.curriculum.models import Level, Subject
from staffroom.search.models import folded

from .models import UsageEvent

logger = logging.getLogger(__name__)

# The events a feature needs to know the (pseudonymised) member of: recommendations and the
# member's own history read resources viewed and downloaded.
KEYED_KINDS = frozenset({usage.RESOURCE_VIEW, usage.DOWNLOAD})

_crawlers = CrawlerDetect()
_lock = threading.Lock()
_buffer: list[UsageEvent] = []
_flusher: threading.Thread | None = None
_wake = threading.Event()


def member_key(member_id: int) -> str:
    """The pseudonym of a member in usage data: a keyed hash of their id. Without the key
    (INSIGHT_KEY, else derived from SECRET_KEY) the id cannot be recovered from it; changing
    the key cuts every event off from its member."""
    key = (settings.INSIGHT_KEY or f"insight:{settings.SECRET_KEY}").encode()
    return hmac.new(key, str(member_id).encode(), hashlib.sha256).hexdigest()[:32]


def is_bot(request: HttpRequest) -> bool:
    agent = request.META.get("HTTP_USER_AGENT", "")
    # No user agent at all: scripts, not browsers.
    return not agent or _crawlers.isCrawler(agent)


def _member(request: HttpRequest | None, found: usage.Usage) -> Any:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user
    if found.member_id is not None:
        return Member.objects.filter(pk=found.member_id).first()
    return None


def _term_ids(model: type[Level] | type[Subject], codes: str | None) -> list[int]:
    """The ids of the terms a search filter names by code ("fl-lo-3,fl-lo-4")."""
    if not codes:
        return []
    wanted = sorted({code for code in str(codes).split(",") if code})[:20]
    return sorted(model.objects.filter(code__in=wanted).values_list("pk", flat=True))


def build_event(request: HttpRequest | None, found: usage.Usage) -> UsageEvent | None:
    """The row to store for ``found``, or None when nothing is (a bot)."""
    if request is not None and is_bot(request):
        return None
    member = _member(request, found)
    tracked = member is not None and member.usage_history
    levels: list[int] = []
    subjects: list[int] = []
    if found.kind == usage.SEARCH:
        levels = _term_ids(Level, found.filters.get("level"))
        subjects = _term_ids(Subject, found.filters.get("subject"))
    if tracked and not levels:
        levels = sorted(level.pk for level in member.levels.all())
        subjects = subjects or sorted(subject.pk for subject in member.subjects.all())
    region = getattr(request, "region", "") or (member.region if member is not None else "")
    return UsageEvent(
        kind=found.kind,
        object_id=found.object_id,
        member_key=member_key(member.pk) if tracked and found.kind in KEYED_KINDS else "",
        region=region or "",
        levels=levels,
        subjects=subjects,
        query=found.query[:500],
        folded=folded(found.query) if found.query else "",
        filters=found.filters,
        result_count=found.result_count,
        page=found.page,
        rank=found.rank,
        created_at=timezone.now(),
    )


def record(request: HttpRequest | None, found: usage.Usage) -> None:
    """The recorder registered with ``core.usage``: buffer the event (or write it at once)."""
    if not settings.INSIGHT_RECORD:
        return
    event = build_event(request, found)
    if event is None:
        return
    with _lock:
        _buffer.append(event)
        waiting = len(_buffer)
    if settings.INSIGHT_FLUSH_SECONDS <= 0:
        flush()
    else:
        _ensure_flusher()
        if waiting >= settings.INSIGHT_FLUSH_EVENTS:
            _wake.set()


def flush() -> int:
    """Write the buffered events; return how many."""
    with _lock:
        batch = _buffer[:]
        _buffer.clear()
    if batch:
        UsageEvent.objects.bulk_create(batch, batch_size=500)
    return len(batch)


def _run_flusher() -> None:
    while True:
        _wake.wait(settings.INSIGHT_FLUSH_SECONDS)
        _wake.clear()
        try:
            close_old_connections()
            flush()
        except Exception:  # the database is away: keep the process, drop this batch
            logger.exception("writing usage events failed")
        time.sleep(0)


def _ensure_flusher() -> None:
    global _flusher
    if _flusher is not None and _flusher.is_alive():
        return
    with _lock:
        if _flusher is None or not _flusher.is_alive():
            _flusher = threading.Thread(target=_run_flusher, name="insight-flush", daemon=True)
            _flusher.start()


@atexit.register
def _flush_at_exit() -> None:
    try:
        flush()
    except Exception:
        logger.exception("writing usage events at exit failed")
