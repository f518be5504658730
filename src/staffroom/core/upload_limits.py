"""Body limits per address: a view that takes uploads says how large a request to it may be,
and a request announcing more (by its Content-Length) is refused with 413 before anything reads
its body.

The site-wide ``MAX_REQUEST_BODY_MB`` is the ceiling for every other address; a form refuses
at the figure it states next to its file field, so the member reads the same number on the
form and on the refusal. The reverse proxy should refuse the same (docs/deploy.md); this holds
where it does not, or where a body comes without Content-Length and the proxy buffers it. The
form's own client-side check (static/staffroom/upload.js) refuses first, before anything is
sent; this is for clients without it.
"""

import math
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, get_resolver
from django.utils.formats import number_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

ViewT = TypeVar("ViewT", bound=Callable[..., Any])

# What a multipart form adds around its files: the other fields, boundaries and part headers.
# The contribution form's text fields are at most ~15,000 characters (UTF-8: up to 4 bytes each).
FORM_OVERHEAD_BYTES = 1024 * 1024

MB = 1024 * 1024


def body_limit(limit_bytes: Callable[[], int]) -> Callable[[ViewT], ViewT]:
    """Mark a view as taking request bodies up to ``limit_bytes()`` (read per request, so a
    changed setting applies at once, in tests too)."""

    def mark(view: ViewT) -> ViewT:
        view.body_limit_bytes = limit_bytes  # type: ignore[attr-defined]
        return view

    return mark


def view_body_limit(request: HttpRequest) -> int | None:
    """The body limit the view at the request's address declares, or None."""
    try:
        match = get_resolver(getattr(request, "urlconf", None)).resolve(request.path_info)
    except Resolver404:
        return None
    limit = getattr(match.func, "body_limit_bytes", None)
    return limit() if limit is not None else None


def announced_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def megabytes(size: int) -> str:
    """A size in megabytes, in the active locale's number format ("1.024 MB", "7,5 MB" in
    Dutch); one decimal, rounded up, unless it is a whole number: a send just above a limit
    never reads as equal to it."""
    whole = size % MB == 0
    number = number_format(
        size // MB if whole else math.ceil(size * 10 / MB) / 10,
        decimal_pos=None if whole else 1,
        use_l10n=True,
        force_grouping=True,
    )
    return _("%(size)s MB") % {"size": number}


class UploadLimitMiddleware:
    """Refuses with 413 a request whose Content-Length is above the limit its view declares
    (``body_limit``), or above the site-wide ``MAX_REQUEST_BODY_MB`` elsewhere, without reading
    the body: a too large upload costs neither the time to receive it nor the disk to hold it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        length = announced_length(request)
        # Only requests announcing a body cost a URL resolution.
        if length:
            site_wide = settings.MAX_REQUEST_BODY_MB * MB
            declared = view_body_limit(request)
            limit = min(declared, site_wide) if declared is not None else site_wide
            if length > limit:
                return refuse_too_large(request, length, limit, for_form=limit != site_wide)
        return self.get_response(request)


def refuse_too_large(
    request: HttpRequest, length: int, limit: int, *, for_form: bool = True
) -> HttpResponse:
    """The 413 answer: the friendly page with a way back to the form, or JSON for the API."""
    sizes = {"size": megabytes(length), "limit": megabytes(limit)}
    if for_form:
        text = _(
            "What you sent is %(size)s; this form takes at most %(limit)s at once. Nothing "
            "was received. Go back to the form and choose a smaller file, or send your files "
            "one at a time."
        )
    else:
        text = _(
            "What you sent is %(size)s; at most %(limit)s can be sent at once. Nothing was "
            "received: go back (your text is still in the form) and send fewer or smaller "
            "files at a time."
        )
    message = text % sizes
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=413)
    else:
        response = render(
            request, "413.html", {"message": message, "back_url": _back_url(request)}, status=413
        )
    # No "Connection: close" although the body was not read: a WSGI application may not set
    # hop-by-hop headers (PEP 3333; wsgiref, the development server, refuses the response),
    # and the server closes or drains the connection itself (gunicorn's sync workers close it
    # after every request; Django's development server reads what is left).
    return response


def _back_url(request: HttpRequest) -> str:
    """The page the form was on (this site's only), else the form's own address: a GET of it
    shows the form again."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return request.get_full_path()
