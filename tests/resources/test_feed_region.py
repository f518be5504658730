"""Resource feeds name levels and subjects in their reader's region (issue 18, point 7): a
feed of a Dutch level read without an account said "3de leerjaar" where its readers say
"groep 5". The region is the one asked for (?region=fl|nl), else the logged-in member's, else
the feed's own level's or subject's, else the site's default; the feed's self link and the
browse page's feed link keep it."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from lxml import html
from tests.factories import MemberFactory, ResourceFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITE = "http://127.0.0.1:8000"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def fetch(client, url: str, data: dict | None = None) -> ET.Element:
    response = client.get(url, data)
    assert response.status_code == 200
    return ET.fromstring(response.content)  # noqa: S314 (our own response)


def categories(feed) -> set[str]:
    return {category.get("term") for category in feed.iter(f"{ATOM}category")}


def self_link(feed) -> str:
    return next(
        link.get("href") for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"
    )


def title(feed) -> str:
    return feed.find(f"{ATOM}title").text


def test_a_dutch_level_feed_names_dutch_terms_without_an_account(client):
    ResourceFactory(title="Breuken", levels=["fl-lo-3"])  # crosswalked onto groep 5
    feed = fetch(client, reverse("resources:level_feed", args=["nl-po-5"]))

    assert "Groep 5" in categories(feed)
    assert "3de leerjaar" not in categories(feed)
    assert title(feed) == "Nieuw lesmateriaal · Groep 5 · Staffroom"
    assert self_link(feed) == SITE + "/resources/feed/level/nl-po-5/"
    assert feed.get(XML_LANG) == "nl-nl"  # the Netherlands' wording


def test_a_region_asked_for_wins_and_the_self_link_keeps_it(client):
    ResourceFactory(title="Breuken", levels=["fl-lo-3"])

    feed = fetch(client, reverse("resources:level_feed", args=["nl-po-5"]), {"region": "fl"})
    assert "3de leerjaar" in categories(feed) and "Groep 5" not in categories(feed)
    assert title(feed) == "Nieuw lesmateriaal · 3de leerjaar · Staffroom"
    assert self_link(feed) == SITE + "/resources/feed/level/nl-po-5/?region=fl"

    feed = fetch(client, reverse("resources:feed"), {"region": "nl"})
    assert "Groep 5" in categories(feed) and "3de leerjaar" not in categories(feed)
    assert self_link(feed) == SITE + "/resources/feed/?region=nl"

    # Something else than a region is not one: the feed's default.
    feed = fetch(client, reverse("resources:feed"), {"region": "de"})
    assert "3de leerjaar" in categories(feed)
    assert self_link(feed) == SITE + "/resources/feed/"


def test_a_logged_in_member_reads_their_own_region(client):
    ResourceFactory(title="Breuken", levels=["fl-lo-3"])
    client.force_login(MemberFactory(region="nl", language="nl"))

    feed = fetch(client, reverse("resources:feed"))
    assert "Groep 5" in categories(feed) and "3de leerjaar" not in categories(feed)
    # The address a feed reader (no account) subscribes to keeps it.
    assert self_link(feed) == SITE + "/resources/feed/?region=nl"

    feed = fetch(client, reverse("resources:level_feed", args=["fl-lo-3"]))
    assert title(feed) == "Nieuw lesmateriaal · Groep 5 · Staffroom"
    assert self_link(feed) == SITE + "/resources/feed/level/fl-lo-3/?region=nl"


def test_without_anything_a_flemish_reader_is_assumed(client):
    ResourceFactory(title="Breuken", levels=["nl-po-5"])
    feed = fetch(client, reverse("resources:feed"))
    assert "3de leerjaar" in categories(feed) and "Groep 5" not in categories(feed)
    assert feed.get(XML_LANG) == "nl-be"


def feed_links(response) -> list[tuple[str, str]]:
    head = html.fromstring(response.content).find("head")
    return [
        (link.get("href"), link.get("title"))
        for link in head.findall("link")
        if link.get("type") == "application/atom+xml"
    ]


def test_the_browse_page_offers_the_feed_in_the_viewers_region(client):
    member = MemberFactory(region="nl")
    client.force_login(member)
    browse = reverse("resources:browse")

    assert feed_links(client.get(browse, HTTP_ACCEPT_LANGUAGE="en")) == [
        ("/resources/feed/?region=nl", "New resources · Staffroom")
    ]
    assert feed_links(client.get(browse, {"level": "fl-lo-3"}, HTTP_ACCEPT_LANGUAGE="en")) == [
        (
            "/resources/feed/level/fl-lo-3/?region=nl",
            "New resources · Group 5 (primary) · Staffroom",
        )
    ]
    # A Dutch level's feed gives Dutch terms by itself: no parameter needed.
    assert feed_links(client.get(browse, {"level": "nl-po-5"}, HTTP_ACCEPT_LANGUAGE="en")) == [
        ("/resources/feed/level/nl-po-5/", "New resources · Group 5 (primary) · Staffroom")
    ]


def test_a_visitor_from_the_netherlands_gets_a_dutch_feed_link(client):
    response = client.get(reverse("resources:browse"), HTTP_ACCEPT_LANGUAGE="nl-NL,nl;q=0.9")
    ((href, _title),) = feed_links(response)
    assert href == "/resources/feed/?region=nl"
    ResourceFactory(title="Breuken", levels=["fl-lo-3"])
    assert "Groep 5" in categories(fetch(client, href))


def test_the_forum_feeds_name_terms_in_the_readers_region_too(client):
    from tests.forum.factories import QuestionFactory

    QuestionFactory(title="Breuken in groep 5?", levels=["nl-po-5"])
    url = reverse("forum:recent_feed")

    feed = fetch(client, url, {"level": "nl-po-5"})  # a Dutch level: Dutch terms
    assert "Groep 5" in categories(feed) and "3de leerjaar" not in categories(feed)
    assert "Groep 5" in title(feed)
    assert "region=" not in self_link(feed)

    feed = fetch(client, url, {"region": "nl"})
    assert "Groep 5" in categories(feed)
    assert self_link(feed).endswith("/forum/feed/?region=nl")

    feed = fetch(client, url)
    assert "3de leerjaar" in categories(feed)


def test_the_forum_list_offers_its_feed_in_the_viewers_region(client):
    from tests.forum.factories import QuestionFactory

    QuestionFactory(title="Breuken in groep 5?", levels=["nl-po-5"])
    page = client.get(reverse("forum:recent"), HTTP_ACCEPT_LANGUAGE="nl-NL,nl;q=0.9")
    href = re.search(r'href="([^"]*)" type="application/atom\+xml"', page.content.decode())[1]
    assert href == "/forum/feed/?region=nl"
    assert "Groep 5" in categories(fetch(client, href))

    flemish = client.get(reverse("forum:recent"), HTTP_ACCEPT_LANGUAGE="nl-BE,nl;q=0.9")
    assert 'href="/forum/feed/" type="application/atom+xml"' in flemish.content.decode()
