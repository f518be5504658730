"""The BigBlueButton client against a local server that answers as the API documentation says.

The fake server checks every request's checksum the way BigBlueButton does: it takes the raw
query string, removes ``&checksum=...``, prepends the call name, appends the shared secret and
compares digests (the algorithm follows from the checksum's length). Its answers are the XML
documents of the API reference.
"""

import contextlib
import hashlib
import html
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from staffroom.events import bbb

SECRET = "639259d4-9dd8-4b25-bf01-95f9567eaf4b"
API_PATH = "/bigbluebutton/api/"
DIGEST_BY_LENGTH = {40: "sha1", 64: "sha256", 96: "sha384", 128: "sha512"}

FAILED = """<response>
  <returncode>FAILED</returncode>
  <messageKey>{key}</messageKey>
  <message>{message}</message>
</response>"""

CREATED = """<response>
  <returncode>SUCCESS</returncode>
  <meetingID>{meeting_id}</meetingID>
  <internalMeetingID>640ab2bae07bedc4c163f679a746f7ab7fb5d1fa-1531155809613</internalMeetingID>
  <parentMeetingID>bbb-none</parentMeetingID>
  <attendeePW>ap</attendeePW>
  <moderatorPW>mp</moderatorPW>
  <createTime>1531155809613</createTime>
  <voiceBridge>70757</voiceBridge>
  <dialNumber>613-555-1234</dialNumber>
  <createDate>Mon Jul 09 17:03:29 UTC 2018</createDate>
  <hasUserJoined>false</hasUserJoined>
  <duration>0</duration>
  <hasBeenForciblyEnded>false</hasBeenForciblyEnded>
  {duplicate}
</response>"""

DUPLICATE = """<messageKey>duplicateWarning</messageKey>
  <message>This conference was already in existence and may currently be in progress.</message>"""

ATTENDEE = """<attendee>
      <userID>{user_id}</userID>
      <fullName>{full_name}</fullName>
      <role>{role}</role>
      <isPresenter>{presenter}</isPresenter>
      <isListeningOnly>false</isListeningOnly>
      <hasJoinedVoice>true</hasJoinedVoice>
      <hasVideo>false</hasVideo>
      <clientType>HTML5</clientType>
      <customdata></customdata>
    </attendee>"""

MEETING_INFO = """<response>
  <returncode>SUCCESS</returncode>
  <meetingName>{name}</meetingName>
  <meetingID>{meeting_id}</meetingID>
  <internalMeetingID>a0715c95000a2bcb90604ecc7097dbc94592c690-1715261728123</internalMeetingID>
  <createTime>1715261728123</createTime>
  <createDate>Thu May 09 13:35:28 UTC 2024</createDate>
  <voiceBridge>66052</voiceBridge>
  <dialNumber>613-555-1234</dialNumber>
  <attendeePW>1umEM3ic</attendeePW>
  <moderatorPW>V91JirCa</moderatorPW>
  <running>true</running>
  <duration>0</duration>
  <hasUserJoined>true</hasUserJoined>
  <recording>true</recording>
  <hasBeenForciblyEnded>false</hasBeenForciblyEnded>
  <startTime>1715261728142</startTime>
  <endTime>0</endTime>
  <participantCount>{count}</participantCount>
  <listenerCount>0</listenerCount>
  <voiceParticipantCount>{count}</voiceParticipantCount>
  <videoCount>0</videoCount>
  <maxUsers>0</maxUsers>
  <moderatorCount>{moderators}</moderatorCount>
  <attendees>
    {attendees}
  </attendees>
  <metadata>
    <bbb-origin>staffroom</bbb-origin>
  </metadata>
  <isBreakout>false</isBreakout>
</response>"""

RUNNING = """<response>
  <returncode>SUCCESS</returncode>
  <running>{running}</running>
</response>"""

ENDED = """<response>
  <returncode>SUCCESS</returncode>
  <messageKey>sentEndMeetingRequest</messageKey>
  <message>A request to end the meeting was sent.</message>
</response>"""


def sha1_hex(text):
    """SHA-1 by hand, as the documentation's worked example computes it."""
    return hashlib.sha1(text.encode()).hexdigest()  # noqa: S324


def server_checksum_ok(call, raw_query, secret):
    """BigBlueButton's check: recompute from the query string without the checksum parameter."""
    received = urllib.parse.parse_qs(raw_query).get("checksum", [""])[0]
    algorithm = DIGEST_BY_LENGTH.get(len(received))
    if algorithm is None:
        return False
    query = raw_query.replace(f"&checksum={received}", "").replace(f"checksum={received}", "")
    expected = hashlib.new(algorithm, f"{call}{query}{secret}".encode()).hexdigest()
    return expected == received


class FakeBigBlueButton(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.secret = SECRET
        self.requests = []  # (call, raw query, parsed params)
        self.meetings = {}  # meeting id -> name
        self.attendees = {}  # meeting id -> [(user id, full name, role)]
        self.release = threading.Event()

    @property
    def api_url(self):
        return f"http://127.0.0.1:{self.server_address[1]}{API_PATH}"


class Handler(BaseHTTPRequestHandler):
    server: FakeBigBlueButton

    def log_message(self, *args):
        pass

    def answer(self, xml, status=200):
        body = xml.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/xml;charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # The client may have given up waiting (the timeout test): nothing left to answer.
        with contextlib.suppress(BrokenPipeError):
            self.wfile.write(body)

    def answer_html(self, page):
        body = page.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html;charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        parts = urllib.parse.urlsplit(self.path)
        call = parts.path.removeprefix(API_PATH)
        params = {key: values[0] for key, values in urllib.parse.parse_qs(parts.query).items()}
        self.server.requests.append((call, parts.query, params))
        if not parts.path.startswith(API_PATH):
            return self.answer("not found", status=404)
        if not server_checksum_ok(call, parts.query, self.server.secret):
            return self.answer(FAILED.format(key="checksumError", message="Checksums do not match"))
        meeting_id = params.get("meetingID", "")
        if meeting_id == "slow":
            self.server.release.wait(5)
            return self.answer(RUNNING.format(running="false"))
        if meeting_id == "broken":
            return self.answer("<html>Bad gateway</html>", status=502)
        if call == "create":
            duplicate = DUPLICATE if meeting_id in self.server.meetings else ""
            self.server.meetings[meeting_id] = params["name"]
            return self.answer(CREATED.format(meeting_id=meeting_id, duplicate=duplicate))
        if call == "isMeetingRunning":
            running = "true" if meeting_id in self.server.meetings else "false"
            return self.answer(RUNNING.format(running=running))
        if meeting_id not in self.server.meetings:
            return self.answer(
                FAILED.format(key="notFound", message="We could not find a meeting with that ID")
            )
        if call == "join":
            # A real server sends the browser on to its client; this one shows a page and
            # lists the person as in the room, as getMeetingInfo would after they came in.
            person = (params.get("userID", ""), params["fullName"], params.get("role", "VIEWER"))
            self.server.attendees.setdefault(meeting_id, []).append(person)
            return self.answer_html(
                f"<!doctype html><title>Room</title><h1>In the room {meeting_id}</h1>"
                f"<p id='who'>{html.escape(person[1])} ({person[2]})</p>"
            )
        if call == "getMeetingInfo":
            people = self.server.attendees.get(meeting_id, [])
            attendees = "\n    ".join(
                ATTENDEE.format(
                    user_id=user_id,
                    full_name=full_name,
                    role=role,
                    presenter="true" if role == "MODERATOR" else "false",
                )
                for user_id, full_name, role in people
            )
            return self.answer(
                MEETING_INFO.format(
                    name=self.server.meetings[meeting_id],
                    meeting_id=meeting_id,
                    count=len(people),
                    moderators=sum(role == "MODERATOR" for _, _, role in people),
                    attendees=attendees,
                )
            )
        if call == "end":
            del self.server.meetings[meeting_id]
            return self.answer(ENDED)
        return self.answer(FAILED.format(key="unsupportedRequest", message="Unknown call"))


@pytest.fixture
def server(bbb_server):
    """The fake server (tests/conftest.py), configured as the site's BigBlueButton."""
    return bbb_server


def test_checksum_matches_the_documented_example(settings):
    settings.BBB_SECRET = SECRET
    settings.BBB_CHECKSUM_ALGORITHM = "sha1"
    query = "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444"
    # The API documentation's worked example, and the same digest computed by hand.
    assert bbb.checksum("create", query) == "1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17"
    assert bbb.checksum("create", query) == sha1_hex(f"create{query}{SECRET}")


def test_checksum_follows_the_configured_algorithm(settings):
    settings.BBB_SECRET = "s3cret"
    settings.BBB_CHECKSUM_ALGORITHM = "sha256"
    assert bbb.checksum("isMeetingRunning", "meetingID=x") == (
        hashlib.sha256(b"isMeetingRunningmeetingID=xs3cret").hexdigest()
    )
    settings.BBB_CHECKSUM_ALGORITHM = "md5"
    with pytest.raises(bbb.BigBlueButtonError) as raised:
        bbb.checksum("isMeetingRunning", "meetingID=x")
    assert raised.value.message_key == "notConfigured"


def test_build_url_encodes_utf8_and_signs_last(settings):
    settings.BBB_URL = "https://bbb.example.org/bigbluebutton/api"  # no trailing slash
    settings.BBB_SECRET = SECRET
    settings.BBB_CHECKSUM_ALGORITHM = "sha1"
    url = bbb.build_url(
        "create", {"name": "Lezen in de klas: één uur", "meetingID": "event-7", "record": False}
    )
    query = "name=Lezen+in+de+klas%3A+%C3%A9%C3%A9n+uur&meetingID=event-7&record=false"
    expected = sha1_hex(f"create{query}{SECRET}")
    assert url == (f"https://bbb.example.org/bigbluebutton/api/create?{query}&checksum={expected}")


def test_build_url_without_parameters_and_unconfigured(settings):
    settings.BBB_URL = "https://bbb.example.org/bigbluebutton/api/"
    settings.BBB_SECRET = SECRET
    settings.BBB_CHECKSUM_ALGORITHM = "sha1"
    expected = sha1_hex(f"getMeetings{SECRET}")
    assert bbb.build_url("getMeetings", {}) == (
        f"https://bbb.example.org/bigbluebutton/api/getMeetings?checksum={expected}"
    )
    settings.BBB_SECRET = ""
    assert not bbb.is_configured()
    with pytest.raises(bbb.BigBlueButtonError) as raised:
        bbb.build_url("getMeetings", {})
    assert raised.value.message_key == "notConfigured"


def test_join_url_carries_role_user_id_and_a_valid_checksum(server):
    url = bbb.join_url("event-7", "Émile Van den Bossche", 42, moderator=False)
    parts = urllib.parse.urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == server.api_url + "join"
    assert parts.query.startswith(
        "fullName=%C3%89mile+Van+den+Bossche&meetingID=event-7&role=VIEWER&userID=42&checksum="
    )
    assert server_checksum_ok("join", parts.query, SECRET)
    assert not server.requests  # building the link calls nothing

    moderator = urllib.parse.parse_qs(
        urllib.parse.urlsplit(
            bbb.join_url("event-7", "An", 1, moderator=True, create_time="1531155809613")
        ).query
    )
    assert moderator["role"] == ["MODERATOR"]
    assert moderator["createTime"] == ["1531155809613"]
    assert "password" not in moderator


def test_create_meeting_sends_documented_parameters(server):
    meeting = bbb.create_meeting(
        "event-7",
        "Afstandsonderwijs: één jaar later",
        record=True,
        welcome="Welkom!",
        logout_url="https://staffroom.example/events/7/",
        duration=90,
        extra={"meta_bbb-origin": "staffroom"},
    )
    assert meeting == bbb.Meeting(
        meeting_id="event-7",
        internal_meeting_id="640ab2bae07bedc4c163f679a746f7ab7fb5d1fa-1531155809613",
        create_time="1531155809613",
        message_key="",
    )
    [(call, raw_query, params)] = server.requests
    assert call == "create"
    assert server_checksum_ok(call, raw_query, SECRET)
    assert {key: value for key, value in params.items() if key != "checksum"} == {
        "name": "Afstandsonderwijs: één jaar later",
        "meetingID": "event-7",
        "record": "true",
        "welcome": "Welkom!",
        "logoutURL": "https://staffroom.example/events/7/",
        "duration": "90",
        "meta_bbb-origin": "staffroom",
    }
    assert "name=Afstandsonderwijs%3A+%C3%A9%C3%A9n+jaar+later&" in raw_query
    assert "maxParticipants" not in params  # None is left out

    again = bbb.create_meeting("event-7", "x" * 100)
    assert again.message_key == "duplicateWarning"
    assert server.requests[-1][2]["name"] == "x" * bbb.MAX_NAME_LENGTH


def test_meeting_info_lists_attendees_for_attendance(server):
    bbb.create_meeting("event-7", "Webinar")
    server.attendees["event-7"] = [
        ("3", "Ann Peeters", "MODERATOR"),
        ("42", "Émile Van den Bossche", "VIEWER"),
    ]
    info = bbb.meeting_info("event-7")
    assert info.meeting_id == "event-7"
    assert info.name == "Webinar"
    assert info.running is True
    assert info.create_time == "1715261728123"
    assert (info.participant_count, info.moderator_count) == (2, 1)
    assert info.attendees == (
        bbb.Attendee(user_id="3", full_name="Ann Peeters", role="MODERATOR"),
        bbb.Attendee(user_id="42", full_name="Émile Van den Bossche", role="VIEWER"),
    )
    assert info.attendees[0].is_moderator and not info.attendees[1].is_moderator
    assert server.requests[-1][:2] == (
        "getMeetingInfo",
        "meetingID=event-7&checksum=" + sha1_hex(f"getMeetingInfomeetingID=event-7{SECRET}"),
    )


def test_meeting_info_without_attendees(server):
    bbb.create_meeting("event-8", "Empty")
    info = bbb.meeting_info("event-8")
    assert info.attendees == ()
    assert info.participant_count == 0


def test_unknown_meeting_is_a_not_found_error(server):
    with pytest.raises(bbb.BigBlueButtonError) as raised:
        bbb.meeting_info("never-created")
    assert raised.value.message_key == "notFound"
    assert "could not find" in raised.value.message


def test_is_running_and_end(server):
    assert bbb.is_running("event-7") is False
    bbb.create_meeting("event-7", "Webinar")
    assert bbb.is_running("event-7") is True
    bbb.end_meeting("event-7")
    call, raw_query, params = server.requests[-1]
    assert (call, params["meetingID"]) == ("end", "event-7")
    assert "password" not in params
    assert server_checksum_ok(call, raw_query, SECRET)
    assert bbb.is_running("event-7") is False


@pytest.mark.parametrize("algorithm", ["sha256", "sha512"])
def test_server_accepts_other_configured_algorithms(server, settings, algorithm):
    settings.BBB_CHECKSUM_ALGORITHM = algorithm
    assert bbb.is_running("event-7") is False
    received = server.requests[-1][2]["checksum"]
    assert len(received) == hashlib.new(algorithm).digest_size * 2


def test_wrong_secret_is_a_checksum_error(server, settings):
    settings.BBB_SECRET = "not-the-server-secret"
    with pytest.raises(bbb.BigBlueButtonError) as raised:
        bbb.is_running("event-7")
    assert raised.value.message_key == "checksumError"
    assert raised.value.message == "Checksums do not match"


def test_tampered_join_link_fails_the_server_check(server):
    url = bbb.join_url("event-7", "Ann", 3, moderator=False)
    tampered = url.replace("role=VIEWER", "role=MODERATOR")
    assert not server_checksum_ok("join", urllib.parse.urlsplit(tampered).query, SECRET)


def test_timeout_is_an_error_quickly(server, settings):
    settings.BBB_TIMEOUT = 0.3
    started = time.monotonic()
    with pytest.raises(bbb.BigBlueButtonError) as raised:
        bbb.is_running("slow")
    assert raised.value.message_key == "timeout"
    assert time.monotonic() - started < 3


def test_http_error_and_non_xml_answers(server):
    with pytest.raises(bbb.BigBlueButtonError) as raised:
        bbb.is_running("broken")
    assert raised.value.message_key == "httpError"
    with pytest.raises(bbb.BigBlueButtonError) as raised:
        bbb.parse_response(b"<html>oops")
    assert raised.value.message_key == "invalidResponse"
    with pytest.raises(bbb.BigBlueButtonError) as raised:
        bbb.parse_response(b"<html></html>")
    assert raised.value.message_key == "invalidResponse"


def test_unreachable_server_is_a_network_error(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.BBB_URL = f"http://127.0.0.1:{port}/bigbluebutton/api/"
    settings.BBB_SECRET = SECRET
    settings.BBB_TIMEOUT = 1
    with pytest.raises(bbb.BigBlueButtonError) as raised:
        bbb.is_running("event-7")
    assert raised.value.message_key == "networkError"
