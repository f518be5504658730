"""The SSRF-guarded fetcher: public addresses only, checked once and connected to, redirects
checked again, limited in size, type and time."""

import ipaddress
import socket

import pytest
from tests.web_server import local_web

from staffroom.core import fetch
from staffroom.core.fetch import FetchError, FetchRefused

HTML = ("text/html",)


@pytest.fixture
def web():
    with local_web() as server:
        yield server


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",  # noqa: S104 (an address to refuse, not to bind)
        "224.0.0.1",
        "240.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:10.0.0.1",
        "::ffff:127.0.0.1",
    ],
)
def test_non_public_addresses_are_not_allowed(address):
    assert not fetch.address_allowed(ipaddress.ip_address(address))


def test_public_addresses_are_allowed():
    assert fetch.address_allowed(ipaddress.ip_address("93.184.215.14"))
    assert fetch.address_allowed(ipaddress.ip_address("2606:4700::6810:85e5"))


def test_loopback_only_through_the_setting_and_never_private_ranges():
    assert fetch.address_allowed(ipaddress.ip_address("127.0.0.1"), allow_loopback=True)
    assert not fetch.address_allowed(ipaddress.ip_address("10.0.0.1"), allow_loopback=True)
    assert not fetch.address_allowed(ipaddress.ip_address("169.254.1.1"), allow_loopback=True)


def test_the_local_server_is_refused_by_default(web):
    url = web.add("/page", b"<html></html>", Content_Type="text/html")
    with pytest.raises(FetchRefused):
        fetch.fetch(url, accept=HTML, max_bytes=1000)
    with pytest.raises(FetchRefused):
        fetch.fetch(f"http://localhost:{web.port}/page", accept=HTML, max_bytes=1000)
    with pytest.raises(FetchRefused):
        fetch.fetch(f"http://[::1]:{web.port}/page", accept=HTML, max_bytes=1000)
    assert web.requested == []


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.8/",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/",
        "ftp://example.org/file",
        "file:///etc/passwd",
        "http:///no-host",
        "http://example.org:99999/",
    ],
)
def test_addresses_that_are_refused_before_any_connection(url, settings, monkeypatch):
    settings.FETCH_ALLOW_LOOPBACK = True

    def no_connection(*args, **kwargs):
        raise AssertionError("no connection may be attempted")

    monkeypatch.setattr(fetch, "_connect", no_connection)
    with pytest.raises(FetchRefused):
        fetch.fetch(url, accept=HTML, max_bytes=1000)


def test_a_page_is_fetched_when_loopback_is_allowed(web, settings):
    settings.FETCH_ALLOW_LOOPBACK = True
    url = web.add("/page", b"<html>hi</html>", Content_Type="text/html; charset=utf-8")
    fetched = fetch.fetch(url, accept=HTML, max_bytes=1000)
    assert fetched.body == b"<html>hi</html>"
    assert fetched.content_type == "text/html"
    assert fetched.charset == "utf-8"


@pytest.mark.parametrize(
    "target",
    ["http://10.0.0.1/admin", "http://169.254.169.254/latest/meta-data/", "gopher://x/"],
)
def test_each_redirect_is_checked_again(web, settings, target):
    settings.FETCH_ALLOW_LOOPBACK = True
    url = web.add("/jump", status=302, Location=target)
    with pytest.raises(FetchRefused):
        fetch.fetch(url, accept=HTML, max_bytes=1000)


def test_a_redirect_to_loopback_is_refused_by_default(web, settings, monkeypatch):
    """A public page that redirects to the machine itself: the redirect is refused."""
    settings.FETCH_ALLOW_LOOPBACK = False
    web.add("/jump", status=302, Location=f"http://127.0.0.1:{web.port}/secret")
    web.add("/secret", b"secret", Content_Type="text/html")
    real = socket.getaddrinfo

    def resolve(host, port, *args, **kwargs):
        if host == "public.example":
            # The name resolves to a public address, but the connection lands on the server
            # (the test cannot run a server on a public address).
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port))]
        return real(host, port, *args, **kwargs)

    real_connect = fetch._connect

    def connect(address, port, timeout):
        return real_connect("127.0.0.1" if address == "93.184.215.14" else address, port, timeout)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    monkeypatch.setattr(fetch, "_connect", connect)
    with pytest.raises(FetchRefused):
        fetch.fetch(f"http://public.example:{web.port}/jump", accept=HTML, max_bytes=1000)
    assert web.requested == ["/jump"]


def test_redirects_are_followed_within_the_limit(web, settings):
    settings.FETCH_ALLOW_LOOPBACK = True
    web.add("/a", status=301, Location="/b")
    web.add("/b", status=302, Location="/c")
    web.add("/c", b"done", Content_Type="text/html")
    assert fetch.fetch(web.base + "/a", accept=HTML, max_bytes=100).url == web.base + "/c"
    web.add("/loop", status=302, Location="/loop")
    with pytest.raises(FetchError, match="redirects"):
        fetch.fetch(web.base + "/loop", accept=HTML, max_bytes=100)


def test_the_checked_address_is_the_one_connected_to(web, settings, monkeypatch):
    """DNS rebinding: a second answer (here a private address) is never asked for or used."""
    settings.FETCH_ALLOW_LOOPBACK = True
    web.add("/page", b"ok", Content_Type="text/html")
    answers = iter(["127.0.0.1", "10.0.0.1", "10.0.0.1"])

    def resolve(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    fetched = fetch.fetch(f"http://rebind.example:{web.port}/page", accept=HTML, max_bytes=100)
    assert fetched.body == b"ok"


def test_a_name_with_one_private_address_among_public_ones_is_refused(monkeypatch):
    def resolve(host, port, *args, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.1", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with pytest.raises(FetchRefused):
        fetch.resolve_public("mixed.example", 80)


def test_size_type_and_status_limits(web, settings):
    settings.FETCH_ALLOW_LOOPBACK = True
    big = web.add("/big", b"x" * 5000, Content_Type="text/html")
    with pytest.raises(FetchError, match="bytes"):
        fetch.fetch(big, accept=HTML, max_bytes=1000)
    # A server that states no length (or a false one) is cut off while reading.
    web.routes["/big"].headers["Content-Length"] = "10"
    web.routes["/big"].headers["Connection"] = "close"
    chunked = web.add("/unsized", b"y" * 5000, Content_Type="text/html", Connection="close")
    web.routes["/unsized"].headers["Content-Length"] = "5000"
    with pytest.raises(FetchError):
        fetch.fetch(chunked, accept=HTML, max_bytes=1000)
    binary = web.add("/file", b"MZ", Content_Type="application/octet-stream")
    with pytest.raises(FetchError, match="application/octet-stream"):
        fetch.fetch(binary, accept=HTML, max_bytes=1000)
    image = web.add("/pic", b"GIF89a", Content_Type="image/gif")
    assert fetch.fetch(image, accept=("image/",), max_bytes=1000).content_type == "image/gif"
    with pytest.raises(FetchError, match="404"):
        fetch.fetch(web.base + "/missing", accept=HTML, max_bytes=1000)


def test_an_unresolvable_name_is_a_fetch_error(monkeypatch):
    def resolve(host, port, *args, **kwargs):
        raise socket.gaierror("no such name")

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with pytest.raises(FetchError):
        fetch.fetch("http://nowhere.invalid/", accept=HTML, max_bytes=10)


def test_a_server_that_does_not_answer_in_time(settings):
    settings.FETCH_ALLOW_LOOPBACK = True
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    try:
        port = listener.getsockname()[1]
        with pytest.raises(FetchError):
            fetch.fetch(f"http://127.0.0.1:{port}/", accept=HTML, max_bytes=10, timeout=0.5)
    finally:
        listener.close()
