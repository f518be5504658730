"""Pictures of links and embeds: oEmbed's thumbnail for known hosts, the page's og:image
otherwise, fetched in the background through the SSRF-guarded fetcher from a local server."""

import io
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import transaction
from django.urls import reverse
from PIL import Image
from tests.factories import ResourceFactory, png_bytes
from tests.web_server import local_web

from staffroom.resources import embeds, files, lifecycle
from staffroom.resources.models import Resource, Status
from staffroom.resources.services import resource_fetch_picture

pytestmark = pytest.mark.django_db


@pytest.fixture
def web(settings):
    settings.FETCH_ALLOW_LOOPBACK = True
    settings.LINK_PICTURES = True  # off in the tests' settings
    with local_web() as server:
        yield server


def _jpeg(width: int, height: int) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (width, height), (20, 120, 200)).save(output, format="JPEG")
    return output.getvalue()


def _picture(resource: Resource) -> Image.Image:
    resource.refresh_from_db()
    with resource.picture.open("rb") as stream:
        image = Image.open(io.BytesIO(stream.read()))
        image.load()
    return image


def _page(picture: str) -> bytes:
    return (
        "<!doctype html><html><head><title>Breuken</title>"
        f'<meta property="og:image" content="{picture}"></head><body>…</body></html>'
    ).encode()


def test_a_link_gets_the_og_image_of_its_page(web, client):
    web.add("/pictures/breuken.jpg", _jpeg(1600, 900), Content_Type="image/jpeg")
    url = web.add("/les/breuken", _page("/pictures/breuken.jpg"), Content_Type="text/html")
    resource = ResourceFactory(kind="link", url=url)

    assert resource_fetch_picture(resource=resource) is True

    image = _picture(resource)
    assert image.format == "JPEG"
    # Scaled down in the sandbox like an upload, keeping its shape.
    assert image.width <= files.PREVIEW_SIZE[0] and image.width > image.height
    assert resource.picture_source == url and resource.picture_checked_at is not None
    picture_url = reverse("resources:picture", args=[resource.pk])
    served = client.get(picture_url)
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    card = client.get(reverse("resources:browse")).content.decode()
    assert f'<img class="thumb" src="{picture_url}" alt=""' in card
    page = client.get(resource.get_absolute_url()).content.decode()
    assert f'class="look-inside-picture" src="{picture_url}" alt=""' in page


def test_a_known_video_host_is_asked_by_oembed(web, monkeypatch):
    """The local server stands in for the host: its oEmbed answer names the thumbnail."""
    monkeypatch.setitem(embeds.OEMBED_ENDPOINTS, "127.0.0.1", f"{web.base}/oembed")
    thumbnail = web.add("/vi/abc/hqdefault.jpg", _jpeg(480, 360), Content_Type="image/jpeg")
    web.add(
        "/oembed",
        json.dumps({"type": "video", "version": "1.0", "thumbnail_url": thumbnail}).encode(),
        Content_Type="application/json",
    )
    video = f"{web.base}/watch?v=abc"
    resource = ResourceFactory(kind="embed", url=video)

    assert resource_fetch_picture(resource=resource) is True

    asked = [path for path in web.requested if path.startswith("/oembed")]
    assert len(asked) == 1
    assert parse_qs(urlsplit(asked[0]).query) == {"url": [video], "format": ["json"]}
    assert "/watch?v=abc" not in web.requested  # the page itself is not fetched
    assert _picture(resource).size == (480, 360)


def test_oembed_addresses_of_known_hosts():
    youtube = embeds.oembed_address("https://youtu.be/dQw4w9WgXcQ")
    assert youtube == (
        "https://www.youtube.com/oembed?url=https%3A%2F%2Fyoutu.be%2FdQw4w9WgXcQ&format=json"
    )
    assert embeds.oembed_address("https://vimeo.com/76979871").startswith(
        "https://vimeo.com/api/oembed.json?url="
    )
    assert embeds.oembed_address("https://nl.wikipedia.org/wiki/Breuk") is None


@pytest.mark.parametrize(
    "picture",
    [
        "http://169.254.169.254/latest/meta-data/iam.png",
        "http://10.0.0.5/internal.png",
        "file:///etc/passwd",
    ],
)
def test_a_page_naming_an_internal_picture_gets_none(web, client, picture):
    url = web.add("/les", _page(picture), Content_Type="text/html")
    resource = ResourceFactory(kind="link", url=url)
    assert resource_fetch_picture(resource=resource) is False
    resource.refresh_from_db()
    assert not resource.picture and resource.picture_source == url
    assert client.get(resource.get_absolute_url()).status_code == 200
    assert client.get(reverse("resources:picture", args=[resource.pk])).status_code == 404


@pytest.mark.parametrize(
    ("path", "body", "content_type"),
    [
        ("/plain", b"<html><head><title>No picture</title></head></html>", "text/html"),
        ("/fake", _page("/not-an-image.png"), "text/html"),
        ("/gone", _page("/missing.png"), "text/html"),
        ("/pdf", b"%PDF-1.4", "application/pdf"),
    ],
)
def test_pages_without_a_usable_picture_keep_the_type_icon(web, client, path, body, content_type):
    web.add("/not-an-image.png", b"<html>not a picture</html>", Content_Type="image/png")
    url = web.add(path, body, Content_Type=content_type)
    resource = ResourceFactory(kind="link", url=url)
    assert resource_fetch_picture(resource=resource) is False
    card = client.get(reverse("resources:browse")).content.decode()
    assert '<span class="type-icon"><svg' in card


def test_the_local_server_is_not_fetched_without_the_setting(web, settings):
    settings.FETCH_ALLOW_LOOPBACK = False
    url = web.add("/les", _page("/p.png"), Content_Type="text/html")
    resource = ResourceFactory(kind="link", url=url)
    assert resource_fetch_picture(resource=resource) is False
    assert web.requested == []


def test_publishing_a_link_fetches_its_picture_in_the_background(
    web, settings, django_capture_on_commit_callbacks
):
    settings.LINK_PICTURES = True
    web.add("/p.png", png_bytes(), Content_Type="image/png")
    url = web.add("/les", _page("/p.png"), Content_Type="text/html")
    resource = ResourceFactory(kind="link", url=url, status=Status.PENDING, published_at=None)

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        lifecycle.resource_publish(Resource.objects.select_for_update().get(pk=resource.pk))

    resource.refresh_from_db()
    assert resource.picture and resource.picture_source == url
    # Another change of the resource does not fetch the same address again.
    web.requested.clear()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        lifecycle.resource_changed_on_commit(resource)
    assert web.requested == []


def test_no_picture_is_fetched_when_switched_off(web, settings, django_capture_on_commit_callbacks):
    settings.LINK_PICTURES = False
    url = web.add("/les", _page("/p.png"), Content_Type="text/html")
    resource = ResourceFactory(kind="link", url=url, status=Status.PENDING, published_at=None)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        lifecycle.resource_publish(Resource.objects.select_for_update().get(pk=resource.pk))
    assert web.requested == []


def test_the_og_image_parser_finds_the_best_picture():
    from staffroom.resources.link_pictures import page_picture_address

    html = (
        '<meta name="twitter:image" content="/t.png">'
        '<meta property="og:image" content="img/og.png">'
        '<meta property="og:image:secure_url" content="https://cdn.example/og.png">'
    )
    assert page_picture_address(html, "https://a.example/x/") == "https://cdn.example/og.png"
    assert page_picture_address('<link rel="image_src" href="/i.png">', "https://a.example/x") == (
        "https://a.example/i.png"
    )
    assert page_picture_address("<p>nothing <meta content=", "https://a.example/") is None


def test_a_page_in_an_unknown_charset_is_read_as_utf8(web):
    """A server naming a charset Python does not know ("utf8mb4") must not fail the task."""
    web.add("/pictures/breuken.jpg", _jpeg(800, 600), Content_Type="image/jpeg")
    url = web.add(
        "/les/breuken",
        _page("/pictures/breuken.jpg"),
        Content_Type="text/html; charset=utf8mb4",
    )
    resource = ResourceFactory(kind="link", url=url)
    assert resource_fetch_picture(resource=resource) is True
    assert _picture(resource).format == "JPEG"


def test_switched_off_nothing_fetches_a_picture(web, settings):
    """LINK_PICTURES=False holds for the task and ``staffroom previews rebuild`` too, not only
    for publication."""
    from staffroom.resources import tasks
    from staffroom.resources.services import previews_rebuild

    settings.LINK_PICTURES = False
    web.add("/p.jpg", _jpeg(400, 300), Content_Type="image/jpeg")
    url = web.add("/les", _page("/p.jpg"), Content_Type="text/html")
    resource = ResourceFactory(kind="link", url=url)
    assert resource_fetch_picture(resource=resource) is False
    assert tasks.fetch_resource_picture.call(resource.pk) is False
    list(previews_rebuild(files=False))
    assert web.requested == []
    resource.refresh_from_db()
    assert not resource.picture
