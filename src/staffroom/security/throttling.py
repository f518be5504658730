"""Failed sign-ins counted per account *and* client address.

allauth counts failed sign-ins per address ("10/m/ip") and per key, its key being the account
alone: five wrong passwords from anywhere lock the account for everybody, so anyone can lock a
colleague out by typing their address. With the client address in the key, a stranger's
failures lock only the stranger's address out of that account; the owner, from their own
address, signs in. Guessing one account's password from many addresses still meets the
per-address limit at each of them (see ACCOUNT_RATE_LIMITS["login_failed"] in settings).

The mixin goes in front of the project's account adapter (ACCOUNT_ADAPTER).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from staffroom.core.ratelimit import client_address

from .events import record
from .models import Kind


class AccountAddressThrottleMixin:
    """For an allauth ``DefaultAccountAdapter`` subclass: the failed-login key is the account
    and the client address; a refused attempt is a ``lockout`` security event."""

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        account_key = super()._get_login_attempts_cache_key(request, **credentials)  # type: ignore[misc]
        return f"{account_key}:{client_address(request) or '-'}"

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        try:
            super().pre_authenticate(request, **credentials)  # type: ignore[misc]
        except ValidationError:
            login = str(credentials.get("email") or credentials.get("username") or "")
            member = get_user_model()._default_manager.filter(email__iexact=login).first()
            record(
                Kind.LOCKOUT, member=member, request=request, **({} if member else {"login": login})
            )
            raise
