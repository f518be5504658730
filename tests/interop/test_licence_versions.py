"""Licences keep their version end to end (issue 18): harvested under CC BY-SA 3.0, stored,
shown and exported as CC BY-SA 3.0; every licence survives our own exports read back by our
harvester; a rights statement naming no licence we can pin down is reported and kept, never
turned into "all rights reserved"."""

from pathlib import Path

import pytest
from lxml import etree

from staffroom.interop.dc import dc_serialize
from staffroom.interop.harvest.parse import parse_metadata
from staffroom.interop.harvest.rights import WITHOUT_VERSION, map_licence
from staffroom.interop.harvest.services import harvest_run
from staffroom.interop.lom import lom_serialize, nl_lom_licence, nl_lom_serialize
from staffroom.interop.models.harvest import HarvestedRecord, HarvestSource
from staffroom.interop.oai.records import oai_records_rebuild
from staffroom.resources.jsonld import resource_jsonld
from staffroom.resources.licences import Licence
from staffroom.resources.models import Resource
from tests.factories import OrganisationFactory, ResourceFactory
from tests.interop.fake_repository import list_records_page

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data" / "licences"
OAI = "http://www.openarchives.org/OAI/2.0/"
DC = "http://purl.org/dc/elements/1.1/"
LOM = "http://ltsc.ieee.org/xsd/LOM"
IMS = "http://www.imsglobal.org/xsd/imsmd_v1p2"
BY_SA_30 = "https://creativecommons.org/licenses/by-sa/3.0/"
SITE = "https://staffroom.example.org"
DAY = "2024-05-01T10:00:00Z"


@pytest.fixture(autouse=True)
def _one_retry(fast_retries):
    fast_retries.HARVEST_MAX_RETRIES = 1


def _harvest(repository, prefix: str, records: list[tuple[str, bytes]]) -> HarvestSource:
    repository.answer(
        {"verb": "ListRecords", "metadataPrefix": prefix},
        list_records_page(
            [(identifier, "2024-04-01T08:00:00Z", xml) for identifier, xml in records],
            token=None,
            date=DAY,
        ),
    )
    source = HarvestSource.objects.create(
        name=f"Licences ({prefix})",
        base_url=repository.url,
        metadata_prefix=prefix,
        organisation=OrganisationFactory(),
    )
    run = harvest_run(source=source)
    assert run.status == "done", run.error
    assert run.created == len(records), run.report
    return source


def _harvested(source: HarvestSource, identifier: str) -> Resource:
    return HarvestedRecord.objects.get(source=source, identifier=identifier).resource


def _dc_rights(resource) -> list[str]:
    return [element.text for element in dc_serialize(resource).iter(f"{{{DC}}}rights")]


def _rights_read_back(element) -> list[str]:
    """The rights statements our harvester reads from one of our metadata records."""
    wrapper = etree.Element(f"{{{OAI}}}metadata")
    wrapper.append(element)
    metadata = parse_metadata(wrapper)
    assert metadata is not None
    return metadata.rights


def _assert_exports_carry_by_sa_30(client, resource) -> None:
    assert resource.licence_url == BY_SA_30
    assert _dc_rights(resource) == [BY_SA_30, "CC BY-SA 3.0"]
    lom = lom_serialize(resource)
    description = lom.findtext(f"{{{LOM}}}rights/{{{LOM}}}description/{{{LOM}}}string")
    assert description == f"CC BY-SA 3.0 {BY_SA_30}"
    nl_lom = nl_lom_serialize(resource)
    rights = nl_lom.find(f"{{{IMS}}}rights")
    code = rights.findtext(
        f"{{{IMS}}}copyrightandotherrestrictions/{{{IMS}}}value/{{{IMS}}}langstring"
    )
    assert code == "cc-by-sa-30"
    assert BY_SA_30 in rights.findtext(f"{{{IMS}}}description/{{{IMS}}}langstring")
    assert resource_jsonld(resource, SITE)["license"] == {"id": BY_SA_30}
    body = client.get(f"/api/v1/resources/{resource.pk}").json()
    assert body["licence"]["code"] == "cc-by-sa-3.0"
    assert body["licence"]["url"] == BY_SA_30
    assert body["licence"]["label"] == "CC BY-SA 3.0"
    assert body["licence"]["spdx"] == "CC-BY-SA-3.0"
    page = client.get(resource.get_absolute_url(), headers={"accept-language": "en"})
    assert f'<a href="{BY_SA_30}" rel="license">CC BY-SA 3.0</a>' in page.content.decode()


def test_an_edurep_record_under_cc_by_sa_30_stays_3_0_in_every_export(client, repository):
    """The NL-LOM code "cc-by-sa-30" beside an unversioned name: the code says the version."""
    source = _harvest(
        repository, "lom", [("oai:edurep:by-sa-30", (DATA / "nl-lom-cc-by-sa-30.xml").read_bytes())]
    )
    resource = _harvested(source, "oai:edurep:by-sa-30")
    assert resource.licence == Licence.BY_SA_30
    assert not resource.rights_statement
    _assert_exports_carry_by_sa_30(client, resource)


def test_an_oai_dc_record_with_the_3_0_address_stays_3_0(client, repository):
    record = etree.parse(str(DATA / "oai_dc-by-sa-30.xml")).getroot()
    source = _harvest(repository, "oai_dc", [("oai:repo:4242", etree.tostring(record))])
    resource = _harvested(source, "oai:repo:4242")
    assert resource.licence == Licence.BY_SA_30
    _assert_exports_carry_by_sa_30(client, resource)


def test_a_cc_licence_without_a_version_is_reported_and_its_words_kept(client, repository):
    """Copyright "yes" and "Creative Commons Attribution-ShareAlike License": no version, so
    no licence of ours; never "all rights reserved"."""
    statement = "Creative Commons Attribution-ShareAlike License"
    source = _harvest(
        repository, "lom", [("oai:oer:wall", (DATA / "lom-cc-unversioned.xml").read_bytes())]
    )
    resource = _harvested(source, "oai:oer:wall")
    assert resource.licence == Licence.SEE_SOURCE
    assert statement in resource.rights_statement
    report = source.runs.latest("pk").report
    assert report["unmapped"]["licences"] == {f"{WITHOUT_VERSION}: {statement}": 1}
    # Shown and exported as the source's words, with no licence address.
    page = client.get(resource.get_absolute_url(), headers={"accept-language": "en"}).content
    assert statement in page.decode()
    assert "All rights reserved" not in page.decode()
    assert statement in _dc_rights(resource)[0]
    assert "license" not in resource_jsonld(resource, SITE)
    assert client.get(f"/api/v1/resources/{resource.pk}").json()["licence"]["statement"]


def _resource_under(code: str):
    extra = {"rights_statement": "Free to use in class; ask us before you change it"}
    return ResourceFactory(licence=code, **(extra if code == Licence.SEE_SOURCE else {}))


@pytest.mark.parametrize("licence", list(Licence), ids=lambda licence: licence.value)
def test_every_licence_survives_our_exports_read_back(licence, settings):
    settings.SITE_URL = SITE
    resource = _resource_under(licence)
    assert map_licence(_dc_rights(resource)).terms == [licence]
    assert map_licence(_rights_read_back(lom_serialize(resource))).terms == [licence]
    assert map_licence(_rights_read_back(nl_lom_serialize(resource))).terms == [licence]


def test_every_creative_commons_version_has_its_own_nl_lom_code():
    assert nl_lom_licence(Licence.BY_SA_30) == "cc-by-sa-30"
    assert nl_lom_licence(Licence.BY_NC_SA) == "cc-by-nc-sa-40"
    assert nl_lom_licence(Licence.BY_NC_ND_25) == "cc-by-nc-nd-25"
    assert nl_lom_licence(Licence.BY_30_NL) == "cc-by-30"  # the port's URI is in the text
    assert nl_lom_licence(Licence.CC0) == nl_lom_licence(Licence.PDM) == "no"
    assert nl_lom_licence(Licence.GPL_3) == nl_lom_licence(Licence.ALL_RIGHTS_RESERVED) == "yes"


@pytest.mark.parametrize("prefix", ["oai_dc", "lom", "nl_lom"])
def test_a_round_trip_staffroom_to_staffroom_keeps_licence_versions(
    client, repository, oai_settings, prefix
):
    """Our OAI-PMH output (schema-valid), harvested by our own harvester."""
    from tests.interop.xsd import validate

    oai_settings.OAI_PAGE_SIZE_RECORDS = 50
    codes = [
        Licence.BY_SA_30,
        Licence.BY_30_NL,
        Licence.BY_NC_SA_20_BE,
        Licence.BY_ND_30_DE,
        Licence.BY_NC_25,
        Licence.BY_SA,
        Licence.CC0,
        Licence.PDM,
        Licence.GPL_2_PLUS,
        Licence.MIT,
    ]
    originals = {
        ResourceFactory(licence=code, url=f"https://example.org/{code}", kind="link").pk: code
        for code in codes
    }
    oai_records_rebuild()
    response = client.get("/oai", {"verb": "ListRecords", "metadataPrefix": prefix})
    assert response.status_code == 200
    validate(response.content, schema="driver")
    repository.answer({"verb": "ListRecords", "metadataPrefix": prefix}, response.content)
    source = HarvestSource.objects.create(
        name="Staffroom",
        base_url=repository.url,
        metadata_prefix=prefix,
        organisation=OrganisationFactory(),
    )
    run = harvest_run(source=source)
    assert run.status == "done", run.error
    harvested = {
        record.identifier: record.resource.licence
        for record in HarvestedRecord.objects.filter(source=source).select_related("resource")
        if record.resource is not None
    }
    assert sorted(harvested.values()) == sorted(originals.values())
    for identifier, licence in harvested.items():
        assert originals[int(identifier.rsplit("/", 1)[1])] == licence
