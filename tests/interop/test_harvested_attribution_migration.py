"""Resources harvested before creators and the source's address were kept: the migration
drops the publisher-only credit and points them to the original at the source."""

import importlib

import pytest
from django.apps import apps

from staffroom.interop.models.harvest import HarvestedRecord, HarvestSource
from tests.factories import OrganisationFactory, ResourceFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "staffroom.interop.migrations.0004_harvested_attribution_points_to_the_source"
)


def test_harvested_resources_credit_their_creators_at_the_source_and_others_are_untouched():
    source = HarvestSource.objects.create(
        name="Zenodo", base_url="https://example.org/oai", organisation=OrganisationFactory()
    )
    harvested = ResourceFactory(
        url="https://zenodo.org/records/1234", attribution="Zenodo", author_name="Peeters, An"
    )
    HarvestedRecord.objects.create(source=source, identifier="oai:1", resource=harvested)
    with_doi = ResourceFactory(
        url="https://example.org/x", source_url="https://doi.org/10.5281/zenodo.9", attribution="X"
    )
    HarvestedRecord.objects.create(source=source, identifier="oai:2", resource=with_doi)
    members = ResourceFactory(url="https://example.org/own", attribution="Own words")

    migration.point_to_the_source(apps, None)

    harvested.refresh_from_db()
    with_doi.refresh_from_db()
    members.refresh_from_db()
    assert (harvested.attribution, harvested.source_url) == ("", "https://zenodo.org/records/1234")
    assert (with_doi.attribution, with_doi.source_url) == ("", "https://doi.org/10.5281/zenodo.9")
    assert (members.attribution, members.source_url) == ("Own words", "")
