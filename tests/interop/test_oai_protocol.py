"""The OAI-PMH verbs and every error condition, over the Django test client."""

from datetime import UTC, datetime, timedelta

import pytest

from staffroom.interop.formats import FORMATS
from staffroom.interop.models import OaiRecord
from staffroom.interop.oai import tokens
from tests.factories import OrganisationFactory, ResourceFactory
from tests.interop.conftest import OAI_NS, errors
from tests.interop.xsd import validate

pytestmark = pytest.mark.django_db

NS = OAI_NS
DOMAIN = "staffroom.example.org"


def ident(resource) -> str:
    return f"oai:{DOMAIN}:resource/{resource.pk}"


@pytest.fixture
def published(rebuild, oai_settings):
    resources = [ResourceFactory() for _ in range(7)]
    rebuild()
    return resources


def texts(root, path: str) -> list[str]:
    return [element.text for element in root.iterfind(path, NS)]


def token_of(root):
    return root.find(".//oai:resumptionToken", NS)


def test_identify(oai, published):
    root = oai(verb="Identify")
    assert root.find("oai:request", NS).attrib == {"verb": "Identify"}
    identify = root.find("oai:Identify", NS)
    assert identify.findtext("oai:baseURL", namespaces=NS) == f"https://{DOMAIN}/oai"
    assert identify.findtext("oai:protocolVersion", namespaces=NS) == "2.0"
    assert identify.findtext("oai:deletedRecord", namespaces=NS) == "persistent"
    assert identify.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    assert texts(identify, "oai:adminEmail") == ["oai@staffroom.example.org"]
    earliest = OaiRecord.objects.order_by("datestamp").first().datestamp
    assert identify.findtext("oai:earliestDatestamp", namespaces=NS) == earliest.strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    sample = identify.find(
        ".//{http://www.openarchives.org/OAI/2.0/oai-identifier}repositoryIdentifier"
    )
    assert sample.text == DOMAIN


def test_identify_without_a_dotted_domain_leaves_out_the_oai_identifier_description(oai, settings):
    settings.SITE_URL = "http://localhost:8000"
    root = oai(verb="Identify")
    assert root.find(".//oai:description", NS) is None
    # With no records yet the earliest datestamp is now, at seconds granularity.
    assert root.findtext(".//oai:earliestDatestamp", namespaces=NS).endswith("Z")


def test_identify_answers_post_too(oai, published):
    root = oai(method="post", verb="Identify")
    assert root.find("oai:Identify", NS) is not None


def test_post_lists_with_a_resumption_token(oai, published):
    first = oai(method="post", verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = token_of(first).text
    second = oai(method="post", verb="ListIdentifiers", resumptionToken=token)
    assert len(second.findall(".//oai:header", NS)) == 3
    assert second.find("oai:request", NS).get("resumptionToken") == token


def test_list_metadata_formats(oai, published):
    root = oai(verb="ListMetadataFormats")
    prefixes = texts(root, ".//oai:metadataPrefix")
    assert prefixes[0] == "oai_dc"
    assert set(prefixes) == set(FORMATS)
    root = oai(verb="ListMetadataFormats", identifier=ident(published[0]))
    assert root.find("oai:request", NS).get("identifier") == ident(published[0])
    assert "oai_dc" in texts(root, ".//oai:metadataPrefix")


def test_list_metadata_formats_of_an_unknown_item(oai, published):
    assert errors(oai(verb="ListMetadataFormats", identifier=f"oai:{DOMAIN}:resource/999999")) == [
        "idDoesNotExist"
    ]
    assert errors(oai(verb="ListMetadataFormats", identifier="oai:elsewhere.org:resource/1")) == [
        "idDoesNotExist"
    ]


def test_no_metadata_formats(oai, published, monkeypatch):
    monkeypatch.setattr("staffroom.interop.oai.protocol.FORMATS", {})
    root = oai(verb="ListMetadataFormats", identifier=ident(published[0]))
    assert errors(root) == ["noMetadataFormats"]


def test_list_sets_pages_through_every_set(oai, published, rebuild):
    organisation = OrganisationFactory(slug="klascement")
    ResourceFactory(organisation=organisation)
    rebuild()
    root = oai(verb="ListSets")
    specs = texts(root, ".//oai:setSpec")
    assert specs == ["level", "subject", "language", "type"]
    token = token_of(root)
    total = int(token.get("completeListSize"))
    assert token.get("cursor") == "0"
    while token is not None and token.text:
        root = oai(verb="ListSets", resumptionToken=token.text)
        specs += texts(root, ".//oai:setSpec")
        token = token_of(root)
    assert len(specs) == total == len(set(specs))
    assert token.get("cursor") == str(total - len(root.findall(".//oai:set", NS)))
    assert {"level:fl-lo-3", "subject:fl-wis", "language:nl", "type:worksheet"} <= set(specs)
    assert "publisher:organisation-klascement" in specs
    assert f"publisher:member-{published[0].contributor_id}" in specs


def test_set_names_are_english_with_dutch(oai, published, settings):
    settings.OAI_PAGE_SIZE_IDENTIFIERS = 1000
    root = oai(verb="ListSets")
    names = dict(zip(texts(root, ".//oai:setSpec"), texts(root, ".//oai:setName"), strict=True))
    assert names["subject:fl-wis"] == "Subject (Flanders): Mathematics (Wiskunde)"
    assert names["language:nl"].startswith("Language: Dutch")


def test_list_identifiers_pages_with_tokens_cursor_and_size(oai, published):
    root = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    seen = texts(root, ".//oai:identifier")
    token = token_of(root)
    assert len(seen) == 4
    assert (token.get("completeListSize"), token.get("cursor")) == ("7", "0")
    expires = datetime.strptime(token.get("expirationDate"), "%Y-%m-%dT%H:%M:%SZ")
    assert timedelta(minutes=59) < expires.replace(tzinfo=UTC) - tokens.now() <= timedelta(hours=1)
    root = oai(verb="ListIdentifiers", resumptionToken=token.text)
    seen += texts(root, ".//oai:identifier")
    last = token_of(root)
    # The last page closes the list with an empty token that still says where it stood.
    assert last.text is None
    assert (last.get("completeListSize"), last.get("cursor")) == ("7", "4")
    assert seen == [ident(resource) for resource in published]


def test_list_records_gives_metadata_in_every_format(oai, published):
    for prefix in FORMATS:
        root = oai(verb="ListRecords", metadataPrefix=prefix)
        records = root.findall(".//oai:record", NS)
        assert len(records) == 3
        assert all(len(record.find("oai:metadata", NS)) == 1 for record in records)
        assert int(token_of(root).get("completeListSize")) == 7


def test_a_list_that_fits_on_one_page_has_no_token(oai, published, settings):
    settings.OAI_PAGE_SIZE_RECORDS = 100
    root = oai(verb="ListRecords", metadataPrefix="oai_dc")
    assert len(root.findall(".//oai:record", NS)) == 7
    assert token_of(root) is None


def test_get_record(oai, published):
    resource = published[2]
    root = oai(verb="GetRecord", identifier=ident(resource), metadataPrefix="oai_dc")
    record = root.find("oai:GetRecord/oai:record", NS)
    assert record.findtext("oai:header/oai:identifier", namespaces=NS) == ident(resource)
    dc = record.find("oai:metadata", NS)[0]
    validate(dc, schema="oai_dc")
    assert dc.findtext("{http://purl.org/dc/elements/1.1/}title") == resource.title


def test_selective_harvest_by_dates(oai, published):
    early = datetime(2024, 3, 1, 10, 0, 0, tzinfo=UTC)
    OaiRecord.objects.filter(resource_id=published[0].pk).update(datestamp=early)
    OaiRecord.objects.filter(resource_id=published[1].pk).update(
        datestamp=early + timedelta(seconds=1)
    )
    root = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", until="2024-03-01T10:00:00Z")
    assert texts(root, ".//oai:identifier") == [ident(published[0])]
    root = oai(
        verb="ListIdentifiers",
        metadataPrefix="oai_dc",
        from_="2024-03-01T10:00:01Z",
        until="2024-03-01T10:00:01Z",
    )
    assert texts(root, ".//oai:identifier") == [ident(published[1])]
    # Day granularity: until covers the whole day, from starts at midnight (UTC).
    root = oai(
        verb="ListIdentifiers", metadataPrefix="oai_dc", from_="2024-03-01", until="2024-03-01"
    )
    assert texts(root, ".//oai:identifier") == [ident(published[0]), ident(published[1])]
    assert root.find("oai:request", NS).get("from") == "2024-03-01"
    root = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", from_="2024-03-02")
    assert len(root.findall(".//oai:header", NS)) == 4
    assert token_of(root).get("completeListSize") == "5"


def test_selective_harvest_by_set(oai, published):
    other = ResourceFactory(levels=["fl-lo-5"], subjects=["fl-ned"], language="en")
    from staffroom.interop.oai.records import oai_records_rebuild

    oai_records_rebuild()
    for spec in ("level:fl-lo-5", "subject:fl-ned", "language:en"):
        root = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set=spec)
        assert texts(root, ".//oai:identifier") == [ident(other)]
        assert spec in texts(root, ".//oai:setSpec")
    # A parent set holds the records of its subsets; a prefix of a spec is not a match.
    root = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set="level")
    assert token_of(root).get("completeListSize") == "8"
    assert errors(oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set="level:fl-l")) == [
        "noRecordsMatch"
    ]
    assert errors(oai(verb="ListRecords", metadataPrefix="oai_dc", set="level:FL-LO-5")) == [
        "noRecordsMatch"
    ]


def test_a_set_harvest_continues_through_tokens(oai, published):
    root = oai(verb="ListRecords", metadataPrefix="oai_dc", set="subject:fl-wis")
    seen = texts(root, ".//oai:identifier")
    token = token_of(root)
    while token is not None and token.text:
        root = oai(verb="ListRecords", resumptionToken=token.text)
        seen += texts(root, ".//oai:identifier")
        token = token_of(root)
    assert seen == [ident(resource) for resource in published]


# --- errors ---


@pytest.mark.parametrize(
    "params",
    [{}, {"verb": "Harvest"}, {"verb": ["Identify", "Identify"]}, {"verb": "identify"}],
)
def test_bad_verb(oai, params):
    root = oai(**params)
    assert errors(root) == ["badVerb"]
    assert root.find("oai:request", NS).attrib == {}


@pytest.mark.parametrize(
    "params",
    [
        {"verb": "Identify", "metadataPrefix": "oai_dc"},
        {"verb": "ListRecords"},
        {"verb": "ListIdentifiers", "metadataPrefix": ""},
        {"verb": "GetRecord", "metadataPrefix": "oai_dc"},
        {"verb": "GetRecord", "identifier": f"oai:{DOMAIN}:resource/1"},
        {"verb": "ListRecords", "metadataPrefix": ["oai_dc", "oai_dc"]},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-13-01"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01T10:00:00"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "2024-01-01T10:00:00.5Z"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "01-01-2024"},
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_dc",
            "from": "2024-02-01",
            "until": "2024-01-01",
        },
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_dc",
            "from": "2024-01-01",
            "until": "2024-02-01T00:00:00Z",
        },
        {"verb": "ListRecords", "metadataPrefix": "oai dc"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": ""},
        {"verb": "ListMetadataFormats", "identifier": ""},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "level::x"},
        {"verb": "ListSets", "set": "level"},
        {"verb": "ListIdentifiers", "resumptionToken": "x", "metadataPrefix": "oai_dc"},
        {
            "verb": "GetRecord",
            "identifier": "x",
            "metadataPrefix": "oai_dc",
            "resumptionToken": "y",
        },
    ],
)
def test_bad_argument(oai, published, params):
    root = oai(**params)
    assert errors(root) == ["badArgument"]
    # The request element then gives the base URL only.
    assert root.find("oai:request", NS).attrib == {}


def test_cannot_disseminate_format(oai, published):
    for params in (
        {"verb": "ListRecords", "metadataPrefix": "marc21"},
        {"verb": "ListIdentifiers", "metadataPrefix": "marc21"},
        {"verb": "GetRecord", "metadataPrefix": "marc21", "identifier": ident(published[0])},
    ):
        root = oai(**params)
        assert errors(root) == ["cannotDisseminateFormat"]
        assert root.find("oai:request", NS).get("metadataPrefix") == "marc21"


def test_id_does_not_exist(oai, published):
    for identifier in (f"oai:{DOMAIN}:resource/424242", f"oai:{DOMAIN}:resource/x", "nothing"):
        assert errors(oai(verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")) == [
            "idDoesNotExist"
        ]


def test_a_draft_has_no_record(oai, published):
    from tests.factories import DraftFactory

    draft = DraftFactory()
    assert errors(oai(verb="GetRecord", identifier=ident(draft), metadataPrefix="oai_dc")) == [
        "idDoesNotExist"
    ]


def test_no_records_match(oai, published):
    for params in (
        {"from": "2090-01-01"},
        {"until": "2001-01-01T00:00:00Z"},
        {"set": "type:video"},
    ):
        assert errors(oai(verb="ListRecords", metadataPrefix="oai_dc", **params)) == [
            "noRecordsMatch"
        ]


def test_empty_repository_lists_nothing(oai):
    assert errors(oai(verb="ListIdentifiers", metadataPrefix="oai_dc")) == ["noRecordsMatch"]


def test_bad_resumption_tokens(oai, published):
    token = token_of(oai(verb="ListRecords", metadataPrefix="oai_dc")).text
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    for value in (tampered, "nonsense", ""):
        root = oai(verb="ListRecords", resumptionToken=value)
        assert errors(root) == ["badResumptionToken"]
    # A token belongs to its verb.
    assert errors(oai(verb="ListIdentifiers", resumptionToken=token)) == ["badResumptionToken"]
    # Its contents cannot be changed without the signature failing.
    from django.core import signing

    data = signing.loads(token, salt=tokens.SALT)
    forged = signing.dumps({**data, "cursor": 0}, salt="another salt", compress=True)
    assert errors(oai(verb="ListRecords", resumptionToken=forged)) == ["badResumptionToken"]


def test_resumption_tokens_expire(oai, published, monkeypatch, settings):
    settings.OAI_TOKEN_SECONDS = 600
    start = datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC)
    monkeypatch.setattr(tokens, "now", lambda: start)
    root = oai(verb="ListRecords", metadataPrefix="oai_dc")
    token = token_of(root)
    assert token.get("expirationDate") == "2026-03-01T12:10:00Z"
    monkeypatch.setattr(tokens, "now", lambda: start + timedelta(seconds=599))
    assert errors(oai(verb="ListRecords", resumptionToken=token.text)) == []
    monkeypatch.setattr(tokens, "now", lambda: start + timedelta(seconds=601))
    root = oai(verb="ListRecords", resumptionToken=token.text)
    assert errors(root) == ["badResumptionToken"]
    assert "expired" in root.findtext("oai:error", namespaces=NS)


def test_responses_validate_against_the_oai_schema_alone(client, oai_settings, published):
    """Responses without <metadata> need only OAI-PMH.xsd (the Identify description needs
    oai-identifier.xsd, which the driver schema loads)."""
    for query in (
        "verb=ListIdentifiers&metadataPrefix=oai_dc",
        "verb=ListSets",
        "verb=ListMetadataFormats",
        "verb=Nope",
        f"verb=GetRecord&identifier=oai:{DOMAIN}:resource/0&metadataPrefix=oai_dc",
    ):
        validate(client.get(f"/oai?{query}").content, schema="oai")


def test_other_methods_are_refused(client, oai_settings):
    assert client.put("/oai?verb=Identify").status_code == 405
