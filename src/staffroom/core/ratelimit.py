"""Limits on how fast members post (replies, questions, answers), stricter for new accounts:
a flood from a fresh account is stopped with a clear message, colleagues who are simply busy
are not.

Apps register what counts as a post (``register_post_model``); the count is taken from the
database, so every web process sees the same figure.

The one home of the site's limits: the other limits (submissions, reports, the API, search,
account mails) are counted in the cache, further down.
"""

from collections.abc import Callable
from datetime import timedelta
from functools import wraps

from allauth.account.adapter import get_adapter as get_account_adapter
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage

NEW_ACCOUNT_DAYS = 7
# (window, posts allowed in it) for new accounts and for everyone else.
LIMITS_NEW = [(timedelta(minutes=10), 3), (timedelta(days=1), 20)]
LIMITS_ESTABLISHED = [(timedelta(minutes=10), 20), (timedelta(days=1), 200)]

# (model, author field, creation time field)
POST_MODELS: list[tuple] = []


def register_post_model(model, author_field: str = "author", created_field: str = "created_at"):
    POST_MODELS.append((model, author_field, created_field))


def _posts_since(member, since) -> int:
    return sum(
        model.objects.filter(**{author: member, f"{created}__gte": since}).count()
        for model, author, created in POST_MODELS
    )


def check_posting_rate(member, now=None) -> None:
    """Raise ValidationError (with what to do) when ``member`` has posted too much too fast."""
    now = now or timezone.now()
    new = member.date_joined > now - timedelta(days=NEW_ACCOUNT_DAYS)
    for window, allowed in LIMITS_NEW if new else LIMITS_ESTABLISHED:
        if _posts_since(member, now - window) >= allowed:
            minutes = int(window.total_seconds() // 60)
            if new:
                raise ValidationError(
                    _(
                        "New members can post %(count)d times in %(minutes)d minutes. Your "
                        "text is kept below: please post it a little later."
                    )
                    % {"count": allowed, "minutes": minutes}
                )
            raise ValidationError(
                _(
                    "You have posted %(count)d times in %(minutes)d minutes. Your text is kept "
                    "below: please post it a little later."
                )
                % {"count": allowed, "minutes": minutes}
            )


# --- Limits counted in the cache ------------------------------------------------------------
# Everything that is not a post (resource submissions, reports, API reads and writes, searches,
# account mails) is counted in the Django cache with django-ratelimit's atomic counters
# (cache.add, then cache.incr). The cache is shared by every process (Redis, or the database
# table; never local memory: settings.CACHES), so a limit holds however many workers serve. In
# Redis the increment is atomic; the database cache reads and writes back, so requests at the
# same instant may count once between them and let a few more through: one web process
# without Redis, Redis with several (check --deploy says so, staffroom.E020). The rates are
# settings (settings.RATE_LIMITS).


class RateLimited(Exception):
    """A limit was reached; ``retry_after`` is how many seconds until it allows again."""

    def __init__(self, name: str, retry_after: int):
        super().__init__(name)
        self.name = name
        self.retry_after = max(1, retry_after)


def _rates(name: str, rate: str | None) -> list[str]:
    configured = rate if rate is not None else settings.RATE_LIMITS[name]
    return [part.strip() for part in configured.split(",") if part.strip()]


def limit_hit(request, name: str, key: str, *, rate: str | None = None) -> None:
    """Count one more action ``name`` by ``key`` (a member, a token, an address); raise
    RateLimited when one of its rates is exceeded. Counted also when refused, so hammering on
    does not help."""
    wait = _wait(request, name, key, rate, count=True)
    if wait:
        raise RateLimited(name, wait)


def limit_wait(request, name: str, key: str) -> int:
    """Seconds until ``key`` may do ``name`` again (0: now), without counting an action."""
    return _wait(request, name, key, None, count=False)


def _wait(request, name: str, key: str, rate: str | None, *, count: bool) -> int:
    """The longest wait any of ``name``'s rates imposes on ``key`` (counting one more action
    if ``count``)."""
    wait = 0
    for one_rate in _rates(name, rate):
        usage = get_usage(
            request,
            group=f"staffroom:{name}",
            key=lambda _g, _r: key,
            rate=one_rate,
            increment=count,
        )
        if usage is not None and usage["should_limit"]:
            wait = max(wait, usage["time_left"])
    return wait


def client_address(request) -> str | None:
    """The client's address as allauth's rate limits see it: with ALLAUTH_TRUSTED_PROXY_COUNT
    set (STAFFROOM_BEHIND_PROXY), the one the trusted proxy put in X-Forwarded-For. None for a
    request without any (one made in code, such as a test client's login)."""
    if request is None:
        return None
    try:
        return get_account_adapter(request).get_client_ip(request)
    except ImproperlyConfigured:
        # X-Forwarded-For shorter than the trusted proxy count: not from our proxy.
        return request.META.get("REMOTE_ADDR") or None
    except PermissionDenied:
        return None


def member_or_address(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"member:{user.pk}"
    return f"address:{client_address(request) or 'unknown'}"


def wait_message(retry_after: int) -> str:
    minutes = (retry_after + 59) // 60
    if retry_after < 60:
        return _("Please try again in %(seconds)d seconds.") % {"seconds": retry_after}
    return ngettext(
        "Please try again in %(minutes)d minute.",
        "Please try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def too_many_requests(request, refused: RateLimited) -> HttpResponse:
    """The page answered when a limit refuses a page request: 429 with Retry-After."""
    response = render(
        request,
        "429.html",
        {"wait_message": wait_message(refused.retry_after)},
        status=429,
    )
    response["Retry-After"] = str(refused.retry_after)
    return response


def rate_limited_page(name: str) -> Callable:
    """Decorate a view: each request counts against ``name`` per member (or, for visitors,
    per client address); past the limit the answer is a 429 page with Retry-After."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def limited(request, *args, **kwargs):
            try:
                limit_hit(request, name, member_or_address(request))
            except RateLimited as refused:
                return too_many_requests(request, refused)
            return view(request, *args, **kwargs)

        return limited

    return decorate


def submission_limit_check(request, member) -> None:
    """Raise ValidationError (the member's text stays in the form) when ``member`` has sent
    too many resources to the moderation queue."""
    try:
        limit_hit(request, "submission", f"member:{member.pk}")
    except RateLimited as refused:
        raise ValidationError(
            _(
                "You have sent many resources for review in a short time. Your draft is saved; "
                "please send it a little later. %(wait)s"
            )
            % {"wait": wait_message(refused.retry_after)}
        ) from None


def report_limit_check(request, member) -> None:
    """Raise ValidationError when ``member`` has filed too many reports."""
    try:
        limit_hit(request, "report", f"member:{member.pk}")
    except RateLimited as refused:
        raise ValidationError(
            _(
                "You have sent many reports in a short time; moderators will look at those "
                "first. %(wait)s"
            )
            % {"wait": wait_message(refused.retry_after)}
        ) from None


def recipient_mail_allowed(request, kind: str, address: str) -> bool:
    """Whether one more account mail of ``kind`` may go to ``address`` (counted if so)."""
    try:
        limit_hit(request, "account-mail", f"{kind}:{address.strip().lower()}")
    except RateLimited:
        return False
    return True
