"""iCalendar (RFC 5545) output: one event for a confirmation mail, or a member's feed.

Times are written in Europe/Brussels with a TZID and the VTIMEZONE that defines it, so
calendar programs show the time the organisers meant, also across daylight-saving changes.
"""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from .models import EVENT_TIME_ZONE

PRODID = "-//Staffroom//Events//EN"


def _uid(event) -> str:
    return f"event-{event.pk}@staffroom"


def _calendar(name: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def _entry(event, *, base_url: str) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", _uid(event))
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", event.starts_at.astimezone(EVENT_TIME_ZONE))
    entry.add("dtend", event.ends_at.astimezone(EVENT_TIME_ZONE))
    entry.add("summary", event.title)
    url = base_url.rstrip("/") + event.get_absolute_url()
    entry.add("url", url)
    entry.add("description", f"{event.description}\n\n{url}".strip())
    if event.location:
        entry.add("location", event.location)
    if event.status == "cancelled":
        entry.add("status", "CANCELLED")
    else:
        entry.add("status", "CONFIRMED")
    return entry


def calendar_bytes(events, *, name: str = "", base_url: str | None = None) -> bytes:
    base_url = base_url if base_url is not None else getattr(settings, "SITE_URL", "")
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(_entry(event, base_url=base_url))
    calendar.add_missing_timezones()
    return calendar.to_ical()
