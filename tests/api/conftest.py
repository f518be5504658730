import pytest
from django.utils import translation

from staffroom.api.services import api_token_create
from tests.factories import MemberFactory, OrganisationFactory


@pytest.fixture(autouse=True)
def _english():
    """Messages made outside a request are compared in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Uitgeverij Krijt")


@pytest.fixture
def partner(organisation):
    member = MemberFactory(name="Pat Partner")
    member.organisations.add(organisation)
    return member


@pytest.fixture
def token_and_key(partner, organisation):
    return api_token_create(member=partner, organisation=organisation, name="Catalogue export")


@pytest.fixture
def key(token_and_key):
    return token_and_key[1]


@pytest.fixture
def auth(key):
    return {"Authorization": f"Bearer {key}"}
