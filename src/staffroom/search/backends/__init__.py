"""Search backends behind one interface; ``get_backend`` returns the configured one."""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string


@cache
def get_backend():
    return import_string(settings.SEARCH_BACKEND)(settings.SEARCH_INDEX_DIR)


def reset_backend() -> None:
    """Forget the open backend (tests point the index elsewhere)."""
    get_backend.cache_clear()
