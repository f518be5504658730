"""Usage events: lower apps say what a person did; a higher app (insight) records it.

A view calls ``record_usage(request, Usage(...))`` after it has answered the question the
request asked. The recorders registered here (by ``insight.apps``) decide what is kept; with none
registered nothing is. Recording never breaks a page: a recorder that fails is logged and
ignored.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

logger = logging.getLogger(__name__)

# What people do that the platform learns from (insight.models.UsageEvent.Kind has labels).
RESOURCE_VIEW = "resource_view"
DOWNLOAD = "download"  # a file downloaded or a link visited
SEARCH = "search"
SEARCH_CLICK = "search_click"  # a result opened from a search page, with its rank
FORUM_VIEW = "forum_view"
EVENT_VIEW = "event_view"
NEWSLETTER_CLICK = "newsletter_click"


@dataclass(frozen=True)
class Usage:
    kind: str
    object_id: int | None = None
    # Searches: the words, the filters in use, how many results, which page.
    query: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    result_count: int | None = None
    page: int | None = None
    # A result opened from a search: its rank on the result list (1 is the first).
    rank: int | None = None
    # Who acted, when there is no request (a newsletter click carries its delivery's member).
    member_id: int | None = None


Recorder = Callable[[HttpRequest | None, Usage], None]
_recorders: list[Recorder] = []


def register_recorder(recorder: Recorder) -> None:
    if recorder not in _recorders:
        _recorders.append(recorder)


def record_usage(request: HttpRequest | None, usage: Usage) -> None:
    for recorder in _recorders:
        try:
            recorder(request, usage)
        except Exception:  # analytics must never cost a teacher their page
            logger.exception("recording %s failed", usage.kind)
