"""Deployment checks of the newsletter (``staffroom check --deploy``)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def unsubscribe_address_is_https(app_configs, **kwargs):
    """Mail programs offer RFC 8058's one-click unsubscribe only for an https address."""
    if settings.SITE_URL.startswith("https://"):
        return []
    return [
        Warning(
            f"SITE_URL is {settings.SITE_URL!r}: the newsletter's one-click unsubscribe "
            "(List-Unsubscribe-Post, RFC 8058) needs an https address.",
            hint="Set SITE_URL to the site's https address.",
            id="staffroom.newsletter.W001",
        )
    ]
