"""Small helpers for reading what a request sends."""

from django.utils.http import url_has_allowed_host_and_scheme


def int_param(value, default: int = 0) -> int:
    """A submitted number, or ``default`` for anything that is not one."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def safe_next(request, target: str | None, fallback: str = "/") -> str:
    """Where to send the member back to: ``target`` when it is on this site, else
    ``fallback`` (never an address elsewhere)."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
