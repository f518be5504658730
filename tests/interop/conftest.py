import pytest

from staffroom.interop.oai.records import oai_records_rebuild
from tests.interop.fake_repository import FakeRepository, serving


@pytest.fixture
def oai_settings(settings):
    settings.SITE_URL = "https://staffroom.example.org"
    settings.OAI_PAGE_SIZE_RECORDS = 3
    settings.OAI_PAGE_SIZE_IDENTIFIERS = 4
    settings.OAI_ADMIN_EMAILS = ["oai@staffroom.example.org"]
    return settings


@pytest.fixture
def rebuild():
    return oai_records_rebuild


OAI_NS = {"oai": "http://www.openarchives.org/OAI/2.0/"}


@pytest.fixture
def oai(client, oai_settings):
    """Ask /oai (GET, or POST with ``method="post"``) and return the response's root element,
    valid against the driver schema (OAI-PMH with the metadata formats)."""
    from tests.interop.xsd import validate

    def ask(method="get", **params):
        params = {("from" if name == "from_" else name): value for name, value in params.items()}
        response = getattr(client, method)("/oai", params)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/xml")
        return validate(response.content, schema="driver")

    return ask


def errors(root) -> list[str]:
    return [element.get("code") for element in root.findall("oai:error", OAI_NS)]


@pytest.fixture
def repository():
    """A local OAI-PMH repository (tests/interop/fake_repository.py)."""
    yield from serving(FakeRepository())


@pytest.fixture
def fast_retries(settings):
    settings.HARVEST_MAX_RETRIES = 2
    settings.HARVEST_RETRY_AFTER = 0.05
    settings.HARVEST_INITIAL_BACKOFF = 0.05
    settings.HARVEST_TIMEOUT = 5
    return settings
