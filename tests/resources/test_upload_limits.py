"""Upload limits stated on the form and checked before the upload: the types and sizes in
words next to the file field, ``accept`` and the limits for the browser's own check, and the
server refusing a too large request by its Content-Length without reading the body."""

import http.client
import json
import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation
from tests.events.factories import EventFactory
from tests.factories import MemberFactory, ResourceFactory, StaffFactory

from staffroom.core.upload_limits import FORM_OVERHEAD_BYTES
from staffroom.resources.forms import ResourceForm, upload_request_limit
from staffroom.resources.models import Status

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


class Untouchable:
    """A request body that must not be read."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readinto = readline = read


def file_input(html: str) -> str:
    return re.search(r"<input type=\"file\"[^>]*>", html).group(0)


def attribute(tag: str, name: str) -> str:
    return unescape(re.search(rf'{name}="([^"]*)"', tag).group(1))


@pytest.fixture
def small_limits(settings):
    settings.MAX_UPLOAD_MB = {"document": 3, "image": 2, "audio": 4, "video": 6}
    # The site-wide ceiling stays far above: what refuses is the form's own limit.
    settings.MAX_REQUEST_BODY_MB = 500
    return settings


@pytest.fixture
def teacher(client):
    member = MemberFactory(language="en")
    client.force_login(member)
    return member


# --- stated next to the field -----------------------------------------------------------------


def test_the_form_states_the_accepted_types_and_each_kinds_limit_from_the_settings(
    client, teacher, small_limits
):
    html = client.get(reverse("resources:contribute")).content.decode()
    help_text = re.search(r'<p class="help" id="id_files_helptext">(.*?)</p>', html).group(1)
    assert "documents (PDF, DOC, DOCX, ODT, PPT, PPTX, ODP, XLS, XLSX, ODS) up to 3 MB" in (
        unescape(help_text)
    )
    assert "images (JPG, PNG, GIF, WEBP) up to 2 MB" in help_text
    assert "audio (MP3, OGG, WAV, FLAC, M4A) up to 4 MB" in help_text
    assert "video (MP4, WEBM, MOV, MKV) up to 6 MB per file" in help_text
    # The input is described by that text.
    assert attribute(file_input(html), "aria-describedby") == "id_files_helptext"


def test_sizes_are_in_the_readers_number_format(settings):
    settings.MAX_UPLOAD_MB = {"document": 50, "image": 20, "audio": 100, "video": 2048}
    with translation.override("nl"):
        form = ResourceForm(member=MemberFactory(), region="fl", advanced=False)
        assert "2.048 MB" in str(form.fields["files"].help_text)
    with translation.override("en"):
        form = ResourceForm(member=MemberFactory(), region="fl", advanced=False)
        assert "2,048 MB" in str(form.fields["files"].help_text)


def test_the_input_accepts_the_accepted_types_only(client, teacher):
    accept = attribute(
        file_input(client.get(reverse("resources:contribute")).content.decode()), "accept"
    )
    accepted = accept.split(",")
    for expected in (".pdf", ".docx", ".odt", ".pptx", ".xlsx", ".jpg", ".jpeg", ".mp3", ".mp4"):
        assert expected in accepted
    assert "application/pdf" in accepted
    assert "video/mp4" in accepted
    assert not {".exe", ".zip", ".html", ".svg"} & set(accepted)


def test_the_browser_check_gets_the_same_limits_and_its_messages(client, teacher, small_limits):
    tag = file_input(client.get(reverse("resources:contribute")).content.decode())
    limits = json.loads(attribute(tag, "data-upload-limits"))
    by_extension = {
        extension: kind["max_bytes"] for kind in limits["kinds"] for extension in kind["extensions"]
    }
    assert by_extension[".pdf"] == 3 * MB
    assert by_extension[".png"] == 2 * MB
    assert by_extension[".mp3"] == 4 * MB
    assert by_extension[".mkv"] == 6 * MB
    assert limits["total_bytes"] == 6 * MB
    assert "{name}" in attribute(tag, "data-message-too-large")
    assert "{limit}" in attribute(tag, "data-message-too-large")
    assert "{name}" in attribute(tag, "data-message-refused-type")


def test_the_events_slides_field_states_and_carries_the_same_limits(client, small_limits):
    """The other form that takes a file: an event's slides, checked as a resource's files."""
    event = EventFactory()
    client.force_login(StaffFactory(language="en"))
    url = reverse("events:materials", args=[event.pk])
    page = client.get(url).content.decode()
    tag = re.search(r'<input type="file" name="slides_file"[^>]*>', page).group(0)
    assert ".pdf" in attribute(tag, "accept").split(",")
    assert "multiple" not in tag
    limits = json.loads(attribute(tag, "data-upload-limits"))
    assert limits["kinds"][0]["max_bytes"] == 3 * MB
    assert "documents (PDF, DOC, DOCX, ODT, PPT, PPTX, ODP, XLS, XLSX, ODS) up to 3 MB" in page
    assert "You may also drag the file onto the field." in page
    assert "staffroom/upload.js" in page
    assert post_announcing(client, url, upload_request_limit() + 1).status_code == 413


# --- refused by Content-Length before the body is read -----------------------------------------


def post_announcing(client, path: str, length: int, **extra):
    return client.generic(
        "POST",
        path,
        b"",
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(length),
        **{"HTTP_ACCEPT_LANGUAGE": "en", "wsgi.input": Untouchable(), **extra},
    )


def test_a_request_above_the_forms_limit_is_refused_without_reading_the_body(
    client, teacher, small_limits
):
    limit = upload_request_limit()
    assert limit == 6 * MB + FORM_OVERHEAD_BYTES
    response = post_announcing(
        client,
        reverse("resources:contribute"),
        limit + 1,
        HTTP_REFERER="http://testserver/resources/contribute/?advanced=1",
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "this form takes at most 7 MB at once" in page
    assert 'href="http://testserver/resources/contribute/?advanced=1"' in page
    assert "Back to the form" in page


@pytest.mark.parametrize("kind", ["draft", "published"])
def test_editing_a_resource_has_the_same_limit(client, teacher, small_limits, kind):
    if kind == "draft":
        resource = ResourceFactory(contributor=teacher, status=Status.DRAFT)
        path = reverse("resources:edit", args=[resource.pk])
    else:
        resource = ResourceFactory(contributor=teacher)
        path = reverse("resources:edit_published", args=[resource.pk])
    response = post_announcing(client, path, upload_request_limit() + 1)
    assert response.status_code == 413


def test_a_refusal_without_a_referer_leads_back_to_the_form_itself(client, small_limits):
    # Refused before the log-in check too: nothing of the body is read for anyone.
    response = post_announcing(client, reverse("resources:contribute"), 100 * MB)
    assert response.status_code == 413
    assert 'href="/resources/contribute/"' in response.content.decode()


def test_another_sites_referer_is_not_offered_as_the_way_back(client, small_limits):
    response = post_announcing(
        client, reverse("resources:contribute"), 100 * MB, HTTP_REFERER="https://evil.example/"
    )
    assert "evil.example" not in response.content.decode()


def test_addresses_without_their_own_limit_go_on_to_the_site_wide_one(client, small_limits):
    small_limits.MAX_REQUEST_BODY_MB = 5
    # 6 MB to an address that declares no limit: only the site-wide 5 MB applies.
    response = post_announcing(client, "/accounts/login/", 6 * MB)
    assert response.status_code == 413
    assert "at most 5 MB" in response.content.decode()


def test_the_site_wide_refusal_states_sizes_in_the_readers_format(client, small_limits):
    # A send just above the limit never reads as equal to it ("7 MB; at most 7 MB").
    small_limits.MAX_REQUEST_BODY_MB = 7
    response = post_announcing(
        client, "/accounts/login/", 7 * MB + 40_000, HTTP_ACCEPT_LANGUAGE="nl-BE"
    )
    assert response.status_code == 413
    assert "7,1 MB" in response.content.decode()
    assert "7 MB" in response.content.decode()


def test_a_request_within_the_limit_reaches_the_form(client, teacher, small_limits):
    response = client.post(reverse("resources:contribute"), {"title": "Klein", "kind": "link"})
    assert response.status_code in (200, 302)


# --- a real server: the 413 comes back without the body being sent -----------------------------


@pytest.mark.django_db(transaction=True)
def test_a_live_server_answers_413_to_the_headers_alone(live_server, settings):
    """Sends only the headers of a 300 MB upload; the answer comes without the body, so a
    member does not wait for their file to travel before hearing it is too large."""
    settings.MAX_UPLOAD_MB = {"document": 3, "image": 2, "audio": 4, "video": 6}
    address = urlsplit(live_server.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=15)
    try:
        connection.putrequest("POST", "/resources/contribute/")
        connection.putheader("Content-Type", "multipart/form-data; boundary=xyz")
        connection.putheader("Content-Length", str(300 * MB))
        connection.putheader("Accept-Language", "en")
        connection.endheaders()  # and not one byte of the body
        response = connection.getresponse()
        body = response.read().decode()
    except TimeoutError:  # the failure this test catches
        pytest.fail("the server waited for the body instead of answering")
    finally:
        # The test server drains what is left of a request once it has answered; closing the
        # connection ends that.
        connection.close()
    assert response.status == 413
    assert "this form takes at most 7 MB at once" in body


@pytest.mark.parametrize("length", ["nonsense", "-5", ""])
def test_a_malformed_content_length_is_no_error(client, teacher, length):
    response = client.generic(
        "POST",
        reverse("resources:contribute"),
        b"",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=length,
    )
    assert response.status_code in (200, 302)
