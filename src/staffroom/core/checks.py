"""Deployment checks of the site as a whole (``staffroom check --deploy``)."""

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
