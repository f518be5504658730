"""Checks on the curriculum vocabulary data files (levels, subjects, resource types).

Pure standard library: the files are the source the loader reads, so mistakes in them (a
dangling parent, a crosswalk into the same region, an invented vocabulary URI) are caught here
before any database sees them.
"""

import json
import re
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "src" / "staffroom" / "curriculum" / "data"
VOCAB_DIR = PROJECT_ROOT / "tests" / "data" / "vocab"

REGIONS = {"fl", "nl"}
OTHER_REGION = {"fl": "nl", "nl": "fl"}
LABEL_LANGUAGES = {"nl", "en", "fr", "de"}
# ISCED 2011: 02 pre-primary, 1 primary, 24/25 lower secondary general/vocational, 34/35 upper
# secondary general/vocational, 45 post-secondary non-tertiary vocational, 5 short-cycle
# tertiary, 6 bachelor, 7 master.
ISCED_CODES = {"02", "1", "24", "25", "34", "35", "45", "5", "6", "7"}
CODE_PATTERN = re.compile(r"^(fl|nl)-[a-z0-9]+(-[a-z0-9]+)*$")
RESOURCE_TYPE_CODES = [
    "worksheet",
    "lesson-plan",
    "exercise",
    "interactive-exercise",
    "video",
    "audio",
    "presentation",
    "article",
    "application",
    "game",
    "assessment",
    "learning-path",
    "teacher-training",
]
HCRT_BASE = "https://w3id.org/kim/hcrt/"
OEH_BASE = "http://w3id.org/openeduhub/vocabs/learningResourceType/"


def _read(name: str) -> list[dict]:
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))


LEVELS = _read("levels")
SUBJECTS = _read("subjects")
RESOURCE_TYPES = _read("resource_types")
REGIONAL = {"levels": LEVELS, "subjects": SUBJECTS}


def _by_label(entries: list[dict], region: str, pattern: str) -> dict[int, dict]:
    """Entries of ``region`` whose Dutch label matches ``pattern``, keyed by its number group."""
    found = {}
    for entry in entries:
        match = re.fullmatch(pattern, entry["label"]["nl"])
        if entry["region"] == region and match:
            found[int(match.group(1))] = entry
    return found


def _by_code(entries: list[dict]) -> dict[str, dict]:
    return {entry["code"]: entry for entry in entries}


# --- levels and subjects: structure -------------------------------------------------------


@pytest.mark.parametrize("name", REGIONAL)
def test_codes_are_unique_slugs_with_their_region_prefix(name):
    entries = REGIONAL[name]
    codes = [entry["code"] for entry in entries]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    assert not duplicates, f"{name}: duplicate codes {duplicates}"
    for entry in entries:
        assert CODE_PATTERN.match(entry["code"]), f"{name}: bad code {entry['code']!r}"
        assert entry["region"] in REGIONS, f"{name}: {entry['code']} has region {entry['region']}"
        assert entry["code"].startswith(entry["region"] + "-"), entry["code"]


@pytest.mark.parametrize("name", REGIONAL)
def test_every_region_has_terms(name):
    regions = {entry["region"] for entry in REGIONAL[name]}
    assert regions == REGIONS


@pytest.mark.parametrize("name", REGIONAL)
def test_parents_exist_in_the_same_region_and_come_first(name):
    seen: dict[str, dict] = {}
    for entry in REGIONAL[name]:
        parent = entry["parent"]
        if parent is not None:
            assert parent in seen, f"{name}: parent {parent} of {entry['code']} is not earlier"
            assert seen[parent]["region"] == entry["region"], (
                f"{name}: {entry['code']} has parent {parent} of another region"
            )
        seen[entry["code"]] = entry


@pytest.mark.parametrize("name", REGIONAL)
def test_every_term_has_an_equivalent_in_the_other_region(name):
    by_code = _by_code(REGIONAL[name])
    for entry in REGIONAL[name]:
        equivalent = entry.get("equivalent")
        assert equivalent, f"{name}: {entry['code']} has no equivalent"
        assert equivalent in by_code, f"{name}: {entry['code']} -> unknown {equivalent}"
        assert by_code[equivalent]["region"] == OTHER_REGION[entry["region"]], (
            f"{name}: {entry['code']} -> {equivalent} stays in its own region"
        )


@pytest.mark.parametrize("name", REGIONAL)
def test_labels_are_present_and_distinct_within_a_region(name):
    for entry in REGIONAL[name]:
        labels = entry["label"]
        assert set(labels) <= LABEL_LANGUAGES, f"{name}: {entry['code']} has {set(labels)}"
        for language in ("nl", "en"):
            value = labels.get(language)
            assert isinstance(value, str) and value.strip(), (
                f"{name}: {entry['code']} lacks a {language} label"
            )
        for language, value in labels.items():
            assert isinstance(value, str) and value.strip() == value and value, (
                f"{name}: {entry['code']} has an empty or padded {language} label"
            )
    # A teacher picks from one region's list, so labels there must tell the terms apart.
    for region in REGIONS:
        for language in ("nl", "en"):
            labels = [e["label"][language] for e in REGIONAL[name] if e["region"] == region]
            duplicates = sorted({label for label in labels if labels.count(label) > 1})
            assert not duplicates, f"{name}/{region}: duplicate {language} labels {duplicates}"


# --- levels: content ----------------------------------------------------------------------


def test_isced_codes_are_isced_2011_levels():
    for level in LEVELS:
        assert level["isced"] in ISCED_CODES, f"{level['code']}: isced {level['isced']!r}"


def test_flemish_leerjaar_n_is_dutch_groep_n_plus_2():
    leerjaren = _by_label(LEVELS, "fl", r"(\d)(?:ste|de) leerjaar")
    groepen = _by_label(LEVELS, "nl", r"Groep (\d)")
    assert sorted(leerjaren) == [1, 2, 3, 4, 5, 6]
    assert sorted(groepen) == [1, 2, 3, 4, 5, 6, 7, 8]
    for n, leerjaar in leerjaren.items():
        assert leerjaar["equivalent"] == groepen[n + 2]["code"], f"{n}de leerjaar"
        assert groepen[n + 2]["equivalent"] == leerjaar["code"], f"groep {n + 2}"


def test_kleuterklassen_and_groep_1_2_map_onto_each_other():
    by_code = _by_code(LEVELS)
    kleuterklassen = _by_label(LEVELS, "fl", r"(\d)(?:ste|de) kleuterklas")
    groepen = _by_label(LEVELS, "nl", r"Groep (\d)")
    assert sorted(kleuterklassen) == [1, 2, 3]
    for klas in kleuterklassen.values():
        assert by_code[klas["equivalent"]] in (groepen[1], groepen[2]), klas["code"]
        assert klas["isced"] == "02"
    # Groep 2 is the year before groep 3 (= 1ste leerjaar), like the 3de kleuterklas.
    assert groepen[2]["equivalent"] == kleuterklassen[3]["code"]
    assert groepen[1]["equivalent"] == kleuterklassen[2]["code"]


def test_isced_of_school_years_follows_the_design_table():
    expected = {
        ("fl", r"(\d)(?:ste|de) leerjaar"): "1",
        ("fl", r"(\d)(?:ste|de) kleuterklas"): "02",
    }
    for (region, pattern), isced in expected.items():
        for level in _by_label(LEVELS, region, pattern).values():
            assert level["isced"] == isced, level["code"]
    for n, groep in _by_label(LEVELS, "nl", r"Groep (\d)").items():
        assert groep["isced"] == ("02" if n <= 2 else "1"), groep["code"]
    vo_years = {
        "Vmbo leerjaar": {1: "24", 2: "24", 3: "24", 4: "24"},
        "Havo": {1: "24", 2: "24", 3: "24", 4: "34", 5: "34"},
        "Vwo": {1: "24", 2: "24", 3: "24", 4: "34", 5: "34", 6: "34"},
    }
    for prefix, years in vo_years.items():
        found = _by_label(LEVELS, "nl", rf"{prefix} (\d)")
        assert {n: level["isced"] for n, level in found.items()} == years, prefix


def test_every_school_year_level_sits_under_its_school_type():
    by_code = _by_code(LEVELS)
    for prefix, parent_label in (("Vmbo leerjaar", "Vmbo"), ("Havo", "Havo"), ("Vwo", "Vwo")):
        for level in _by_label(LEVELS, "nl", rf"{prefix} (\d)").values():
            assert by_code[level["parent"]]["label"]["nl"] == parent_label, level["code"]
    for level in _by_label(LEVELS, "fl", r"(\d)(?:ste|de) leerjaar").values():
        assert by_code[level["parent"]]["label"]["nl"] == "Lager onderwijs", level["code"]


def test_required_levels_exist():
    labels = {(level["region"], level["label"]["nl"]) for level in LEVELS}
    required = {
        "fl": [
            "Kleuteronderwijs",
            "Lager onderwijs",
            "Secundair onderwijs",
            "1ste graad",
            "1ste graad A-stroom",
            "1ste graad B-stroom",
            "2de graad",
            "2de graad doorstroomfinaliteit",
            "2de graad dubbele finaliteit",
            "2de graad arbeidsmarktfinaliteit",
            "3de graad",
            "3de graad doorstroomfinaliteit",
            "3de graad dubbele finaliteit",
            "3de graad arbeidsmarktfinaliteit",
            "Buitengewoon onderwijs",
            "Buitengewoon basisonderwijs",
            "Buitengewoon secundair onderwijs",
            "Hoger onderwijs",
            "Volwassenenonderwijs",
            "Lerarenopleiding",
        ],
        "nl": [
            "Primair onderwijs",
            "Voortgezet onderwijs",
            "Vmbo",
            "Havo",
            "Vwo",
            "Praktijkonderwijs",
            "Mbo",
            "Hbo",
            "Wo",
            "Hoger onderwijs",
            "Speciaal basisonderwijs",
            "Voortgezet speciaal onderwijs (vso)",
            "Lerarenopleiding",
            "Pabo",
            "Volwasseneneducatie",
        ],
    }
    for region, names in required.items():
        missing = [name for name in names if (region, name) not in labels]
        assert not missing, f"{region}: missing levels {missing}"


def test_flemish_finaliteiten_have_the_expected_isced_orientation():
    for graad in ("2de", "3de"):
        found = {
            level["label"]["nl"]: level["isced"]
            for level in LEVELS
            if level["region"] == "fl" and level["label"]["nl"].startswith(f"{graad} graad ")
        }
        assert found[f"{graad} graad doorstroomfinaliteit"] == "34"
        assert found[f"{graad} graad arbeidsmarktfinaliteit"] == "35"
        assert found[f"{graad} graad dubbele finaliteit"] in {"34", "35"}


# --- subjects: content --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flemish", "dutch"),
    [
        ("Wereldoriëntatie", "Oriëntatie op jezelf en de wereld"),
        ("Fysica", "Natuurkunde"),
        ("Chemie", "Scheikunde"),
        ("Biologie", "Biologie"),
        ("Wiskunde", "Wiskunde"),
        ("Nederlands", "Nederlands"),
        ("Frans", "Frans"),
        ("Engels", "Engels"),
        ("Duits", "Duits"),
        ("Latijn", "Latijn"),
        ("Grieks", "Grieks"),
        ("Geschiedenis", "Geschiedenis"),
        ("Aardrijkskunde", "Aardrijkskunde"),
        ("Economie", "Economie"),
    ],
)
def test_subject_crosswalk_pairs_map_both_ways(flemish, dutch):
    fl = {s["label"]["nl"]: s for s in SUBJECTS if s["region"] == "fl"}
    nl = {s["label"]["nl"]: s for s in SUBJECTS if s["region"] == "nl"}
    assert fl[flemish]["equivalent"] == nl[dutch]["code"]
    assert nl[dutch]["equivalent"] == fl[flemish]["code"]


@pytest.mark.parametrize(
    ("flemish", "dutch"),
    [
        ("Lichamelijke opvoeding", r"Bewegingsonderwijs.*"),
        ("Muzische .*vorming", r"Kunstzinnige oriëntatie"),
        ("Levensbeschouwelijke vakken", r"Levensbeschouwing"),
    ],
)
def test_flemish_subject_maps_to_the_dutch_term(flemish, dutch):
    by_code = _by_code(SUBJECTS)
    [fl] = [s for s in SUBJECTS if s["region"] == "fl" and re.fullmatch(flemish, s["label"]["nl"])]
    assert re.fullmatch(dutch, by_code[fl["equivalent"]]["label"]["nl"]), fl["code"]


def test_dutch_primary_arithmetic_maps_to_flemish_wiskunde():
    by_code = _by_code(SUBJECTS)
    [rekenen] = [s for s in SUBJECTS if s["label"]["nl"] == "Rekenen en wiskunde"]
    assert by_code[rekenen["equivalent"]]["label"]["nl"] == "Wiskunde"


# --- resource types -----------------------------------------------------------------------


def test_resource_types_are_exactly_the_agreed_ones_in_order():
    assert [kind["code"] for kind in RESOURCE_TYPES] == RESOURCE_TYPE_CODES


def test_resource_types_have_labels_in_all_interface_languages():
    for kind in RESOURCE_TYPES:
        assert set(kind["label"]) == LABEL_LANGUAGES, kind["code"]
        assert all(value.strip() for value in kind["label"].values()), kind["code"]
    english = [kind["label"]["en"] for kind in RESOURCE_TYPES]
    assert len(set(english)) == len(english)


def _concepts(path: Path) -> dict[str, str]:
    """The concepts a Turtle file defines: full URI -> the text of its description block."""
    text = path.read_text(encoding="utf-8")
    base = re.search(r"^@base\s+<([^>]+)>\s*\.", text, re.MULTILINE)
    assert base, f"no @base in {path.name}"
    blocks = re.split(r"\n(?=<)", text)
    concepts = {}
    for block in blocks:
        match = re.match(r"<([^>]*)>\s+a\s+skos:Concept\b", block.strip())
        if match:
            concepts[base.group(1) + match.group(1)] = block
    return concepts


@pytest.fixture(scope="module")
def vocabularies() -> dict[str, dict[str, str]]:
    return {
        "hcrt": _concepts(VOCAB_DIR / "oersi-hcrt.ttl"),
        "oeh": _concepts(VOCAB_DIR / "oersi-learningResourceType.ttl"),
    }


def test_turtle_parsing_finds_the_concepts(vocabularies):
    # Guards the checks below against a parser that silently finds nothing.
    assert HCRT_BASE + "worksheet" in vocabularies["hcrt"]
    assert OEH_BASE + "worksheet" in vocabularies["oeh"]
    assert len(vocabularies["hcrt"]) > 20
    assert len(vocabularies["oeh"]) > 30


@pytest.mark.parametrize("kind", RESOURCE_TYPES, ids=lambda kind: kind["code"])
def test_resource_type_uris_are_concepts_of_the_vocabularies(kind, vocabularies):
    assert kind["hcrt"] in vocabularies["hcrt"], f"{kind['code']}: unknown HCRT {kind['hcrt']}"
    if kind["oeh"] is not None:
        assert kind["oeh"] in vocabularies["oeh"], f"{kind['code']}: unknown OEH {kind['oeh']}"


@pytest.mark.parametrize(
    "kind",
    [kind for kind in RESOURCE_TYPES if kind["oeh"] is not None],
    ids=lambda kind: kind["code"],
)
def test_oeh_and_hcrt_choices_agree_where_oeh_declares_a_match(kind, vocabularies):
    block = vocabularies["oeh"][kind["oeh"]]
    match = re.search(r"skos:(?:exact|close|broad)Match\s+hcrt:(\w+)", block)
    if match:
        assert kind["hcrt"] == HCRT_BASE + match.group(1), kind["code"]
