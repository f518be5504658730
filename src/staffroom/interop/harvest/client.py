"""Talking to an OAI-PMH repository: ListRecords page by page, through resumption tokens.

oaipmh-scythe does the HTTP (timeouts, retries on 503 honouring Retry-After, exponential
backoff on network errors) and turns OAI-PMH <error> elements into exceptions. What it does
not do is refuse broken XML: its parser recovers silently, so a garbage page would look like
an empty one and end the harvest as if it were complete. Every page is parsed strictly here
first, and every failure becomes one HarvestError whose message the run keeps.
"""

from collections.abc import Iterator
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


class HarvestError(Exception):
    """The harvest cannot go on; the message says why, for the run's report."""


@dataclass
class Page:
    """One ListRecords response: its responseDate and its <record> elements."""

    response_date: str
    records: list = field(default_factory=list)


class _StrictScythe(Scythe):
    """Scythe with a strict parse of every response and a ceiling on Retry-After."""

    retry_after_ceiling: float = 60
    response_dates: list

    def harvest(self, query):
        http_response = self._request_with_retry(query)
        try:
            root = etree.fromstring(http_response.content, parser=STRICT_PARSER)
        except etree.XMLSyntaxError as error:
            if http_response.is_error:
                raise HarvestError(
                    f"HTTP {http_response.status_code} from the repository."
                ) from error
            raise HarvestError(f"The repository sent a page that is not XML: {error}") from error
        if root.tag != f"{OAI}OAI-PMH":
            if http_response.is_error:
                raise HarvestError(f"HTTP {http_response.status_code} from the repository.")
            raise HarvestError(
                f"The repository sent XML that is not OAI-PMH (<{etree.QName(root).text}>)."
            )
        self.response_dates.append((root.findtext(f"{OAI}responseDate") or "").strip())
        response = OAIResponse(http_response, params=query)
        response.raise_for_oaipmh_error()
        http_response.raise_for_status()
        return response

    def _get_retry_after(self, http_response) -> float:
        # A repository may ask for hours (or send an HTTP date scythe cannot read); the run
        # waits at most the ceiling, and tries again within its retry budget.
        try:
            wanted = float(http_response.headers.get("retry-after", ""))
        except ValueError:
            wanted = self.default_retry_after
        return max(0.0, min(wanted, self.retry_after_ceiling))


def _client(base_url: str) -> _StrictScythe:
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
    return client


def _pages(client: _StrictScythe, query: dict) -> Iterator[Page]:
    for response in client.list_records(**query):
        # The client iterates with OAIResponseIterator: whole responses, never single records.
        assert isinstance(response, OAIResponse)
        root = etree.fromstring(response.http_response.content, parser=STRICT_PARSER)
        yield Page(
            response_date=client.response_dates[-1],
            records=root.findall(f"{OAI}ListRecords/{OAI}record"),
        )


def list_record_pages(
    base_url: str, *, metadata_prefix: str, from_: str = "", set_spec: str = ""
) -> Iterator[Page]:
    """The pages of ListRecords(from, set), following resumption tokens to the end.

    Raises HarvestError for anything that stops the harvest: unreachable after retries, an
    HTTP error, a page that is not OAI-PMH XML, an OAI-PMH error (badResumptionToken...).
    "noRecordsMatch" is no error: it yields one empty page (with its responseDate).
    """
    query = {"metadata_prefix": metadata_prefix, "from_": from_ or None, "set_": set_spec or None}
    with _client(base_url) as client:
        try:
            try:
                yield from _pages(client, query)
            except BadArgument:
                # A repository of day granularity refuses a from with a time; ask again with
                # the day (records of that whole day come again and are found unchanged).
                if not from_ or "T" not in from_ or client.response_dates[1:]:
                    raise
                client.response_dates.clear()
                yield from _pages(client, {**query, "from_": from_.split("T")[0]})
        except NoRecordsMatch:
            yield Page(response_date=client.response_dates[-1] if client.response_dates else "")
        except HarvestError:
            raise
        except OAIPMHException as error:
            code = type(error).__name__
            code = code[0].lower() + code[1:]
            raise HarvestError(f"The repository answered {code}: {error}".strip()) from error
        except httpx2.HTTPStatusError as error:
            raise HarvestError(f"HTTP {error.response.status_code} from the repository.") from error
        except httpx2.HTTPError as error:
            raise HarvestError(f"Could not reach the repository: {error}") from error
