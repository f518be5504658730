"""The harvester against a local OAI-PMH server that serves real records.

The server answers the real eur-dspace-2003 responses for the requests mapping.txt names, and
the real NL-LOM records wrapped in ListRecords pages with resumption tokens (plus a 503 with
Retry-After once, deleted headers, and the quirks Edurep records have).
"""

from pathlib import Path

import pytest
from lxml import etree

from staffroom.interop.harvest import mapping, rights
from staffroom.interop.harvest.parse import Term, parse_metadata
from staffroom.interop.harvest.services import harvest_run
from staffroom.interop.models.harvest import HarvestedRecord, HarvestSource
from staffroom.moderation.models import ModerationItem
from staffroom.resources.models import Resource, Status
from tests.factories import OrganisationFactory
from tests.interop.fake_repository import (
    OAI_NS,
    list_records_page,
    oai_error,
)

DATA = Path(__file__).resolve().parents[1] / "data"
DSPACE = DATA / "oai-pmh-real" / "eur-dspace-2003"
NL_LOM = DATA / "nl-lom"

pytestmark = pytest.mark.django_db

IMS_NS = "http://www.imsglobal.org/xsd/imsmd_v1p2"


def real_lom(name: str = "phpNLLOM-result.xml") -> bytes:
    return (NL_LOM / name).read_bytes()


def quirky_lom() -> bytes:
    """The real NL-LOM record as Edurep sends many: <educational> twice, no title, and terms
    from vocabularies we do not have."""
    lom = etree.fromstring(real_lom())
    general = lom.find(f"{{{IMS_NS}}}general")
    general.remove(general.find(f"{{{IMS_NS}}}title"))
    location = lom.find(f"{{{IMS_NS}}}technical/{{{IMS_NS}}}location")
    location.text = "https://example.org/quirky-lesson"
    educational = lom.find(f"{{{IMS_NS}}}educational")
    second = etree.fromstring(etree.tostring(educational))
    second.find(f".//{{{IMS_NS}}}context/{{{IMS_NS}}}value/{{{IMS_NS}}}langstring").text = "BVE"
    kind = second.find(f".//{{{IMS_NS}}}learningresourcetype/{{{IMS_NS}}}value")
    kind.find(f"{{{IMS_NS}}}langstring").text = "kringgesprek"
    educational.addnext(second)
    return etree.tostring(lom)


FIRST = "2024-05-01T10:00:00Z"
SECOND = "2024-05-08T10:00:00Z"


@pytest.fixture
def lom_repository(repository, fast_retries):
    """Two pages of NL-LOM records; the second is refused once with 503 and Retry-After."""
    base = {"verb": "ListRecords", "metadataPrefix": "lom"}
    minimal = real_lom("phpNLLOM-result_minimal.xml")
    repository.answer(
        base,
        list_records_page(
            [
                ("oai:edurep:full", "2024-04-01T08:00:00Z", real_lom()),
                ("oai:edurep:minimal", "2024-04-01T08:00:00Z", minimal),
            ],
            token="page-2",
            date=FIRST,
        ),
    )
    page_two = {"verb": "ListRecords", "resumptionToken": "page-2"}
    repository.answer_once(page_two, b"busy", status=503, headers={"Retry-After": "1"})
    repository.answer(
        page_two,
        list_records_page(
            [
                ("oai:edurep:quirky", "2024-04-02T08:00:00Z", quirky_lom()),
                ("oai:edurep:gone-before", "2024-04-02T09:00:00Z", None),
            ],
            token="",
            date=FIRST,
        ),
    )
    return repository


def lom_source(repository, **fields) -> HarvestSource:
    return HarvestSource.objects.create(
        name="Edurep test",
        base_url=repository.url,
        metadata_prefix="lom",
        organisation=OrganisationFactory(name="Kennisnet"),
        **fields,
    )


def test_nl_lom_pages_through_tokens_and_a_503_become_published_link_resources(lom_repository):
    source = lom_source(lom_repository)
    run = harvest_run(source=source)

    assert run.status == "done", run.error
    assert (run.created, run.updated, run.deleted) == (2, 0, 0)
    # The minimal record (no title, no address) and the unknown deletion are skipped.
    assert run.skipped == 2
    page_two = [r for r in lom_repository.requests if r.get("resumptionToken") == "page-2"]
    assert len(page_two) == 2  # refused once (503, Retry-After), then served
    source.refresh_from_db()
    assert source.harvested_until == FIRST

    full = HarvestedRecord.objects.get(source=source, identifier="oai:edurep:full").resource
    assert full.status == Status.PUBLISHED and full.kind == "link"
    assert full.organisation == source.organisation
    assert full.contributor.organisations.filter(pk=source.organisation.pk).exists()
    assert not full.contributor.has_usable_password()
    assert full.url.startswith("https://delen.edurep.nl/download.php?id=1c1aad84")
    assert full.title == "Test test"  # the escaped markup in the real title is taken out
    assert full.description == "één beschrijving met speciale tekens"
    assert full.language == "nl"
    assert full.licence == "cc-by-3.0"  # Edurep's "cc-by-30": the version is kept
    assert full.resource_type.code == "exercise"  # "open opdracht"
    levels = set(full.levels.values_list("code", flat=True))
    # VO (context and taxon), VMBO, VWO and vmbo_kl2 (kaderberoepsgerichte leerweg, year 2),
    # as Dutch terms (an Edurep vocabulary).
    assert levels == {"nl-vo", "nl-vmbo", "nl-vwo", "nl-vmbo-kb", "nl-vmbo-2"}
    assert set(full.subjects.values_list("code", flat=True)) == {"nl-du"}
    assert "Nederlands" in full.keywords and "Taal" in full.keywords
    assert full.author_name == "Digischool"

    quirky = HarvestedRecord.objects.get(source=source, identifier="oai:edurep:quirky").resource
    assert quirky.status == Status.PUBLISHED
    assert quirky.title == "één beschrijving met speciale tekens"  # from the description
    assert "nl-mbo" in set(quirky.levels.values_list("code", flat=True))  # second <educational>

    report = run.report
    assert report["pages"] == 2 and report["records"] == 4
    assert report["quirks"]["repeated <educational>"] == 1
    assert report["quirks"]["markup in title"] == 1
    assert report["quirks"]["no <general> element"] == 1  # the minimal record
    assert report["missing"]["title"] == 2  # the quirky and the minimal record
    assert report["missing"]["web address"] == 1
    assert report["examples"]["repeated <educational>"] == "oai:edurep:quirky"
    assert report["unmapped"]["resource types"] == {"kringgesprek": 1}
    assert report["unmapped"]["age ranges"] == {"8-13": 3}  # once per <educational>
    assert {"identifier": "oai:edurep:minimal", "reason": "no web address"} in report["skipped"]
    assert report["skip_reasons"]["deleted, and not online here"] == 1


def test_a_second_run_is_incremental_updates_without_duplicates_and_unpublishes_deletions(
    lom_repository, django_capture_on_commit_callbacks
):
    from staffroom.search.queries import DEFAULT_COLLECTION, search_collection

    source = lom_source(lom_repository)
    with django_capture_on_commit_callbacks(execute=True):
        harvest_run(source=source)
    full = HarvestedRecord.objects.get(identifier="oai:edurep:full").resource
    quirky = HarvestedRecord.objects.get(identifier="oai:edurep:quirky").resource

    changed = etree.fromstring(real_lom())
    title = changed.find(f"{{{IMS_NS}}}general/{{{IMS_NS}}}title/{{{IMS_NS}}}langstring")
    title.text = "Duits voor beginners"
    lom_repository.answer(
        {"verb": "ListRecords", "metadataPrefix": "lom", "from": FIRST},
        list_records_page(
            [
                ("oai:edurep:full", "2024-05-03T08:00:00Z", etree.tostring(changed)),
                ("oai:edurep:quirky", "2024-05-04T08:00:00Z", None),
            ],
            token=None,
            date=SECOND,
        ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = harvest_run(source=source)

    assert run.status == "done", run.error
    assert lom_repository.requests[-1] == {
        "verb": "ListRecords",
        "metadataPrefix": "lom",
        "from": FIRST,
    }
    assert (run.created, run.updated, run.deleted, run.skipped) == (0, 1, 1, 0)
    assert Resource.objects.filter(organisation=source.organisation).count() == 2
    full.refresh_from_db()
    quirky.refresh_from_db()
    assert full.title == "Duits voor beginners" and full.status == Status.PUBLISHED
    assert quirky.status == Status.WITHDRAWN
    assert HarvestedRecord.objects.get(identifier="oai:edurep:quirky").deleted
    source.refresh_from_db()
    assert source.harvested_until == SECOND
    # The index knows the new title, and no longer finds the withdrawn resource.
    assert full.pk in search_collection(DEFAULT_COLLECTION, "beginners", {}).ids
    assert quirky.pk not in search_collection(DEFAULT_COLLECTION, "speciale tekens", {}).ids


def test_only_later_runs_announce_new_records_to_saved_searches(
    lom_repository, django_capture_on_commit_callbacks
):
    """A first harvest brings a source's whole backlog: indexed, but no notice for each old
    record; a record that is new in a later run is news."""
    from staffroom.notifications.models import Notification
    from staffroom.search.services import saved_search_create
    from tests.factories import MemberFactory

    member = MemberFactory()
    saved_search_create(member=member, text="speciale tekens", filters={})
    source = lom_source(lom_repository)
    with django_capture_on_commit_callbacks(execute=True):
        assert harvest_run(source=source).created == 2
    assert not Notification.objects.filter(member=member, kind="saved_search_match").exists()

    # The real record at another address (at the same one, it would be a duplicate).
    new = real_lom().replace(b"delen.edurep.nl/download.php?id=", b"delen.edurep.nl/nieuw?id=")
    lom_repository.answer(
        {"verb": "ListRecords", "metadataPrefix": "lom", "from": FIRST},
        list_records_page(
            [("oai:edurep:new", "2024-05-03T08:00:00Z", new)], token=None, date=SECOND
        ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert harvest_run(source=source).created == 1
    assert Notification.objects.filter(member=member, kind="saved_search_match").count() == 1


def test_a_moderated_source_queues_new_records_as_pending(lom_repository):
    source = lom_source(lom_repository, moderated=True)
    run = harvest_run(source=source)

    assert run.status == "done" and run.created == 2
    resources = Resource.objects.filter(organisation=source.organisation)
    assert {resource.status for resource in resources} == {Status.PENDING}
    items = ModerationItem.objects.filter(resource__in=resources, decision="")
    assert items.count() == 2 and {item.reason for item in items} == {"new"}


def test_the_real_dspace_records_import_without_errors_and_report_what_is_unmapped(
    repository,
):
    repository.load_mapping(DSPACE / "fake1")
    source = HarvestSource.objects.create(
        name="EUR", base_url=repository.url, organisation=OrganisationFactory()
    )
    run = harvest_run(source=source, from_="2003-04-10T00:00:00Z")

    assert run.status == "done", run.error
    assert run.created == 16 and run.skipped == 0
    assert repository.requests == [
        {"verb": "Identify"},  # read first: its granularity is seconds
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2003-04-10T00:00:00Z"},
    ]
    source.refresh_from_db()
    assert source.harvested_until == "2003-04-30T16:08:02Z"
    record = HarvestedRecord.objects.get(source=source, identifier="hdl:1765/308")
    assert record.datestamp == "2003-04-15T10:18:51Z"
    resource = record.resource
    assert resource.url == "http://hdl.handle.net/1765/308"
    assert resource.status == Status.PUBLISHED and resource.organisation == source.organisation
    languages = set(
        Resource.objects.filter(organisation=source.organisation).values_list("language", flat=True)
    )
    assert {"en", "nl"} <= languages
    report = run.report
    assert report["unmapped"]["resource types"]["Working Paper"] == 10
    assert report["unmapped"]["languages"]["other"] == 2
    assert "Marketing" in " ".join(report["unmapped"]["subjects"])
    assert report["missing"]["levels"] == 16  # oai_dc has no education level

    # The repository a year later (fake2): new records, and deletions of unknown ones.
    repository.load_mapping(DSPACE / "fake2")
    fake2 = (DSPACE / "fake2" / "00002.xml").read_bytes()
    repository.answer(
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2003-04-30T16:08:02Z"},
        fake2,
    )
    second = harvest_run(source=source)
    assert second.status == "done", second.error
    # 79 new records, three of which give one thesis (http://hdl.handle.net/1765/1154): one
    # resource for the three (test_harvest_duplicates.py).
    assert second.created == 77 and second.deleted == 0
    assert second.report["skip_reasons"]["deleted, and not online here"] == 2
    assert Resource.objects.filter(organisation=source.organisation).count() == 93
    assert HarvestedRecord.objects.filter(source=source).count() == 97


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (200, b"<html><body>Not XML at all", "not XML"),
        (200, b"<?xml version='1.0'?><rss><channel/></rss>", "not OAI-PMH"),
        (500, b"<html>Internal Server Error</html>", "HTTP 500"),
        (200, None, "badResumptionToken"),
    ],
)
def test_a_broken_repository_ends_the_run_as_failed_with_a_message(
    repository, fast_retries, status, body, expected
):
    source = lom_source(repository)
    first = {"verb": "ListRecords", "metadataPrefix": "lom"}
    if body is None:
        repository.answer(
            first,
            list_records_page(
                [("oai:edurep:full", "2024-04-01T08:00:00Z", real_lom())], token="t", date=FIRST
            ),
        )
        repository.answer(
            {"verb": "ListRecords", "resumptionToken": "t"},
            oai_error("badResumptionToken", "expired"),
        )
    else:
        repository.answer(first, body, status=status)

    run = harvest_run(source=source)

    assert run.status == "failed"
    assert expected in run.error
    assert run.finished_at is not None
    source.refresh_from_db()
    assert source.harvested_until == ""  # the next run starts from the same point
    if body is None:
        assert run.created == 1  # what came before the failure stays


def test_an_unreachable_repository_fails_after_retries(fast_retries):
    source = HarvestSource.objects.create(
        name="Gone", base_url="http://127.0.0.1:9/oai", organisation=OrganisationFactory()
    )
    run = harvest_run(source=source)
    assert run.status == "failed" and "Could not reach" in run.error


def test_no_records_match_is_a_successful_empty_run(repository):
    source = lom_source(repository, harvested_until=FIRST)
    repository.answer(
        {"verb": "ListRecords", "metadataPrefix": "lom", "from": FIRST},
        oai_error("noRecordsMatch"),
    )
    run = harvest_run(source=source)
    assert run.status == "done" and run.created == 0
    source.refresh_from_db()
    assert source.harvested_until == "2024-05-01T10:00:00Z"


IEEE_LOM = b"""<lom xmlns="http://ltsc.ieee.org/xsd/LOM">
  <general>
    <title><string language="en">Fractions on the number line</string></title>
    <language>en-GB</language>
    <description><string language="en">Place fractions on a number line.</string></description>
  </general>
  <technical><location>https://example.org/fractions</location></technical>
  <educational>
    <learningResourceType><source>LOMv1.0</source><value>simulation</value></learningResourceType>
  </educational>
  <educational><context><source>LOMv1.0</source><value>school</value></context></educational>
  <rights><copyrightAndOtherRestrictions><source>LOMv1.0</source><value>yes</value>
  </copyrightAndOtherRestrictions>
  <description><string>https://creativecommons.org/licenses/by-sa/4.0/</string></description>
  </rights>
  <classification><purpose><source>LOMv1.0</source><value>educational level</value></purpose>
    <taxonPath><source><string>ISCED 2011</string></source>
      <taxon><id>ISCED 2011 level 1</id></taxon></taxonPath></classification>
  <classification><purpose><source>LOMv1.0</source><value>discipline</value></purpose>
    <taxonPath><source><string>local</string></source>
      <taxon><entry><string language="en">Mathematics</string></entry></taxon></taxonPath>
  </classification>
</lom>"""


def test_the_ieee_binding_reads_like_the_ims_one():
    metadata_element = etree.fromstring(f'<metadata xmlns="{OAI_NS}"/>'.encode())
    metadata_element.append(etree.fromstring(IEEE_LOM))
    metadata = parse_metadata(metadata_element)
    assert metadata.title == "Fractions on the number line"
    assert metadata.url == "https://example.org/fractions"
    assert "repeated <educational>" in metadata.quirks
    assert mapping.map_language(metadata.languages).terms == ["en"]
    assert [t.code for t in mapping.map_type(metadata.types).terms] == ["interactive-exercise"]
    # Copyright "yes" with a licence URL in the rights description: that licence.
    assert rights.map_licence(metadata.rights).terms == ["cc-by-sa"]
    levels = mapping.map_levels(metadata.levels)
    assert [level.isced for level in levels.terms] == ["1"]
    assert levels.unmapped == ["school"]
    assert [s.code for s in mapping.map_subjects(metadata.subjects).terms] == ["fl-wis"]


@pytest.mark.parametrize(
    ("statements", "licence"),
    [
        (["https://creativecommons.org/licenses/by-nc-sa/3.0/nl/"], "cc-by-nc-sa-3.0-nl"),
        (["http://creativecommons.org/publicdomain/zero/1.0/"], "cc0"),
        (["cc-by-nd-40"], "cc-by-nd"),
        (["Gelicenseerd onder CC BY-SA 4.0"], "cc-by-sa"),
        (["Copyright 2001, G. de Jong"], "arr"),
        (["Alle rechten voorbehouden"], "arr"),
    ],
)
def test_licences_from_rights_urls_codes_and_text(statements, licence):
    assert rights.map_licence(statements).terms == [licence]


def test_unknown_rights_and_levels_are_reported_not_guessed():
    licence = rights.map_licence(["Use freely for teaching"])
    assert licence.terms == ["see-source"] and licence.unmapped == ["Use freely for teaching"]
    levels = mapping.map_levels([Term(value="Groep 5"), Term(value="klas 9 Mars")], "nl")
    assert [level.code for level in levels.terms] == ["nl-po-5"]
    assert levels.unmapped == ["klas 9 Mars"]
    flemish = mapping.map_levels([Term(label="3de leerjaar"), Term(value="Hoger onderwijs")])
    assert [level.code for level in flemish.terms] == ["fl-lo-3", "fl-ho"]
