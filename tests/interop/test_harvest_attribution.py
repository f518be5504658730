"""The attribution of harvested work: the record's creators, the original's DOI or page, and the
licence or the source's own rights statement; kept when one Staffroom harvests another.

Records: tests/data/harvest-records/zenodo-oai_dc.xml (oai_dc as Zenodo writes it).
"""

import pytest
from django.urls import reverse
from django.utils import translation
from lxml import etree

from staffroom.interop.harvest.services import harvest_run
from staffroom.interop.models.harvest import HarvestedRecord, HarvestSource
from staffroom.interop.oai.records import oai_records_rebuild
from staffroom.resources import attribution
from staffroom.resources.licences import Licence
from staffroom.resources.models import Resource, Status
from tests.factories import MemberFactory, OrganisationFactory

from .test_harvest import DATA

pytestmark = pytest.mark.django_db

ZENODO = DATA / "harvest-records" / "zenodo-oai_dc.xml"
SITE = "https://staffroom.example.org"
OAI_NS = "http://www.openarchives.org/OAI/2.0/"


@pytest.fixture(autouse=True)
def _site(settings, fast_retries):
    settings.SITE_URL = SITE


def attribution_line(resource, site: str) -> str:
    """The line in English (the lines below are compared in English)."""
    with translation.override("en"):
        return attribution.attribution_line(resource, site)


def harvest(repository, body: bytes, name: str = "Zenodo") -> HarvestSource:
    repository.answer({"verb": "ListRecords", "metadataPrefix": "oai_dc"}, body)
    source = HarvestSource.objects.create(
        name=name,
        base_url=repository.url,
        metadata_prefix="oai_dc",
        organisation=OrganisationFactory(name=name),
    )
    run = harvest_run(source=source)
    assert run.status == "done", run.error
    return source


def resource_of(source: HarvestSource, identifier: str) -> Resource:
    return HarvestedRecord.objects.get(source=source, identifier=identifier).resource


def test_a_zenodo_record_is_credited_to_its_creators_at_its_doi(repository):
    source = harvest(repository, ZENODO.read_bytes())
    resource = resource_of(source, "oai:zenodo.org:1234")

    assert resource.status == Status.PUBLISHED
    assert resource.author_name == "Peeters, An; Mertens, Tom"
    assert resource.attribution == ""  # not the publisher, Zenodo
    # The DOI, not the concept DOI of dc:relation, nor the record's page.
    assert resource.source_url == "https://doi.org/10.5281/zenodo.1234"
    assert resource.licence == Licence.BY
    assert resource.rights_statement == ""
    assert attribution_line(resource, SITE) == (
        "“Breuken vergelijken met pizza's” by Peeters, An; Mertens, Tom, "
        "https://doi.org/10.5281/zenodo.1234, "
        "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
    )


def test_a_bare_doi_among_the_identifiers_is_cited_and_the_sources_own_terms_kept(repository):
    source = harvest(repository, ZENODO.read_bytes())
    resource = resource_of(source, "oai:zenodo.org:5678")

    assert resource.url == "https://zenodo.org/records/5678"
    assert resource.source_url == "https://doi.org/10.5281/zenodo.5678"
    assert resource.licence == Licence.SEE_SOURCE
    # Word for word, without the OpenAIRE access term.
    assert resource.rights_statement == "Vrij te gebruiken in de klas; niet voor verkoop."
    assert attribution_line(resource, SITE) == (
        "“De Vlaamse rivieren in kaart” by Vermeulen, Lies, "
        "https://doi.org/10.5281/zenodo.5678, "
        "Vrij te gebruiken in de klas; niet voor verkoop."
    )


def test_a_record_without_creators_is_credited_to_its_publisher(repository):
    source = harvest(repository, ZENODO.read_bytes())
    resource = resource_of(source, "oai:zenodo.org:9012")

    assert resource.author_name == "Zenodo"
    assert attribution_line(resource, SITE).startswith(
        "“Klokkijken” by Zenodo, https://doi.org/10.5281/zenodo.9012, CC BY-SA 4.0 ("
    )


def test_a_record_without_a_doi_is_credited_at_its_page(repository):
    body = (DATA / "harvest-records" / "les-oai_dc.xml").read_bytes()
    source = harvest(repository, body, name="Scholengroep")
    resource = resource_of(source, "oai:repository.example.org:123456789/41")

    assert resource.source_url == "http://www.example.org/les/"
    assert attribution_line(resource, SITE).startswith(
        "“De les over de waterkringloop” by Janssens, Els, http://www.example.org/les/, "
    )


def test_a_members_resource_is_still_credited_at_its_page_here(repository):
    from tests.factories import ResourceFactory

    resource = ResourceFactory(title="Breuken", author_name="An Peeters", licence="cc-by")
    line = attribution_line(resource, SITE)
    assert line.startswith(f"“Breuken” by An Peeters, {SITE}{resource.get_absolute_url()}, ")


def test_the_resource_page_shows_the_line(client, repository):
    source = harvest(repository, ZENODO.read_bytes())
    resource = resource_of(source, "oai:zenodo.org:1234")

    page = client.get(resource.get_absolute_url(), headers={"accept-language": "en"})

    assert page.status_code == 200
    html = page.content.decode()
    assert "by Peeters, An; Mertens, Tom, https://doi.org/10.5281/zenodo.1234, CC BY 4.0" in html
    # Where it came from: the original at its DOI.
    assert "Original at the source" in html
    assert '<a href="https://doi.org/10.5281/zenodo.1234" rel="external">' in html


def oai_page_of_our_own(client) -> bytes:
    """What this Staffroom's /oai answers another one that harvests it (oai_dc)."""
    oai_records_rebuild()
    response = client.get("/oai", {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    assert response.status_code == 200
    return response.content


def test_staffroom_to_staffroom_keeps_the_creators_the_doi_and_the_terms(client, repository):
    source = harvest(repository, ZENODO.read_bytes())
    originals = {
        identifier: resource_of(source, identifier)
        for identifier in ("oai:zenodo.org:1234", "oai:zenodo.org:5678")
    }
    lines = {key: attribution_line(resource, SITE) for key, resource in originals.items()}
    ours = oai_page_of_our_own(client)
    root = etree.fromstring(ours)
    dc = "{http://purl.org/dc/elements/1.1/}"
    for record in root.iter(f"{{{OAI_NS}}}record"):
        metadata = record.find(f"{{{OAI_NS}}}metadata")
        if metadata is None:
            continue
        creators = [e.text for e in metadata.iter(f"{dc}creator")]
        identifiers = [e.text for e in metadata.iter(f"{dc}identifier")]
        if "https://doi.org/10.5281/zenodo.1234" in identifiers:
            assert creators == ["Peeters, An", "Mertens, Tom"]
            assert identifiers[0].startswith(SITE)  # our page stays the first identifier
    # The other Staffroom: a database without the originals (they would be duplicates here).
    Resource.objects.filter(pk__in=[r.pk for r in originals.values()]).update(
        status=Status.WITHDRAWN
    )
    HarvestedRecord.objects.all().delete()

    repository.answer({"verb": "ListRecords", "metadataPrefix": "oai_dc"}, ours)
    other = HarvestSource.objects.create(
        name="Staffroom",
        base_url=repository.url,
        metadata_prefix="oai_dc",
        organisation=OrganisationFactory(name="Staffroom"),
    )
    run = harvest_run(source=other)
    assert run.status == "done", run.error

    for identifier, original in originals.items():
        record = HarvestedRecord.objects.get(
            source=other, identifier__endswith=f"resource/{original.pk}"
        )
        copy = record.resource
        assert copy.pk != original.pk and copy.status == Status.PUBLISHED
        assert copy.url == SITE + original.get_absolute_url()  # harvested from our page
        assert copy.source_url == original.source_url
        assert (copy.author_name, copy.licence, copy.rights_statement) == (
            original.author_name,
            original.licence,
            original.rights_statement,
        )
        assert attribution_line(copy, SITE) == lines[identifier]


@pytest.mark.parametrize("prefix", ["lom", "nl_lom"])
def test_staffroom_to_staffroom_in_lom_keeps_the_doi(client, repository, prefix):
    """LOM and NL-LOM name the original's DOI as a second identifier (catalog "DOI")."""
    from tests.interop.xsd import validate

    source = harvest(repository, ZENODO.read_bytes())
    original = resource_of(source, "oai:zenodo.org:5678")  # at its page, the DOI its original
    line = attribution_line(original, SITE)
    oai_records_rebuild()
    ours = client.get("/oai", {"verb": "ListRecords", "metadataPrefix": prefix}).content
    validate(ours, schema="driver")
    Resource.objects.filter(pk=original.pk).update(status=Status.WITHDRAWN)
    HarvestedRecord.objects.all().delete()

    repository.answer({"verb": "ListRecords", "metadataPrefix": prefix}, ours)
    other = HarvestSource.objects.create(
        name="Staffroom",
        base_url=repository.url,
        metadata_prefix=prefix,
        organisation=OrganisationFactory(name="Staffroom"),
    )
    assert harvest_run(source=other).status == "done"

    copy = HarvestedRecord.objects.get(
        source=other, identifier__endswith=f"resource/{original.pk}"
    ).resource
    assert copy.url == "https://zenodo.org/records/5678"  # LOM's location: the object itself
    assert copy.source_url == "https://doi.org/10.5281/zenodo.5678"
    assert attribution_line(copy, SITE) == line


def test_a_moderator_sees_the_original_and_the_terms_in_a_proposed_edit(repository):
    """The new fields travel through snapshots: a moderated source's edit proposes them."""
    from staffroom.moderation.models import ModerationItem

    body = ZENODO.read_bytes()
    repository.answer({"verb": "ListRecords", "metadataPrefix": "oai_dc"}, body)
    source = HarvestSource.objects.create(
        name="Zenodo",
        base_url=repository.url,
        metadata_prefix="oai_dc",
        organisation=OrganisationFactory(name="Zenodo"),
        moderated=True,
    )
    harvest_run(source=source)
    resource = resource_of(source, "oai:zenodo.org:5678")
    assert resource.status == Status.PENDING
    assert resource.source_url == "https://doi.org/10.5281/zenodo.5678"
    # Published by a moderator, then the source changes its terms.
    from staffroom.resources import lifecycle

    lifecycle.resource_publish(resource, announce=False)
    ModerationItem.objects.filter(resource=resource).update(decision="publish")
    changed = body.replace(b"2024-04-20T15:02:41Z", b"2024-05-02T08:00:00Z").replace(
        b"niet voor verkoop.", b"niet voor verkoop of verhuur."
    )
    source.harvested_until = "2024-05-01T10:00:00Z"
    source.save()
    repository.answer(
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-05-01T10:00:00Z"},
        changed,
    )
    harvest_run(source=source)

    item = ModerationItem.objects.get(resource=resource, decision="")
    assert item.proposed == {
        "rights_statement": "Vrij te gebruiken in de klas; niet voor verkoop of verhuur."
    }


def test_the_staff_run_page_is_reachable_for_the_zenodo_run(client, repository):
    source = harvest(repository, ZENODO.read_bytes())
    client.force_login(MemberFactory(is_staff=True))
    run = source.runs.get()
    page = client.get(reverse("interop:harvest_run", args=[run.pk])).content.decode()
    assert "creator: 1" in page  # the record without creators is reported
