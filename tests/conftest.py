import pytest
from django.core.cache import cache

from staffroom.curriculum.queries import forget_vocabularies


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Vocabulary lookups are kept in the process; each test starts from the database."""
    cache.clear()
    forget_vocabularies()
    yield
    cache.clear()
    forget_vocabularies()
