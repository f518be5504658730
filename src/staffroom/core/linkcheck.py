"""Checking that a web address still works, politely and without reaching our own network.

One check asks HEAD (nothing to download) and falls back to GET where a server refuses HEAD
(405, 403, 501, another error) or breaks off oddly: many sites only ever tested GET. Redirects
are followed by hand, each hop recorded, at most ``MAX_REDIRECTS``. The outcome is:

- ``ok``: the address answers 2xx, directly or through temporary redirects (302, 303, 307:
  a login page or a language switch is no reason to change the link);
- ``moved``: the address answers with a permanent redirect (301, 308) to another address
  that works; ``moved_to`` names the new address (the end of the leading permanent hops);
- ``dead``: 404, 410, any other 4xx or 5xx (after the GET retry), a name that does not
  resolve, a refused connection, a TLS error, no answer in time, too many redirects, or an
  address that may not be fetched at all; ``error`` says which.

Every connection goes through the guard of ``core.fetch``: the name is resolved once, refused
unless every address is public, and the checked address is connected to (loopback only when
``FETCH_ALLOW_LOOPBACK`` says so, in tests). A run asks each host at most once per
``LINKCHECK_HOST_INTERVAL`` seconds (``HostPacer``).

Higher apps have their links checked by registering a source: ``register_link_source(name,
links, record)`` where ``links()`` yields ``(key, url)`` pairs in the order they are due and
``record(key, outcome)`` stores what was found. ``check_registered_links`` takes turns between
the sources up to a limit.
"""

import http.client
import ssl
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from . import fetch

OK = "ok"
MOVED = "moved"
DEAD = "dead"

MAX_REDIRECTS = 5
PERMANENT_REDIRECTS = (301, 308)
# Answers to HEAD that say nothing about GET: refused outright, or an error of a server that
# only ever served GET. 404 and 410 are believed (a server that has the page says so).
BELIEVED_ERRORS = (404, 410)
USER_AGENT = "Staffroom link check (+https://github.com/staffroom)"


@dataclass(frozen=True)
class LinkOutcome:
    """What one check found. ``redirects`` lists the hops as ``{"url", "status",
    "location"}``; ``final_url`` is where they ended (the address itself without any)."""

    state: str
    final_url: str
    status_code: int | None = None
    redirects: list[dict[str, Any]] = field(default_factory=list)
    error: str = ""

    @property
    def checked_url(self) -> str:
        return checked_url(self.redirects, self.final_url)

    @property
    def moved_to(self) -> str:
        return moved_to(self.redirects)


def checked_url(redirects: list[dict[str, Any]], final_url: str) -> str:
    """The address a check started from."""
    return str(redirects[0]["url"]) if redirects else final_url


def moved_to(redirects: list[dict[str, Any]]) -> str:
    """The address a link moved to for good: where its leading permanent redirects lead ("" if
    its first answer was not a permanent redirect). A temporary hop after them is the new
    address's own business."""
    new = ""
    for hop in redirects:
        if hop.get("status") not in PERMANENT_REDIRECTS:
            break
        new = str(hop.get("location", ""))
    return new


class HostPacer:
    """At most one request per host per ``interval`` seconds: waits as long as needed."""

    def __init__(
        self,
        interval: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = interval
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}

    def wait(self, host: str) -> None:
        if self.interval > 0 and host in self._last:
            wait = self._last[host] + self.interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last[host] = self._clock()


class _Failed(Exception):
    """A request that got no HTTP answer; ``odd`` when asking again with GET may help."""

    def __init__(self, reason: str, *, odd: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.odd = odd


def _request(url: str, method: str, timeout: float, allow_loopback: bool) -> tuple[int, str]:
    """Ask ``url`` once (no redirects followed); its status and Location header."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise _Failed("not a valid web address") from error
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _Failed("not an http or https address")
    host = parts.hostname
    port = port or (443 if parts.scheme == "https" else 80)
    deadline = time.monotonic() + timeout
    try:
        address = fetch.resolve_public(host, port, allow_loopback=allow_loopback, timeout=timeout)
    except fetch.FetchRefused as error:
        raise _Failed(f"refused: {error}") from error
    except fetch.FetchError as error:
        raise _Failed(f"the name does not resolve: {error}") from error
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _Failed("no answer in time")
    watchdog = fetch._Watchdog(deadline)
    pinned = (
        fetch._PinnedHTTPSConnection if parts.scheme == "https" else fetch._PinnedHTTPConnection
    )
    connection = pinned(host, port, address=address, timeout=remaining, watchdog=watchdog)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(
            method, path, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
        )
        # Only the status line and headers are read: the body is not needed.
        response = connection.getresponse()
        if watchdog.expired:
            raise TimeoutError
        return response.status, response.getheader("Location") or ""
    except ConnectionRefusedError as error:
        raise _Failed("the connection was refused") from error
    except ssl.SSLError as error:  # a certificate error is one too
        raise _Failed(f"TLS error: {error.reason or error}") from error
    except TimeoutError as error:
        raise _Failed("no answer in time") from error
    except (OSError, http.client.HTTPException, ValueError) as error:
        if watchdog.expired:
            raise _Failed("no answer in time") from error
        raise _Failed(
            f"the connection broke off: {error or type(error).__name__}", odd=True
        ) from error
    finally:
        watchdog.stop()
        connection.close()


def _ask(url: str, pacer: HostPacer, timeout: float, allow_loopback: bool) -> tuple[int, str]:
    """HEAD, and GET where the answer to HEAD does not tell whether the page works."""
    host = urlsplit(url).hostname or ""
    pacer.wait(host)
    try:
        status, location = _request(url, "HEAD", timeout, allow_loopback)
        if status < 400 or status in BELIEVED_ERRORS:
            return status, location
    except _Failed as failure:
        if not failure.odd:
            raise
    pacer.wait(host)
    return _request(url, "GET", timeout, allow_loopback)


def check_url(
    url: str,
    *,
    pacer: HostPacer | None = None,
    timeout: float | None = None,
    allow_loopback: bool | None = None,
) -> LinkOutcome:
    """Check ``url`` (see the module's description); never raises for what the other side
    does."""
    if pacer is None:
        pacer = HostPacer(settings.LINKCHECK_HOST_INTERVAL)
    if timeout is None:
        timeout = settings.LINKCHECK_TIMEOUT
    if allow_loopback is None:
        allow_loopback = settings.FETCH_ALLOW_LOOPBACK
    hops: list[dict[str, Any]] = []
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        try:
            status, location = _ask(current, pacer, timeout, allow_loopback)
        except _Failed as failure:
            return LinkOutcome(DEAD, final_url=current, redirects=hops, error=failure.reason)
        if status in fetch.REDIRECTS:
            if not location:
                return LinkOutcome(
                    DEAD,
                    final_url=current,
                    status_code=status,
                    redirects=hops,
                    error="a redirect without an address",
                )
            following = urljoin(current, location)
            hops.append({"url": current, "status": status, "location": following})
            current = following
            continue
        if 200 <= status < 300:
            new = moved_to(hops)
            state = MOVED if new and new != url else OK
            return LinkOutcome(state, final_url=current, status_code=status, redirects=hops)
        return LinkOutcome(
            DEAD,
            final_url=current,
            status_code=status,
            redirects=hops,
            error=f"answered {status} {http.client.responses.get(status, '')}".strip(),
        )
    return LinkOutcome(
        DEAD, final_url=current, redirects=hops, error=f"more than {MAX_REDIRECTS} redirects"
    )


# --- Sources of links to check, registered by the apps that hold them ---

# Whatever identifies a link to its source (a resource's id, a theme item's id, ...).
LinkKey = Any


@dataclass(frozen=True)
class LinkSource:
    name: str
    # (key, url) pairs, the most overdue first; read only as far as a run needs.
    links: Callable[[], Iterable[tuple[LinkKey, str]]]
    record: Callable[[LinkKey, LinkOutcome], None]


_SOURCES: dict[str, LinkSource] = {}


def register_link_source(
    name: str,
    links: Callable[[], Iterable[tuple[LinkKey, str]]],
    record: Callable[[LinkKey, LinkOutcome], None],
) -> None:
    """Have the links of an app checked: ``links()`` yields ``(key, url)`` in the order they
    are due, ``record(key, outcome)`` stores each outcome (in its own transaction)."""
    _SOURCES[name] = LinkSource(name=name, links=links, record=record)


def link_sources() -> list[LinkSource]:
    return list(_SOURCES.values())


def _taking_turns(sources: list[LinkSource]) -> Iterator[tuple[LinkSource, LinkKey, str]]:
    """One link of each source in turn, so that no source waits behind another's backlog."""
    running = [(source, iter(source.links())) for source in sources]
    while running:
        for entry in list(running):
            source, links = entry
            try:
                key, url = next(links)
            except StopIteration:
                running.remove(entry)
                continue
            yield source, key, url


def check_registered_links(
    *, limit: int, sources: list[LinkSource] | None = None, pacer: HostPacer | None = None
) -> Counter[str]:
    """Check up to ``limit`` links of the registered sources and record each outcome;
    returns how many ended in each state."""
    if pacer is None:
        pacer = HostPacer(settings.LINKCHECK_HOST_INTERVAL)
    counts: Counter[str] = Counter()
    if limit <= 0:
        return counts
    for source, key, url in _taking_turns(link_sources() if sources is None else sources):
        outcome = check_url(url, pacer=pacer)
        source.record(key, outcome)
        counts[outcome.state] += 1
        if sum(counts.values()) >= limit:
            break
    return counts
