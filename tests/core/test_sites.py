import pytest
from django.contrib.sites.models import Site

from staffroom.core.sites import site_sync

pytestmark = pytest.mark.django_db


def test_the_site_row_follows_site_url(settings):
    settings.SITE_URL = "https://staffroom.example.org"
    site_sync()
    site = Site.objects.get(pk=settings.SITE_ID)
    assert (site.domain, site.name) == ("staffroom.example.org", "Staffroom")


def test_forum_feeds_link_to_the_site_not_example_com(client, settings):
    settings.SITE_URL = "https://staffroom.example.org"
    site_sync()
    Site.objects.clear_cache()
    feed = client.get("/forum/feed/").content.decode()
    assert "example.com" not in feed and "staffroom.example.org" in feed


def test_migrate_already_set_the_site_from_site_url(settings):
    from urllib.parse import urlsplit

    assert Site.objects.get(pk=settings.SITE_ID).domain == urlsplit(settings.SITE_URL).netloc
