"""Search backends behind one interface; ``get_backend`` returns the configured one for a
collection (resources by default, or the teachers' room questions: ``search/collections.py``).
"""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from .base import DEFAULT_COLLECTION, SearchBackend


def get_backend(collection: str = DEFAULT_COLLECTION) -> SearchBackend:
    """The configured backend, opened on ``collection`` (one per collection and process)."""
    return _open(collection)


@cache
def _open(collection: str) -> SearchBackend:
    # Every backend is made from the search folder and a collection (see base.py).
    backend_class = import_string(settings.SEARCH_BACKEND)
    backend: SearchBackend = backend_class(settings.SEARCH_INDEX_DIR, collection=collection)
    return backend


def reset_backend() -> None:
    """Forget the open backends (tests point the index elsewhere)."""
    _open.cache_clear()
