"""The smaller findings of issue 14, point 6: what a response must not give away and the headers
every page carries.

Found by the review: the titles of unpublished resources leaked through the redirect of rate,
save to folder and reply; sign-up answered a registered address in 94 ms and a new one in
1,537 ms; no Content-Security-Policy or Permissions-Policy, Swagger UI from a public CDN;
private pages without ``Cache-Control: private, no-store``; uploads refused only after the
whole body arrived and temp files left by killed uploads; no security.txt.
"""

import contextlib
import io
import os
import re
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.handlers.wsgi import WSGIRequest
from django.test import Client
from django.urls import reverse

from staffroom.core.uploads import STALE_AFTER_SECONDS, stale_upload_files_remove
from staffroom.resources.models import Folder, Rating, Reply
from staffroom.site.schedule import SCHEDULE
from staffroom.site.security_txt import security_txt_body
from tests.factories import DraftFactory, MemberFactory, ResourceFactory

pytestmark = pytest.mark.django_db

# --- Invisible resources ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("resources:rate", {"stars": "5"}),
        ("resources:reply", {"body": "Mooi werkblad"}),
        ("resources:save", {"folder": "new", "new_name": "Verzameld"}),
        ("resources:withdraw", {}),
    ],
)
def test_every_post_on_someone_elses_draft_is_404_and_names_nothing(client, name, data):
    draft = DraftFactory(title="Geheim ontwerp over vulkanen")
    client.force_login(MemberFactory())
    response = client.post(reverse(name, args=[draft.pk]), data)
    assert response.status_code == 404
    assert "vulkanen" not in response.content.decode()
    assert "vulkanen" not in response.get("Location", "")
    assert not Rating.objects.exists()
    assert not Reply.objects.exists()
    assert not Folder.objects.exists()


def test_posts_on_a_published_resource_still_work(client):
    resource = ResourceFactory()
    client.force_login(MemberFactory())
    response = client.post(reverse("resources:rate", args=[resource.pk]), {"stars": "4"})
    assert response.status_code == 302
    assert Rating.objects.get().stars == 4


# --- Sign-up answers in the same time ----------------------------------------------------------


class CountingHasher(MD5PasswordHasher):
    """Counts the passwords hashed: the costly step, with Argon2, of a sign-up."""

    algorithm = "counting_md5"
    hashed: list[str] = []

    def encode(self, password, salt):
        CountingHasher.hashed.append(password)
        return super().encode(password, salt)


def _sign_up(client, email):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "name": "Nieuwe Collega",
            "region": "fl",
            "language": "en",
            "password1": "een lange zin als wachtwoord 42",
            "password2": "een lange zin als wachtwoord 42",
        },
    )


def test_a_sign_up_with_a_registered_address_costs_the_same_hash_as_a_new_one(client, settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    MemberFactory(email="bestaat@example.org")
    CountingHasher.hashed.clear()
    new = _sign_up(client, "nieuw@example.org")
    hashed_for_new = len(CountingHasher.hashed)
    CountingHasher.hashed.clear()
    registered = _sign_up(Client(), "bestaat@example.org")
    hashed_for_registered = len(CountingHasher.hashed)
    assert hashed_for_new >= 1
    assert hashed_for_registered == hashed_for_new
    # And the same answer: on to "check your mail".
    assert new.status_code == registered.status_code == 302
    assert new["Location"] == registered["Location"]


# --- Headers on every page ---------------------------------------------------------------------


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


@pytest.mark.parametrize("path", ["/", "/resources/", "/search/?q=breuken", "/api/v1/docs"])
def test_every_page_has_a_csp_with_scripts_from_the_site_only_and_a_permissions_policy(
    client, path
):
    response = client.get(path)
    assert response.status_code == 200
    policy = _directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_the_embed_players_are_allowed_as_frames(client):
    from staffroom.resources.embeds import embed_src

    frames = _directives(client.get("/")["Content-Security-Policy"])["frame-src"]
    for url in (
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://vimeo.com/76979871",
        "https://learningapps.org/1234567",
        "https://h5p.org/node/1234",
    ):
        player = embed_src(url)
        assert player, url
        origin = re.match(r"https://[^/]+", player).group(0)
        assert origin in frames, player


TEMPLATE_DIRS = [Path(django_settings.BASE_DIR) / "templates"] + [
    path for path in Path(django_settings.BASE_DIR).glob("*/templates")
]


def test_no_template_has_an_inline_script_or_event_handler():
    """script-src 'self' blocks them silently: every script is a static file."""
    offenders = []
    for folder in TEMPLATE_DIRS:
        for template in folder.rglob("*.html"):
            text = template.read_text()
            for tag in re.findall(r"<script\b[^>]*>", text, flags=re.I):
                if "src=" not in tag:
                    offenders.append(f"{template}: {tag}")
            for handler in re.findall(r"<[^>]+\son[a-z]+\s*=", text, flags=re.I):
                offenders.append(f"{template}: {handler[:60]}")
    assert not offenders


def test_swagger_ui_comes_from_the_sites_own_static_files(client):
    page = client.get("/api/v1/docs").content.decode()
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert any("swagger-ui-bundle.js" in source for source in sources)
    assert all(source.startswith("/static/") for source in sources), sources
    assert "cdn" not in page.lower()
    assert client.get(next(s for s in sources if "bundle" in s)).status_code == 200


def test_signed_in_pages_are_private_and_not_stored(client):
    anonymous = client.get("/resources/")
    assert "no-store" not in anonymous.get("Cache-Control", "")
    client.force_login(MemberFactory())
    for path in ("/", "/resources/", "/resources/mine/", "/notifications/"):
        response = client.get(path)
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives, path


# --- Request bodies ---------------------------------------------------------------------------


class Untouchable(io.RawIOBase):
    """A request body that must not be read."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readinto = readline = read


def test_an_oversized_upload_is_refused_by_its_content_length_before_reading(client, settings):
    settings.MAX_REQUEST_BODY_MB = 5
    client.force_login(MemberFactory())
    response = client.generic(
        "POST",
        reverse("resources:contribute"),
        b"",
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(6 * 1024 * 1024),
        HTTP_ACCEPT_LANGUAGE="en",
        **{"wsgi.input": Untouchable()},
    )
    assert response.status_code == 413
    assert "at most 5 MB" in response.content.decode()
    # Hop-by-hop headers are the WSGI server's; setting one makes wsgiref answer 500.
    assert not response.has_header("Connection")
    api = client.generic(
        "POST",
        "/api/v1/resources/",
        b"",
        content_type="application/json",
        CONTENT_LENGTH=str(6 * 1024 * 1024),
        **{"wsgi.input": Untouchable()},
    )
    assert api.status_code == 413
    assert "at most 5 MB" in api.json()["detail"]


def test_a_body_within_the_limit_goes_on(client, settings):
    settings.MAX_REQUEST_BODY_MB = 5
    client.force_login(MemberFactory())
    response = client.post(reverse("resources:contribute"), {"title": "Klein", "kind": "link"})
    assert response.status_code != 413


def test_the_clock_removes_upload_temp_files_a_killed_process_left(tmp_path, settings):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    stale = tmp_path / "tmpabc.upload.pdf"
    stale.write_bytes(b"%PDF half")
    old = time.time() - STALE_AFTER_SECONDS - 60
    os.utime(stale, (old, old))
    fresh = tmp_path / "tmpdef.upload.pdf"
    fresh.write_bytes(b"%PDF arriving")
    assert stale_upload_files_remove() == 1
    assert not stale.exists()
    assert fresh.exists()
    task_path, _interval = SCHEDULE["upload-temp-files"]
    assert task_path == "staffroom.core.uploads.remove_stale_upload_files"


def test_a_large_upload_leaves_no_temp_file_when_the_request_ends(client, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # so that this upload goes to a temp file
    client.force_login(MemberFactory())
    upload = io.BytesIO(b"%PDF-1.4 " + b"x" * 50_000)
    upload.name = "groot.pdf"
    client.post(
        reverse("resources:contribute"), {"title": "Groot", "kind": "file", "files": upload}
    )
    assert list(tmp_path.iterdir()) == []


def test_a_truncated_upload_leaves_no_temp_file(settings, tmp_path, rf):
    """A client that stops mid-upload: the parser fails, and the partial file goes with it."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    boundary = "xyz"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
        f'filename="groot.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
    ).encode()
    partial = head + b"x" * 50_000  # no closing boundary: the connection was cut
    request = WSGIRequest(
        {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/resources/contribute/",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(partial),
            "CONTENT_TYPE": f"multipart/form-data; boundary={boundary}",
            "CONTENT_LENGTH": str(len(partial) + 100_000),
        }
    )
    # The parser's complaint about the cut body is the point, not what it raises.
    with contextlib.suppress(Exception):
        request.FILES  # noqa: B018  (parses the body)
    request.close()
    assert list(tmp_path.iterdir()) == []


# --- security.txt ------------------------------------------------------------------------------


def test_security_txt_names_a_contact_and_an_expiry(client, settings):
    settings.SECURITY_CONTACT = ["mailto:security@staffroom.example"]
    settings.SECURITY_TXT_EXPIRES = "2027-06-30"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "Contact: mailto:security@staffroom.example\n" in body
    assert "Expires: 2027-06-30T00:00:00Z\n" in body
    assert "Preferred-Languages: nl, en\n" in body
    assert f"Canonical: {settings.SITE_URL}/.well-known/security.txt\n" in body


def test_without_a_date_security_txt_expires_a_set_number_of_days_ahead(settings):
    settings.SECURITY_TXT_EXPIRES = ""
    settings.SECURITY_TXT_DAYS = 180
    body = security_txt_body(now=datetime(2026, 1, 1, tzinfo=UTC))
    assert "Expires: 2026-06-30T00:00:00Z" in body
