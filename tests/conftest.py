import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Vocabulary lookups are cached; each test starts from the database."""
    cache.clear()
    yield
    cache.clear()
