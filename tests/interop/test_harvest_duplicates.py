"""Duplicates across harvested records and sources: one page, however its address is written,
is one resource; its origins are recorded, and the run's report lists them.

Records: tests/data/harvest-records (a DSpace-like page giving one lesson twice), the real
NL-LOM record of tests/data/nl-lom, and the real DSpace responses of 2004 in which three records
give one thesis.
"""

import pytest
from django.urls import reverse
from lxml import etree

from staffroom.interop.harvest.services import harvest_run
from staffroom.interop.models.harvest import HarvestedRecord, HarvestSource
from staffroom.moderation.checks import check_duplicates
from staffroom.moderation.models import ModerationItem
from staffroom.resources.models import Resource, Status
from tests.factories import MemberFactory, OrganisationFactory, ResourceFactory

from .fake_repository import FakeRepository, list_records_page, serving
from .test_harvest import DATA, DSPACE, IMS_NS, real_lom

pytestmark = pytest.mark.django_db

RECORDS = DATA / "harvest-records"
LES = "oai:repository.example.org:123456789/41"
LES_AGAIN = "oai:repository.example.org:123456789/42"
FIRST = "2024-05-01T10:00:00Z"
SECOND = "2024-05-08T10:00:00Z"


@pytest.fixture
def second_repository():
    yield from serving(FakeRepository())


def les_page(*identifiers: str) -> bytes:
    """The DSpace-like page, with only the records named."""
    root = etree.fromstring((RECORDS / "les-oai_dc.xml").read_bytes())
    for record in root.iter("{http://www.openarchives.org/OAI/2.0/}record"):
        identifier = record.findtext(
            "{http://www.openarchives.org/OAI/2.0/}header/{http://www.openarchives.org/OAI/2.0/}identifier"
        )
        if identifier not in identifiers:
            record.getparent().remove(record)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def lom_at(address: str, title: str = "") -> bytes:
    """The real NL-LOM record, at ``address`` (and with ``title``)."""
    lom = etree.fromstring(real_lom())
    lom.find(f"{{{IMS_NS}}}technical/{{{IMS_NS}}}location").text = address
    if title:
        lom.find(f".//{{{IMS_NS}}}general/{{{IMS_NS}}}title/{{{IMS_NS}}}langstring").text = title
    return etree.tostring(lom)


def dc_source(server, name="Scholengroep", **fields) -> HarvestSource:
    return HarvestSource.objects.create(
        name=name,
        base_url=server.url,
        metadata_prefix="oai_dc",
        organisation=OrganisationFactory(name=name),
        **fields,
    )


def lom_source(server, name="Edurep", **fields) -> HarvestSource:
    return HarvestSource.objects.create(
        name=name,
        base_url=server.url,
        metadata_prefix="lom",
        organisation=OrganisationFactory(name=name),
        **fields,
    )


def answer(server, prefix: str, body: bytes, since: str = "") -> None:
    params = {"verb": "ListRecords", "metadataPrefix": prefix}
    if since:
        params["from"] = since
    server.answer(params, body)


def lom_page(*records: tuple[str, str, bytes | None], date: str = FIRST) -> bytes:
    return list_records_page(list(records), token=None, date=date)


def test_two_sources_with_one_page_publish_one_resource_with_both_origins(
    repository, second_repository, fast_retries
):
    """http://www.example.org/les/ from one source, https://example.org/les from another."""
    answer(repository, "oai_dc", les_page(LES))
    answer(
        second_repository,
        "lom",
        lom_page(("oai:edurep:les", "2024-04-01T08:00:00Z", lom_at("https://example.org/les"))),
    )
    school, edurep = dc_source(repository), lom_source(second_repository)

    first = harvest_run(source=school)
    second = harvest_run(source=edurep)

    assert first.status == second.status == "done"
    assert (first.created, second.created, second.skipped) == (1, 0, 1)
    resource = Resource.objects.get()
    assert resource.status == Status.PUBLISHED
    assert resource.url == "http://www.example.org/les/"
    assert resource.organisation == school.organisation  # kept by its first origin
    origins = HarvestedRecord.objects.filter(resource=resource).order_by("pk")
    assert [(o.source, o.identifier) for o in origins] == [
        (school, LES),
        (edurep, "oai:edurep:les"),
    ]
    assert second.report["duplicates"] == [
        {
            "identifier": "oai:edurep:les",
            "outcome": "joined",
            "source": "Edurep",
            "address": "https://example.org/les",
            "resource": resource.pk,
            "page": resource.get_absolute_url(),
            "title": resource.title,
            "copy": resource.pk,
            "copy_page": resource.get_absolute_url(),
            "copy_title": resource.title,
            "copy_origin": f"Scholengroep: {LES}",
        }
    ]
    assert second.report["duplicate_outcomes"] == {"joined": 1}
    assert "same address as a harvested resource" in " ".join(second.report["skip_reasons"])


def test_one_page_twice_in_one_run_is_one_resource(repository, fast_retries):
    """The same lesson, once with a tracking link (the newsletter's), in one page of records."""
    answer(repository, "oai_dc", les_page(LES, LES_AGAIN))
    school = dc_source(repository)

    run = harvest_run(source=school)

    assert (run.created, run.skipped) == (1, 1)
    resource = Resource.objects.get()
    assert resource.title == "De les over de waterkringloop"
    assert set(
        HarvestedRecord.objects.filter(resource=resource).values_list("identifier", flat=True)
    ) == {LES, LES_AGAIN}
    [duplicate] = run.report["duplicates"]
    assert duplicate["identifier"] == LES_AGAIN and duplicate["outcome"] == "joined"
    assert duplicate["copy_origin"] == f"Scholengroep: {LES}"
    assert duplicate["address"] == (
        "https://www.example.org/les?utm_source=nieuwsbrief&utm_medium=email"
    )


def test_the_first_origin_keeps_the_resource_and_it_goes_offline_with_the_last(
    repository, second_repository, fast_retries
):
    answer(repository, "oai_dc", les_page(LES))
    answer(
        second_repository,
        "lom",
        lom_page(("oai:edurep:les", "2024-04-01T08:00:00Z", lom_at("https://example.org/les"))),
    )
    school, edurep = dc_source(repository), lom_source(second_repository)
    harvest_run(source=school)
    harvest_run(source=edurep)
    resource = Resource.objects.get()

    # The second origin changes its record: the resource keeps the first origin's metadata.
    answer(
        second_repository,
        "lom",
        lom_page(
            (
                "oai:edurep:les",
                "2024-05-02T08:00:00Z",
                lom_at("https://example.org/les", title="Andere titel"),
            ),
            date=SECOND,
        ),
        since=FIRST,
    )
    run = harvest_run(source=edurep)
    assert (run.updated, run.skipped) == (0, 1)
    assert "second origin of a resource another record keeps" in run.report["skip_reasons"]
    resource.refresh_from_db()
    assert resource.title == "De les over de waterkringloop"

    # The first origin deletes its record: the second still offers the page, it stays online.
    deleted = les_page(LES).replace(b"<header>", b'<header status="deleted">', 1)
    answer(repository, "oai_dc", deleted, since=FIRST)
    run = harvest_run(source=school)
    assert run.deleted == 0
    assert run.report["skip_reasons"] == {"deleted, and still offered by another origin": 1}
    resource.refresh_from_db()
    assert resource.status == Status.PUBLISHED

    # The second origin, now the only one, keeps it up to date ...
    answer(
        second_repository,
        "lom",
        lom_page(
            (
                "oai:edurep:les",
                "2024-05-09T08:00:00Z",
                lom_at("https://example.org/les", title="Nieuwe titel"),
            ),
            date="2024-05-10T10:00:00Z",
        ),
        since=SECOND,
    )
    assert harvest_run(source=edurep).updated == 1
    resource.refresh_from_db()
    assert resource.title == "Nieuwe titel" and resource.status == Status.PUBLISHED

    # ... and takes it offline when it deletes its record too.
    answer(
        second_repository,
        "lom",
        lom_page(("oai:edurep:les", "2024-05-11T08:00:00Z", None), date="2024-05-12T10:00:00Z"),
        since="2024-05-10T10:00:00Z",
    )
    assert harvest_run(source=edurep).deleted == 1
    resource.refresh_from_db()
    assert resource.status == Status.WITHDRAWN


def test_a_second_origin_that_moves_to_another_page_gets_a_resource_of_its_own(
    repository, fast_retries
):
    answer(repository, "oai_dc", les_page(LES, LES_AGAIN))
    school = dc_source(repository)
    harvest_run(source=school)
    moved = les_page(LES_AGAIN).replace(
        b"https://www.example.org/les?utm_source=nieuwsbrief&amp;utm_medium=email",
        b"https://www.example.org/nieuwsbrief/maart",
    )
    answer(repository, "oai_dc", moved.replace(b"2024-03-05T08:30:00Z", SECOND.encode()), FIRST)

    run = harvest_run(source=school)

    assert run.created == 1
    record = HarvestedRecord.objects.get(identifier=LES_AGAIN)
    assert record.resource.url == "https://www.example.org/nieuwsbrief/maart"
    assert record.resource.status == Status.PUBLISHED
    assert HarvestedRecord.objects.get(identifier=LES).resource.url == (
        "http://www.example.org/les/"
    )


def test_a_members_resource_at_the_address_is_not_merged_and_the_record_waits_for_a_moderator(
    repository, fast_retries
):
    member_resource = ResourceFactory(url="https://example.org/les", title="Mijn les")
    answer(repository, "oai_dc", les_page(LES))
    school = dc_source(repository)  # unmoderated: its records are published at once

    run = harvest_run(source=school)

    assert run.created == 1
    harvested = HarvestedRecord.objects.get(identifier=LES).resource
    assert harvested.pk != member_resource.pk
    assert harvested.status == Status.PENDING
    assert ModerationItem.objects.filter(resource=harvested, decision="").exists()
    member_resource.refresh_from_db()
    assert (member_resource.title, member_resource.status) == ("Mijn les", Status.PUBLISHED)
    assert not HarvestedRecord.objects.filter(resource=member_resource).exists()
    [duplicate] = run.report["duplicates"]
    assert duplicate["outcome"] == "held"
    assert (duplicate["resource"], duplicate["copy"]) == (harvested.pk, member_resource.pk)
    assert duplicate["copy_origin"] == ""  # a member's, not harvested
    # The moderator's duplicate check names the member's resource.
    check = check_duplicates(harvested)
    assert check["status"] == "warning"
    assert {"reason": "same address", "resource": member_resource.pk, "title": "Mijn les"} in (
        check["evidence"]
    )

    # A new version of the record does not publish it past the moderator.
    newer = les_page(LES).replace(b"2024-03-04T12:00:00Z", SECOND.encode())
    answer(repository, "oai_dc", newer.replace(b"waterkringloop<", b"watercyclus<"), FIRST)
    run = harvest_run(source=school)
    assert run.updated == 1
    harvested.refresh_from_db()
    assert harvested.status == Status.PENDING and harvested.title == "De les over de watercyclus"
    assert run.report["duplicate_outcomes"] == {"held": 1}


def test_a_moderated_source_joins_a_published_copy_and_queues_nothing(
    repository, second_repository, fast_retries
):
    """Joining publishes nothing new, so there is nothing for a moderator to decide."""
    answer(repository, "oai_dc", les_page(LES))
    answer(
        second_repository,
        "lom",
        lom_page(("oai:edurep:les", "2024-04-01T08:00:00Z", lom_at("https://example.org/les"))),
    )
    harvest_run(source=dc_source(repository))
    run = harvest_run(source=lom_source(second_repository, moderated=True))

    assert (run.created, run.skipped) == (0, 1)
    assert Resource.objects.count() == 1
    assert not ModerationItem.objects.filter(decision="").exists()
    assert run.report["duplicate_outcomes"] == {"joined": 1}


def test_a_withdrawn_or_rejected_copy_does_not_count(repository, fast_retries):
    ResourceFactory(url="https://example.org/les", status=Status.WITHDRAWN)
    ResourceFactory(url="http://example.org/les/", status=Status.REJECTED)
    ResourceFactory(url="https://example.org/les", status=Status.DRAFT)  # a member's draft
    answer(repository, "oai_dc", les_page(LES))

    run = harvest_run(source=dc_source(repository))

    assert run.created == 1 and run.report["duplicates"] == []
    assert HarvestedRecord.objects.get().resource.status == Status.PUBLISHED


def test_a_doi_is_one_address_however_the_sources_write_it(
    repository, second_repository, fast_retries
):
    """One source gives the DOI as its web address, the other the page with a bare DOI."""
    answer(repository, "oai_dc", (RECORDS / "zenodo-oai_dc.xml").read_bytes())
    zenodo = dc_source(repository, name="Zenodo")
    harvest_run(source=zenodo)
    at_doi = lom_at("http://dx.doi.org/10.5281/ZENODO.5678")
    answer(second_repository, "lom", lom_page(("oai:edurep:rivieren", FIRST, at_doi)))

    run = harvest_run(source=lom_source(second_repository))

    assert (run.created, run.skipped) == (0, 1)
    kept = HarvestedRecord.objects.get(source=zenodo, identifier="oai:zenodo.org:5678").resource
    assert kept.url == "https://zenodo.org/records/5678"
    assert kept.source_url == "https://doi.org/10.5281/zenodo.5678"
    assert HarvestedRecord.objects.get(identifier="oai:edurep:rivieren").resource == kept


def test_the_real_dspace_thesis_under_three_records_is_one_resource(repository):
    """eur-dspace-2003 fake2: hdl:1765/1152, 1153 and 1154 all give
    http://hdl.handle.net/1765/1154."""
    repository.load_mapping(DSPACE / "fake2")
    source = HarvestSource.objects.create(
        name="EUR", base_url=repository.url, organisation=OrganisationFactory()
    )

    run = harvest_run(source=source, from_="2004-01-01T00:00:00Z")

    assert run.status == "done", run.error
    records = HarvestedRecord.objects.filter(
        identifier__in=["hdl:1765/1152", "hdl:1765/1153", "hdl:1765/1154"]
    )
    [resource] = {record.resource for record in records}
    assert resource.url == "http://hdl.handle.net/1765/1154"
    assert Resource.objects.filter(url_key="hdl.handle.net/1765/1154").count() == 1
    assert [
        (d["identifier"], d["outcome"], d["copy_origin"]) for d in run.report["duplicates"]
    ] == [
        ("hdl:1765/1153", "joined", "EUR: hdl:1765/1152"),
        ("hdl:1765/1154", "joined", "EUR: hdl:1765/1152"),
    ]


def test_the_command_counts_the_duplicates(repository, fast_retries):
    from io import StringIO

    from django.core.management import call_command

    answer(repository, "oai_dc", les_page(LES, LES_AGAIN))
    dc_source(repository)
    out = StringIO()
    call_command("harvest", "Scholengroep", stdout=out)
    assert "created 1, updated 0, deleted 0, skipped 1." in out.getvalue()
    assert "  duplicates, joined: 1" in out.getvalue()


def test_the_run_page_lists_the_duplicates(client, repository, second_repository, fast_retries):
    answer(repository, "oai_dc", les_page(LES))
    answer(
        second_repository,
        "lom",
        lom_page(("oai:edurep:les", "2024-04-01T08:00:00Z", lom_at("https://example.org/les"))),
    )
    harvest_run(source=dc_source(repository))
    run = harvest_run(source=lom_source(second_repository))
    client.force_login(MemberFactory(is_staff=True))

    page = client.get(
        reverse("interop:harvest_run", args=[run.pk]), headers={"accept-language": "en"}
    ).content.decode()

    assert "Duplicates" in page
    assert "oai:edurep:les" in page and f"Scholengroep: {LES}" in page
    assert "https://example.org/les" in page
    assert "recorded as a second origin of the resource" in page
    resource = Resource.objects.get()
    assert f'href="{resource.get_absolute_url()}"' in page
