"""Reads of events: the public listing with its filters, a member's registrations, the staff
review list and a member's calendar feed."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from staffroom.accounts.models import Member
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


def filters_from(params: Mapping[str, Any]) -> EventFilters:
    """Filters from query parameters; unknown values are ignored, never an error."""
    topic = params.get("topic", "")
    return EventFilters(
        topic=topic if topic in Topic.values else "",
        level=level_by_code(params.get("level", "")),
        subject=subject_by_code(params.get("subject", "")),
    )


def events_listed(
    *, past: bool = False, filters: EventFilters | None = None, now: datetime | None = None
) -> QuerySet[Event]:
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
    return (
        events.select_related("organisation")
        .prefetch_related("levels")
        .annotate(
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            )
        )
    )


def can_see(member: Member | AnonymousUser, event: Event) -> bool:
    """Published and cancelled events are public; drafts and submitted trainings are seen by
    staff and by whoever made them."""
    if event.status in (EventStatus.PUBLISHED, EventStatus.CANCELLED):
        return True
    return member.is_authenticated and (member.is_staff or event.created_by_id == member.pk)


def is_presenter(member: Member | AnonymousUser, event: Event) -> bool:
    """Presenters of the event and staff run it: presenter view, live Q&A, attendance."""
    if not member.is_authenticated:
        return False
    return member.is_staff or event.presenters.filter(pk=member.pk).exists()


def registration_of(member: Member | AnonymousUser, event: Event) -> Registration | None:
    """The member's registration for the event, unless they cancelled it."""
    if not member.is_authenticated:
        return None
    return (
        Registration.objects.filter(member=member, event=event)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )


def registration_open(event: Event, now: datetime | None = None) -> bool:
    """Whether members can register (or change their registration) here."""
    now = now or timezone.now()
    return (
        event.status == EventStatus.PUBLISHED
        and event.starts_at > now
        and not event.registration_url
    )


def registrations_to_tell(event: Event) -> QuerySet[Registration]:
    """The registrations a cancellation notifies (confirmed and waitlisted): the notice goes
    to these, and the confirmation page counts them."""
    return event.registrations.exclude(status=RegistrationStatus.CANCELLED)


def confirmed_count(event: Event) -> int:
    """How many places are taken."""
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def events_to_review() -> QuerySet[Event]:
    """Trainings that partners submitted, oldest first: the staff review list."""
    return (
        Event.objects.filter(status=EventStatus.SUBMITTED)
        .select_related("organisation", "created_by")
        .order_by("created_at", "pk")
    )


def member_by_calendar_token(token: str) -> Member | None:
    """Whose calendar feed this is (an active member), or None."""
    found = CalendarToken.objects.select_related("member").filter(token=token).first()
    if found is None or not found.member.is_active:
        return None
    return found.member


def calendar_events_of(member: Member) -> QuerySet[Event]:
    """The events a member holds a confirmed place for (cancelled events stay, marked so)."""
    return Event.objects.filter(
        registrations__member=member,
        registrations__status=RegistrationStatus.CONFIRMED,
        status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED],
    ).order_by("starts_at", "pk")
