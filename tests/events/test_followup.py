"""After the event: recording and slides published as resources, the certificate of attendance
and its verification page, participants' feedback and its results, the recordings archive."""

import io
import os
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from staffroom.curriculum.models import Level, Subject
from staffroom.events import certificate, followup
from staffroom.events.certificate import certificate_pdf, core_font_safe
from staffroom.events.models import Event, EventFeedback, Registration, RegistrationStatus
from staffroom.notifications.models import Notification
from staffroom.resources.models import Resource
from staffroom.search import documents
from staffroom.search.backends import get_backend, reset_backend
from staffroom.search.backends.base import SearchRequest
from tests.events.factories import EventFactory
from tests.factories import (
    MemberFactory,
    OrganisationFactory,
    ResourceFactory,
    StaffFactory,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


def past_event(hours_ago=3, **kwargs):
    start = (timezone.now() - timedelta(hours=hours_ago)).replace(second=0, microsecond=0)
    return EventFactory(starts_at=start, ends_at=start + timedelta(minutes=90), **kwargs)


def attend(event, member=None, source="staff"):
    return Registration.objects.create(
        event=event,
        member=member or MemberFactory(),
        status=RegistrationStatus.CONFIRMED,
        registered_at=timezone.now() - timedelta(days=5),
        attended_at=timezone.now(),
        attendance_source=source,
    )


def register(event, member=None):
    return Registration.objects.create(
        event=event,
        member=member or MemberFactory(),
        status=RegistrationStatus.CONFIRMED,
        registered_at=timezone.now() - timedelta(days=5),
    )


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def search_index(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    reset_backend()
    documents.clear_caches()
    yield get_backend()
    reset_backend()


# --- Recording and slides ---------------------------------------------------------------------


def test_staff_publish_the_recording_and_slides_as_resources(
    client, search_index, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory(name="Klasse")
    event = past_event(title="Breuken in de klas", organisation=organisation, language="nl")
    event.levels.set(Level.objects.filter(code="fl-lo-3"))
    event.subjects.set(Subject.objects.filter(code="fl-wis"))
    presenter = MemberFactory(name="Ann Peeters")
    event.presenters.add(presenter)
    registrant, waiting = register(event), MemberFactory()
    Registration.objects.create(
        event=event, member=waiting, status="waitlisted", registered_at=timezone.now()
    )
    client.force_login(StaffFactory())
    page = client.get(event.get_absolute_url()).content.decode()
    assert reverse("events:materials", args=[event.pk]) in page
    assert client.get(reverse("events:materials", args=[event.pk])).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:materials", args=[event.pk]),
            {
                "recording_url": "https://video.example.org/breuken",
                "slides_file": pdf_upload("breuken.pdf", "Breuken vergelijken met stroken"),
                "licence": "cc-by-sa",
            },
        )
    assert response.status_code == 302
    event.refresh_from_db()
    recording, slides = event.recording, event.slides
    assert (recording.kind, recording.url, recording.status) == (
        "link",
        "https://video.example.org/breuken",
        "published",
    )
    assert recording.title == "Opname: Breuken in de klas" or recording.title.endswith(
        "Breuken in de klas"
    )
    assert slides.kind == "file" and slides.status == "published"
    assert slides.files.get().original_name == "breuken.pdf"
    for resource in (recording, slides):
        assert resource.contributor == event.created_by
        assert resource.organisation == organisation
        assert resource.language == "nl"
        assert resource.licence == "cc-by-sa"
        assert resource.author_name == "Ann Peeters"
        assert [level.code for level in resource.levels.all()] == ["fl-lo-3"]
        assert [subject.code for subject in resource.subjects.all()] == ["fl-wis"]
        assert resource.published_at is not None
    assert recording.resource_type.code == "video"
    assert slides.resource_type.code == "presentation"

    result = search_index.search(SearchRequest(text="breuken", limit=20))
    assert {recording.pk, slides.pk} <= set(result.ids)

    page = client.get(event.get_absolute_url()).content.decode()
    assert recording.get_absolute_url() in page and slides.get_absolute_url() in page
    [notice] = Notification.objects.filter(kind="event_materials_published")
    assert notice.member == registrant.member
    assert notice.url == event.get_absolute_url()

    # New slides replace the old ones; nobody is told twice.
    client.post(
        reverse("events:materials", args=[event.pk]),
        {"slides_url": "https://slides.example.org/breuken", "licence": "cc-by"},
    )
    event.refresh_from_db()
    assert event.slides.kind == "link" and event.slides != slides
    assert Resource.objects.get(pk=slides.pk).status == "withdrawn"
    assert event.recording == recording
    assert Notification.objects.filter(kind="event_materials_published").count() == 1


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Give the recording"),
        ({"recording_url": "not a url at all"}, "Enter a valid URL"),
        ({"recording_url": "javascript:alert(1)"}, "Enter a valid URL"),
        ({"recording_url": "https://x.org/" + "a" * 1200}, "at most 1000"),
        ({"slides_url": "https://x.org/s", "slides_file": "pdf"}, "not both"),
        ({"slides_file": "text"}, "not a file type we accept"),
        ({"recording_url": "https://x.org/r", "licence": "stolen"}, "Select a valid choice"),
    ],
)
def test_bad_materials_input_is_a_form_error(client, data, message):
    event = past_event()
    client.force_login(StaffFactory())
    data = {"licence": "cc-by", **data}
    if data.get("slides_file") == "pdf":
        data["slides_file"] = pdf_upload()
    elif data.get("slides_file") == "text":
        data["slides_file"] = SimpleUploadedFile("notes.pdf", b"just text, no pdf", "text/plain")
    response = client.post(reverse("events:materials", args=[event.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    event.refresh_from_db()
    assert event.recording is None and event.slides is None
    assert not Resource.objects.exists()


def test_presenters_add_materials_and_members_may_not(client):
    event = past_event()
    presenter = MemberFactory()
    event.presenters.add(presenter)
    url = reverse("events:materials", args=[event.pk])
    client.force_login(MemberFactory())
    assert client.get(url).status_code == 403
    assert client.post(url, {"recording_url": "https://x.org/r"}).status_code == 403
    client.force_login(presenter)
    assert client.post(url, {"recording_url": "https://x.org/r", "licence": "cc0"}).status_code
    assert Event.objects.get(pk=event.pk).recording.url == "https://x.org/r"


# --- Certificates -----------------------------------------------------------------------------


@pytest.mark.skipif(
    certificate._font_dir() is None and not os.environ.get("CI"),
    reason="needs DejaVu Sans (apt-get install fonts-dejavu-core) for names in any script",
)
def test_an_attended_member_downloads_a_certificate_with_their_name(client):
    presenter = MemberFactory(name="Søren Ørsted")
    event = past_event(title="Lezen in de klas: één uur", organisation=OrganisationFactory())
    event.presenters.add(presenter)
    member = MemberFactory(name="Łucja Brontë-Éluard")
    registration = attend(event, member)
    client.force_login(member)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Download your certificate (PDF)" in page

    response = client.get(reverse("events:certificate", args=[event.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Łucja Brontë-Éluard" in text
    assert "Søren Ørsted" in text
    assert event.organisation.name in text
    assert "1.5 hours" in text
    code = followup.certificate_code(registration)
    assert code in text.replace("\n", "")


def test_without_dejavu_the_core_font_spells_names_safely(settings):
    settings.CERTIFICATE_FONT_DIR = ""
    member = MemberFactory(name="Łucja Brontë-Ørsted 李")
    registration = attend(past_event(title="Één uur"), member)
    content = certificate_pdf(registration, compress=False)
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "Lucja Brontë-Ørsted" in text
    assert core_font_safe("Łódź Ærø 李") == "Lódz Ærø ?"


def test_the_certificate_is_in_the_members_language(settings):
    member = MemberFactory(language="nl")
    content = certificate_pdf(attend(past_event(), member), compress=False)
    assert b"/Lang (nl-BE)" in content


def test_only_attended_members_get_a_certificate(client):
    event = past_event()
    registered = register(event)
    client.force_login(registered.member)
    assert client.get(reverse("events:certificate", args=[event.pk])).status_code == 404
    assert "Download your certificate" not in client.get(event.get_absolute_url()).content.decode()
    client.force_login(StaffFactory())
    assert client.get(reverse("events:certificate", args=[event.pk])).status_code == 404
    client.logout()
    response = client.get(reverse("events:certificate", args=[event.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_verification_page_confirms_valid_codes_only(client):
    event = past_event(title="Evalueren met rubrics")
    member = MemberFactory(name="Émile Dubois")
    registration = attend(event, member)
    code = followup.certificate_code(registration)
    # A visitor checking a certificate reads the page in the site's default language, Dutch.
    with translation.override("nl"):
        valid = gettext("This certificate is valid.")
        invalid = gettext("This code is not valid: no certificate of attendance has this code.")
    page = client.get(reverse("events:certificate_verify", args=[code])).content.decode()
    assert valid in page
    assert "Émile Dubois" in page and "Evalueren met rubrics" in page

    other = attend(past_event(), MemberFactory())
    forged = (
        code.split(":")[0].replace(str(member.pk), str(other.member_id))
        + ":"
        + (code.split(":")[1])
    )
    for bad in (forged, code[:-1] + ("A" if code[-1] != "A" else "B"), "nonsense", "1-2", "x:y"):
        response = client.get(reverse("events:certificate_verify", args=[bad]))
        assert response.status_code == 200
        assert invalid in response.content.decode()

    Registration.objects.filter(pk=registration.pk).update(attended_at=None)
    page = client.get(reverse("events:certificate_verify", args=[code])).content.decode()
    assert invalid in page


# --- Feedback ---------------------------------------------------------------------------------


def test_attended_members_give_feedback_and_change_it(client):
    event = past_event()
    member = attend(event).member
    client.force_login(member)
    page = client.get(event.get_absolute_url()).content.decode()
    assert reverse("events:feedback", args=[event.pk]) in page
    url = reverse("events:feedback", args=[event.pk])
    response = client.post(url, {"rating": "4", "usefulness": "5", "comment": "Heel bruikbaar"})
    assert response.status_code == 302
    client.post(url, {"rating": "2", "usefulness": "3", "comment": ""})
    feedback = EventFeedback.objects.get()
    assert (feedback.rating, feedback.usefulness, feedback.comment) == (2, 3, "")
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Your feedback (you can change it)" in page


@pytest.mark.parametrize(
    "data",
    [
        {"rating": "6", "usefulness": "3"},
        {"rating": "0", "usefulness": "3"},
        {"rating": "-1", "usefulness": "3"},
        {"rating": "abc", "usefulness": "3"},
        {"rating": "3"},
        {"rating": "3", "usefulness": "3", "comment": "x" * 2001},
        {"rating": ["3", "9"], "usefulness": "9" * 40},
    ],
)
def test_bad_feedback_is_a_form_error_not_a_500(client, data):
    event = past_event()
    client.force_login(attend(event).member)
    response = client.post(reverse("events:feedback", args=[event.pk]), data)
    assert response.status_code == 200
    assert "Please correct the marked fields." in response.content.decode()
    assert not EventFeedback.objects.exists()


def test_non_attendees_and_early_feedback_are_refused(client):
    event = past_event()
    url = reverse("events:feedback", args=[event.pk])
    data = {"rating": "5", "usefulness": "5"}
    client.force_login(register(event).member)
    assert client.post(url, data).status_code == 403
    client.force_login(StaffFactory())
    assert client.post(url, data).status_code == 403
    upcoming = EventFactory(starts_at=timezone.now() + timedelta(minutes=10))
    member = attend(upcoming, source="bbb").member
    client.force_login(member)
    assert client.post(reverse("events:feedback", args=[upcoming.pk]), data).status_code == 403
    assert "Send feedback" not in client.get(upcoming.get_absolute_url()).content.decode()
    assert not EventFeedback.objects.exists()


def test_staff_and_presenters_read_the_results(client):
    event = past_event()
    presenter = MemberFactory()
    event.presenters.add(presenter)
    for rating, usefulness, comment in [(5, 4, "Top"), (4, 4, ""), (3, 1, "Te theoretisch")]:
        EventFeedback.objects.create(
            event=event,
            member=attend(event).member,
            rating=rating,
            usefulness=usefulness,
            comment=comment,
        )
    results = followup.feedback_results(event)
    assert results.count == 3
    assert results.rating_average == pytest.approx(4.0)
    assert results.usefulness_average == pytest.approx(3.0)
    assert results.distribution == [(5, 1, 0), (4, 1, 2), (3, 1, 0), (2, 0, 0), (1, 0, 1)]
    assert {f.comment for f in results.comments} == {"Top", "Te theoretisch"}

    url = reverse("events:feedback_results", args=[event.pk])
    for reader in (presenter, StaffFactory()):
        client.force_login(reader)
        page = client.get(url).content.decode()
        assert "4.0 out of 5" in page and "Te theoretisch" in page
    client.force_login(EventFeedback.objects.first().member)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_results_without_feedback():
    assert followup.feedback_results(past_event()).count == 0


# --- Archive of recordings --------------------------------------------------------------------


def test_the_archive_lists_past_events_with_a_published_recording_newest_first(client):
    older = past_event(hours_ago=48, title="Ouder webinar", topic="didactics")
    newer = past_event(hours_ago=5, title="Nieuwer webinar")
    withdrawn = past_event(hours_ago=6, title="Ingetrokken opname")
    past_event(hours_ago=7, title="Zonder opname")
    EventFactory(title="Nog te komen", recording=ResourceFactory())
    for event in (older, newer):
        event.recording = ResourceFactory(title=f"Recording: {event.title}")
        event.save()
    withdrawn.recording = ResourceFactory(status="withdrawn")
    withdrawn.save()
    older.levels.set(Level.objects.filter(code="fl-lo-3"))

    page = client.get(reverse("events:recordings")).content.decode()
    assert page.index("Nieuwer webinar") < page.index("Ouder webinar")
    for absent in ("Ingetrokken opname", "Zonder opname", "Nog te komen"):
        assert absent not in page
    assert older.recording.get_absolute_url() in page

    page = client.get(reverse("events:recordings"), {"level": "fl-lo-3"}).content.decode()
    assert "Ouder webinar" in page and "Nieuwer webinar" not in page
    page = client.get(reverse("events:recordings"), {"topic": "didactics"}).content.decode()
    assert "Ouder webinar" in page and "Nieuwer webinar" not in page
    page = client.get(reverse("events:recordings"), {"level": "nonsense", "page": "x"})
    assert page.status_code == 200
    listing = client.get(reverse("events:list")).content.decode()
    assert reverse("events:recordings") in listing
