"""Talking to an OAI-PMH repository: Identify, then ListRecords page by page, through
resumption tokens.

oaipmh-scythe does the HTTP (timeouts, retries on 503 honouring Retry-After, exponential
backoff on network errors) and turns OAI-PMH <error> elements into exceptions. What it does
not do is refuse broken XML: its parser recovers silently, so a garbage page would look like
an empty one and end the harvest as if it were complete. Every page is parsed strictly here
first, and every failure becomes one HarvestError, with a message code and its values (shown in
the reader's language, see ``errors``) and the repository's own words.

Nor does it notice a list that never ends: a repository that sends the same resumption token
again, a cursor that does not move, more records than the list said it holds, or simply pages
without end. ``_pages`` watches each page's resumptionToken element and stops the list before
the next request (``ListGuard``); the run's time limit and heartbeat are checked before every
HTTP request, retries included (``tick``).
"""

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import httpx2
from django.conf import settings
from lxml import etree
from oaipmh_scythe import Scythe
from oaipmh_scythe.config import HTTPConfig, RetryConfig
from oaipmh_scythe.exceptions import BadArgument, NoRecordsMatch, OAIPMHException
from oaipmh_scythe.iterator import OAIResponseIterator
from oaipmh_scythe.response import OAIResponse

OAI = "{http://www.openarchives.org/OAI/2.0/}"
# No entities, no network, no recovery: a repository's page is data, never instructions.
STRICT_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
# A list may grow while it is harvested, and completeListSize may be an estimate: a run stops
# only when it has had this much more than the list said (a tenth, and at least this many).
LIST_SIZE_SLACK = 0.1
LIST_SIZE_SLACK_MIN = 100
DAY_GRANULARITY = "YYYY-MM-DD"
# One response must come whole within this many request timeouts (HARVEST_TIMEOUT bounds each
# wait for a byte, not a response sent a byte at a time) and be at most this large.
RESPONSE_TIMEOUTS = 4
MAX_RESPONSE_BYTES = 64 * 2**20


class HarvestError(Exception):
    """The harvest cannot go on. ``code`` and ``params`` say why (``errors.error_message``
    turns them into a sentence in the reader's language); ``str()`` is the English text, with
    the repository's own words, for logs and the command."""

    def __init__(self, code: str, message: str, **params):
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass
class Page:
    """One ListRecords response: its responseDate and its <record> elements."""

    response_date: str
    records: list = field(default_factory=list)


@dataclass
class Identity:
    """What a repository's Identify says about harvesting it."""

    granularity: str = ""
    earliest_datestamp: str = ""
    deleted_record: str = ""


class ListGuard:
    """Stops a list that does not end: a resumption token sent twice, a cursor that does not
    move, more records than completeListSize (with slack), more pages than ``max_pages``."""

    def __init__(self, max_pages: int):
        self.max_pages = max_pages
        self.pages = 0
        self.records = 0
        self.tokens: set[str] = set()
        self.cursor: int | None = None
        self.last_found = 0
        self.size: int | None = None

    def check(self, root) -> None:
        """Account for one page; raise HarvestError if the list must not be followed on."""
        self.pages += 1
        found = len(root.findall(f"{OAI}ListRecords/{OAI}record"))
        self.records += found
        element = root.find(f"{OAI}ListRecords/{OAI}resumptionToken")
        token = (element.text or "").strip() if element is not None else ""
        size = _integer(element.get("completeListSize")) if element is not None else None
        cursor = _integer(element.get("cursor")) if element is not None else None
        if size is not None:
            self.size = size
        if self.size is not None:
            allowed = self.size + max(LIST_SIZE_SLACK_MIN, int(self.size * LIST_SIZE_SLACK))
            if self.records > allowed:
                raise HarvestError(
                    "list_overrun",
                    f"The repository sent {self.records} records for a list it said holds "
                    f"{self.size}: the harvest stopped.",
                    records=self.records,
                    size=self.size,
                )
        if not token:
            return  # the end of the list
        if token in self.tokens:
            raise HarvestError(
                "token_repeated",
                f"The repository sent the resumption token {token[:200]!r} a second time "
                f"(page {self.pages}): the harvest stopped rather than go round in circles.",
                token=token[:200],
                page=self.pages,
            )
        self.tokens.add(token)
        if cursor is not None and self.cursor is not None:
            # The cursor counts the records sent so far (before this page, or with it: both
            # are met): between two pages that had records it must grow.
            stuck = cursor == self.cursor and found > 0 and self.last_found > 0
            if cursor < self.cursor or stuck:
                raise HarvestError(
                    "cursor_stuck",
                    f"The repository's list did not move on: cursor {cursor} after "
                    f"{self.cursor} (page {self.pages}).",
                    cursor=cursor,
                    previous=self.cursor,
                    page=self.pages,
                )
        if cursor is not None:
            self.cursor = cursor
        self.last_found = found
        if self.pages >= self.max_pages:
            raise HarvestError(
                "page_cap",
                f"The harvest stopped after {self.pages} pages, the most one run may fetch.",
                pages=self.pages,
            )


def _integer(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


class _StrictScythe(Scythe):
    """Scythe with a strict parse of every response, a ceiling on Retry-After and a tick
    before every HTTP request (the run's heartbeat and time limit)."""

    retry_after_ceiling: float = 60
    response_dates: list
    tick: Callable[[], None] | None = None

    def harvest(self, query):
        http_response = self._request_with_retry(query)
        try:
            root = etree.fromstring(http_response.content, parser=STRICT_PARSER)
        except etree.XMLSyntaxError as error:
            if http_response.is_error:
                raise _http_status(http_response.status_code) from error
            raise HarvestError(
                "not_xml",
                f"The repository sent a page that is not XML: {error}",
                detail=str(error)[:300],
            ) from error
        if root.tag != f"{OAI}OAI-PMH":
            if http_response.is_error:
                raise _http_status(http_response.status_code)
            tag = etree.QName(root).text
            raise HarvestError(
                "not_oai",
                f"The repository sent XML that is not OAI-PMH (<{tag}>).",
                tag=tag[:100],
            )
        self.response_dates.append((root.findtext(f"{OAI}responseDate") or "").strip())
        response = OAIResponse(http_response, params=query)
        response.raise_for_oaipmh_error()
        http_response.raise_for_status()
        return response

    def _request(self, query):
        """The response, read whole within its time and size limits (and ticking)."""
        if self.tick is not None:
            self.tick()
        started = time.monotonic()
        limit = RESPONSE_TIMEOUTS * settings.HARVEST_TIMEOUT
        if self.http_method == "GET":
            request = self.client.build_request("GET", self.endpoint, params=query)
        else:
            request = self.client.build_request("POST", self.endpoint, data=query)
        response = self.client.send(request, stream=True)
        try:
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    megabytes = MAX_RESPONSE_BYTES // 2**20
                    raise HarvestError(
                        "response_too_large",
                        f"The repository sent a response larger than {megabytes} MB.",
                        megabytes=megabytes,
                    )
                if time.monotonic() - started > limit:
                    raise HarvestError(
                        "slow_response",
                        f"The repository took more than {limit:g} seconds to send one response: "
                        "the harvest stopped.",
                        seconds=f"{limit:g}",
                    )
                if self.tick is not None:
                    self.tick()
                chunks.append(chunk)
            # What Response.read() does; read here chunk by chunk, within the limits.
            response._content = b"".join(chunks)
        finally:
            response.close()
        return response

    def _get_retry_after(self, http_response) -> float:
        # A repository may ask for hours (or send an HTTP date scythe cannot read); the run
        # waits at most the ceiling, and tries again within its retry budget.
        try:
            wanted = float(http_response.headers.get("retry-after", ""))
        except ValueError:
            wanted = self.default_retry_after
        return max(0.0, min(wanted, self.retry_after_ceiling))


def _http_status(status: int) -> HarvestError:
    return HarvestError("http_status", f"HTTP {status} from the repository.", status=status)


def _client(base_url: str, tick: Callable[[], None] | None = None) -> _StrictScythe:
    client = _StrictScythe(
        base_url,
        http_config=HTTPConfig(
            timeout=settings.HARVEST_TIMEOUT, user_agent=settings.HARVEST_USER_AGENT
        ),
        retry_config=RetryConfig(
            max_retries=settings.HARVEST_MAX_RETRIES,
            retry_status_codes=(429, 502, 503, 504),
            default_retry_after=settings.HARVEST_RETRY_AFTER,
            retry_on_transport_error=True,
            initial_backoff=settings.HARVEST_INITIAL_BACKOFF,
        ),
        iterator=OAIResponseIterator,
    )
    client.retry_after_ceiling = settings.HARVEST_MAX_RETRY_AFTER
    client.response_dates = []
    client.tick = tick
    return client


def _as_harvest_error(error: Exception) -> HarvestError:
    """The HarvestError for what scythe or httpx raised."""
    if isinstance(error, HarvestError):
        return error
    if isinstance(error, OAIPMHException):
        code = type(error).__name__
        code = code[0].lower() + code[1:]
        detail = str(error).strip()
        return HarvestError(
            "oai_error",
            f"The repository answered {code}: {detail}".strip(),
            oai_code=code,
            detail=detail[:300],
        )
    if isinstance(error, httpx2.HTTPStatusError):
        return _http_status(error.response.status_code)
    return HarvestError(
        "unreachable", f"Could not reach the repository: {error}", detail=str(error)[:300]
    )


def identify(base_url: str, *, tick: Callable[[], None] | None = None) -> Identity:
    """Ask the repository's Identify: its granularity, earliest datestamp and deletedRecord
    policy. Raises HarvestError like ``list_record_pages``."""
    with _client(base_url, tick) as client:
        try:
            response = client.harvest({"verb": "Identify"})
        except HarvestError:
            raise
        except (OAIPMHException, httpx2.HTTPError) as error:
            raise _as_harvest_error(error) from error
    root = etree.fromstring(response.http_response.content, parser=STRICT_PARSER)
    found = root.find(f"{OAI}Identify")
    if found is None:
        raise HarvestError("not_oai", "The repository's Identify has no <Identify>.", tag="")

    def text(name: str, size: int) -> str:
        return (found.findtext(f"{OAI}{name}") or "").strip()[:size]

    granularity = text("granularity", 30)
    if granularity not in (DAY_GRANULARITY, "YYYY-MM-DDThh:mm:ssZ"):
        granularity = ""
    return Identity(
        granularity=granularity,
        earliest_datestamp=text("earliestDatestamp", 30),
        deleted_record=text("deletedRecord", 20),
    )


def _pages(client: _StrictScythe, query: dict, guard: ListGuard) -> Iterator[Page]:
    # One page at a time: the iterator asks for the next page only when the run asks for it,
    # so memory stays flat whatever the size of the list.
    for response in client.list_records(**query):
        # The client iterates with OAIResponseIterator: whole responses, never single records.
        assert isinstance(response, OAIResponse)
        root = etree.fromstring(response.http_response.content, parser=STRICT_PARSER)
        page = Page(
            response_date=client.response_dates[-1],
            records=root.findall(f"{OAI}ListRecords/{OAI}record"),
        )
        try:
            guard.check(root)
        except HarvestError:
            yield page  # the records that came are used; the list is not followed on
            raise
        del root, response
        yield page


def list_record_pages(
    base_url: str,
    *,
    metadata_prefix: str,
    from_: str = "",
    set_spec: str = "",
    granularity: str = "",
    tick: Callable[[], None] | None = None,
    max_pages: int | None = None,
) -> Iterator[Page]:
    """The pages of ListRecords(from, set), following resumption tokens to the end.

    ``granularity`` (from Identify): with days, ``from_`` is cut to its day before the first
    request. ``tick`` is called before every HTTP request (it may raise HarvestError to stop).
    Raises HarvestError for anything that stops the harvest: unreachable after retries, an
    HTTP error, a page that is not OAI-PMH XML, an OAI-PMH error (badResumptionToken...), a
    list that does not end (ListGuard). "noRecordsMatch" is no error: it yields one empty page
    (with its responseDate).
    """
    if granularity == DAY_GRANULARITY and from_:
        from_ = from_.split("T")[0]
    query = {"metadata_prefix": metadata_prefix, "from_": from_ or None, "set_": set_spec or None}
    guard = ListGuard(max_pages or settings.HARVEST_MAX_PAGES)
    with _client(base_url, tick) as client:
        try:
            try:
                yield from _pages(client, query, guard)
            except BadArgument:
                # A repository whose Identify could not be read, or said seconds wrongly, may
                # refuse a from with a time: ask again with the day (records of that whole
                # day come again and are found unchanged).
                if not from_ or "T" not in from_ or client.response_dates[1:]:
                    raise
                client.response_dates.clear()
                guard = ListGuard(guard.max_pages)
                yield from _pages(client, {**query, "from_": from_.split("T")[0]}, guard)
        except NoRecordsMatch:
            yield Page(response_date=client.response_dates[-1] if client.response_dates else "")
        except HarvestError:
            raise
        except (OAIPMHException, httpx2.HTTPError) as error:
            raise _as_harvest_error(error) from error
