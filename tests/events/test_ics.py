"""The confirmation mail's .ics and the personal calendar feed parse with icalendar and say
the right times in Europe/Brussels, with the VTIMEZONE that defines it."""

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from django.core import mail

from staffroom.events import services
from staffroom.events.models import EVENT_TIME_ZONE
from tests.events.factories import EventFactory
from tests.factories import MemberFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _check_times(calendar, event):
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    (entry,) = calendar.walk("VEVENT")
    assert entry["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert entry.decoded("DTSTART") == event.starts_at
    assert (
        entry.decoded("DTSTART").astimezone(EVENT_TIME_ZONE).hour
        == event.starts_at.astimezone(EVENT_TIME_ZONE).hour
    )
    assert entry.decoded("DTEND") == event.ends_at
    assert str(entry["SUMMARY"]) == event.title
    return entry


@pytest.mark.parametrize(
    "starts_at",
    [
        datetime(2030, 1, 15, 13, 0, tzinfo=UTC),  # winter: 14:00 in Brussels
        datetime(2030, 7, 15, 13, 0, tzinfo=UTC),  # summer: 15:00 in Brussels
    ],
)
def test_the_confirmation_mail_has_an_ics_in_brussels_time(
    starts_at, django_capture_on_commit_callbacks, settings
):
    event = EventFactory(starts_at=starts_at, ends_at=starts_at + timedelta(hours=1, minutes=30))
    member = MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.register(member=member, event=event, question="Is er een opname?")
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert event.title in message.subject
    assert "Is er een opname?" in message.body
    name, content, mimetype = message.attachments[0]
    assert name == "event.ics" and mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    entry = _check_times(calendar, event)
    assert entry.decoded("DTSTART").astimezone(EVENT_TIME_ZONE).hour == (
        14 if starts_at.month == 1 else 15
    )
    assert str(entry["URL"]) == settings.SITE_URL + event.get_absolute_url()
    text = content if isinstance(content, str) else content.decode()
    assert f"DTSTART;TZID=Europe/Brussels:{starts_at.year}" in text


def test_the_calendar_feed_lists_the_members_confirmed_events_only(client):
    member = MemberFactory()
    mine, waiting, other = EventFactory(capacity=1), EventFactory(capacity=1), EventFactory()
    services.register(member=member, event=mine)
    services.register(member=MemberFactory(), event=waiting)
    services.register(member=member, event=waiting)
    services.register(member=MemberFactory(), event=other)
    token = services.calendar_token_for(member).token
    response = client.get(f"/events/calendar/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == [mine.title]
    _check_times(calendar, mine)


def test_an_unknown_or_reset_token_finds_nothing(client):
    member = MemberFactory()
    old = services.calendar_token_for(member).token
    services.calendar_token_reset(member=member)
    assert client.get(f"/events/calendar/{old}.ics").status_code == 404
    assert client.get("/events/calendar/nonsense.ics").status_code == 404
    new = services.calendar_token_for(member).token
    assert client.get(f"/events/calendar/{new}.ics").status_code == 200


def test_a_cancelled_event_stays_in_the_feed_marked_cancelled(client):
    member = MemberFactory()
    event = EventFactory()
    services.register(member=member, event=event)
    services.event_cancel(staff=StaffFactory(), event=event, confirmed=True)
    token = services.calendar_token_for(member).token
    calendar = icalendar.Calendar.from_ical(client.get(f"/events/calendar/{token}.ics").content)
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["STATUS"]) == "CANCELLED"
