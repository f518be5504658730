"""Factories of events."""

from datetime import timedelta

import factory
from django.utils import timezone

from staffroom.events.models import Event, EventStatus
from tests.factories import StaffFactory


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
