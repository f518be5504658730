"""One identifier per item (no other spelling resolves) and resumption tokens longer than any
the repository issues are refused as badResumptionToken, by GET and by POST."""

import random
import string

import pytest

from staffroom.interop.oai import tokens
from tests.factories import ResourceFactory
from tests.interop.conftest import OAI_NS, errors

pytestmark = pytest.mark.django_db
DOMAIN = "staffroom.example.org"


@pytest.fixture
def resource(rebuild, oai_settings):
    found = ResourceFactory()
    rebuild()
    return found


@pytest.mark.parametrize(
    "spelling", ["0{pk}", "00{pk}", "+{pk}", " {pk}", "{pk} ", "{pk}.0", "{pk}/", "٣"]
)
def test_only_the_canonical_identifier_resolves(oai, resource, spelling):
    identifier = f"oai:{DOMAIN}:resource/" + spelling.format(pk=resource.pk)
    root = oai(verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")
    assert errors(root) == ["idDoesNotExist"]
    assert errors(oai(verb="ListMetadataFormats", identifier=identifier)) == ["idDoesNotExist"]


def test_the_canonical_identifier_resolves(oai, resource):
    identifier = f"oai:{DOMAIN}:resource/{resource.pk}"
    root = oai(verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")
    assert errors(root) == []
    assert root.findtext(".//oai:header/oai:identifier", namespaces=OAI_NS) == identifier


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("verb", ["ListRecords", "ListIdentifiers", "ListSets"])
def test_an_over_long_token_is_a_bad_resumption_token(oai, resource, method, verb):
    root = oai(method=method, verb=verb, resumptionToken="x" * 5000)
    assert errors(root) == ["badResumptionToken"]
    # Also a long value that unsigns would be refused before it is read.
    noise = "".join(random.Random(5).choices(string.ascii_letters, k=2000))
    issued = tokens.encode(tokens.Token(verb=verb, set_spec="level:" + noise))
    assert len(issued) > tokens.MAX_LENGTH
    assert errors(oai(method=method, verb=verb, resumptionToken=issued)) == ["badResumptionToken"]


def test_the_longest_token_issued_fits_the_limit():
    longest = tokens.Token(
        verb="ListIdentifiers",
        prefix="x" * 40,
        from_="2026-12-07T23:59:59Z",
        until="2026-12-08T23:59:59Z",
        # OaiRecordSet.spec holds 200 characters: a token names a set that has records.
        set_spec="subject:" + "".join(random.Random(3).choices(string.ascii_letters, k=192)),
        after_stamp=2**40,
        after_id=2**62,
        cursor=2**40,
        size=2**40,
        expires=2**40,
    )
    assert len(tokens.encode(longest)) < 700 < tokens.MAX_LENGTH
