"""Factories of events."""

from datetime import timedelta

import factory
from django.utils import timezone

from staffroom.events.models import (
    Event,
    EventQuestion,
    EventStatus,
    QuestionSource,
    Registration,
    RegistrationStatus,
)
from tests.factories import MemberFactory, StaffFactory


class EventFactory(factory.django.DjangoModelFactory):
    """A published Dutch webinar three days from now, one hour long, no capacity limit."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Afstandsonderwijs met een klein budget ({n})")
    description = "Hoe organiseer je **afstandsonderwijs**?"
    topic = "distance-teaching"
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=3)).replace(second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))
    status = EventStatus.PUBLISHED
    created_by = factory.SubFactory(StaffFactory)


def established(**fields):
    """A member of some months: the posting limits of new accounts do not apply."""
    return MemberFactory(date_joined=timezone.now() - timedelta(days=120), **fields)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    member = factory.LazyFunction(established)
    status = RegistrationStatus.CONFIRMED
    registered_at = factory.LazyFunction(timezone.now)


class LiveQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventQuestion

    event = factory.SubFactory(EventFactory)
    author = factory.LazyFunction(established)
    source = QuestionSource.LIVE
    body = factory.Sequence(lambda n: f"Hoe pak je differentiatie aan in groep {n}?")
    created_at = factory.LazyFunction(timezone.now)


def running_event(**fields):
    now = timezone.now()
    return EventFactory(
        starts_at=now - timedelta(minutes=10), ends_at=now + timedelta(minutes=50), **fields
    )


def ended_event(**fields):
    now = timezone.now()
    return EventFactory(
        starts_at=now - timedelta(hours=2), ends_at=now - timedelta(hours=1), **fields
    )
