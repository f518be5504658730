"""Webinars and trainings over the JSON API: published (and cancelled) events, read-only."""

from datetime import datetime
from typing import Literal

from django.http import Http404
from ninja import Field, Path, Query, Router, Schema

from staffroom.core.schemas import MAX_ID, Message, PageParams, ValidationErrors, page_of
from staffroom.curriculum.schemas import Term, term_out

from .models import Event, EventStatus
from .queries import can_see, confirmed_count, events_listed, filters_from

router = Router(tags=["events"])


class EventQuery(PageParams):
    when: Literal["upcoming", "past"] = Field(
        "upcoming", description="upcoming: soonest first; past: latest first."
    )
    topic: str = Field("", max_length=40, description="Topic code; unknown values are ignored.")
    level: str = Field("", max_length=60, description="Level code (sub-levels and crosswalk in).")
    subject: str = Field("", max_length=60, description="Subject code, as ``level``.")


class Organiser(Schema):
    id: int
    name: str
    url: str


class EventOut(Schema):
    id: int
    kind: str
    title: str
    description: str
    url: str = Field(description="The event's page on Staffroom.")
    status: Literal["published", "cancelled"]
    topic: str
    levels: list[Term]
    subjects: list[Term]
    starts_at: datetime
    ends_at: datetime
    language: str
    online: bool
    location: str
    price: str
    capacity: int | None
    places_taken: int
    registration_url: str | None = Field(description="Where to register, when not on Staffroom.")
    presenters: list[str]
    organisation: Organiser | None


class EventPage(Schema):
    count: int
    limit: int
    offset: int
    results: list[EventOut]


def _event_out(request, event: Event) -> dict:
    organisation = event.organisation
    presenters = [str(presenter) for presenter in event.presenters.all()]
    if event.presenter_names:
        presenters.append(event.presenter_names)
    return {
        "id": event.pk,
        "kind": event.kind,
        "title": event.title,
        "description": event.description,
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "status": event.status,
        "topic": event.topic,
        "levels": [term_out(level) for level in event.levels.all()],
        "subjects": [term_out(subject) for subject in event.subjects.all()],
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "language": event.language,
        "online": event.online,
        "location": event.location,
        "price": event.price,
        "capacity": event.capacity,
        "places_taken": event.confirmed_count
        if hasattr(event, "confirmed_count")
        else confirmed_count(event),
        "registration_url": event.registration_url or None,
        "presenters": presenters,
        "organisation": {
            "id": organisation.pk,
            "name": organisation.name,
            "url": request.build_absolute_uri(organisation.get_absolute_url()),
        }
        if organisation
        else None,
    }


@router.get("/", response={200: EventPage, 422: ValidationErrors}, summary="Events")
def event_list(request, params: Query[EventQuery]):
    """Published webinars and trainings (cancelled ones too, marked so): upcoming soonest
    first, or past latest first; filtered by topic, level and subject as on the events page."""
    events = events_listed(past=params.when == "past", filters=filters_from(params.dict()))
    events = events.prefetch_related("levels", "subjects", "presenters")
    page = page_of(events, params)
    return {
        "count": page["count"],
        "limit": page["limit"],
        "offset": page["offset"],
        "results": [_event_out(request, event) for event in page["items"]],
    }


@router.get(
    "/{event_id}",
    response={200: EventOut, 404: Message, 422: ValidationErrors},
    summary="An event",
)
def event_get(request, event_id: int = Path(..., ge=1, le=MAX_ID)):
    """One published or cancelled event; drafts and submitted trainings are not found."""
    event = Event.objects.select_related("organisation").filter(pk=event_id).first()
    if event is None or event.status not in (EventStatus.PUBLISHED, EventStatus.CANCELLED):
        raise Http404
    if not can_see(request.user, event):
        raise Http404
    return _event_out(request, event)
