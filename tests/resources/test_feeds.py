"""Atom feeds of newly published resources: overall, per level and per subject."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from tests.factories import DraftFactory, MemberFactory, OrganisationFactory, ResourceFactory

from staffroom.resources.feeds import FEED_ITEMS

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


def fetch(client, url: str, **headers) -> tuple[ET.Element, list[ET.Element]]:
    response = client.get(url, **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own response)
    assert feed.tag == f"{ATOM}feed"
    return feed, feed.findall(f"{ATOM}entry")


def titles(entries) -> list[str]:
    return [entry.find(f"{ATOM}title").text for entry in entries]


def test_the_overall_feed_lists_the_newest_published_resources(client):
    older = ResourceFactory(title="Klok lezen", published_at=NOW - timedelta(days=2))
    newer = ResourceFactory(
        title="Breuken & kommagetallen",
        description="Een **werkblad** <script>alert(1)</script>",
        published_at=NOW,
        keywords=["breuken"],
    )
    DraftFactory(title="Nog niet klaar")
    ResourceFactory(title="Afgewezen", status="rejected")
    feed, entries = fetch(client, reverse("resources:feed"))
    assert titles(entries) == ["Breuken & kommagetallen", "Klok lezen"]
    assert feed.find(f"{ATOM}title").text == "Nieuw lesmateriaal · Staffroom"  # visitor: Dutch
    self_link = next(link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href") == "http://127.0.0.1:8000/resources/feed/"
    entry = entries[0]
    link = entry.find(f"{ATOM}link").get("href")
    assert link == "http://127.0.0.1:8000" + newer.get_absolute_url()
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert "<strong>werkblad</strong>" in summary.text and "<script" not in summary.text
    assert entry.find(f"{ATOM}updated").text.startswith(str(newer.updated_at.year))
    assert entry.find(f"{ATOM}published").text.startswith("2026-03-01T12:00:00")
    author = entry.find(f"{ATOM}author")
    assert author.find(f"{ATOM}name").text == newer.contributor.display_name
    assert "@" not in author.find(f"{ATOM}name").text
    categories = {category.get("term") for category in entry.findall(f"{ATOM}category")}
    assert {"3de leerjaar", "Wiskunde", "Werkblad"} <= categories
    assert older.title in titles(entries)


def test_the_title_follows_the_interface_language(client):
    ResourceFactory()
    client.force_login(MemberFactory(language="en"))
    feed, _ = fetch(client, reverse("resources:feed"), HTTP_ACCEPT_LANGUAGE="en")
    assert feed.find(f"{ATOM}title").text == "New resources · Staffroom"


def test_a_level_feed_includes_sub_levels_and_the_crosswalk(client):
    ResourceFactory(title="Derde leerjaar", levels=["fl-lo-3"])
    ResourceFactory(title="Groep 5", levels=["nl-po-5"])  # crosswalk of 3de leerjaar
    ResourceFactory(title="Vierde leerjaar", levels=["fl-lo-4"])
    ResourceFactory(title="Secundair", levels=["fl-so-2g"])
    feed, entries = fetch(client, reverse("resources:level_feed", args=["fl-lo-3"]))
    assert sorted(titles(entries)) == ["Derde leerjaar", "Groep 5"]
    assert feed.find(f"{ATOM}title").text == "Nieuw lesmateriaal · 3de leerjaar · Staffroom"
    alternate = next(link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "alternate")
    assert alternate.get("href").endswith("/resources/?level=fl-lo-3")
    # A broader level takes in its sub-levels.
    _, entries = fetch(client, reverse("resources:level_feed", args=["fl-lo"]))
    assert sorted(titles(entries)) == ["Derde leerjaar", "Groep 5", "Vierde leerjaar"]


def test_a_subject_feed(client):
    ResourceFactory(title="Breuken", subjects=["fl-wis"])
    ResourceFactory(title="Rekenen", subjects=["nl-rw"])
    ResourceFactory(title="Biologie", subjects=["fl-bio"])
    ResourceFactory(title="Natuurkunde", subjects=["fl-fys"])
    _, entries = fetch(client, reverse("resources:subject_feed", args=["fl-natw"]))
    assert sorted(titles(entries)) == ["Biologie", "Natuurkunde"]
    _, entries = fetch(client, reverse("resources:subject_feed", args=["fl-wis"]))
    assert "Breuken" in titles(entries)


def test_organisations_are_credited_by_name(client):
    ResourceFactory(organisation=OrganisationFactory(name="Natuurpunt Educatie"))
    _, (entry,) = fetch(client, reverse("resources:feed"))
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Natuurpunt Educatie"


def test_unknown_codes_are_not_found(client):
    assert client.get(reverse("resources:level_feed", args=["nope"])).status_code == 404
    assert client.get(reverse("resources:subject_feed", args=["fl-lo-3"])).status_code == 404


def test_a_feed_holds_a_bounded_number_of_entries(client):
    for day in range(FEED_ITEMS + 2):
        ResourceFactory(published_at=NOW - timedelta(days=day))
    _, entries = fetch(client, reverse("resources:feed"))
    assert len(entries) == FEED_ITEMS


def test_the_browse_page_announces_its_feed(client):
    html = client.get(reverse("resources:browse")).content.decode()
    head = html[: html.index("</head>")]
    assert 'type="application/atom+xml" href="/resources/feed/"' in head
    html = client.get(reverse("resources:browse"), {"level": "fl-lo-3"}).content.decode()
    head = html[: html.index("</head>")]
    assert 'href="/resources/feed/level/fl-lo-3/"' in head
    assert "3de leerjaar" in head
    html = client.get(reverse("resources:browse"), {"subject": "fl-wis"}).content.decode()
    assert 'href="/resources/feed/subject/fl-wis/"' in html[: html.index("</head>")]
    # Filters no feed follows: no feed link rather than a misleading one.
    html = client.get(reverse("resources:browse"), {"licence": "cc0"}).content.decode()
    assert "application/atom+xml" not in html[: html.index("</head>")]
