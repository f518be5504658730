"""Authentication and limits of the API.

The limits are counted in the shared cache by ``staffroom.core.ratelimit`` (atomic counters,
the same in every process); a refused request is answered 429 with Retry-After by django-ninja.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from staffroom.core.ratelimit import RateLimited, client_address, limit_hit

from .models import ApiToken
from .queries import token_for_key
from .services import api_token_mark_used


class PartnerToken(HttpBearer):
    """``Authorization: Bearer <key>`` with the key of an active partner token; the handler
    finds the token as ``request.auth``."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = token_for_key(token.strip())
        if found is not None:
            api_token_mark_used(found)
        return found


partner_token = PartnerToken()


class _CacheThrottle(BaseThrottle):
    """A django-ninja throttle over one of the site's limits. ``wait`` answers for the last
    refusal of this instance (ninja asks right after ``allow_request``; web workers are
    processes with one request at a time)."""

    def __init__(self) -> None:
        self._wait: int | None = None

    def limit(self, request: Any) -> tuple[str, str, str | None] | None:
        """(limit name, key, rate or None for the setting), or None: not limited."""
        raise NotImplementedError

    def allow_request(self, request: Any) -> bool:
        chosen = self.limit(request)
        if chosen is None:
            return True
        name, key, rate = chosen
        try:
            limit_hit(request, name, key, rate=rate)
        except RateLimited as refused:
            self._wait = refused.retry_after
            return False
        return True

    def wait(self) -> float | None:
        return self._wait


class TokenWriteThrottle(_CacheThrottle):
    """Writes per token, at the rate of the ``API_WRITE_RATE`` setting (default 60 a minute),
    read on every request so that a deployment (or a test) can change it at run time."""

    def limit(self, request: Any) -> tuple[str, str, str | None] | None:
        return "api-write", f"token:{request.auth}", settings.API_WRITE_RATE


def _bearer_token(request: Any) -> ApiToken | None:
    scheme, _, key = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        return None
    return token_for_key(key.strip())


class ApiReadThrottle(_CacheThrottle):
    """Reads: per partner token when the request carries a valid one (``api-read-token``),
    otherwise per client address (``api-read-address``). An invalid token counts against the
    address, so made-up keys buy no extra budget."""

    def limit(self, request: Any) -> tuple[str, str, str | None] | None:
        token = _bearer_token(request)
        if token is not None:
            return "api-read-token", f"token:{token}", None
        return "api-read-address", f"address:{client_address(request) or 'unknown'}", None
