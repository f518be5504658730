"""Authentication and limits of the API's write operations."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.throttling import AuthRateThrottle

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


class TokenWriteThrottle(AuthRateThrottle):
    """Writes per token, at the rate of the ``API_WRITE_RATE`` setting (default 60 a minute)."""

    scope = "api-write"

    def __init__(self) -> None:
        super().__init__(self._configured_rate())

    @staticmethod
    def _configured_rate() -> str:
        return settings.API_WRITE_RATE

    def allow_request(self, request: Any) -> bool:
        # Read on every request so that a deployment (or a test) can change it at run time.
        self.rate = self._configured_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)
