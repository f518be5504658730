"""The online room: who sees the join button and when, the BigBlueButton meeting and join link
(checked against the fake server's checksum rules), external rooms, failures that are messages
and not 500s; attendance from BigBlueButton and marked by staff, with its notice."""

import urllib.parse
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from staffroom.events import room, tasks
from staffroom.events.models import Event, Registration, RegistrationStatus
from staffroom.notifications.models import Notification
from staffroom.site.schedule import SCHEDULE
from tests.events.factories import EventFactory
from tests.events.test_bbb import SECRET, server_checksum_ok
from tests.factories import MemberFactory, StaffFactory

pytestmark = pytest.mark.django_db


def register(event, member=None, status=RegistrationStatus.CONFIRMED):
    return Registration.objects.create(
        event=event,
        member=member or MemberFactory(),
        status=status,
        registered_at=timezone.now(),
    )


def starting_in(minutes, **kwargs):
    start = timezone.now() + timedelta(minutes=minutes)
    return EventFactory(starts_at=start, ends_at=start + timedelta(hours=1), **kwargs)


def join_button(client, event):
    return "Join the webinar" in client.get(event.get_absolute_url()).content.decode()


def test_the_button_appears_15_minutes_before_the_start_for_registrants(client):
    early = starting_in(16, room_kind="external", external_url="https://meet.example.org/r1")
    now = starting_in(14, room_kind="external", external_url="https://meet.example.org/r2")
    member = MemberFactory()
    register(early, member)
    register(now, member)
    client.force_login(member)

    page = client.get(early.get_absolute_url()).content.decode()
    assert "Join the webinar" in page  # named in the explanation only, no button yet
    assert f'action="/events/{early.pk}/join/"' not in page
    assert "The room opens 15 minutes before the start" in page
    response = client.post(reverse("events:join", args=[early.pk]), follow=True)
    assert response.redirect_chain[-1][0] == early.get_absolute_url()
    assert "The room opens 15 minutes before the start" in response.content.decode()

    page = client.get(now.get_absolute_url()).content.decode()
    assert f'action="/events/{now.pk}/join/"' in page
    response = client.post(reverse("events:join", args=[now.pk]))
    assert response.status_code == 302
    assert response["Location"] == "https://meet.example.org/r2"


def test_the_window_is_exactly_15_minutes():
    event = EventFactory(room_kind="external", external_url="https://meet.example.org/x")
    assert not room.room_is_open(event, event.starts_at - timedelta(minutes=15, seconds=1))
    assert room.room_is_open(event, event.starts_at - room.JOIN_OPENS_BEFORE)
    assert room.room_is_open(event, event.ends_at - timedelta(seconds=1))
    assert not room.room_is_open(event, event.ends_at)


def test_waitlisted_and_unregistered_members_get_no_button_and_a_403(client):
    event = starting_in(5, room_kind="external", external_url="https://meet.example.org/r")
    waiting = MemberFactory()
    register(event, waiting, RegistrationStatus.WAITLISTED)
    for member in (waiting, MemberFactory()):
        client.force_login(member)
        assert not join_button(client, event)
        assert client.post(reverse("events:join", args=[event.pk])).status_code == 403
    client.logout()
    response = client.post(reverse("events:join", args=[event.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_get_on_join_is_refused():
    event = starting_in(5, room_kind="external", external_url="https://meet.example.org/r")
    member = MemberFactory()
    register(event, member)
    client = Client()
    client.force_login(member)
    assert client.get(reverse("events:join", args=[event.pk])).status_code == 405


def test_the_room_closes_at_the_end_and_events_without_room_show_nothing(client):
    ended = starting_in(-90, room_kind="external", external_url="https://meet.example.org/r")
    plain = starting_in(5)
    member = MemberFactory()
    register(ended, member)
    register(plain, member)
    client.force_login(member)
    assert not join_button(client, ended)
    response = client.post(reverse("events:join", args=[ended.pk]), follow=True)
    assert "The event has ended" in response.content.decode()
    assert not join_button(client, plain)
    response = client.post(reverse("events:join", args=[plain.pk]), follow=True)
    assert "This event has no online room." in response.content.decode()


def test_bbb_join_creates_the_meeting_once_and_signs_viewer_and_moderator_links(client, bbb_server):
    presenter = MemberFactory(name="Łucja Ørsted")
    event = starting_in(10, room_kind="bbb")
    event.presenters.add(presenter)
    member = MemberFactory(name="Émile Van den Bossche")
    register(event, member)

    client.force_login(member)
    response = client.post(reverse("events:join", args=[event.pk]))
    assert response.status_code == 302
    viewer = urllib.parse.urlsplit(response["Location"])
    assert viewer.geturl().startswith(bbb_server.api_url + "join?")
    assert server_checksum_ok("join", viewer.query, SECRET)
    params = urllib.parse.parse_qs(viewer.query)
    assert params["role"] == ["VIEWER"]
    assert params["userID"] == [str(member.pk)]
    assert params["fullName"] == ["Émile Van den Bossche"]
    assert params["meetingID"] == [event.bbb_meeting_id]
    assert params["createTime"] == ["1531155809613"]
    event.refresh_from_db()
    assert event.bbb_create_time == "1531155809613"

    client.force_login(presenter)
    response = client.post(reverse("events:join", args=[event.pk]))
    moderator = urllib.parse.urlsplit(response["Location"]).query
    assert server_checksum_ok("join", moderator, SECRET)
    assert urllib.parse.parse_qs(moderator)["role"] == ["MODERATOR"]

    client.force_login(StaffFactory())
    response = client.post(reverse("events:join", args=[event.pk]))
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(response["Location"]).query)["role"] == [
        "MODERATOR"
    ]

    creates = [params for call, _query, params in bbb_server.requests if call == "create"]
    # One meeting on the server; the later creates were answered with duplicateWarning.
    assert list(bbb_server.meetings) == [event.bbb_meeting_id]
    assert len(creates) == 3
    assert {c["meetingID"] for c in creates} == {event.bbb_meeting_id}
    assert creates[0]["record"] == "true"
    assert event.get_absolute_url() in creates[0]["logoutURL"]


def test_bbb_down_or_unconfigured_is_a_message_not_a_500(client, settings, bbb_server):
    event = starting_in(10, room_kind="bbb")
    member = MemberFactory()
    register(event, member)
    client.force_login(member)

    bbb_server.secret = "another-secret"  # the server refuses every checksum
    response = client.post(reverse("events:join", args=[event.pk]), follow=True)
    assert response.status_code == 200
    assert "cannot be reached right now" in response.content.decode()

    settings.BBB_URL = "http://127.0.0.1:9/bigbluebutton/api/"  # nothing listens there
    response = client.post(reverse("events:join", args=[event.pk]), follow=True)
    assert "cannot be reached right now" in response.content.decode()

    settings.BBB_SECRET = ""
    response = client.post(reverse("events:join", args=[event.pk]), follow=True)
    assert response.status_code == 200
    assert "no BigBlueButton server is set up" in response.content.decode()
    Event.objects.filter(pk=event.pk, bbb_create_time="").get()


def test_a_cancelled_event_has_no_room(client):
    event = starting_in(5, room_kind="external", external_url="https://meet.example.org/r")
    member = MemberFactory()
    register(event, member)
    Event.objects.filter(pk=event.pk).update(status="cancelled")
    client.force_login(member)
    assert not join_button(client, event)
    response = client.post(reverse("events:join", args=[event.pk]), follow=True)
    assert "This event is cancelled." in response.content.decode()


def test_an_external_room_without_address_is_a_message(client):
    event = starting_in(5, room_kind="external", external_url="")
    member = MemberFactory()
    register(event, member)
    client.force_login(member)
    response = client.post(reverse("events:join", args=[event.pk]), follow=True)
    assert "have not given the room" in response.content.decode()


# --- Attendance -------------------------------------------------------------------------------


def test_poll_attendance_marks_confirmed_registrants_seen_in_the_room(bbb_server):
    event = starting_in(-20, room_kind="bbb")
    seen, absent, waiting = MemberFactory(), MemberFactory(), MemberFactory()
    register(event, seen)
    register(event, absent)
    register(event, waiting, RegistrationStatus.WAITLISTED)
    presenter = StaffFactory()
    not_running = starting_in(-10, room_kind="bbb")
    long_ago = starting_in(-200, room_kind="bbb")
    register(long_ago, seen)
    bbb_server.meetings[event.bbb_meeting_id] = event.title
    bbb_server.meetings[long_ago.bbb_meeting_id] = long_ago.title
    bbb_server.attendees[event.bbb_meeting_id] = [
        (str(presenter.pk), "Presenter", "MODERATOR"),
        (str(seen.pk), "Seen", "VIEWER"),
        (str(waiting.pk), "Waiting", "VIEWER"),
        ("html5-guest-1", "Guest", "VIEWER"),
    ]

    assert tasks.poll_attendance.call() == 1
    states = {
        r.member_id: (r.attended_at is not None, r.attendance_source)
        for r in Registration.objects.filter(event=event)
    }
    assert states == {seen.pk: (True, "bbb"), absent.pk: (False, ""), waiting.pk: (False, "")}
    assert not Registration.objects.get(event=long_ago).attended_at  # not polled any more
    polled = {params["meetingID"] for call, _q, params in bbb_server.requests}
    assert polled == {event.bbb_meeting_id, not_running.bbb_meeting_id}

    [notice] = Notification.objects.filter(member=seen, kind="event_attended")
    assert notice.url == event.get_absolute_url()
    assert notice.params == {"title": event.title}
    # Polling again changes nothing and thanks nobody twice.
    assert room.attendance_poll() == 0
    assert Notification.objects.filter(member=seen, kind="event_attended").count() == 1


def test_poll_attendance_survives_a_broken_or_missing_server(bbb_server, settings, caplog):
    event = starting_in(-5, room_kind="bbb")
    register(event)
    bbb_server.meetings[event.bbb_meeting_id] = event.title
    bbb_server.secret = "wrong"
    assert room.attendance_poll() == 0
    assert "checksumError" in caplog.text
    settings.BBB_URL = "http://127.0.0.1:9/bigbluebutton/api/"
    assert room.attendance_poll() == 0
    settings.BBB_SECRET = ""
    assert room.attendance_poll() == 0


def test_poll_attendance_runs_every_minute():
    path, interval = SCHEDULE["events-attendance"]
    assert path == "staffroom.events.tasks.poll_attendance"
    assert interval == timedelta(minutes=1)


def test_staff_and_presenters_mark_attendance_by_hand(client):
    event = starting_in(-30)
    presenter = MemberFactory()
    event.presenters.add(presenter)
    one, two, three = MemberFactory(), MemberFactory(), MemberFactory()
    r1, r2, r3 = register(event, one), register(event, two), register(event, three)
    waiting = register(event, status=RegistrationStatus.WAITLISTED)
    other_event = register(starting_in(-30))

    client.force_login(presenter)
    page = client.get(event.get_absolute_url()).content.decode()
    assert reverse("events:attendance", args=[event.pk]) in page
    page = client.get(reverse("events:attendance", args=[event.pk])).content.decode()
    assert escape(one.display_name) in page
    assert escape(waiting.member.display_name) not in page

    url = reverse("events:attendance", args=[event.pk])
    data = {"attended": [r1.pk, r2.pk, waiting.pk, other_event.pk, "x", "", "-3", "9" * 30]}
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "2 marked, 0 unmarked" in response.content.decode()
    attended = set(Registration.objects.filter(attended_at__isnull=False).values_list("pk"))
    assert attended == {(r1.pk,), (r2.pk,)}
    assert Registration.objects.get(pk=r1.pk).attendance_source == "staff"
    assert Notification.objects.filter(kind="event_attended").count() == 2

    # Unticking two and ticking it again: still one notice each.
    client.post(url, {"attended": [r1.pk]})
    client.post(url, {"attended": [r1.pk, r2.pk, r3.pk]})
    assert Registration.objects.filter(event=event, attended_at__isnull=False).count() == 3
    assert Notification.objects.filter(member=two, kind="event_attended").count() == 1
    assert Notification.objects.filter(kind="event_attended").count() == 3


def test_members_cannot_mark_attendance(client):
    event = starting_in(-30)
    member = MemberFactory()
    registration = register(event, member)
    client.force_login(member)
    url = reverse("events:attendance", args=[event.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"attended": [registration.pk]}).status_code == 403
    assert not Registration.objects.get(pk=registration.pk).attended_at
    assert (
        reverse("events:attendance", args=[event.pk])
        not in client.get(event.get_absolute_url()).content.decode()
    )
