"""The JSON search endpoint shares the search page's logic and says the same."""

import pytest
from tests.factories import ResourceFactory

from staffroom.search.services import search_reindex

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed():
    ResourceFactory(title="Breuken vergelijken", levels=["fl-lo-3"], licence="cc-by")
    ResourceFactory(title="Breuken optellen", levels=["fl-lo-4"], licence="cc-by-sa")
    search_reindex()


def test_search_returns_results_facets_and_regional_labels(client, indexed):
    response = client.get(
        "/api/v1/search",
        {"q": "breuken", "region": "nl", "licence": "cc-by"},
        headers={"accept-language": "nl"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 1
    hit = body["results"][0]
    assert hit["title"] == "Breuken vergelijken"
    assert hit["levels"] == ["Groep 5"]  # tagged "3de leerjaar", read in Dutch terms
    # The licence in use is counted as if unchosen: what each licence would give instead.
    assert body["facets"]["licence"] == {"cc-by": 1, "cc-by-sa": 1}
    # Counted in the Dutch terms: the Flemish tags are counted under "Groep 5" ("nl-po-5").
    assert body["facets"]["level"]["nl-po-5"] == 1
    assert "fl-lo-3" not in body["facets"]["level"]
    assert ["Breuken", True] in hit["highlight"]["title"]


def test_rating_publisher_and_best_rated(client):
    good = ResourceFactory(title="Breuken goed", rating_average=4.6, rating_count=9)
    ResourceFactory(title="Breuken matig", rating_average=2.5, rating_count=4)
    search_reindex()
    body = client.get("/api/v1/search", {"q": "breuken", "rating": "4"}).json()
    assert [hit["title"] for hit in body["results"]] == ["Breuken goed"]
    assert body["results"][0]["rating_average"] == 4.6
    assert body["facets"]["rating"] == {"4": 1, "3": 1, "2": 2, "1": 2}
    body = client.get(
        "/api/v1/search", {"q": "breuken", "publisher": f"member:{good.contributor_id}"}
    ).json()
    assert body["total"] == 1
    body = client.get("/api/v1/search", {"q": "breuken", "sort": "rated"}).json()
    assert [hit["title"] for hit in body["results"]] == ["Breuken goed", "Breuken matig"]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 2000},
        {"q": '"open'},
        {"level": "nope"},
        {"page": 10000},
        {"rating": "11"},
        {"publisher": "member:abc"},
        {"sort": "worst"},
    ],
)
def test_bad_input_is_answered_not_a_500(client, indexed, params):
    assert client.get("/api/v1/search", params).status_code == 200


def test_a_page_that_is_not_a_number_is_a_clear_422(client, indexed):
    response = client.get("/api/v1/search", {"page": "abc"})
    assert response.status_code == 422


def test_the_openapi_document_describes_the_endpoint(client):
    document = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/search" in document["paths"]


@pytest.mark.parametrize("region", ["netherlands", "NL", "be", ""])
def test_an_unknown_region_is_refused_not_read_as_flanders(client, region):
    response = client.get("/api/v1/search", {"q": "breuken", "region": region})
    assert response.status_code == 422
    assert "region" in response.content.decode()


def test_both_regions_are_accepted(client):
    for region in ("fl", "nl"):
        assert client.get("/api/v1/search", {"q": "breuken", "region": region}).status_code == 200
