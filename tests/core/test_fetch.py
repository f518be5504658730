"""The SSRF-guarded fetcher: public addresses only, checked once and connected to, redirects
checked again, limited in size, type and time."""

import ipaddress
import socket
import threading
import time

import pytest
from tests.web_server import dripping_server, local_web

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


@pytest.mark.parametrize(
    "address",
    [
        # NAT64, well-known prefix: the IPv4 address in its last 32 bits is the one reached.
        "64:ff9b::a9fe:a9fe",
        "64:ff9b::7f00:1",
        "64:ff9b::a00:1",
        # NAT64, local-use prefix (its layout is the operator's choice): refused whatever it holds.
        "64:ff9b:1::a9fe:a9fe",
        "64:ff9b:1:5db8:d7:e00::",
        # 6to4: a relay forwards to the IPv4 address in bits 16-48.
        "2002:7f00:1::",
        "2002:a9fe:a9fe::1",
        "2002:5db8:d70e::1",
        # IPv4-compatible (deprecated) and IPv4-translated (SIIT) addresses.
        "::7f00:1",
        "::a9fe:a9fe",
        "::5db8:d70e",
        "::ffff:0:7f00:1",
        "::ffff:0:5db8:d70e",
        # Teredo: server and client addresses inside.
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",
        "2001:0:7f00:1:0:0:f5ff:fffe",
    ],
)
def test_ipv6_addresses_that_carry_an_ipv4_address_are_checked_or_refused(address):
    """Python 3.11 calls most of these "global"; what they reach is an IPv4 address inside."""
    assert not fetch.address_allowed(ipaddress.ip_address(address))


def test_public_addresses_are_allowed():
    assert fetch.address_allowed(ipaddress.ip_address("93.184.215.14"))
    assert fetch.address_allowed(ipaddress.ip_address("2606:4700::6810:85e5"))
    # A public IPv4 site reached through NAT64 (DNS64 gives such addresses on IPv6-only hosts).
    assert fetch.address_allowed(ipaddress.ip_address("64:ff9b::5db8:d70e"))


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
    with pytest.raises(FetchError, match="is 5000 bytes, more than 1000"):
        fetch.fetch(big, accept=HTML, max_bytes=1000)
    binary = web.add("/file", b"MZ", Content_Type="application/octet-stream")
    with pytest.raises(FetchError, match="application/octet-stream"):
        fetch.fetch(binary, accept=HTML, max_bytes=1000)
    image = web.add("/pic", b"GIF89a", Content_Type="image/gif")
    assert fetch.fetch(image, accept=("image/",), max_bytes=1000).content_type == "image/gif"
    with pytest.raises(FetchError, match="404"):
        fetch.fetch(web.base + "/missing", accept=HTML, max_bytes=1000)


def test_a_body_without_a_length_is_cut_off_while_reading(web, settings):
    """No Content-Length to refuse by: the size cap holds while reading."""
    settings.FETCH_ALLOW_LOOPBACK = True
    unsized = web.add("/unsized", b"y" * 5000, Content_Type="text/html", length=False)
    with pytest.raises(FetchError, match=r"^more than 1000 bytes$"):
        fetch.fetch(unsized, accept=HTML, max_bytes=1000)
    # Chunked: no length either.
    chunked_body = b"".join(b"%x\r\n%s\r\n" % (500, b"z" * 500) for _ in range(10)) + b"0\r\n\r\n"
    chunked = web.add(
        "/chunked",
        chunked_body,
        Content_Type="text/html",
        Transfer_Encoding="chunked",
        length=False,
    )
    with pytest.raises(FetchError, match=r"^more than 1000 bytes$"):
        fetch.fetch(chunked, accept=HTML, max_bytes=1000)
    # Under the cap, the same answers are read whole.
    assert fetch.fetch(unsized, accept=HTML, max_bytes=5000).body == b"y" * 5000
    assert fetch.fetch(chunked, accept=HTML, max_bytes=5000).body == b"z" * 5000


def test_a_false_length_never_gets_more_than_it_states_read(web, settings):
    """A Content-Length smaller than the body: the reader stops at the stated length, so what
    the server sends beyond it is never read (nor counted against the cap)."""
    settings.FETCH_ALLOW_LOOPBACK = True
    lying = web.add("/lying", b"w" * 5000, Content_Type="text/html", Content_Length="10")
    assert fetch.fetch(lying, accept=HTML, max_bytes=1000).body == b"w" * 10


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


# The status line at once, then a header a byte at a time. Cut off in it, the headers look ended
# to http.client (end of stream), and the answer would be refused for its missing Content-Type:
# the error must say why it really failed.
STATUS = b"HTTP/1.0 200 OK\r\n"
SLOW_HEADERS = b"X-Slow: " + b"a" * 60


def test_headers_sent_a_byte_at_a_time_are_cut_off_at_the_deadline(settings):
    """A slow-loris server: each byte comes well inside the socket timeout, but the whole
    answer would take 13 seconds; the fetch gives up at its one overall deadline."""
    settings.FETCH_ALLOW_LOOPBACK = True
    with dripping_server(SLOW_HEADERS, every=0.2, first=STATUS) as port:
        start = time.monotonic()
        with pytest.raises(FetchError, match="out of time"):
            fetch.fetch(f"http://127.0.0.1:{port}/", accept=HTML, max_bytes=1000, timeout=1.0)
        assert time.monotonic() - start < 3


def test_a_tls_handshake_sent_a_byte_at_a_time_is_cut_off_at_the_deadline(settings):
    # A TLS record header that announces 16 KiB of handshake, then the bytes one by one.
    with dripping_server(b"\x16\x03\x03\x40\x00" + b"\x00" * 60, every=0.2) as port:
        settings.FETCH_ALLOW_LOOPBACK = True
        start = time.monotonic()
        with pytest.raises(FetchError, match="out of time"):
            fetch.fetch(f"https://127.0.0.1:{port}/", accept=HTML, max_bytes=1000, timeout=1.0)
        assert time.monotonic() - start < 3


def test_a_body_sent_slowly_without_a_length_is_not_taken_as_complete_at_the_deadline(settings):
    """Cut off at the deadline, a body with no length looks finished: it must still fail."""
    settings.FETCH_ALLOW_LOOPBACK = True
    head = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n"
    with (
        dripping_server(b"b" * 200, every=0.05, first=head) as port,
        pytest.raises(FetchError, match="out of time"),
    ):
        fetch.fetch(f"http://127.0.0.1:{port}/", accept=HTML, max_bytes=1000, timeout=1.0)


def test_a_name_that_does_not_resolve_in_time(monkeypatch):
    released = threading.Event()

    def resolve(host, port, *args, **kwargs):
        released.wait(10)
        # Loopback, refused here: should the lookup not be cut off, still no connection is made.
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    start = time.monotonic()
    try:
        with pytest.raises(FetchError, match="in time"):
            fetch.fetch("http://slow-dns.example/", accept=HTML, max_bytes=10, timeout=0.5)
        assert time.monotonic() - start < 3
    finally:
        released.set()
