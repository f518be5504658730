"""Use-cases of events: creating, submitting, publishing; registering with a waitlist that
promotes on a cancellation; reminders sent once; calendar tokens."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.module_loading import import_string

from staffroom.accounts.models import OrganisationMembership
from staffroom.events import services
from staffroom.events.inputs import EventInput
from staffroom.events.models import EventKind, EventStatus, RegistrationStatus
from staffroom.notifications.models import Notification
from staffroom.site.schedule import SCHEDULE
from tests.events.factories import EventFactory
from tests.factories import MemberFactory, OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db


def event_data(**overrides) -> EventInput:
    starts = datetime(2030, 3, 4, 14, 0, tzinfo=UTC)
    data = {
        "kind": EventKind.WEBINAR,
        "title": "Rekenen op afstand",
        "description": "Tips voor **rekenen** op afstand.",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=1),
        "capacity": 50,
    }
    data.update(overrides)
    return EventInput(**data)


def test_staff_create_a_draft_and_publish_it():
    staff = StaffFactory()
    event = services.event_create(staff=staff, data=event_data())
    assert event.status == EventStatus.DRAFT
    services.event_publish(staff=staff, event=event)
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED and event.published_at


def test_members_cannot_create_or_publish():
    member = MemberFactory()
    with pytest.raises(PermissionDenied):
        services.event_create(staff=member, data=event_data())
    with pytest.raises(PermissionDenied):
        services.event_publish(staff=member, event=EventFactory(status=EventStatus.DRAFT))


def test_an_event_ends_after_it_starts():
    starts = datetime(2030, 3, 4, 14, 0, tzinfo=UTC)
    with pytest.raises(ValidationError):
        services.event_create(
            staff=StaffFactory(), data=event_data(starts_at=starts, ends_at=starts)
        )


def test_partners_submit_trainings_for_their_organisation_only():
    partner = MemberFactory()
    organisation = OrganisationFactory()
    with pytest.raises(PermissionDenied):
        services.training_submit(member=partner, data=event_data(organisation=organisation))
    OrganisationMembership.objects.create(organisation=organisation, member=partner)
    training = services.training_submit(
        member=partner,
        data=event_data(organisation=organisation, price="€ 45", location="Gent"),
    )
    assert training.kind == EventKind.TRAINING
    assert training.status == EventStatus.SUBMITTED
    services.event_return_to_draft(staff=StaffFactory(), event=training)
    training.refresh_from_db()
    assert training.status == EventStatus.DRAFT


def test_registration_confirms_then_waitlists_and_a_cancellation_promotes_the_first(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(capacity=1)
    first, second, third = MemberFactory(), MemberFactory(), MemberFactory()
    one = services.register(member=first, event=event, question="Werkt dit ook in de kleuterklas?")
    two = services.register(member=second, event=event)
    three = services.register(member=third, event=event)
    assert one.status == RegistrationStatus.CONFIRMED
    assert one.question == "Werkt dit ook in de kleuterklas?"
    assert (two.status, three.status) == (RegistrationStatus.WAITLISTED,) * 2
    assert services.waitlist_position(two) == 1
    assert services.waitlist_position(three) == 2
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(member=first, event=event)
    two.refresh_from_db()
    three.refresh_from_db()
    assert two.status == RegistrationStatus.CONFIRMED
    assert services.waitlist_position(three) == 1
    notice = Notification.objects.get(member=second)
    assert notice.kind == "event_waitlist_promoted"
    assert [m.to for m in mail.outbox if m.attachments] == [[second.email]]


def test_registering_twice_keeps_one_place_and_updates_the_question():
    event = EventFactory(capacity=5)
    member = MemberFactory()
    services.register(member=member, event=event)
    again = services.register(member=member, event=event, question="Komt er een opname?")
    assert event.registrations.count() == 1
    assert again.question == "Komt er een opname?"


def test_cancelling_and_registering_again_joins_the_end_of_the_waitlist():
    event = EventFactory(capacity=1)
    first, second = MemberFactory(), MemberFactory()
    services.register(member=first, event=event)
    services.register(member=second, event=event)
    services.registration_cancel(member=first, event=event)
    again = services.register(member=first, event=event)
    assert again.status == RegistrationStatus.WAITLISTED


@pytest.mark.parametrize(
    "fields",
    [
        {"status": EventStatus.DRAFT},
        {"status": EventStatus.CANCELLED},
        {"starts_at": timezone.now() - timedelta(minutes=5)},
        {"registration_url": "https://example.org/inschrijven"},
    ],
)
def test_no_registration_for_unpublished_started_or_externally_registered_events(fields):
    if "starts_at" in fields:
        fields["ends_at"] = fields["starts_at"] + timedelta(hours=1)
    event = EventFactory(**fields)
    with pytest.raises(ValidationError):
        services.register(member=MemberFactory(), event=event)


def test_an_overlong_question_is_refused():
    with pytest.raises(ValidationError):
        services.register(member=MemberFactory(), event=EventFactory(), question="x" * 2001)


def test_cancelling_an_event_tells_the_registrants():
    event = EventFactory()
    member = MemberFactory()
    services.register(member=member, event=event)
    services.event_cancel(staff=StaffFactory(), event=event, confirmed=True)
    assert Notification.objects.get(member=member).kind == "event_cancelled"


def test_reminders_are_sent_once_each_at_24_hours_and_1_hour():
    now = timezone.now()
    event = EventFactory(
        starts_at=now + timedelta(days=3), ends_at=now + timedelta(days=3, hours=1)
    )
    member = MemberFactory()
    services.register(member=member, event=event)
    mail.outbox.clear()
    assert services.reminders_send(now=now) == 0
    day_before = event.starts_at - timedelta(hours=23, minutes=55)
    assert services.reminders_send(now=day_before) == 1
    assert services.reminders_send(now=day_before + timedelta(minutes=10)) == 0
    hour_before = event.starts_at - timedelta(minutes=55)
    assert services.reminders_send(now=hour_before) == 1
    assert services.reminders_send(now=hour_before + timedelta(minutes=10)) == 0
    assert len(mail.outbox) == 2
    assert event.title in mail.outbox[0].subject


def test_a_late_registration_gets_no_reminder_already_overtaken_by_its_confirmation():
    now = timezone.now()
    event = EventFactory(starts_at=now + timedelta(hours=3), ends_at=now + timedelta(hours=4))
    registration = services.register(member=MemberFactory(), event=event)
    assert registration.reminded_24h_at is not None and registration.reminded_1h_at is None
    mail.outbox.clear()
    assert services.reminders_send(now=now) == 0
    assert services.reminders_send(now=event.starts_at - timedelta(minutes=30)) == 1


def test_waitlisted_members_get_no_reminders():
    now = timezone.now()
    event = EventFactory(capacity=1)
    services.register(member=MemberFactory(), event=event)
    services.register(member=MemberFactory(), event=event)
    mail.outbox.clear()
    assert services.reminders_send(now=event.starts_at - timedelta(minutes=30)) == 1
    del now


def test_resetting_the_calendar_token_makes_a_new_secret():
    member = MemberFactory()
    old = services.calendar_token_for(member).token
    assert services.calendar_token_for(member).token == old
    assert services.calendar_token_reset(member=member).token != old


def test_the_clock_runs_the_reminders_every_ten_minutes():
    task_path, interval = SCHEDULE["events-reminders"]
    assert interval <= timedelta(minutes=10)
    assert import_string(task_path).call() == 0
