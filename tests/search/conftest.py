import pytest
from tests.factories import ResourceFactory

from staffroom.search import documents
from staffroom.search.backends import get_backend, reset_backend
from staffroom.search.services import search_reindex


@pytest.fixture(autouse=True)
def search_index(settings, tmp_path):
    """A fresh, empty index per test (tests elsewhere index into the session's folder)."""
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    reset_backend()
    documents.clear_caches()
    yield get_backend()
    reset_backend()


@pytest.fixture
def indexed():
    """Three published resources, indexed (files that need other ones define their own)."""
    ResourceFactory(title="Breuken vergelijken", levels=["fl-lo-3"], licence="cc-by")
    ResourceFactory(title="Breuken optellen", levels=["fl-lo-4"], licence="cc-by-sa")
    ResourceFactory(
        title="Photosynthesis explained",
        description="How plants turn light into sugar.",
        language="en",
        levels=["nl-vwo-4"],
    )
    search_reindex()
