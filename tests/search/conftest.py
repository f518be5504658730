import pytest

from staffroom.search import documents
from staffroom.search.backends import get_backend, reset_backend


@pytest.fixture(autouse=True)
def search_index(settings, tmp_path):
    """A fresh, empty index per test (tests elsewhere index into the session's folder)."""
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    reset_backend()
    documents.clear_caches()
    yield get_backend()
    reset_backend()
