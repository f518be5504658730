"""Edurep's education levels: every id of its vocabulary (VDEX id, OBK UUID, Dutch label) maps to
our levels; a vmbo id gives its leerweg and its year ("kl" is the kaderberoepsgerichte leerweg,
not "klas"); only what has no level of ours is reported; and a Staffroom's own export comes back
with the levels and type it went out with."""

import json
from pathlib import Path

import pytest
from lxml import etree

from staffroom.curriculum.models import Level, ResourceType
from staffroom.interop.harvest import mapping
from staffroom.interop.harvest.parse import Term, parse_metadata
from staffroom.interop.harvest.records import import_record
from staffroom.interop.harvest.report import Report
from staffroom.interop.lom import lom_serialize, nl_lom_serialize
from staffroom.interop.models.harvest import HarvestRun, HarvestSource
from staffroom.resources.models import Resource
from tests.factories import MemberFactory, OrganisationFactory, ResourceFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data" / "edurep"
OAI = "{http://www.openarchives.org/OAI/2.0/}"
VDEX = "http://purl.edustandaard.nl/vdex_classification_educationallevel_czp_20071115.xml"
OBK = "http://purl.edustandaard.nl/begrippenkader"
VOCABULARY = json.loads(mapping.EDUREP_LEVELS.read_text(encoding="utf-8"))["terms"]


def _codes(mapped) -> set[str]:
    return {level.code for level in mapped.terms}


def _record(name: str):
    return etree.fromstring((DATA / name).read_bytes())


def _metadata(name: str):
    return parse_metadata(_record(name).find(f"{OAI}metadata"))


def test_the_vocabulary_holds_every_edurep_id_and_only_our_levels():
    ids = {entry["id"] for entry in VOCABULARY}
    expected = (
        {f"po_groep{n}" for n in range(1, 9)}
        | {f"vmbo_{way}{n}" for way in ("bl", "kl", "gl", "tl") for n in range(1, 5)}
        | {f"havo{n}" for n in range(1, 6)}
        | {f"vwo{n}" for n in range(1, 7)}
        | {f"mbo_niveau{n}" for n in range(1, 5)}
        | {f"educatie_niveau{n}" for n in range(1, 5)}
        | {"SBaO", "SO", "VVE", "PO", "VO", "praktonderwijs", "vmbo", "havo", "vwo", "HBO"}
        | {"WO", "BVE", "mbo", "educatie", "vavo", "bedrijfsopleiding"}
    )
    assert ids == expected and len(VOCABULARY) == 59
    ours = set(Level.objects.values_list("code", flat=True))
    for entry in VOCABULARY:
        assert set(entry["levels"]) <= ours, entry
        assert len(entry["obk"]) == 36 and entry["label"], entry
    assert len({entry["obk"] for entry in VOCABULARY}) == 59


@pytest.mark.parametrize("entry", VOCABULARY, ids=[entry["id"] for entry in VOCABULARY])
def test_every_id_uuid_and_label_of_the_vocabulary_maps(entry):
    expected = set(entry["levels"])
    as_vdex = Term(source=VDEX, value=entry["id"])
    as_obk = Term(source=OBK, value=entry["obk"], label=entry["label"])
    as_label = Term(source=OBK, label=entry["label"])
    for term in (as_vdex, as_obk, as_label):
        mapped = mapping.map_levels([term], mapping.region_hint([term]))
        assert _codes(mapped) == expected, term
        # Reported only when no level of ours fits (a company training).
        assert mapped.unmapped == ([] if expected else [str(term)])


@pytest.mark.parametrize(
    ("value", "codes"),
    [
        ("vmbo_kl3", {"nl-vmbo-kb", "nl-vmbo-3"}),  # kaderberoepsgerichte leerweg, not "klas"
        ("vmbo_kl2", {"nl-vmbo-kb", "nl-vmbo-2"}),
        ("vmbo_bl4", {"nl-vmbo-bb", "nl-vmbo-4"}),
        ("vmbo_tl1", {"nl-vmbo-tl", "nl-vmbo-1"}),
        ("vmbo-kb-3", {"nl-vmbo-kb", "nl-vmbo-3"}),
        ("VMBO GT 4", {"nl-vmbo-gl", "nl-vmbo-tl", "nl-vmbo-4"}),
        ("vmbo_bb", {"nl-vmbo-bb"}),
        ("vmbo klas 2", {"nl-vmbo-2"}),
        ("havo_3", {"nl-havo-3"}),
        ("vwo 6", {"nl-vwo-6"}),
        ("Groep 5", {"nl-po-5"}),
        ("po_groep8", {"nl-po-8"}),
        ("mbo_niveau1", {"nl-mbo-1"}),
        ("MBO, Niveau 4: Middenkaderopleiding", {"nl-mbo-4"}),
        ("HO", {"nl-ho"}),
    ],
)
def test_level_ids_as_repositories_spell_them(value, codes):
    mapped = mapping.map_levels([Term(value=value)], "nl")
    assert _codes(mapped) == codes and mapped.unmapped == []


def test_an_edurep_record_keeps_leerweg_year_and_mbo_level_and_reports_only_what_has_no_level():
    metadata = _metadata("edurep-vmbo-kl3-mbo4.xml")
    hint = mapping.region_hint(metadata.levels)
    assert hint == "nl"
    levels = mapping.map_levels(metadata.levels, hint)
    assert _codes(levels) == {
        "nl-vo",
        "nl-vmbo",
        "nl-vmbo-kb",
        "nl-vmbo-3",
        "nl-vmbo-bb",
        "nl-vmbo-4",
        "nl-mbo",
        "nl-volw",
        "nl-mbo-4",
    }
    assert levels.unmapped == ["bedrijfsopleiding"]


def test_po_groepen_given_as_bare_ids_are_mapped_and_not_reported():
    metadata = _metadata("edurep-po-groepen.xml")
    levels = mapping.map_levels(metadata.levels, mapping.region_hint(metadata.levels))
    assert _codes(levels) == {"nl-po", "nl-po-1", "nl-po-2", "nl-po-3", "nl-po-4"}
    assert levels.unmapped == []


def _import(record, source: HarvestSource, report: Report) -> Resource:
    run = HarvestRun.objects.create(source=source)
    contributor = MemberFactory()
    outcome = import_record(record, source=source, run=run, report=report, contributor=contributor)
    assert outcome == "created", report.as_json()
    identifier = record.findtext(f"{OAI}header/{OAI}identifier")
    return source.records.get(identifier=identifier).resource


def test_the_harvested_resource_gets_the_levels_and_the_report_lists_only_the_unmapped():
    source = HarvestSource.objects.create(
        name="Edurep", base_url="https://example.org/oai", organisation=OrganisationFactory()
    )
    report = Report()
    resource = _import(_record("edurep-vmbo-kl3-mbo4.xml"), source, report)
    assert {"nl-vmbo-kb", "nl-vmbo-3", "nl-vmbo-bb", "nl-vmbo-4", "nl-mbo-4"} <= set(
        resource.levels.values_list("code", flat=True)
    )
    assert resource.title == "Elektrische schakelingen & veiligheid"
    assert resource.language == "nl"
    groepen = _import(_record("edurep-po-groepen.xml"), source, report)
    assert set(groepen.levels.values_list("code", flat=True)) == {
        "nl-po",
        "nl-po-1",
        "nl-po-2",
        "nl-po-3",
        "nl-po-4",
    }
    assert report.as_json()["unmapped"]["levels"] == {"bedrijfsopleiding": 1}


def _wrapped(lom, identifier: str):
    record = etree.fromstring(
        f"<record xmlns='{OAI[1:-1]}'><header><identifier>{identifier}</identifier>"
        "<datestamp>2025-01-01T00:00:00Z</datestamp></header><metadata/></record>"
    )
    record.find(f"{OAI}metadata").append(lom)
    return record


@pytest.mark.parametrize("serialize", [nl_lom_serialize, lom_serialize])
def test_a_staffroom_export_comes_back_with_its_levels_and_type(settings, serialize):
    settings.SITE_URL = "https://other-staffroom.example.org"
    original = ResourceFactory(
        levels=["nl-vmbo-kb", "nl-vmbo-3", "nl-mbo-4", "fl-lo-3"],
        resource_type=ResourceType.objects.get(code="exercise"),
        language="en",
        title="Series circuits",
    )
    lom = serialize(Resource.objects.get(pk=original.pk))
    metadata = parse_metadata(_wrapped(lom, "x").find(f"{OAI}metadata"))

    levels = mapping.map_levels(metadata.levels, mapping.region_hint(metadata.levels))
    assert _codes(levels) == {"nl-vmbo-kb", "nl-vmbo-3", "nl-mbo-4", "fl-lo-3"}
    assert levels.unmapped == []
    kind = mapping.map_type(metadata.types)
    assert [t.code for t in kind.terms] == ["exercise"] and kind.unmapped == []
    assert mapping.map_language(metadata.languages).terms == ["en"]

    source = HarvestSource.objects.create(
        name="Other Staffroom",
        base_url="https://other-staffroom.example.org/oai",
        organisation=OrganisationFactory(),
    )
    copy = _import(_wrapped(serialize(original), f"oai:other:{original.pk}"), source, Report())
    assert set(copy.levels.values_list("code", flat=True)) == {
        "nl-vmbo-kb",
        "nl-vmbo-3",
        "nl-mbo-4",
        "fl-lo-3",
    }
    assert copy.resource_type.code == "exercise" and copy.language == "en"
