import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Messages made outside a request (services, tasks) are compared in English; requests
    still pick their own language (the factories' members choose English)."""
    with translation.override("en"):
        yield
