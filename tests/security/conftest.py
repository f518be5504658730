import pytest


@pytest.fixture(autouse=True)
def _english_pages(client):
    """These tests read the pages' words in English (the site's default language is Dutch)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
