"""schema.org JSON-LD of a published event (an ``EducationEvent``) in its page's head: when,
where, in what language, by whom, and what it costs: ``isAccessibleForFree`` is false and
``offers`` carries the price as soon as a training has one."""

from django.conf import settings

from staffroom.resources.offers import price_in_euro, schema_offer

from .models import Event, EventStatus


def event_is_free(event: Event) -> bool:
    """No price, or a price of nothing ("€ 0"): a price in words ("€ 45 per school") is paid."""
    return not event.price.strip() or price_in_euro(event.price) == "0.00"


def _timestamp(moment) -> str:
    return moment.replace(microsecond=0).isoformat()


def event_jsonld(event: Event, site_url: str | None = None) -> dict:
    """The schema.org description of ``event``; addresses on ``site_url`` (SITE_URL)."""
    base = (site_url or settings.SITE_URL).rstrip("/")
    page = base + event.get_absolute_url()
    data: dict = {
        "@context": "https://schema.org",
        "@type": "EducationEvent",
        "@id": page,
        "url": page,
        "name": event.title,
        "startDate": _timestamp(event.starts_at),
        "endDate": _timestamp(event.ends_at),
        "eventStatus": "https://schema.org/EventCancelled"
        if event.status == EventStatus.CANCELLED
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode"
        if event.online
        else "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "VirtualLocation", "url": page}
        if event.online
        else {"@type": "Place", "name": event.location or event.title},
    }
    if event.description:
        data["description"] = event.description
    if event.language != "other":
        data["inLanguage"] = event.language
    if event.organisation_id:
        organisation = event.organisation
        data["organizer"] = {
            "@type": "Organization",
            "name": organisation.name,  # type: ignore[union-attr]
            "url": organisation.website  # type: ignore[union-attr]
            or base + organisation.get_absolute_url(),  # type: ignore[union-attr]
        }
    else:
        data["organizer"] = {"@type": "Organization", "name": "Staffroom", "url": base + "/"}
    free = event_is_free(event)
    data["isAccessibleForFree"] = free
    if not free:
        offer = schema_offer(paid=True, note=event.price, url=event.registration_url or page)
        data["offers"] = [{"@type": "Offer", **{k: v for k, v in offer.items() if k != "type"}}]
    return data
