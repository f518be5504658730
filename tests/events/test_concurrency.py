"""Registrations at the same moment, on a real database server: the capacity is never
exceeded and nobody is lost: every registrant is confirmed or on the waitlist."""

import pytest

from staffroom.events import services
from staffroom.events.models import Registration, RegistrationStatus
from tests.concurrency import race, require_postgres_with_vocabularies
from tests.events.factories import EventFactory
from tests.factories import MemberFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_with_vocabularies():
    require_postgres_with_vocabularies()


def test_parallel_registrations_never_exceed_capacity_and_lose_nobody():
    event = EventFactory(capacity=3)
    members = [MemberFactory() for _ in range(10)]
    outcomes = race([lambda m=m: services.register(member=m, event=event) for m in members])
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    registrations = Registration.objects.filter(event=event)
    assert registrations.count() == 10
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 3
    assert registrations.filter(status=RegistrationStatus.WAITLISTED).count() == 7


def test_parallel_cancellations_promote_exactly_as_many_as_freed():
    event = EventFactory(capacity=3)
    members = [MemberFactory() for _ in range(8)]
    for member in members:
        services.register(member=member, event=event)
    confirmed = members[:3]
    outcomes = race(
        [lambda m=m: services.registration_cancel(member=m, event=event) for m in confirmed]
        + [lambda: services.register(member=MemberFactory(), event=event)]
    )
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    registrations = Registration.objects.filter(event=event)
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 3
    assert registrations.filter(status=RegistrationStatus.WAITLISTED).count() == 3
    assert registrations.filter(status=RegistrationStatus.CANCELLED).count() == 3
    promoted = set(
        registrations.filter(status=RegistrationStatus.CONFIRMED).values_list(
            "member_id", flat=True
        )
    )
    assert promoted == {m.pk for m in members[3:6]}
