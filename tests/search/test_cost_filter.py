"""The cost filter (free, free for a period, paid) on both search backends, the search page's
panel and the API; an offer the clock ended leaves the index."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from tests.factories import ResourceFactory

from staffroom.resources.models import Cost, Resource
from staffroom.resources.offers import offers_end_expired
from staffroom.search import documents
from staffroom.search.backends import get_backend, reset_backend
from staffroom.search.backends.base import SearchRequest
from staffroom.search.backends.postgres_backend import PostgresBackend
from staffroom.search.backends.tantivy_backend import TantivyBackend
from staffroom.search.services import search_reindex

pytestmark = pytest.mark.django_db


def today() -> datetime.date:
    """Read when a test runs: a date taken at import goes stale when a run crosses midnight."""
    return timezone.localdate()


@pytest.fixture(params=["tantivy", "postgres"])
def backend(request, tmp_path):
    if request.param == "tantivy":
        return TantivyBackend(tmp_path / "tantivy")
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the PostgreSQL search backend runs on it (DATABASE_URL)")
    found = PostgresBackend(tmp_path / "postgres")
    found.clear()
    return found


def _corpus():
    return [
        ResourceFactory(title="Breuken gratis"),
        ResourceFactory(
            title="Breuken app tijdelijk gratis",
            cost=Cost.FREE_UNTIL,
            free_until=today() + datetime.timedelta(days=30),
        ),
        ResourceFactory(title="Breuken methode", cost=Cost.PAID, cost_note="€ 12 per leerling"),
    ]


def _titles(backend, **filters) -> list[str]:
    result = backend.search(SearchRequest(text="breuken", filters=filters, limit=10))
    return sorted(Resource.objects.filter(pk__in=result.ids).values_list("title", flat=True))


def test_both_backends_filter_and_count_cost(backend):
    backend.index_documents([documents.resource_document(found) for found in _corpus()])
    assert _titles(backend, cost="paid") == ["Breuken methode"]
    assert _titles(backend, cost="free,free-until") == [
        "Breuken app tijdelijk gratis",
        "Breuken gratis",
    ]
    counted = backend.search(SearchRequest(text="breuken", limit=10)).facets["cost"]
    assert counted == {"free": 1, "free-until": 1, "paid": 1}
    # An unknown value is no filter a document holds: nothing, never an error.
    assert _titles(backend, cost="gratis") == []


@pytest.fixture
def search_index(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    reset_backend()
    documents.clear_caches()
    yield
    reset_backend()


def test_search_page_and_api_offer_the_cost_filter(client, search_index):
    _corpus()
    search_reindex()
    page = client.get(reverse("search:search"), {"q": "breuken", "cost": "paid"})
    assert [resource.title for resource in page.context["page"]] == ["Breuken methode"]
    html = page.content.decode()
    assert 'name="cost"' in html and 'value="free-until"' in html
    body = client.get("/api/v1/search", {"q": "breuken", "cost": "free-until"}).json()
    assert [hit["title"] for hit in body["results"]] == ["Breuken app tijdelijk gratis"]
    assert body["results"][0]["cost"] == "free-until"
    assert body["facets"]["cost"] == {"free": 1, "free-until": 1, "paid": 1}


def test_an_ended_offer_leaves_the_index(search_index, django_capture_on_commit_callbacks):
    offer = ResourceFactory(
        title="Breuken app verlopen",
        cost=Cost.FREE_UNTIL,
        free_until=today() - datetime.timedelta(days=1),
    )
    search_reindex()
    assert offer.pk in get_backend().search(SearchRequest(text="verlopen")).ids
    with django_capture_on_commit_callbacks(execute=True):
        offers_end_expired()
    assert offer.pk not in get_backend().search(SearchRequest(text="verlopen")).ids
