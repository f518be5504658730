"""sitemap.xml (an index of per-section sitemaps) and robots.txt."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.events.factories import EventFactory
from tests.factories import DraftFactory, ResourceFactory
from tests.forum.factories import QuestionFactory
from tests.themes.factories import DraftThemeFactory, ThemeFactory

from staffroom.site import sitemaps

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE = "http://127.0.0.1:8000"


def parse(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 (our own response)


def locations(client, url: str) -> list[str]:
    return [loc.text for loc in parse(client, url).iter(f"{SM}loc")]


def test_the_index_lists_each_section(client):
    ResourceFactory()
    index = parse(client, "/sitemap.xml")
    assert index.tag == f"{SM}sitemapindex"
    found = [loc.text for loc in index.iter(f"{SM}loc")]
    assert found == [
        f"{SITE}/sitemap-{section}.xml"
        for section in ("pages", "resources", "questions", "events", "collections", "themes")
    ]


def test_published_items_only(client):
    published = ResourceFactory()
    draft = DraftFactory()
    pending = ResourceFactory(status="pending", published_at=None)
    question = QuestionFactory()
    hidden = QuestionFactory(hidden_at=timezone.now(), hidden_reason="spam")
    event = EventFactory()
    event_draft = EventFactory(status="draft")

    resources = locations(client, "/sitemap-resources.xml")
    assert resources == [SITE + published.get_absolute_url()]
    assert SITE + draft.get_absolute_url() not in resources
    assert SITE + pending.get_absolute_url() not in resources
    questions = locations(client, "/sitemap-questions.xml")
    assert questions == [SITE + question.get_absolute_url()]
    assert SITE + hidden.get_absolute_url() not in questions
    events = locations(client, "/sitemap-events.xml")
    assert events == [SITE + event.get_absolute_url()]
    assert SITE + event_draft.get_absolute_url() not in events
    pages = locations(client, "/sitemap-pages.xml")
    assert SITE + "/" in pages and SITE + reverse("resources:browse") in pages
    assert SITE + reverse("themes:list") in pages and SITE + reverse("offers:list") in pages


def test_theme_pages_inside_their_window_only(client):
    public = ThemeFactory()
    draft = DraftThemeFactory()
    ended = ThemeFactory(publish_until=timezone.now() - timedelta(days=1))
    themes = locations(client, "/sitemap-themes.xml")
    assert themes == [SITE + public.get_absolute_url()]
    assert SITE + draft.get_absolute_url() not in themes
    assert SITE + ended.get_absolute_url() not in themes


def test_resources_carry_their_last_change(client):
    resource = ResourceFactory()
    urlset = parse(client, "/sitemap-resources.xml")
    lastmod = urlset.find(f"{SM}url/{SM}lastmod").text
    assert lastmod.startswith(timezone.localtime(resource.updated_at).date().isoformat())


def test_large_sections_are_split_into_pages(client, monkeypatch):
    monkeypatch.setattr(sitemaps.ResourceSitemap, "limit", 2)
    for _ in range(5):
        ResourceFactory()
    found = locations(client, "/sitemap.xml")
    assert f"{SITE}/sitemap-resources.xml?p=3" in found
    assert f"{SITE}/sitemap-resources.xml?p=4" not in found
    assert len(locations(client, "/sitemap-resources.xml?p=3")) == 1
    assert client.get("/sitemap-resources.xml?p=9").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_robots_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in text.splitlines()
    assert "Disallow: /admin/" in text
    assert "Disallow: /resources/\n" not in text
