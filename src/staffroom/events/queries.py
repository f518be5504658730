"""Reads of events: the public listing with its filters, a member's registrations, the staff
review list and a member's calendar feed."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from staffroom.curriculum.models import Level, Subject
from staffroom.curriculum.queries import filter_by_terms, level_by_code, subject_by_code

from .models import CalendarToken, Event, EventStatus, Registration, RegistrationStatus, Topic


@dataclass
class EventFilters:
    topic: str = ""
    level: Level | None = None
    subject: Subject | None = None

    @property
    def active(self) -> bool:
        return bool(self.topic or self.level or self.subject)


def filters_from(params) -> EventFilters:
    """Filters from query parameters; unknown values are ignored, never an error."""
    topic = params.get("topic", "")
    return EventFilters(
        topic=topic if topic in Topic.values else "",
        level=level_by_code(params.get("level", "")),
        subject=subject_by_code(params.get("subject", "")),
    )


def events_listed(*, past: bool = False, filters: EventFilters | None = None, now=None):
    """Published and cancelled events, upcoming (soonest first) or past (latest first)."""
    now = now or timezone.now()
    events = Event.objects.filter(status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED])
    if past:
        events = events.filter(ends_at__lte=now).order_by("-starts_at", "-pk")
    else:
        events = events.filter(ends_at__gt=now).order_by("starts_at", "pk")
    filters = filters or EventFilters()
    if filters.topic:
        events = events.filter(topic=filters.topic)
    # Subqueries rather than joins: a join per matching term would repeat the event and
    # multiply the count of places taken below.
    events = filter_by_terms(events, level=filters.level, subject=filters.subject)
    return events.select_related("organisation").annotate(
        confirmed_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
        )
    )


def can_see(member, event: Event) -> bool:
    if event.status in (EventStatus.PUBLISHED, EventStatus.CANCELLED):
        return True
    return member.is_authenticated and (member.is_staff or event.created_by_id == member.pk)


def is_presenter(member, event: Event) -> bool:
    """Presenters of the event and staff run it: presenter view, live Q&A, attendance."""
    if not member.is_authenticated:
        return False
    return member.is_staff or event.presenters.filter(pk=member.pk).exists()


def registration_of(member, event: Event) -> Registration | None:
    if not member.is_authenticated:
        return None
    return (
        Registration.objects.filter(member=member, event=event)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )


def registration_open(event: Event, now=None) -> bool:
    """Whether members can register (or change their registration) here."""
    now = now or timezone.now()
    return (
        event.status == EventStatus.PUBLISHED
        and event.starts_at > now
        and not event.registration_url
    )


def confirmed_count(event: Event) -> int:
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def events_to_review():
    """Trainings that partners submitted, oldest first: the staff review list."""
    return (
        Event.objects.filter(status=EventStatus.SUBMITTED)
        .select_related("organisation", "created_by")
        .order_by("created_at", "pk")
    )


def member_by_calendar_token(token: str):
    found = CalendarToken.objects.select_related("member").filter(token=token).first()
    if found is None or not found.member.is_active:
        return None
    return found.member


def calendar_events_of(member):
    """The events a member holds a confirmed place for (cancelled events stay, marked so)."""
    return Event.objects.filter(
        registrations__member=member,
        registrations__status=RegistrationStatus.CONFIRMED,
        status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED],
    ).order_by("starts_at", "pk")
