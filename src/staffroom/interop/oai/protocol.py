"""The six OAI-PMH 2.0 verbs: arguments in, one response document out (built with lxml).

Lists page by keyset over (datestamp, id), so a page costs the same at the start and at the
end of 200,000 records; resumption tokens (tokens.py) carry the cursor.
"""

import re
from datetime import UTC, date, datetime, time

from django.conf import settings
from django.db.models import F
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan
from lxml import etree

from staffroom.interop.formats import FORMATS
from staffroom.interop.models import OaiRecord

from . import tokens
from .errors import OaiError, bad_argument, bad_resumption_token
from .records import (
    earliest_datestamp,
    oai_identifier,
    repository_domain,
    resource_id_for,
    resources_for_records,
)
from .sets import set_rows, sets_count, sets_page

OAI = "http://www.openarchives.org/OAI/2.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_IDENTIFIER = "http://www.openarchives.org/OAI/2.0/oai-identifier"
OAI_IDENTIFIER_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
SECONDS_FORMAT = "%Y-%m-%dT%H:%M:%SZ"

# verb: (required arguments, optional arguments, accepts a resumptionToken instead)
VERBS = {
    "Identify": ((), (), False),
    "ListMetadataFormats": ((), ("identifier",), False),
    "ListSets": ((), (), True),
    "ListIdentifiers": (("metadataPrefix",), ("from", "until", "set"), True),
    "ListRecords": (("metadataPrefix",), ("from", "until", "set"), True),
    "GetRecord": (("identifier", "metadataPrefix"), (), False),
}
# The schema's patterns of metadataPrefix and setSpec.
PREFIX = re.compile(r"[A-Za-z0-9\-_\.!~\*'\(\)]+")
SPEC = re.compile(r"[A-Za-z0-9\-_\.!~\*'\(\)]+(:[A-Za-z0-9\-_\.!~\*'\(\)]+)*")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
SECOND = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
# oai-identifier.xsd's repositoryIdentifier: a domain name with at least one dot.
DOMAIN = re.compile(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+")


def oai_datestamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime(SECONDS_FORMAT)


def _tag(name: str) -> str:
    return f"{{{OAI}}}{name}"


def _sub(parent, name: str, text=None, **attributes):
    element = etree.SubElement(parent, _tag(name), {k: str(v) for k, v in attributes.items()})
    if text is not None:
        element.text = str(text)
    return element


# --- arguments ---


def parse_arguments(params: dict[str, list[str]]) -> tuple[str, dict[str, str]]:
    """The verb and its arguments; badVerb or badArgument for what the protocol forbids:
    a missing, unknown or repeated verb, unknown, missing or repeated arguments, and a
    resumptionToken together with other arguments."""
    verbs = params.get("verb", [])
    if len(verbs) != 1:
        raise OaiError(
            "badVerb", "The verb argument is missing." if not verbs else "The verb is repeated."
        )
    verb = verbs[0]
    if verb not in VERBS:
        raise OaiError("badVerb", f"'{verb}' is not an OAI-PMH verb.")
    required, optional, resumable = VERBS[verb]
    allowed = {"verb", *required, *optional} | ({"resumptionToken"} if resumable else set())
    arguments = {}
    for name, values in params.items():
        if name not in allowed:
            raise bad_argument(f"{verb} does not take the argument '{name}'.")
        if len(values) != 1:
            raise bad_argument(f"The argument '{name}' is repeated.")
        if name != "verb":
            arguments[name] = values[0]
    if "resumptionToken" in arguments:
        if len(arguments) > 1:
            raise bad_argument("A resumptionToken must be the only argument besides the verb.")
        return verb, arguments
    missing = [name for name in required if not arguments.get(name)]
    if missing:
        raise bad_argument(f"{verb} needs the argument '{missing[0]}'.")
    empty = [name for name in ("from", "until", "set", "identifier") if arguments.get(name) == ""]
    if empty:
        raise bad_argument(f"The argument '{empty[0]}' is empty.")
    for name, pattern in (("metadataPrefix", PREFIX), ("set", SPEC)):
        if name in arguments and not pattern.fullmatch(arguments[name]):
            raise bad_argument(f"'{arguments[name]}' is not a valid {name}.")
    return verb, arguments


def _parse_date(value: str, name: str, *, end: bool) -> tuple[datetime, str]:
    try:
        if SECOND.fullmatch(value):
            return datetime.strptime(value, SECONDS_FORMAT).replace(tzinfo=UTC), "seconds"
        if DAY.fullmatch(value):
            day = date.fromisoformat(value)
            return datetime.combine(day, time.max if end else time.min, UTC), "day"
    except ValueError:
        pass
    raise bad_argument(
        f"'{value}' is not a valid {name} date: use YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (UTC)."
    )


def date_range(from_: str, until: str) -> tuple[datetime | None, datetime | None]:
    """``from`` and ``until`` as UTC datetimes (both inclusive); badArgument when malformed,
    of different granularities or when ``from`` is later than ``until``."""
    start = end = None
    granularities = set()
    if from_:
        start, granularity = _parse_date(from_, "from", end=False)
        granularities.add(granularity)
    if until:
        end, granularity = _parse_date(until, "until", end=True)
        granularities.add(granularity)
    if len(granularities) > 1:
        raise bad_argument("The from and until arguments must have the same granularity.")
    if start and end and start > end:
        raise bad_argument("The from date is later than the until date.")
    if end is not None:
        end = end.replace(microsecond=0)
    return start, end


def _format(prefix: str):
    found = FORMATS.get(prefix)
    if found is None:
        raise OaiError(
            "cannotDisseminateFormat", f"The metadata format '{prefix}' is not offered here."
        )
    return found


def _record_for(identifier: str) -> OaiRecord:
    resource_id = resource_id_for(identifier)
    record = (
        OaiRecord.objects.filter(resource_id=resource_id).first()
        if resource_id is not None
        else None
    )
    if record is None:
        raise OaiError("idDoesNotExist", f"'{identifier}' is not an identifier of this repository.")
    return record


# --- responses ---


def _header(parent, record: OaiRecord, *, deleted: bool | None = None):
    deleted = record.deleted if deleted is None else deleted
    header = _sub(parent, "header", **({"status": "deleted"} if deleted else {}))
    _sub(header, "identifier", oai_identifier(record.resource_id))
    _sub(header, "datestamp", oai_datestamp(record.datestamp))
    for spec in record.set_specs:
        _sub(header, "setSpec", spec)
    return header


def _record(parent, record: OaiRecord, resource, metadata_format):
    element = _sub(parent, "record")
    # A record the sync has not caught up with yet (its resource was just withdrawn) is
    # already said to be deleted.
    _header(element, record, deleted=record.deleted or resource is None)
    if resource is not None and not record.deleted:
        _sub(element, "metadata").append(metadata_format.serialize(resource))


def identify(parent, arguments, base_url):
    element = _sub(parent, "Identify")
    _sub(element, "repositoryName", settings.OAI_REPOSITORY_NAME)
    _sub(element, "baseURL", base_url)
    _sub(element, "protocolVersion", "2.0")
    for email in settings.OAI_ADMIN_EMAILS:
        _sub(element, "adminEmail", email)
    earliest = earliest_datestamp() or tokens.now()
    _sub(element, "earliestDatestamp", oai_datestamp(earliest))
    _sub(element, "deletedRecord", "persistent")
    _sub(element, "granularity", GRANULARITY)
    domain = repository_domain()
    if DOMAIN.fullmatch(domain):
        description = _sub(element, "description")
        nsmap = {None: OAI_IDENTIFIER, "xsi": XSI}
        ident = etree.SubElement(description, f"{{{OAI_IDENTIFIER}}}oai-identifier", nsmap=nsmap)
        ident.set(f"{{{XSI}}}schemaLocation", f"{OAI_IDENTIFIER} {OAI_IDENTIFIER_SCHEMA}")
        for name, value in (
            ("scheme", "oai"),
            ("repositoryIdentifier", domain),
            ("delimiter", ":"),
            ("sampleIdentifier", oai_identifier(1)),
        ):
            etree.SubElement(ident, f"{{{OAI_IDENTIFIER}}}{name}").text = value


def list_metadata_formats(parent, arguments, base_url):
    if "identifier" in arguments:
        _record_for(arguments["identifier"])
    if not FORMATS:
        raise OaiError("noMetadataFormats", "No metadata formats are offered for this item.")
    element = _sub(parent, "ListMetadataFormats")
    for prefix in sorted(FORMATS, key=lambda p: (p != "oai_dc", p)):
        found = FORMATS[prefix]
        item = _sub(element, "metadataFormat")
        _sub(item, "metadataPrefix", found.prefix)
        _sub(item, "schema", found.schema)
        _sub(item, "metadataNamespace", found.namespace)


def _resumption(parent, token: tokens.Token | None, *, cursor: int, size: int):
    """A resumptionToken element: a new token when more follow, else the empty one that
    closes a list that had earlier pages."""
    if token is None:
        if cursor:
            _sub(parent, "resumptionToken", completeListSize=size, cursor=cursor)
        return
    expires = tokens.expiry()
    token = tokens.Token(**{**token.__dict__, "expires": int(expires.timestamp())})
    _sub(
        parent,
        "resumptionToken",
        tokens.encode(token),
        expirationDate=oai_datestamp(expires),
        completeListSize=size,
        cursor=cursor,
    )


def list_sets(parent, arguments, base_url):
    offset, size = 0, None
    if "resumptionToken" in arguments:
        token = tokens.decode(arguments["resumptionToken"], verb="ListSets")
        offset, size = token.cursor, token.size
    page_size = settings.OAI_PAGE_SIZE_IDENTIFIERS
    found, more = sets_page(offset, page_size)
    if not found and not offset:
        raise OaiError("noSetHierarchy", "This repository has no sets.")
    if size is None:
        size = sets_count() if more else len(found)
    element = _sub(parent, "ListSets")
    for oai_set in found:
        item = _sub(element, "set")
        _sub(item, "setSpec", oai_set.spec)
        _sub(item, "setName", oai_set.name)
    next_token = None
    if more:
        next_token = tokens.Token(verb="ListSets", cursor=offset + len(found), size=size)
    _resumption(element, next_token, cursor=offset, size=size)


def _list(parent, verb: str, arguments, base_url):
    if "resumptionToken" in arguments:
        token = tokens.decode(arguments["resumptionToken"], verb=verb)
        try:
            start, end = date_range(token.from_, token.until)
        except OaiError:
            raise bad_resumption_token("The resumption token's dates are not valid.") from None
        if token.prefix not in FORMATS:
            raise bad_resumption_token("The resumption token's metadata format is gone.")
    else:
        start, end = date_range(arguments.get("from", ""), arguments.get("until", ""))
        _format(arguments["metadataPrefix"])
        token = tokens.Token(
            verb=verb,
            prefix=arguments["metadataPrefix"],
            from_=arguments.get("from", ""),
            until=arguments.get("until", ""),
            set_spec=arguments.get("set", ""),
        )
    metadata_format = FORMATS[token.prefix]
    # Without a set the records themselves are paged by (datestamp, id); with one, the set's
    # rows by (datestamp, record): the same order, from the index (spec, datestamp, record).
    if token.set_spec:
        rows, key = set_rows(token.set_spec), "record_id"
    else:
        rows, key = OaiRecord.objects.all(), "id"
    if start:
        rows = rows.filter(datestamp__gte=start)
    if end:
        rows = rows.filter(datestamp__lte=end)
    first_page = not token.after_id
    size = token.size
    if first_page:
        size = rows.count()
    else:
        after = datetime.fromtimestamp(token.after_stamp, UTC)
        # The >= on datestamp alone lets the index bound the scan on every database; the
        # tuple comparison then skips what was sent with the same datestamp.
        rows = rows.filter(datestamp__gte=after).filter(
            TupleGreaterThan(Tuple(F("datestamp"), F(key)), (after, token.after_id))
        )
    page_size = (
        settings.OAI_PAGE_SIZE_RECORDS
        if verb == "ListRecords"
        else settings.OAI_PAGE_SIZE_IDENTIFIERS
    )
    if token.set_spec:
        # The keys from the set's index, then those records by primary key.
        keys = list(rows.order_by("datestamp", key).values_list("datestamp", key)[: page_size + 1])
        more, keys = len(keys) > page_size, keys[:page_size]
        found = OaiRecord.objects.in_bulk([record_id for _stamp, record_id in keys])
        page = [found[record_id] for _stamp, record_id in keys if record_id in found]
    else:
        page = list(rows.order_by("datestamp", "id")[: page_size + 1])
        more, page = len(page) > page_size, page[:page_size]
        keys = [(record.datestamp, record.pk) for record in page]
    if not page:
        # Also on a later page when what was left changed meanwhile (left the set or the
        # date range): a list element without items is not valid.
        raise OaiError("noRecordsMatch", "No records match these arguments.")
    element = _sub(parent, verb)
    if verb == "ListIdentifiers":
        for record in page:
            _header(element, record)
    else:
        resources = resources_for_records(r.resource_id for r in page if not r.deleted)
        for record in page:
            _record(element, record, resources.get(record.resource_id), metadata_format)
    next_token = None
    if more:
        last_stamp, last_id = keys[-1]
        next_token = tokens.Token(
            **{
                **token.__dict__,
                "after_stamp": int(last_stamp.timestamp()),
                "after_id": last_id,
                "cursor": token.cursor + len(page),
                "size": size,
            }
        )
    _resumption(element, next_token, cursor=token.cursor, size=max(size, token.cursor + len(page)))


def list_identifiers(parent, arguments, base_url):
    _list(parent, "ListIdentifiers", arguments, base_url)


def list_records(parent, arguments, base_url):
    _list(parent, "ListRecords", arguments, base_url)


def get_record(parent, arguments, base_url):
    metadata_format = _format(arguments["metadataPrefix"])
    record = _record_for(arguments["identifier"])
    resources = {} if record.deleted else resources_for_records([record.resource_id])
    element = _sub(parent, "GetRecord")
    _record(element, record, resources.get(record.resource_id), metadata_format)


HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
    "GetRecord": get_record,
}


def oai_response(params: dict[str, list[str]], *, base_url: str) -> bytes:
    """The complete response document to a request with ``params`` (name -> values)."""
    root = etree.Element(_tag("OAI-PMH"), nsmap={None: OAI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI} {OAI_SCHEMA}")
    _sub(root, "responseDate", oai_datestamp(tokens.now()))
    request = _sub(root, "request", base_url)
    try:
        verb, arguments = parse_arguments(params)
    except OaiError as error:
        # badVerb and badArgument: the request element gives the base URL only.
        _sub(root, "error", error.message, code=error.code)
        return _serialize(root)
    request.set("verb", verb)
    for name, value in arguments.items():
        request.set(name, value)
    body = etree.Element(_tag("body"))
    try:
        HANDLERS[verb](body, arguments, base_url)
    except OaiError as error:
        if error.code == "badArgument":
            for name in list(request.attrib):
                del request.attrib[name]
        _sub(root, "error", error.message, code=error.code)
        return _serialize(root)
    for child in body:
        root.append(child)
    return _serialize(root)


def _serialize(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
