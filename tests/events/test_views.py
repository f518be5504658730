"""Event pages: the listing with its filters, the detail page with register and cancel, the
registrant's status, times in Brussels, staff and partner forms; bad input is never a 500."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from staffroom.accounts.models import OrganisationMembership
from staffroom.curriculum.models import Level, Subject
from staffroom.events import services
from staffroom.events.models import Event, EventStatus, Registration, RegistrationStatus
from staffroom.notifications.models import Notification
from tests.events.factories import EventFactory
from tests.factories import MemberFactory, OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_the_main_navigation_leads_to_events(client):
    page = client.get(reverse("home")).content.decode()
    assert reverse("events:list") in page


def test_upcoming_and_past_events_are_listed_apart(client):
    now = timezone.now()
    upcoming = EventFactory()
    past = EventFactory(
        starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=2, hours=-1)
    )
    draft = EventFactory(status=EventStatus.DRAFT)
    page = client.get(reverse("events:list")).content.decode()
    assert upcoming.title in page and past.title not in page and draft.title not in page
    page = client.get(reverse("events:past")).content.decode()
    assert past.title in page and upcoming.title not in page


def test_the_listing_filters_on_topic_level_with_crosswalk_and_subject(client):
    tagged = EventFactory(topic="digital-tools")
    tagged.levels.set([Level.objects.get(code="fl-lo-3")])
    tagged.subjects.set([Subject.objects.get(code="fl-wis")])
    other = EventFactory(topic="wellbeing")
    url = reverse("events:list")
    page = client.get(url, {"topic": "digital-tools"}).content.decode()
    assert tagged.title in page and other.title not in page
    page = client.get(url, {"level": "fl-lo"}).content.decode()  # the parent level
    assert tagged.title in page and other.title not in page
    crosswalk = Level.objects.get(code="fl-lo-3").equivalent
    if crosswalk is not None:
        page = client.get(url, {"level": crosswalk.code}).content.decode()
        assert tagged.title in page
    page = client.get(url, {"subject": "fl-wis"}).content.decode()
    assert tagged.title in page and other.title not in page


@pytest.mark.parametrize(
    "params",
    [{"topic": "nope"}, {"level": "<script>"}, {"subject": "x" * 500}, {"page": "abc"}],
)
def test_bad_filters_are_ignored(client, params):
    EventFactory()
    assert client.get(reverse("events:list"), params).status_code == 200


def test_the_detail_page_shows_times_in_brussels(client):
    starts = datetime(2030, 7, 1, 12, 0, tzinfo=UTC)
    event = EventFactory(starts_at=starts, ends_at=starts + timedelta(hours=1))
    page = client.get(event.get_absolute_url()).content.decode()
    assert "14:00" in page and "15:00" in page


def test_the_description_is_rendered_markdown_with_scripts_removed(client):
    event = EventFactory(description="Hoe organiseer je **afstandsonderwijs**?<script>x()</script>")
    page = client.get(event.get_absolute_url()).content.decode()
    assert "<strong>afstandsonderwijs</strong>" in page
    assert "&lt;p&gt;" not in page and "<script>x()" not in page


def test_register_with_a_question_then_see_the_waitlist_and_cancel(client):
    event = EventFactory(capacity=1)
    first, second = MemberFactory(), MemberFactory()
    client.force_login(first)
    response = client.post(
        reverse("events:register", args=[event.pk]), {"question": "Komt er een opname?"}
    )
    assert response.status_code == 302
    registration = Registration.objects.get(member=first)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.question == "Komt er een opname?"
    assert "registration-status" in client.get(event.get_absolute_url()).content.decode()

    client.force_login(second)
    client.post(reverse("events:register", args=[event.pk]))
    page = client.get(event.get_absolute_url())
    assert page.context["registration"].status == RegistrationStatus.WAITLISTED
    assert page.context["waitlist_position"] == 1

    client.force_login(first)
    client.post(reverse("events:cancel", args=[event.pk]))
    assert Registration.objects.get(member=second).status == RegistrationStatus.CONFIRMED


def test_visitors_are_sent_to_log_in_and_bad_input_is_no_500(client):
    event = EventFactory()
    response = client.post(reverse("events:register", args=[event.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(MemberFactory())
    response = client.post(reverse("events:register", args=[event.pk]), {"question": "x" * 5000})
    assert response.status_code == 302
    assert not Registration.objects.exists()
    assert client.get(reverse("events:register", args=[event.pk])).status_code == 405
    assert client.post(reverse("events:register", args=[999999])).status_code == 404
    assert client.post(reverse("events:cancel", args=[event.pk])).status_code == 302
    draft = EventFactory(status=EventStatus.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_staff_create_and_publish_an_event_in_brussels_time(client):
    staff = StaffFactory()
    client.force_login(staff)
    response = client.post(
        reverse("events:new"),
        {
            "kind": "webinar",
            "title": "Breuken op afstand",
            "starts_at": "2030-01-10T14:00",
            "ends_at": "2030-01-10T15:00",
            "language": "nl",
            "online": "on",
            "room_kind": "external",
            "external_url": "https://meet.example.org/breuken",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    event = Event.objects.get()
    assert event.starts_at == datetime(2030, 1, 10, 13, 0, tzinfo=UTC)
    assert event.status == EventStatus.DRAFT
    client.post(reverse("events:publish", args=[event.pk]))
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


def test_bad_event_forms_are_shown_again_not_a_500(client):
    client.force_login(StaffFactory())
    response = client.post(
        reverse("events:new"),
        {"title": "", "starts_at": "gisteren", "ends_at": "2030-01-10T15:00", "capacity": "-3"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    response = client.post(
        reverse("events:new"),
        {
            "kind": "webinar",
            "title": "Omgekeerd",
            "starts_at": "2030-01-10T15:00",
            "ends_at": "2030-01-10T14:00",
            "language": "nl",
        },
    )
    assert response.status_code == 200 and "ends_at" in response.context["form"].errors
    assert not Event.objects.exists()


def test_partners_submit_trainings_that_staff_review(client):
    partner = MemberFactory()
    organisation = OrganisationFactory()
    OrganisationMembership.objects.create(organisation=organisation, member=partner)
    client.force_login(partner)
    response = client.post(
        reverse("events:new"),
        {
            "title": "Werken met de digitale schoolbank",
            "starts_at": "2030-02-10T09:00",
            "ends_at": "2030-02-10T12:00",
            "language": "nl",
            "organisation": organisation.pk,
            "price": "€ 45",
            "location": "Gent",
            "registration_url": "https://example.org/inschrijven",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    training = Event.objects.get()
    assert (training.kind, training.status) == ("training", EventStatus.SUBMITTED)
    assert client.get(reverse("events:review")).status_code == 403
    assert client.post(reverse("events:publish", args=[training.pk])).status_code == 403

    client.force_login(StaffFactory())
    assert training.title in client.get(reverse("events:review")).content.decode()
    client.post(reverse("events:publish", args=[training.pk]), {"next": "review"})
    training.refresh_from_db()
    assert training.status == EventStatus.PUBLISHED


def test_members_without_an_organisation_cannot_submit(client):
    client.force_login(MemberFactory())
    assert client.get(reverse("events:new")).status_code == 403


def test_the_calendar_page_shows_the_feed_and_resets_it(client):
    member = MemberFactory()
    client.force_login(member)
    first = client.get(reverse("events:calendar")).context["feed_url"]
    client.post(reverse("events:calendar_reset"))
    second = client.get(reverse("events:calendar")).context["feed_url"]
    assert first != second and second.endswith(".ics")


def test_a_started_event_offers_no_registration(client):
    now = timezone.now()
    event = EventFactory(starts_at=now - timedelta(minutes=5), ends_at=now + timedelta(hours=1))
    client.force_login(MemberFactory())
    response = client.get(event.get_absolute_url())
    assert response.context["registration_open"] is False
    assert reverse("events:register", args=[event.pk]) not in response.content.decode()
    assert client.post(reverse("events:register", args=[event.pk])).status_code == 302
    assert not Registration.objects.exists()


def _webinar_form(**overrides):
    data = {
        "kind": "webinar",
        "title": "Breuken op afstand",
        "starts_at": "2030-01-10T14:00",
        "ends_at": "2030-01-10T15:00",
        "language": "nl",
    }
    data.update(overrides)
    return data


def test_staff_name_presenters_by_email_and_unknown_addresses_are_refused(client):
    presenter = MemberFactory()
    client.force_login(StaffFactory())
    response = client.post(reverse("events:new"), _webinar_form(presenters="onbekend@example.org"))
    assert response.status_code == 200 and "presenters" in response.context["form"].errors
    response = client.post(
        reverse("events:new"),
        _webinar_form(presenters=presenter.email.upper(), presenter_names="Els (Klasse)"),
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert list(event.presenters.all()) == [presenter]
    page = client.get(reverse("events:edit", args=[event.pk])).content.decode()
    assert presenter.email in page
    assert "Els (Klasse)" in client.get(event.get_absolute_url()).content.decode()


def test_a_partner_edits_their_submitted_training_until_it_is_published(client):
    partner = MemberFactory()
    organisation = OrganisationFactory()
    OrganisationMembership.objects.create(organisation=organisation, member=partner)
    training = EventFactory(
        kind="training",
        status=EventStatus.SUBMITTED,
        created_by=partner,
        organisation=organisation,
    )
    client.force_login(partner)
    assert client.get(training.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("events:edit", args=[training.pk]),
        _webinar_form(title="Nieuwe titel", organisation=organisation.pk),
    )
    assert response.status_code == 302, response.context["form"].errors
    training.refresh_from_db()
    assert (training.title, training.kind) == ("Nieuwe titel", "training")
    training.status = EventStatus.PUBLISHED
    training.save()
    assert client.get(reverse("events:edit", args=[training.pk])).status_code == 403
    client.force_login(MemberFactory())
    draft = EventFactory(status=EventStatus.SUBMITTED, created_by=partner)
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "overrides",
    [
        {"capacity": "99999999999999999999"},
        {"capacity": "-1"},
        {"starts_at": "2030-03-31T02:30", "ends_at": "2030-03-31T03:30"},  # clocks go forward
        {"title": "x" * 500},
        {"external_url": "javascript:alert(1)"},
        {"topic": "nope", "levels": ["abc"], "subjects": ["999999"]},
        {"kind": "party", "language": "xx"},
    ],
)
def test_odd_event_input_is_a_form_error_or_saved_never_a_500(client, overrides):
    client.force_login(StaffFactory())
    response = client.post(reverse("events:new"), _webinar_form(**overrides))
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert response.context["form"].errors


def test_staff_cancel_an_event_from_its_page_after_confirming(client):
    event = EventFactory()
    registrants = [MemberFactory(), MemberFactory()]
    for member in registrants:
        services.register(member=member, event=event)
    client.force_login(StaffFactory())
    url = reverse("events:cancel_event", args=[event.pk])
    assert f'href="{url}"' in client.get(event.get_absolute_url()).content.decode()
    confirm = client.get(url)
    assert confirm.context["audience"] == 2 and "2 members" in confirm.content.decode()
    # Without the confirmation's flag nothing happens and nobody is told.
    response = client.post(url, follow=True)
    assert "nothing was changed" in response.content.decode()
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    assert not Notification.objects.filter(kind="event_cancelled").exists()
    client.post(url, {"confirm": "yes"})
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert Notification.objects.filter(kind="event_cancelled").count() == 2
    assert client.post(reverse("events:publish", args=[event.pk])).status_code == 302
    assert client.post(reverse("events:publish", args=[999999])).status_code == 404


def test_an_event_matching_several_filtered_levels_is_listed_once_with_its_true_count(client):
    event = EventFactory(capacity=2)
    event.levels.set(Level.objects.filter(code__in=["fl-lo-3", "fl-lo-4"]))
    services.register(member=MemberFactory(), event=event)
    response = client.get(reverse("events:list"), {"level": "fl-lo"})
    listed = list(response.context["page"])
    assert listed == [event]
    assert listed[0].confirmed_count == 1


def test_the_event_form_has_checkboxes_in_the_editors_terms_and_datetime_inputs(client):
    event = EventFactory()
    event.levels.set(Level.objects.filter(code__in=["nl-po-5"]))
    client.force_login(StaffFactory(region="fl"))
    page = client.get(reverse("events:edit", args=[event.pk])).content.decode()
    assert ":</label>" not in page and "multiple" not in page
    assert 'type="datetime-local"' in page
    lo_3 = Level.objects.get(code="fl-lo-3")
    groep_5 = Level.objects.get(code="nl-po-5")
    assert f'type="checkbox" name="levels" value="{lo_3.pk}"' in page
    # The other region's level already on the event stays, ticked.
    assert re.search(rf'type="checkbox" name="levels" value="{groep_5.pk}"[^>]*checked', page)
    assert f'name="levels" value="{Level.objects.get(code="nl-po-6").pk}"' not in page
