"""Fetching a web address that a member gave us, without letting it reach our own network.

Any address a member types (a link resource, an og:image a page names, a redirect) may point
at the machine itself or the network behind it: 127.0.0.1, 10.0.0.0/8, the cloud metadata
service at 169.254.169.254. So every request here:

- resolves the host name once, refuses it unless *every* address it resolves to is public
  (not private, loopback, link-local, multicast, shared or reserved), and connects to the
  address it checked, so a second DNS answer cannot swap in another (DNS rebinding); TLS is
  still verified against the host name;
- checks the IPv4 address inside an IPv6 one that carries it: IPv4-mapped and NAT64
  (64:ff9b::/96) addresses are judged by the IPv4 address they reach; the transition ranges
  whose IPv4 part a relay or the stack itself may reach (6to4, Teredo, IPv4-compatible, SIIT,
  local-use NAT64 64:ff9b:1::/48) are refused outright: they are deprecated or local, and a
  site that still publishes one in its DNS is refused (ISATAP's interface identifiers are not
  looked at: they reach their IPv4 part only through an ISATAP interface of our own);
- follows redirects itself, checking each new address the same way, at most a few times;
- gives up at one deadline for the whole fetch, redirects included: the name lookup runs in
  a thread that is waited for until then, and a watchdog shuts the socket down when the time
  is up, so a server that sends its TLS handshake, headers or body a byte at a time cannot
  hold the worker past it (a socket timeout alone restarts with every byte received);
- refuses a body over a size limit (by Content-Length and while reading, for an answer with
  no length or a chunked one) and a content type it was not asked for; of an answer whose
  Content-Length is smaller than its body, only the stated length is read.

Limits: a name lookup that is given up on keeps its thread until the system resolver returns
(its own timeout, resolv.conf); the thread is a daemon and holds nothing else. The watchdog is
one timer thread per request, ended when the request is.

Loopback is allowed only when the ``FETCH_ALLOW_LOOPBACK`` setting says so: tests serve pages
from a local server in a thread. Private networks are refused even then.
"""

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

REDIRECTS = (301, 302, 303, 307, 308)
USER_AGENT = "Staffroom link preview (+https://github.com/staffroom)"
CHUNK = 64 * 1024


class FetchError(Exception):
    """The address could not be fetched (network, status, size, type, time)."""


class FetchRefused(FetchError):
    """The address may not be fetched at all: not http(s), or not a public address."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str  # without parameters, lower case
    body: bytes
    charset: str = ""


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# NAT64's well-known prefix (RFC 6052): the IPv4 address in the last 32 bits is what a NAT64
# gateway connects to; DNS64 hands these out for IPv4-only sites on IPv6-only networks.
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
# IPv6 ranges that carry an IPv4 address which a relay, a tunnel or the stack may reach, and
# which Python 3.11 calls "global": refused whatever they carry (they are deprecated or local,
# and a lenient check of each layout is more to get wrong than the nothing it would allow).
EMBEDDING_IPV4 = (
    ipaddress.IPv6Network("::/96"),  # IPv4-compatible (RFC 4291, deprecated); ::1 is loopback
    ipaddress.IPv6Network("::ffff:0:0:0/96"),  # IPv4-translated (SIIT, RFC 2765)
    ipaddress.IPv6Network("64:ff9b:1::/48"),  # NAT64 local use (RFC 8215), layout local
    ipaddress.IPv6Network("2001::/32"),  # Teredo (RFC 4380): server and client inside
    ipaddress.IPv6Network("2002::/16"),  # 6to4 (RFC 3056, deprecated by RFC 7526)
)


def address_allowed(address: IPAddress, *, allow_loopback: bool = False) -> bool:
    """Whether a connection to ``address`` may be made for a member's address."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        elif address in NAT64:
            address = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.is_loopback:
        return allow_loopback
    if isinstance(address, ipaddress.IPv6Address) and any(
        address in network for network in EMBEDDING_IPV4
    ):
        return False
    # is_global is False for private, link-local, shared (100.64/10), reserved, documentation
    # and unspecified ranges; multicast can be "global" and is refused on its own.
    return address.is_global and not address.is_multicast


def _lookup(host: str, port: int, timeout: float):
    """socket.getaddrinfo, given up on after ``timeout`` seconds: it has no timeout of its own.
    The lookup runs in a daemon thread that is left to finish on its own when given up on."""
    answer: Future = Future()

    def run() -> None:
        try:
            answer.set_result(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except BaseException as error:  # handed to the caller, who judges it
            answer.set_exception(error)

    threading.Thread(target=run, name="fetch-lookup", daemon=True).start()
    try:
        return answer.result(timeout=max(timeout, 0))
    except TimeoutError as error:
        raise FetchError(f"cannot resolve {host!r} in time") from error


def resolve_public(
    host: str, port: int, *, allow_loopback: bool = False, timeout: float = 10.0
) -> str:
    """The address to connect to for ``host``; refuses when any of its addresses is not public
    (a host that resolves to one public and one private address is a rebinding trick)."""
    try:
        infos = _lookup(host, port, timeout)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"cannot resolve {host!r}: {error}") from error
    # The scope of a link-local IPv6 address ("fe80::1%eth0") is no part of the address.
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    if not addresses:
        raise FetchError(f"no address for {host!r}")
    for address in addresses:
        if not address_allowed(address, allow_loopback=allow_loopback):
            raise FetchRefused(f"{host!r} resolves to a non-public address ({address})")
    return str(addresses[0])


def _connect(address: str, port: int, timeout: float | None) -> socket.socket:
    """A TCP connection to exactly ``address`` (no name lookup of any kind on the way)."""
    ip = ipaddress.ip_address(address)
    family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect((address, port))
    except BaseException:
        sock.close()
        raise
    return sock


class _Watchdog:
    """Shuts a connection's socket down at the deadline, whatever it is doing then.

    A socket timeout bounds one receive, and restarts with every byte that arrives; this
    bounds them all. Shutting the socket down (from the timer's thread) makes the receive
    under way return end-of-file, which http.client and ssl turn into an error; ``expired``
    tells that error from a real end. A lock keeps the shutdown from racing ``stop``, after
    which the socket may be closed and its descriptor number reused.
    """

    def __init__(self, deadline: float) -> None:
        self.expired = False
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._stopped = False
        self._timer = threading.Timer(max(deadline - time.monotonic(), 0), self._expire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sock = sock
            if self.expired:
                self._shut(sock)

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            self._sock = None
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            if self._stopped:
                return
            self.expired = True
            if self._sock is not None:
                self._shut(self._sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        # The plain socket's shutdown, for a TLS socket too: SSLSocket.shutdown would drop its
        # TLS state under the thread that is using it. OSError: closed, nothing to cut off.
        with contextlib.suppress(OSError):
            socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to an address checked beforehand, whatever DNS says now."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float, watchdog: _Watchdog):
        super().__init__(host, port, timeout=timeout)
        self.checked_address = address
        self.watchdog = watchdog

    def connect(self) -> None:
        # The connect itself is one wait, bounded by the socket timeout (the time left).
        self.sock = _connect(self.checked_address, self.port, self.timeout)
        self.watchdog.watch(self.sock)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, *, address: str, timeout: float, watchdog: _Watchdog):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.checked_address = address
        self.watchdog = watchdog

    def connect(self) -> None:
        sock = _connect(self.checked_address, self.port, self.timeout)
        self.watchdog.watch(sock)
        # The certificate is checked against the name in the address, not the IP. The
        # handshake waits until the TLS socket is watched: wrapping detaches the plain one.
        tls = self._context.wrap_socket(  # type: ignore[attr-defined]
            sock, server_hostname=self.host, do_handshake_on_connect=False
        )
        self.watchdog.watch(tls)
        self.sock = tls
        tls.do_handshake()


def _type_accepted(content_type: str, accept: tuple[str, ...]) -> bool:
    return any(
        content_type == wanted or (wanted.endswith("/") and content_type.startswith(wanted))
        for wanted in accept
    )


def fetch(
    url: str,
    *,
    accept: tuple[str, ...],
    max_bytes: int,
    timeout: float = 10.0,
    max_redirects: int = 3,
    allow_loopback: bool | None = None,
) -> Fetched:
    """GET ``url`` through the guard above and return its body.

    ``accept`` lists content types ("text/html") or families ("image/"); anything else is
    refused. Raises FetchRefused for an address that may not be fetched and FetchError for
    every other failure; never anything else for what the remote side sends.
    """
    if allow_loopback is None:
        allow_loopback = settings.FETCH_ALLOW_LOOPBACK
    deadline = time.monotonic() + timeout
    for _hop in range(max_redirects + 1):
        response, connection = _open(url, accept, deadline, allow_loopback)
        watchdog = connection.watchdog
        try:
            if response.status in REDIRECTS:
                location = response.getheader("Location")
                if not location:
                    raise FetchError(f"redirect without a location from {url}")
                url = urljoin(url, location)
                continue
            if response.status != 200:
                raise FetchError(f"{url} answered {response.status}")
            content_type, charset = _content_type(response.getheader("Content-Type", ""))
            if not _type_accepted(content_type, accept):
                raise FetchError(f"{url} is {content_type or 'of no type'}, not {accept}")
            length = response.getheader("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"{url} is {length} bytes, more than {max_bytes}")
            body = _read(response, max_bytes, deadline, watchdog)
            return Fetched(url=url, content_type=content_type, body=body, charset=charset)
        finally:
            # The watchdog first: once stopped it cannot touch the socket being closed.
            watchdog.stop()
            response.close()
            connection.close()
    raise FetchError(f"more than {max_redirects} redirects")


def _content_type(header: str) -> tuple[str, str]:
    main, _sep, parameters = header.partition(";")
    charset = ""
    for parameter in parameters.split(";"):
        name, _eq, value = parameter.strip().partition("=")
        if name.lower() == "charset":
            charset = value.strip().strip('"')
    return main.strip().lower(), charset


def _open(
    url: str, accept: tuple[str, ...], deadline: float, allow_loopback: bool
) -> tuple[http.client.HTTPResponse, "_PinnedHTTPConnection | _PinnedHTTPSConnection"]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise FetchRefused(f"not a valid address: {url!r}") from error
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchRefused(f"only http and https addresses are fetched: {url!r}")
    host = parts.hostname
    port = port or (443 if parts.scheme == "https" else 80)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError("out of time")
    address = resolve_public(host, port, allow_loopback=allow_loopback, timeout=remaining)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError("out of time")
    watchdog = _Watchdog(deadline)
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(host, port, address=address, timeout=remaining, watchdog=watchdog)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        connection.request(
            "GET",
            path,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": ", ".join(f"{kind}*" if kind.endswith("/") else kind for kind in accept),
                "Accept-Encoding": "identity",
            },
        )
        response = connection.getresponse()
    except (OSError, http.client.HTTPException, ValueError) as error:
        watchdog.stop()
        connection.close()
        if watchdog.expired or isinstance(error, TimeoutError):
            raise FetchError(f"{url}: out of time") from error
        raise FetchError(f"{url}: {error}") from error
    if watchdog.expired:
        # Cut off in the middle of the headers, http.client takes the end of the stream for
        # their end: what it parsed is not the answer.
        watchdog.stop()
        response.close()
        connection.close()
        raise FetchError(f"{url}: out of time")
    return response, connection


def _read(
    response: http.client.HTTPResponse, max_bytes: int, deadline: float, watchdog: _Watchdog
) -> bytes:
    chunks: list[bytes] = []
    size = 0
    try:
        while chunk := response.read1(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"more than {max_bytes} bytes")
            if time.monotonic() > deadline:
                raise FetchError("out of time")
            chunks.append(chunk)
    except (OSError, http.client.HTTPException) as error:
        if watchdog.expired or isinstance(error, TimeoutError):
            raise FetchError("out of time") from error
        raise FetchError(str(error)) from error
    # Cut off by the watchdog, a body without a length ends as if it were complete.
    if watchdog.expired:
        raise FetchError("out of time")
    return b"".join(chunks)
