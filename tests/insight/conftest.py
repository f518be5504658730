import pytest

from staffroom.search import documents
from staffroom.search.backends import get_backend, reset_backend

# A browser's user agent: requests without one are scripts, and are not recorded.
BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/156.0 Safari/537.36"
)


@pytest.fixture
def browser_client(client):
    client.defaults["HTTP_USER_AGENT"] = BROWSER
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def search_index(settings, tmp_path):
    """A fresh, empty search index for this test."""
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    reset_backend()
    documents.clear_caches()
    yield get_backend()
    reset_backend()
