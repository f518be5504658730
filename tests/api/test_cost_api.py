"""Cost and the manual relation over the JSON API: read by everyone, written by partners
through moderation with the same rules as the web form."""

import json

import pytest
from django.utils import timezone

from staffroom.resources.models import Cost, Resource
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def _link(**overrides) -> dict:
    data = {
        "title": "Quizmakers",
        "description": "Een app om in een paar minuten een quiz voor de klas te maken.",
        "url": "https://example.org/quizmakers",
        "levels": ["fl-lo-3"],
        "subjects": ["fl-wis"],
        "type": "application",
        "licence": "arr",
    }
    data.update(overrides)
    return data


def _post(client, data, auth):
    return client.post(
        "/api/v1/resources/", json.dumps(data), content_type="application/json", headers=auth
    )


def test_a_resource_reads_with_its_cost(client):
    resource = ResourceFactory(cost=Cost.PAID, cost_note="€ 3 per leerling")
    body = client.get(f"/api/v1/resources/{resource.pk}").json()
    assert (body["cost"], body["cost_note"], body["free_until"]) == (
        "paid",
        "€ 3 per leerling",
        None,
    )
    ResourceFactory()
    paid = client.get("/api/v1/resources/", {"cost": "paid"}).json()
    assert [row["id"] for row in paid["results"]] == [resource.pk]


def test_a_partner_sends_an_offer_with_its_period(client, auth):
    until = timezone.localdate().replace(year=timezone.localdate().year + 1)
    response = _post(
        client,
        _link(cost="free-until", free_until=until.isoformat(), cost_note="Voor alle scholen"),
        auth,
    )
    assert response.status_code == 201, response.content
    resource = Resource.objects.get(pk=response.json()["id"])
    assert (resource.cost, resource.free_until, resource.cost_note) == (
        Cost.FREE_UNTIL,
        until,
        "Voor alle scholen",
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"cost": "paid"}, "cost_note", "Give the price"),
        ({"cost": "free-until"}, "free_until", "Give the last day"),
        (
            {"cost": "free-until", "free_from": "2031-05-01", "free_until": "2031-04-01"},
            "free_until",
            "cannot come before",
        ),
        ({"manual_for": 99999999}, "manual_for", "No published resource"),
    ],
)
def test_wrong_cost_or_manual_is_refused_by_field(client, auth, overrides, field, message):
    response = _post(client, _link(**overrides), auth)
    assert response.status_code == 422
    problems = response.json()["detail"]
    assert any(p["loc"][-1] == field and message in p["msg"] for p in problems), problems
    assert not Resource.objects.exists()


def test_an_unknown_cost_is_a_schema_error(client, auth):
    assert _post(client, _link(cost="gratis"), auth).status_code == 422
