"""Django's Site row, kept equal to SITE_URL: the syndication feeds and allauth's mails build
absolute addresses from it, and a fresh database says "example.com"."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site


def site_sync(**kwargs) -> None:
    """After migrate: the current Site's domain and name from SITE_URL."""
    parts = urlsplit(settings.SITE_URL)
    domain = parts.netloc or "localhost"
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": "Staffroom"}
    )
