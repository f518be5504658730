"""Harvesting our own /oai over HTTP with a real OAI-PMH client (oaipmh-scythe), through
several resumption tokens, every raw page valid against OAI-PMH.xsd and the driver schema."""

import pytest
from oaipmh_scythe import HTTPConfig, Scythe
from oaipmh_scythe.iterator import OAIResponseIterator

from staffroom.interop.formats import FORMATS
from staffroom.interop.oai.records import oai_records_rebuild
from staffroom.resources.models import Status
from tests.factories import ResourceFactory
from tests.interop.xsd import validate

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def harvestable(settings, transactional_db):
    from staffroom.curriculum.models import Level, ResourceType, Subject
    from staffroom.curriculum.vocabularies import load_vocabularies

    # Transactional tests flush the database afterwards, migration-loaded vocabularies too.
    if not ResourceType.objects.exists():
        load_vocabularies(Level, Subject, ResourceType)
    settings.SITE_URL = "https://staffroom.example.org"
    settings.OAI_PAGE_SIZE_RECORDS = 4
    settings.OAI_PAGE_SIZE_IDENTIFIERS = 5
    resources = [
        ResourceFactory(levels=["fl-lo-3", "fl-lo-4"] if n % 2 else ["fl-lo-5"]) for n in range(11)
    ]
    oai_records_rebuild()
    resources[3].status = Status.WITHDRAWN
    resources[3].save()
    oai_records_rebuild()
    return resources


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_harvest_every_format_through_resumption_tokens(live_server, harvestable, method):
    config = HTTPConfig(http_method=method)
    with Scythe(f"{live_server.url}/oai", http_config=config, iterator=OAIResponseIterator) as oai:
        for prefix in FORMATS:
            pages = list(oai.list_records(metadata_prefix=prefix))
            assert len(pages) == 3  # 11 records, 4 a page
            for page in pages:
                validate(page.raw.encode(), schema="driver")
        pages = list(oai.list_identifiers(metadata_prefix="oai_dc"))
        assert len(pages) == 3
        for page in pages:
            validate(page.raw.encode(), schema="oai")
            validate(page.raw.encode(), schema="driver")
        for page in oai.list_sets():
            validate(page.raw.encode(), schema="oai")
        validate(oai.harvest({"verb": "Identify"}).raw.encode(), schema="driver")

    with Scythe(f"{live_server.url}/oai", http_config=config) as oai:
        records = list(oai.list_records(metadata_prefix="oai_dc"))
        assert len(records) == 11
        assert len({record.header.identifier for record in records}) == 11
        deleted = [record for record in records if record.deleted]
        assert [record.header.identifier for record in deleted] == [
            f"oai:staffroom.example.org:resource/{harvestable[3].pk}"
        ]
        live = [record for record in records if not record.deleted]
        assert all(record.metadata["title"] for record in live)
        assert len(list(oai.list_records(metadata_prefix="oai_dc", ignore_deleted=True))) == 10
        in_set = list(oai.list_identifiers(metadata_prefix="oai_dc", set_="level:fl-lo-4"))
        assert len(in_set) == 5
        identifier = live[0].header.identifier
        assert oai.get_record(identifier=identifier).header.identifier == identifier
        assert {f.metadataPrefix for f in oai.list_metadata_formats(identifier)} == set(FORMATS)
        assert oai.identify().deletedRecord == "persistent"
