"""The read-only API: resources, vocabularies and events, open to everyone."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from staffroom.events.models import EventStatus
from staffroom.resources.models import Status
from tests.events.factories import EventFactory
from tests.factories import (
    DraftFactory,
    MemberFactory,
    OrganisationFactory,
    ResourceFactory,
    ResourceFileFactory,
)

pytestmark = pytest.mark.django_db


def _titles(response):
    return [item["title"] for item in response.json()["results"]]


def _published(title, day, **fields):
    when = datetime(2026, 3, day, 12, tzinfo=UTC)
    return ResourceFactory(title=title, published_at=when, checked_at=when, **fields)


def test_resources_lists_published_only_newest_first(client):
    _published("Oud", 1)
    _published("Nieuw", 5)
    DraftFactory(title="Concept")
    ResourceFactory(title="In de wachtrij", status=Status.PENDING, published_at=None)
    response = client.get("/api/v1/resources/")
    assert response.status_code == 200
    assert _titles(response) == ["Nieuw", "Oud"]
    assert response.json()["count"] == 2


def test_a_resource_carries_terms_files_licence_and_publisher(client):
    organisation = OrganisationFactory(name="Uitgeverij Krijt")
    resource = _published(
        "Breuken", 2, organisation=organisation, levels=["fl-lo-3"], licence="cc-by-sa"
    )
    resource_file = ResourceFileFactory(resource=resource, original_name="breuken.pdf")
    ResourceFileFactory(resource=resource, original_name="nieuw.pdf", pending=True)
    item = client.get(f"/api/v1/resources/{resource.pk}").json()
    assert item["levels"] == [
        {
            "code": "fl-lo-3",
            "labels": {
                "nl": "3de leerjaar",
                "en": item["levels"][0]["labels"]["en"],
                "fr": item["levels"][0]["labels"]["fr"],
                "de": item["levels"][0]["labels"]["de"],
            },
        }
    ]
    assert item["subjects"][0]["code"] == "fl-wis"
    assert item["type"]["code"] == "worksheet"
    assert item["licence"] == {
        "code": "cc-by-sa",
        "label": "CC BY-SA 4.0",
        "url": "https://creativecommons.org/licenses/by-sa/4.0/",
        "spdx": "CC-BY-SA-4.0",
        "statement": None,
    }
    assert item["publisher"]["type"] == "organisation"
    assert item["publisher"]["name"] == "Uitgeverij Krijt"
    # A file of an edit that nobody approved yet is not public.
    assert [f["name"] for f in item["files"]] == ["breuken.pdf"]
    assert item["files"][0]["size"] == resource_file.size
    assert item["files"][0]["mime_type"] == "application/pdf"
    assert item["files"][0]["download_url"].endswith(
        f"/resources/{resource.pk}/files/{resource_file.pk}/download/"
    )
    assert item["url"].startswith("http://testserver/resources/")
    assert client.get(item["files"][0]["download_url"]).status_code == 200


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"level": "fl-lo-3"}, ["Breuken"]),
        ({"level": "nl-po-5"}, ["Breuken"]),  # the crosswalk: groep 5 is the 3de leerjaar
        ({"level": "fl-lo"}, ["Spelling", "Breuken"]),  # a broad level takes in its sub-levels
        ({"subject": "fl-ned"}, ["Spelling"]),
        ({"licence": "cc0"}, ["Spelling"]),
        ({"language": "en"}, ["Spelling"]),
        ({"type": "video"}, []),
        ({"level": "nope", "licence": "made-up"}, ["Spelling", "Breuken"]),  # ignored
    ],
)
def test_filters_as_on_the_browse_page(client, params, expected):
    _published("Breuken", 1, levels=["fl-lo-3"])
    _published("Spelling", 2, levels=["fl-lo-1"], subjects=["fl-ned"], licence="cc0", language="en")
    assert _titles(client.get("/api/v1/resources/", params)) == expected


def test_publisher_filter(client):
    organisation = OrganisationFactory()
    member = MemberFactory()
    _published("Van de uitgeverij", 1, organisation=organisation)
    _published("Van een leerkracht", 2, contributor=member)
    assert _titles(
        client.get("/api/v1/resources/", {"publisher": f"organisation:{organisation.pk}"})
    ) == ["Van de uitgeverij"]
    assert _titles(client.get("/api/v1/resources/", {"publisher": f"member:{member.pk}"})) == [
        "Van een leerkracht"
    ]
    assert len(_titles(client.get("/api/v1/resources/", {"publisher": "member:abc"}))) == 2


def test_pagination_is_stable_and_complete(client):
    same_time = datetime(2026, 3, 1, tzinfo=UTC)
    for n in range(7):
        ResourceFactory(title=f"R{n}", published_at=same_time)
    seen = []
    for offset in (0, 3, 6):
        body = client.get("/api/v1/resources/", {"limit": 3, "offset": offset}).json()
        assert body["count"] == 7
        assert (body["limit"], body["offset"]) == (3, offset)
        seen += [item["id"] for item in body["results"]]
    assert len(seen) == len(set(seen)) == 7
    assert client.get("/api/v1/resources/", {"offset": 50}).json()["results"] == []


@pytest.mark.parametrize(
    "params",
    [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"offset": 10**12}, {"limit": "many"}],
)
def test_paging_out_of_range_is_a_422(client, params):
    response = client.get("/api/v1/resources/", params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][0] == "query"


def test_sorting(client):
    _published("B", 1, download_count=9)
    _published("A", 2)
    assert _titles(client.get("/api/v1/resources/", {"sort": "popular"})) == ["B", "A"]
    assert _titles(client.get("/api/v1/resources/", {"sort": "title"})) == ["A", "B"]
    assert _titles(client.get("/api/v1/resources/", {"sort": "whatever"})) == ["A", "B"]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.PENDING, Status.WITHDRAWN])
def test_unpublished_resources_are_not_found(client, status):
    resource = ResourceFactory(status=status)
    response = client.get(f"/api/v1/resources/{resource.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


@pytest.mark.parametrize("path", ["999999", str(2**63), "0", "-3", "abc"])
def test_unknown_or_odd_ids(client, path):
    response = client.get(f"/api/v1/resources/{path}")
    assert response.status_code in (404, 422)
    assert response["content-type"] == "application/json; charset=utf-8"


def test_vocabularies(client):
    levels = {term["code"]: term for term in client.get("/api/v1/vocabularies/levels").json()}
    groep5 = levels["nl-po-5"]
    assert groep5["region"] == "nl"
    assert groep5["parent"] == "nl-po"
    assert groep5["equivalent"] == "fl-lo-3"
    assert groep5["isced"] == "1"
    assert groep5["labels"]["nl"] == "Groep 5"
    subjects = {term["code"]: term for term in client.get("/api/v1/vocabularies/subjects").json()}
    assert subjects["fl-ned"]["equivalent"] == "nl-ne"
    types = client.get("/api/v1/vocabularies/resource-types").json()
    assert types[0]["code"] == "worksheet"
    assert types[0]["hcrt_uri"] == "https://w3id.org/kim/hcrt/worksheet"
    licences = {item["code"]: item for item in client.get("/api/v1/vocabularies/licences").json()}
    assert licences["arr"]["for_partners_only"] is True
    assert licences["arr"]["url"] is None
    assert licences["cc-by-nd"]["adaptations_allowed_under"] == []
    assert licences["cc-by-sa"]["adaptations_allowed_under"] == ["cc-by-sa", "gpl-3.0-only"]
    # Every version is listed with its URI, SPDX id and version (issue 18).
    by_sa_30 = licences["cc-by-sa-3.0"]
    assert by_sa_30["url"] == "https://creativecommons.org/licenses/by-sa/3.0/"
    assert (by_sa_30["spdx"], by_sa_30["version"], by_sa_30["label"]) == (
        "CC-BY-SA-3.0",
        "3.0",
        "CC BY-SA 3.0",
    )
    assert "cc-by-sa" in by_sa_30["adaptations_allowed_under"]
    assert licences["cc-by-3.0-nl"]["jurisdiction"] == "nl"


def _event(title, days, **fields):
    starts = (timezone.now() + timedelta(days=days)).replace(microsecond=0)
    return EventFactory(
        title=title, starts_at=starts, ends_at=starts + timedelta(hours=1), **fields
    )


def test_events_upcoming_and_past(client):
    _event("Later", 10)
    _event("Binnenkort", 2)
    _event("Voorbij", -3)
    _event("Geannuleerd", 5, status=EventStatus.CANCELLED)
    _event("Concept", 4, status=EventStatus.DRAFT)
    upcoming = client.get("/api/v1/events/").json()
    assert _titles_of(upcoming) == ["Binnenkort", "Geannuleerd", "Later"]
    assert upcoming["results"][1]["status"] == "cancelled"
    assert _titles_of(client.get("/api/v1/events/", {"when": "past"}).json()) == ["Voorbij"]
    assert client.get("/api/v1/events/", {"when": "someday"}).status_code == 422


def _titles_of(body):
    return [item["title"] for item in body["results"]]


def test_event_filters_and_detail(client):
    organisation = OrganisationFactory(name="Nascholing Noord")
    event = _event("Breuken in groep 5", 3, topic="didactics", organisation=organisation)
    event.levels.set(event.levels.model.objects.filter(code="nl-po-5"))
    _event("Welzijn", 4, topic="wellbeing")
    assert _titles_of(client.get("/api/v1/events/", {"topic": "didactics"}).json()) == [
        "Breuken in groep 5"
    ]
    assert _titles_of(client.get("/api/v1/events/", {"level": "fl-lo-3"}).json()) == [
        "Breuken in groep 5"
    ]
    assert len(_titles_of(client.get("/api/v1/events/", {"topic": "nope"}).json())) == 2
    item = client.get(f"/api/v1/events/{event.pk}").json()
    assert item["organisation"]["name"] == "Nascholing Noord"
    assert item["levels"][0]["code"] == "nl-po-5"
    assert item["places_taken"] == 0
    assert client.get("/api/v1/events/", {"limit": 1}).json()["count"] == 2


def test_unpublished_events_are_not_found(client):
    draft = _event("Concept", 4, status=EventStatus.DRAFT)
    submitted = _event("Ingediend", 4, status=EventStatus.SUBMITTED)
    for event in (draft, submitted):
        assert client.get(f"/api/v1/events/{event.pk}").status_code == 404
    assert client.get("/api/v1/events/424242").status_code == 404


def test_the_openapi_document_and_docs_page(client):
    document = client.get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/resources/",
        "/api/v1/resources/{resource_id}",
        "/api/v1/vocabularies/levels",
        "/api/v1/vocabularies/subjects",
        "/api/v1/vocabularies/resource-types",
        "/api/v1/vocabularies/licences",
        "/api/v1/events/",
        "/api/v1/events/{event_id}",
        "/api/v1/search",
    ):
        assert path in document["paths"]
    create = document["paths"]["/api/v1/resources/"]["post"]
    assert set(create["responses"]) == {"201", "400", "401", "422", "429"}
    assert create["security"] == [{"PartnerToken": []}]
    # Vocabulary codes are listed, so clients know the valid values.
    level_schema = document["components"]["schemas"]["ResourceIn"]["properties"]["levels"]
    assert "fl-lo-3" in level_schema["items"]["enum"]
    assert client.get("/api/v1/docs").status_code == 200
