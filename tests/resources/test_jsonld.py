"""schema.org/LRMI JSON-LD of resources, validated against the AMB JSON Schema
(tests/data/lrmi-amb, dini-ag-kim/amb draft) with its $refs resolved locally."""

import json
import re
from pathlib import Path

import pytest
from django.urls import reverse
from tests.factories import (
    DraftFactory,
    OrganisationFactory,
    ResourceFactory,
    ResourceFileFactory,
)

from staffroom.accounts.models import Member
from staffroom.core.jsonld import jsonld_script
from staffroom.curriculum.models import Level, ResourceType
from staffroom.resources.jsonld import (
    HCRT_LABELS,
    ISCED_TO_KIM,
    KIM_LEVEL_LABELS,
    KIM_SUBJECT_LABELS,
    SUBJECT_TO_KIM,
    resource_jsonld,
)

DATA = Path(__file__).resolve().parents[1] / "data"
AMB = DATA / "lrmi-amb"
SITE = "https://staffroom.example"
URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _amb_validator():
    from jsonschema import Draft7Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    schemas = [json.loads(path.read_text()) for path in (AMB / "schemas").glob("*.json")]
    registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema, default_specification=DRAFT7))
        for schema in schemas
    )
    main = next(schema for schema in schemas if schema["$id"].endswith("/schema.json"))
    # date-time is checked by rfc3339-validator; "uri" needs a package we do not install, so
    # a small check of our own stands in for it.
    checker = FormatChecker()
    assert "date-time" in checker.checkers, "rfc3339-validator is needed to check date-times"

    @checker.checks("uri")
    def is_uri(value) -> bool:
        if not isinstance(value, str):
            return True
        # RFC 3986: an absolute URI has a scheme; no whitespace anywhere.
        return bool(URI_SCHEME.match(value)) and not re.search(r"\s", value)

    return Draft7Validator(main, registry=registry, format_checker=checker)


@pytest.fixture(scope="module")
def amb():
    return _amb_validator()


def assert_valid(validator, data: dict) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize(
    "path", sorted((AMB / "examples" / "valid").glob("*.json")), ids=lambda path: path.name
)
def test_the_amb_valid_examples_pass_our_validator(amb, path):
    data = json.loads(path.read_text())
    if path.name == "dateTime.json":
        # Known quirk: its dateCreated has no time zone, which RFC 3339 (and so Python's
        # check) rejects; proof that the date-time format is really checked.
        assert any("2019-07-03T13:13:13" in e.message for e in amb.iter_errors(data))
        data["dateCreated"] += "Z"
    assert_valid(amb, data)


@pytest.mark.parametrize(
    "path", sorted((AMB / "examples" / "invalid").glob("*.json")), ids=lambda path: path.name
)
def test_the_amb_invalid_examples_fail_our_validator(amb, path):
    assert list(amb.iter_errors(json.loads(path.read_text())))


@pytest.mark.django_db
def test_a_link_resource(amb):
    resource = ResourceFactory(
        title="Breuken vergelijken",
        keywords=["breuken", "wiskunde"],
        levels=["fl-lo-3", "fl-lo-4"],
        subjects=["fl-wis"],
    )
    data = resource_jsonld(resource, SITE)
    assert_valid(amb, data)
    assert data["@context"] == ["https://w3id.org/kim/amb/context.jsonld", {"@language": "nl"}]
    assert data["id"] == SITE + resource.get_absolute_url()
    assert data["type"] == ["LearningResource"]
    assert data["inLanguage"] == ["nl"]
    assert data["keywords"] == ["breuken", "wiskunde"]
    assert data["license"] == {"id": "https://creativecommons.org/licenses/by/4.0/"}
    assert data["isAccessibleForFree"] is True
    assert data["creator"] == [
        {
            "type": "Person",
            "name": resource.contributor.display_name,
            "id": SITE + resource.contributor.get_absolute_url(),
        }
    ]
    # Primary school (ISCED 1), once, with the KIM labels.
    assert data["educationalLevel"] == [
        {
            "id": "https://w3id.org/kim/educationalLevel/level_1",
            "type": "Concept",
            "prefLabel": {"en": "Primary education", "de": "Primarbereich"},
        }
    ]
    about = {concept["id"]: concept for concept in data["about"]}
    assert "http://w3id.org/kim/schulfaecher/s1017" in about
    assert about["http://127.0.0.1:8000/vocabularies/subjects/fl-wis"] == {
        "id": "http://127.0.0.1:8000/vocabularies/subjects/fl-wis",
        "type": "Concept",
    }
    assert {
        "type": "AlignmentObject",
        "alignmentType": "educationalLevel",
        "educationalFramework": "Staffroom education levels and subjects (Flanders)",
        "targetUrl": "http://127.0.0.1:8000/vocabularies/levels/fl-lo-3",
    } in data["educationalAlignment"]
    assert data["learningResourceType"][0] == {
        "id": "https://w3id.org/kim/hcrt/worksheet",
        "type": "Concept",
        "prefLabel": {"de": "Arbeitsmaterial", "en": "Worksheet"},
    }
    for key in ("dateCreated", "datePublished", "dateModified"):
        assert re.search(r"T\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$", data[key]), data[key]
    assert data["mainEntityOfPage"][0]["id"] == data["id"]
    assert "encoding" not in data


@pytest.mark.django_db
def test_a_file_resource_describes_its_public_files(amb, settings):
    resource = DraftFactory(title="Presentatie over breuken", status="published")
    resource.resource_type = ResourceType.objects.get(code="presentation")
    resource.published_at = resource.created_at
    resource.save()
    shown = ResourceFileFactory(resource=resource)
    ResourceFileFactory(resource=resource, pending=True, original_name="nieuw.pdf")
    data = resource_jsonld(resource, SITE)
    assert_valid(amb, data)
    assert data["type"] == ["LearningResource", "PresentationDigitalDocument"]
    assert data["encoding"] == [
        {
            "type": "MediaObject",
            "contentUrl": SITE + reverse("resources:download", args=[resource.pk, shown.pk]),
            "contentSize": str(shown.size),
            "encodingFormat": "application/pdf",
            "sha256": shown.sha256,
        }
    ]
    assert data["learningResourceType"][0]["id"] == "https://w3id.org/kim/hcrt/slide"


@pytest.mark.django_db
def test_an_organisations_all_rights_reserved_video(amb):
    organisation = OrganisationFactory(name="Canon Cultuurcel", website="https://cultuur.example")
    resource = ResourceFactory(
        organisation=organisation,
        licence="arr",
        kind="embed",
        url="https://www.youtube.com/watch?v=abc",
        resource_type=ResourceType.objects.get(code="video"),
    )
    data = resource_jsonld(resource, SITE)
    assert_valid(amb, data)
    assert "license" not in data  # AMB allows open licences only
    assert data["type"] == ["LearningResource", "VideoObject"]
    assert data["creator"][0]["type"] == "Organization"
    assert data["publisher"] == [
        {"type": "Organization", "name": "Canon Cultuurcel", "id": "https://cultuur.example"}
    ]
    assert data["encoding"] == [
        {"type": "MediaObject", "embedUrl": "https://www.youtube.com/watch?v=abc"}
    ]


@pytest.mark.django_db
def test_non_ascii_text_and_a_named_author(amb):
    resource = ResourceFactory(
        title="Élève & « crème brûlée » — 漢字 </script>",
        description="Zeeën, ruïnes en Ærø.",
        language="fr",
        author_name="Søren Ødegård",
        organisation=OrganisationFactory(),
        keywords=["crème", "über"],
    )
    data = resource_jsonld(resource, SITE)
    assert_valid(amb, data)
    assert data["@context"][1] == {"@language": "fr"}
    assert data["creator"][0]["name"] == "Søren Ødegård"
    assert data["creator"][0]["affiliation"]["type"] == "Organization"
    script = jsonld_script(data)
    assert "</script>" not in script[: -len("</script>")]
    assert "crème brûlée" in script  # not \u-escaped: readable and shorter
    inner = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(inner)["name"] == resource.title


@pytest.mark.django_db
def test_levels_of_both_regions_and_unmapped_subjects(amb):
    resource = ResourceFactory(
        levels=["fl-ko-2", "nl-havo-4", "fl-so-2g-df", "nl-hbo"],
        subjects=["fl-ned", "nl-lb"],  # no KIM school subject matches either
        language="other",
        resource_type=None,
    )
    data = resource_jsonld(resource, SITE)
    assert_valid(amb, data)
    assert [level["id"].rsplit("/", 1)[1] for level in data["educationalLevel"]] == [
        "level_0",
        "level_3",
        "level_6",
    ]
    assert "about" not in data and "learningResourceType" not in data
    assert "inLanguage" not in data and data["@context"][1] == {"@language": "nl"}
    frameworks = {a["educationalFramework"] for a in data["educationalAlignment"]}
    assert len(frameworks) == 2  # Flemish and Dutch terms
    assert len(data["educationalAlignment"]) == 6


@pytest.mark.django_db
def test_every_term_maps_onto_the_kim_vocabularies():
    """Each ISCED code our levels carry has a KIM level; the labels and subject codes we copy
    are the vocabularies' own."""
    codes = set(Level.objects.values_list("isced", flat=True))
    assert codes <= set(ISCED_TO_KIM)
    text = (DATA / "vocab" / "kim-educationalLevel-isced.ttl").read_text()
    for kim, labels in KIM_LEVEL_LABELS.items():
        block = text[text.index(f"<{kim}> a skos:Concept") :].split("\n\n")[0]
        assert f'"{labels["en"]}"@en' in block and f'"{labels["de"]}"@de' in block
        digit = kim.removeprefix("level_")
        assert f"isced2011:level{digit}" in block
    text = (DATA / "vocab" / "oersi-hcrt.ttl").read_text()
    for concept, labels in HCRT_LABELS.items():
        assert f'"{labels["de"]}"@de, "{labels["en"]}"@en' in text, concept
    assert set(SUBJECT_TO_KIM.values()) <= set(KIM_SUBJECT_LABELS)


@pytest.mark.django_db
def test_the_page_carries_the_jsonld_in_its_head(client):
    resource = ResourceFactory(title="Klok lezen </script><b>")
    response = client.get(resource.get_absolute_url())
    html = response.content.decode()
    head = html[: html.index("</head>")]
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    assert match, "no JSON-LD in the head"
    data = json.loads(match.group(1))
    assert data["name"] == "Klok lezen </script><b>"
    # Our terms as URIs only: a Dutch viewer's page names no Flemish level.
    assert "3de leerjaar" not in match.group(1)
    assert data["id"].endswith(resource.get_absolute_url())


@pytest.mark.django_db
def test_drafts_carry_no_jsonld(client):
    draft = DraftFactory()
    client.force_login(Member.objects.get(pk=draft.contributor_id))
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert b"application/ld+json" not in response.content
