"""Fetching a web address that a member gave us, without letting it reach our own network.

Any address a member types (a link resource, an og:image a page names, a redirect) may point
at the machine itself or the network behind it: 127.0.0.1, 10.0.0.0/8, the cloud metadata
service at 169.254.169.254. So every request here:

- resolves the host name once, refuses it unless *every* address it resolves to is public
  (not private, loopback, link-local, multicast, shared or reserved), and connects to the
  address it checked, so a second DNS answer cannot swap in another (DNS rebinding); TLS is
  still verified against the host name;
- follows redirects itself, checking each new address the same way, at most a few times;
- gives up after a total time, refuses a body over a size limit (by Content-Length and while
  reading) and a content type it was not asked for.

Loopback is allowed only when the ``FETCH_ALLOW_LOOPBACK`` setting says so: tests serve pages
from a local server in a thread. Private networks are refused even then.
"""

import http.client
import ipaddress
import socket
import ssl
import time
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


def address_allowed(address: IPAddress, *, allow_loopback: bool = False) -> bool:
    """Whether a connection to ``address`` may be made for a member's address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback:
        return allow_loopback
    # is_global is False for private, link-local, shared (100.64/10), reserved, documentation
    # and unspecified ranges; multicast can be "global" and is refused on its own.
    return address.is_global and not address.is_multicast


def resolve_public(host: str, port: int, *, allow_loopback: bool = False) -> str:
    """The address to connect to for ``host``; refuses when any of its addresses is not public
    (a host that resolves to one public and one private address is a rebinding trick)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
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


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to an address checked beforehand, whatever DNS says now."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self.checked_address = address

    def connect(self) -> None:
        self.sock = _connect(self.checked_address, self.port, self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, *, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.checked_address = address

    def connect(self) -> None:
        sock = _connect(self.checked_address, self.port, self.timeout)
        # The certificate is checked against the name in the address, not the IP.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


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
            body = _read(response, max_bytes, deadline)
            return Fetched(url=url, content_type=content_type, body=body, charset=charset)
        finally:
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


def _open(url: str, accept: tuple[str, ...], deadline: float, allow_loopback: bool):
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
    address = resolve_public(host, port, allow_loopback=allow_loopback)
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(host, port, address=address, timeout=remaining)
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
        return connection.getresponse(), connection
    except (OSError, http.client.HTTPException, ValueError) as error:
        connection.close()
        raise FetchError(f"{url}: {error}") from error


def _read(response: http.client.HTTPResponse, max_bytes: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    try:
        # read1 returns after one receive, so a server sending a byte at a time meets the
        # deadline instead of the socket's timeout per receive.
        while chunk := response.read1(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"more than {max_bytes} bytes")
            if time.monotonic() > deadline:
                raise FetchError("out of time")
            chunks.append(chunk)
    except (OSError, http.client.HTTPException) as error:
        raise FetchError(str(error)) from error
    return b"".join(chunks)
