"""The event page offers "add to calendar" (an .ics file, Google Calendar and Outlook links
with the event in UTC), emphasised once the member is registered; and event pages and lists
name levels in the viewer's region only."""

import html
import re
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from icalendar import Calendar

from staffroom.curriculum.models import Level
from staffroom.events import services
from staffroom.events.models import EventStatus
from tests.events.factories import EventFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

# 15:00 in Brussels in summer is 13:00 UTC.
STARTS = datetime(2030, 6, 12, 13, 0, tzinfo=UTC)
ENDS = datetime(2030, 6, 12, 14, 30, tzinfo=UTC)


@pytest.fixture
def event(settings):
    settings.SITE_URL = "https://staffroom.test"
    return EventFactory(
        title="Breuken & kommagetallen",
        description="Hoe leer je **breuken** aan?",
        starts_at=STARTS,
        ends_at=ENDS,
        location="",
        online=True,
    )


def calendar_links(page: str) -> dict[str, str]:
    block = re.search(r'<div class="calendar-links[^"]*"(.*?)</div>', page, re.S).group(1)
    return {
        urlparse(href).netloc or "ics": href
        for href in (html.unescape(h) for h in re.findall(r'href="([^"]+)"', block))
    }


def test_everyone_can_add_the_event_to_a_calendar(client, event):
    page = client.get(event.get_absolute_url()).content.decode()
    links = calendar_links(page)
    assert links["ics"] == reverse("events:ics", args=[event.pk])
    event_url = "https://staffroom.test" + event.get_absolute_url()

    google = parse_qs(urlparse(links["calendar.google.com"]).query)
    assert google["action"] == ["TEMPLATE"]
    assert google["text"] == ["Breuken & kommagetallen"]
    assert google["dates"] == ["20300612T130000Z/20300612T143000Z"]
    assert "breuken" in google["details"][0] and event_url in google["details"][0]
    assert google["location"] == [event_url]  # online: its page stands in for a place

    for host in ("outlook.live.com", "outlook.office.com"):
        outlook = parse_qs(urlparse(links[host]).query)
        assert outlook["subject"] == ["Breuken & kommagetallen"]
        assert outlook["startdt"] == ["2030-06-12T13:00:00Z"]
        assert outlook["enddt"] == ["2030-06-12T14:30:00Z"]
        assert outlook["rru"] == ["addevent"]


def test_the_ics_download_holds_the_event(client, event):
    response = client.get(reverse("events:ics", args=[event.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    [entry] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(entry["summary"]) == "Breuken & kommagetallen"
    assert entry.decoded("dtstart").astimezone(UTC) == STARTS
    assert entry.decoded("dtend").astimezone(UTC) == ENDS
    draft = EventFactory(status=EventStatus.DRAFT)
    assert client.get(reverse("events:ics", args=[draft.pk])).status_code == 404
    assert client.get("/events/999999/event.ics").status_code == 404


def test_the_calendar_links_are_emphasised_after_registering(client, event):
    member = MemberFactory()
    client.force_login(member)
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'class="calendar-links"' in page and "Add it to your calendar" not in page
    services.register(member=member, event=event)
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'class="calendar-links emphasised"' in page
    assert "Add it to your calendar" in page
    registration = re.search(r'<section class="registration".*?</section>', page, re.S).group(0)
    assert "calendar-links" in registration
    assert page.count('class="calendar-links') == 1


def test_levels_are_named_in_the_viewers_region(client):
    event = EventFactory(title="Rekenen in het derde leerjaar en groep 5")
    event.levels.set(Level.objects.filter(code__in=["fl-lo-3", "nl-po-5"]))
    flemish, dutch = MemberFactory(region="fl"), MemberFactory(region="nl")

    client.force_login(flemish)
    for url in (event.get_absolute_url(), reverse("events:list")):
        page = client.get(url).content.decode()
        assert "Primary year 3" in page, url
        assert "Group 5 (primary)" not in page, url

    client.force_login(dutch)
    for url in (event.get_absolute_url(), reverse("events:list")):
        page = client.get(url).content.decode()
        assert "Group 5 (primary)" in page, url
        assert "Primary year 3" not in page, url
