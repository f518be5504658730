"""Schemathesis runs every operation of the OpenAPI document against the app, in process, with
its default checks: no 500s, statuses, headers and bodies as documented, bad input refused,
good input accepted. Derandomized and with few examples per operation, so it is reproducible
and takes seconds. Write operations are called with a valid partner token."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from tests.events.factories import EventFactory
from tests.factories import ResourceFactory, ResourceFileFactory

# Reading the document touches no database, so it can be loaded when the tests are collected.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def _in_test_transaction():
    """Requests through the WSGI handler would close the test's connection, and with it the
    transaction each test runs in; Django's test client prevents this in the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_data(organisation, settings):
    # Schemathesis sends more writes than a partner would; the throttle has its own test.
    settings.API_WRITE_RATE = "100000/m"
    published = ResourceFactory(title="Breuken vergelijken", organisation=organisation)
    ResourceFileFactory(resource=published)
    ResourceFactory(title="Tafels oefenen", levels=["nl-po-5"], licence="cc-by-sa")
    EventFactory(title="Werken met breuken")
    return published


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_openapi_document(case, api_data, key):
    case.call_and_validate(headers={"Authorization": f"Bearer {key}"})
