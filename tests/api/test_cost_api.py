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
        _link(
            cost={
                "kind": "free-until",
                "until": until.isoformat(),
                "conditions": "Voor alle scholen",
            }
        ),
        auth,
    )
    assert response.status_code == 201, response.content
    resource = Resource.objects.get(pk=response.json()["id"])
    assert (resource.cost, resource.free_until, resource.cost_note) == (
        Cost.FREE_UNTIL,
        until,
        "Voor alle scholen",
    )


def test_a_paid_link_keeps_its_price(client, auth):
    response = _post(client, _link(cost={"kind": "paid", "price": "€ 3 per leerling"}), auth)
    assert response.status_code == 201, response.content
    resource = Resource.objects.get(pk=response.json()["id"])
    assert (resource.cost, resource.cost_note) == (Cost.PAID, "€ 3 per leerling")


@pytest.mark.parametrize(
    "cost",
    [
        {"kind": "gratis"},
        {"kind": "paid"},
        {"kind": "paid", "price": "   "},
        {"kind": "free-until"},
        {"kind": "free-until", "until": 0},
        {"kind": "free-until", "until": "next spring"},
        "paid",
    ],
)
def test_a_cost_the_rules_refuse_is_a_schema_error(client, auth, cost):
    response = _post(client, _link(cost=cost), auth)
    assert response.status_code == 422, response.content
    assert not Resource.objects.exists()


def test_a_manual_is_linked_on_the_site_not_through_the_api(client, auth):
    """Which published resource a number names is no rule a schema can say: a manual's tool
    is chosen in the contribution form; the API reads it."""
    tool = ResourceFactory()
    response = _post(client, _link(manual_for=tool.pk), auth)
    assert response.status_code == 201
    assert Resource.objects.get(pk=response.json()["id"]).manual_for is None
