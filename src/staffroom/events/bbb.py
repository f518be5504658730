"""A small client for the BigBlueButton API: create, join, getMeetingInfo, isMeetingRunning, end.

Every call is signed as the BigBlueButton API documentation ("API Security Model") describes:
the checksum is the hex digest of ``call name + query string + shared secret``, appended as the
last parameter. SHA-1 by default; ``BBB_CHECKSUM_ALGORITHM`` picks sha256, sha384 or sha512
where the server is configured for them. Answers are XML documents
``<response><returncode>SUCCESS|FAILED</returncode><messageKey/><message/>...</response>``.

Users join by role (``role=MODERATOR`` or ``VIEWER``, BigBlueButton 2.4 and later), so the
meeting passwords are never needed. ``join_url`` only builds the signed address the browser is
sent to; the other calls are made from the server, with a short timeout, and raise
``BigBlueButtonError`` on a FAILED answer, an HTTP error, a timeout or an unreadable answer.
"""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings

ALGORITHMS = ("sha1", "sha256", "sha384", "sha512")
DEFAULT_TIMEOUT = 5.0
# BigBlueButton 2.4 and later refuse meeting names outside 2 to 64 characters.
MAX_NAME_LENGTH = 64

Params = Mapping[str, str | int | bool | None]


class BigBlueButtonError(Exception):
    """A call failed: ``message_key`` is BigBlueButton's messageKey (e.g. ``checksumError``,
    ``notFound``), or ``networkError``, ``timeout``, ``httpError``, ``invalidResponse``,
    ``notConfigured`` for failures on this side."""

    def __init__(self, message_key: str, message: str = ""):
        self.message_key = message_key
        self.message = message
        super().__init__(f"{message_key}: {message}" if message else message_key)


@dataclass(frozen=True)
class Attendee:
    user_id: str  # the userID given to join (our user's id); BigBlueButton's own id otherwise
    full_name: str
    role: str  # MODERATOR or VIEWER

    @property
    def is_moderator(self) -> bool:
        return self.role.upper() == "MODERATOR"


@dataclass(frozen=True)
class Meeting:
    """What ``create`` answers. ``message_key`` is ``duplicateWarning`` when it already existed."""

    meeting_id: str
    internal_meeting_id: str
    create_time: str
    message_key: str = ""


@dataclass(frozen=True)
class MeetingInfo:
    meeting_id: str
    name: str
    running: bool
    create_time: str
    participant_count: int
    moderator_count: int
    attendees: tuple[Attendee, ...]


def is_configured() -> bool:
    return bool(getattr(settings, "BBB_URL", "") and getattr(settings, "BBB_SECRET", ""))


def _algorithm() -> str:
    algorithm = (getattr(settings, "BBB_CHECKSUM_ALGORITHM", "") or "sha1").lower()
    if algorithm not in ALGORITHMS:
        raise BigBlueButtonError("notConfigured", f"unsupported checksum algorithm {algorithm!r}")
    return algorithm


def checksum(call: str, query: str, secret: str | None = None, algorithm: str | None = None) -> str:
    """The hex digest of call name + query string (without checksum) + shared secret."""
    secret = settings.BBB_SECRET if secret is None else secret
    algorithm = algorithm or _algorithm()
    return hashlib.new(algorithm, f"{call}{query}{secret}".encode()).hexdigest()


def _value(value: str | int | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"  # the API's booleans are lowercase literals
    return str(value)


def query_string(params: Params) -> str:
    """URL-encoded UTF-8, spaces as ``+``, parameters in the given order, ``None`` left out."""
    return urllib.parse.urlencode(
        [(key, _value(value)) for key, value in params.items() if value is not None]
    )


def build_url(call: str, params: Params) -> str:
    """The signed address of an API call; the checksum is the last parameter."""
    if not is_configured():
        raise BigBlueButtonError("notConfigured", "BBB_URL and BBB_SECRET are not set")
    base = settings.BBB_URL if settings.BBB_URL.endswith("/") else settings.BBB_URL + "/"
    query = query_string(params)
    signature = f"checksum={checksum(call, query)}"
    return f"{base}{call}?{query}&{signature}" if query else f"{base}{call}?{signature}"


def _text(element: ET.Element, tag: str, default: str = "") -> str:
    found = element.find(tag)
    return (found.text or "").strip() if found is not None else default


def _int(element: ET.Element, tag: str) -> int:
    try:
        return int(_text(element, tag, "0") or 0)
    except ValueError:
        return 0


def parse_response(body: bytes) -> ET.Element:
    """The ``<response>`` element of a SUCCESS answer; BigBlueButtonError otherwise."""
    try:
        # The answer comes from the configured server, and expat refuses entity expansion
        # attacks since 2.4.1; no DTDs or external entities are resolved by ElementTree.
        root = ET.fromstring(body)  # noqa: S314
    except ET.ParseError as error:
        raise BigBlueButtonError("invalidResponse", f"not XML: {error}") from error
    if root.tag != "response":
        raise BigBlueButtonError("invalidResponse", f"unexpected root element <{root.tag}>")
    returncode = _text(root, "returncode").upper()
    if returncode != "SUCCESS":
        raise BigBlueButtonError(
            _text(root, "messageKey") or "failed", _text(root, "message") or returncode
        )
    return root


def _timeout() -> float:
    return float(getattr(settings, "BBB_TIMEOUT", DEFAULT_TIMEOUT) or DEFAULT_TIMEOUT)


def call(name: str, params: Params) -> ET.Element:
    """Make an API call from the server and return the ``<response>`` of a SUCCESS answer."""
    url = build_url(name, params)
    request = urllib.request.Request(url, headers={"Accept": "application/xml"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=_timeout()) as response:  # noqa: S310
            body = response.read()
    except urllib.error.HTTPError as error:
        raise BigBlueButtonError("httpError", f"HTTP {error.code} from {name}") from error
    except TimeoutError as error:
        raise BigBlueButtonError("timeout", f"{name} took longer than {_timeout()} s") from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise BigBlueButtonError(
                "timeout", f"{name} took longer than {_timeout()} s"
            ) from error
        raise BigBlueButtonError("networkError", f"{name}: {error.reason}") from error
    except OSError as error:
        raise BigBlueButtonError("networkError", f"{name}: {error}") from error
    return parse_response(body)


def create_meeting(
    meeting_id: str,
    name: str,
    *,
    record: bool = False,
    welcome: str | None = None,
    logout_url: str | None = None,
    duration: int | None = None,
    max_participants: int | None = None,
    extra: Params | None = None,
) -> Meeting:
    """Create the meeting (idempotent: a second create answers SUCCESS with duplicateWarning).

    ``duration`` is in minutes (0: no limit); ``extra`` passes further documented parameters,
    e.g. ``{"meta_endCallbackUrl": ...}`` or ``{"endWhenNoModerator": True}``.
    """
    params: dict[str, str | int | bool | None] = {
        "name": name[:MAX_NAME_LENGTH],
        "meetingID": meeting_id,
        "record": record,
        "welcome": welcome,
        "logoutURL": logout_url,
        "duration": duration,
        "maxParticipants": max_participants,
    }
    params.update(extra or {})
    root = call("create", params)
    return Meeting(
        meeting_id=_text(root, "meetingID", meeting_id),
        internal_meeting_id=_text(root, "internalMeetingID"),
        create_time=_text(root, "createTime"),
        message_key=_text(root, "messageKey"),
    )


def join_url(
    meeting_id: str,
    full_name: str,
    user_id: str | int,
    moderator: bool,
    *,
    create_time: str | None = None,
) -> str:
    """The signed join address to send the browser to (no HTTP call is made here).

    ``user_id`` comes back in getMeetingInfo, which is how attendance is matched to members;
    ``create_time`` (from ``create_meeting``) makes the link useless for a later meeting with the
    same meeting ID.
    """
    return build_url(
        "join",
        {
            "fullName": full_name,
            "meetingID": meeting_id,
            "role": "MODERATOR" if moderator else "VIEWER",
            "userID": str(user_id),
            "createTime": create_time,
        },
    )


def meeting_info(meeting_id: str) -> MeetingInfo:
    """The meeting and who is in it now; BigBlueButtonError("notFound") when it is not running."""
    root = call("getMeetingInfo", {"meetingID": meeting_id})
    attendees = tuple(
        Attendee(
            user_id=_text(element, "userID"),
            full_name=_text(element, "fullName"),
            role=_text(element, "role").upper(),
        )
        for element in root.iterfind("attendees/attendee")
    )
    return MeetingInfo(
        meeting_id=_text(root, "meetingID", meeting_id),
        name=_text(root, "meetingName"),
        running=_text(root, "running").lower() == "true",
        create_time=_text(root, "createTime"),
        participant_count=_int(root, "participantCount"),
        moderator_count=_int(root, "moderatorCount"),
        attendees=attendees,
    )


def is_running(meeting_id: str) -> bool:
    root = call("isMeetingRunning", {"meetingID": meeting_id})
    return _text(root, "running").lower() == "true"


def end_meeting(meeting_id: str) -> None:
    """Ask the server to end the meeting (the password parameter is no longer required)."""
    call("end", {"meetingID": meeting_id})
