"""Deployment checks of the site as a whole (``staffroom check --deploy``)."""

import os
import shlex
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

# Backends that keep mail on this machine: right for development and tests, but with them a
# production site sends no sign-up confirmation, password reset, notice or newsletter at all.
LOCAL_MAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}


@register("mail", deploy=True)
def mail_leaves_the_machine(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """With DEBUG off, mail must go to an SMTP relay, not to the console or a folder."""
    if settings.DEBUG or settings.EMAIL_BACKEND not in LOCAL_MAIL_BACKENDS:
        return []
    return [
        Error(
            f"EMAIL_BACKEND is {settings.EMAIL_BACKEND!r} while DEBUG is off: mail (sign-up "
            "confirmations, password resets, notices, the newsletter) would never reach anyone.",
            hint=(
                "Set EMAIL_URL (smtp://user:password@host:587) or EMAIL_HOST with EMAIL_PORT, "
                "EMAIL_HOST_USER and EMAIL_HOST_PASSWORD; see docs/deploy.md."
            ),
            id="staffroom.E001",
        )
    ]


def serving_processes() -> int:
    """How many web processes the deployment declares: gunicorn's WEB_CONCURRENCY (what
    docs/deploy.md sets), ``staffroom serve``'s WEB_WORKERS, or --workers/-w in
    GUNICORN_CMD_ARGS; the largest one given."""
    counts = [1]
    for value in (os.environ.get("WEB_CONCURRENCY", ""), os.environ.get("WEB_WORKERS", "")):
        if value.strip().isdigit():
            counts.append(int(value))
    arguments = shlex.split(os.environ.get("GUNICORN_CMD_ARGS", ""))
    for index, argument in enumerate(arguments):
        value = ""
        if argument in {"-w", "--workers"} and index + 1 < len(arguments):
            value = arguments[index + 1]
        elif argument.startswith("--workers="):
            value = argument.split("=", 1)[1]
        elif argument.startswith("-w") and argument[2:].isdigit():
            value = argument[2:]
        if value.isdigit():
            counts.append(int(value))
    return max(counts)


@register("caches", deploy=True)
def shared_cache_for_several_processes(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Several web processes need Redis (REDIS_URL) for the rate limits: the database cache
    counts with a read and a write, so simultaneous requests on several processes slip past a
    limit, and every counted request writes to the database."""
    processes = serving_processes()
    messages: list[CheckMessage] = []
    if processes > 1 and not settings.REDIS_URL:
        messages.append(
            Error(
                f"{processes} web processes are configured (WEB_CONCURRENCY, WEB_WORKERS or "
                "GUNICORN_CMD_ARGS) but REDIS_URL is not set: rate limits (sign-up, password "
                "resets, reports, the API) would not hold across processes.",
                hint="Set REDIS_URL (redis://host:6379/0) and install the redis extra; see "
                "docs/deploy.md.",
                id="staffroom.E020",
            )
        )
    return messages
