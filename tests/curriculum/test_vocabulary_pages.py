"""The URIs our metadata gives levels and subjects resolve: a page for people, SKOS JSON-LD for
programs."""

import json
import re

import pytest
from django.urls import reverse

from staffroom.curriculum.models import Level, Subject
from staffroom.curriculum.queries import forget_vocabularies
from staffroom.interop.lom import vocabulary_uri
from staffroom.resources.jsonld import concept_uri as term_uri

pytestmark = pytest.mark.django_db


def local(uri: str, settings) -> str:
    assert uri.startswith(settings.SITE_URL)
    return uri.removeprefix(settings.SITE_URL.rstrip("/"))


def test_a_level_uri_resolves_to_a_page_with_its_hierarchy_and_crosswalk(client, settings):
    level = Level.objects.get(code="fl-lo-3")
    page = client.get(local(term_uri(level), settings))
    assert page.status_code == 200
    html = page.content.decode()
    assert "3de leerjaar" in html or "Primary year 3" in html
    assert reverse("curriculum:concept", args=["levels", "fl-lo"]) in html  # broader
    assert reverse("curriculum:concept", args=["levels", level.equivalent.code]) in html
    assert f"?level={level.code}" in html
    assert '<script type="application/ld+json">' in html


def test_programs_get_skos_json_ld(client, settings):
    subject = Subject.objects.get(code="fl-wis")
    response = client.get(local(term_uri(subject), settings), HTTP_ACCEPT="application/ld+json")
    assert response["Content-Type"] == "application/ld+json"
    data = response.json()
    assert data["type"] == "Concept" and data["notation"] == "fl-wis"
    assert data["id"] == term_uri(subject)
    assert data["prefLabel"]["nl"] == subject.labels["nl"]
    assert {"id": term_uri(subject.equivalent)} in data["closeMatch"]
    scheme = client.get(reverse("curriculum:scheme", args=["subjects"]), {"format": "jsonld"})
    assert scheme.json()["type"] == "ConceptScheme"


def test_unknown_schemes_and_codes_are_not_found(client, settings):
    assert client.get("/vocabularies/colours").status_code == 404
    assert client.get("/vocabularies/levels/no-such-level").status_code == 404
    # The scheme URI LOM records name as the source of their taxon paths.
    assert client.get(local(vocabulary_uri("levels"), settings)).status_code == 200


def test_a_label_cannot_end_the_json_ld_script_element(client, settings):
    """Vocabulary labels are data staff edit: "</script>" in one stays inside the JSON."""
    level = Level.objects.get(code="fl-lo-3")
    level.labels = {**level.labels, "nl": "Derde </script><script>alert(1)</script>"}
    level.save()
    forget_vocabularies()
    html = client.get(local(term_uri(level), settings)).content.decode()
    assert "<script>alert(1)" not in html
    (embedded,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "Derde </script><script>alert(1)</script>" in json.dumps(json.loads(embedded))
