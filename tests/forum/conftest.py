import pytest
from django.db import connection
from django.utils import translation

from staffroom.search import documents
from staffroom.search.backends import get_backend, reset_backend

TANTIVY = "staffroom.search.backends.tantivy_backend.TantivyBackend"
POSTGRES = "staffroom.search.backends.postgres_backend.PostgresBackend"


@pytest.fixture(autouse=True)
def _english():
    """Messages made outside a request (services, tasks) are compared in English; requests
    still pick their own language (visitors read Dutch, the factories' members English)."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def search_index(db, settings, tmp_path):
    """A fresh, empty index per test, in the configured backend."""
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    reset_backend()
    documents.clear_caches()
    if "Postgres" in settings.SEARCH_BACKEND:
        # Inside the test's transaction: undone afterwards.
        get_backend("resources").clear()
        get_backend("questions").clear()
    yield
    reset_backend()


@pytest.fixture(params=["tantivy", "postgres"])
def each_backend(request, settings):
    """Run a test on each backend (PostgreSQL only when the database is PostgreSQL)."""
    if request.param == "postgres":
        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL: the PostgreSQL search backend runs on it (DATABASE_URL)")
        settings.SEARCH_BACKEND = POSTGRES
        reset_backend()
        get_backend("resources").clear()
        get_backend("questions").clear()
    else:
        settings.SEARCH_BACKEND = TANTIVY
        reset_backend()
    yield request.param
    reset_backend()
