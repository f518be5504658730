"""iCalendar (RFC 5545) output: one event for a confirmation mail, or a member's feed.

Times are written in Europe/Brussels with a TZID and the VTIMEZONE that defines it, so
calendar programs show the time the organisers meant, also across daylight-saving changes.
"""

from datetime import UTC, datetime
from urllib.parse import urlencode

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


# --- "Add to calendar" links -------------------------------------------------------------
# Google Calendar and Outlook take an event in the query string of a compose page; times go
# in UTC there (Google's basic format with a Z, Outlook's ISO 8601 with a Z), so no time zone
# can be misread. Descriptions are cut short: the whole text is on the event's page, and very
# long addresses are refused by some browsers and proxies.

LINK_DESCRIPTION_CHARS = 600


def _link_parts(event, base_url: str) -> dict[str, str]:
    url = base_url.rstrip("/") + event.get_absolute_url()
    description = event.description.strip()
    if len(description) > LINK_DESCRIPTION_CHARS:
        description = description[: LINK_DESCRIPTION_CHARS - 1].rstrip() + "…"
    return {
        "title": event.title,
        "description": f"{description}\n\n{url}".strip(),
        # An online event has no place: its page (with the room's link) stands in for one.
        "location": event.location or (url if event.online else ""),
    }


def _utc(moment) -> datetime:
    return moment.astimezone(UTC)


def google_calendar_url(event, *, base_url: str | None = None) -> str:
    """A Google Calendar page that adds ``event`` with one click."""
    parts = _link_parts(event, _base(base_url))
    dates = "/".join(_utc(m).strftime("%Y%m%dT%H%M%SZ") for m in (event.starts_at, event.ends_at))
    query = {
        "action": "TEMPLATE",
        "text": parts["title"],
        "dates": dates,
        "details": parts["description"],
    }
    if parts["location"]:
        query["location"] = parts["location"]
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_calendar_url(event, *, base_url: str | None = None, office: bool = False) -> str:
    """Outlook on the web's compose page for ``event``: outlook.live.com for personal
    accounts, outlook.office.com (``office``) for school and work accounts (Microsoft 365)."""
    parts = _link_parts(event, _base(base_url))
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": parts["title"],
        "startdt": _utc(event.starts_at).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "enddt": _utc(event.ends_at).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "body": parts["description"],
    }
    if parts["location"]:
        query["location"] = parts["location"]
    host = "outlook.office.com" if office else "outlook.live.com"
    return f"https://{host}/calendar/0/deeplink/compose?" + urlencode(query)


def _base(base_url: str | None) -> str:
    return base_url if base_url is not None else getattr(settings, "SITE_URL", "")
