"""A harvested source's settings: the typed input and the service that saves it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from staffroom.interop.harvest.inputs import HarvestSourceInput
from staffroom.interop.harvest.services import harvest_source_save
from staffroom.interop.harvest_forms import HarvestSourceForm
from staffroom.interop.models.harvest import HarvestSource
from tests.factories import MemberFactory, OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_the_input_cleans_what_staff_typed_and_refuses_a_request_for_a_base_url():
    organisation = OrganisationFactory()
    given = HarvestSourceInput(
        name="  Wikiwijs ",
        base_url=" https://example.org/oai ",
        organisation=organisation,
        set_spec=" po ",
    )
    assert (given.name, given.base_url, given.set_spec) == (
        "Wikiwijs",
        "https://example.org/oai",
        "po",
    )
    assert (given.metadata_prefix, given.moderated, given.active) == ("oai_dc", False, True)
    for wrong in ("ftp://example.org/oai", "https://example.org/oai?verb=Identify"):
        with pytest.raises(ValidationError):
            HarvestSourceInput(name="Wikiwijs", base_url=wrong, organisation=organisation)


def test_the_form_gives_the_input_the_service_saves_and_a_second_save_replaces_it():
    staff = StaffFactory()
    organisation = OrganisationFactory()
    form = HarvestSourceForm(
        {
            "name": "Wikiwijs",
            "base_url": "https://example.org/oai",
            "metadata_prefix": "lom",
            "organisation": organisation.pk,
            "moderated": "on",
            "active": "on",
        }
    )
    assert form.is_valid(), form.errors
    source = harvest_source_save(staff=staff, data=HarvestSourceInput.from_form(form))
    assert (source.name, source.metadata_prefix, source.moderated, source.organisation) == (
        "Wikiwijs",
        "lom",
        True,
        organisation,
    )

    other = OrganisationFactory()
    saved = harvest_source_save(
        staff=staff,
        data=HarvestSourceInput(
            name="Wikiwijs po", base_url="https://example.org/oai2", organisation=other
        ),
        source=source,
    )
    source.refresh_from_db()
    assert saved.pk == source.pk and HarvestSource.objects.count() == 1
    assert (source.name, source.base_url, source.organisation, source.moderated) == (
        "Wikiwijs po",
        "https://example.org/oai2",
        other,
        False,
    )


def test_only_staff_save_a_source():
    data = HarvestSourceInput(
        name="Wikiwijs", base_url="https://example.org/oai", organisation=OrganisationFactory()
    )
    with pytest.raises(PermissionDenied):
        harvest_source_save(staff=MemberFactory(), data=data)
    assert not HarvestSource.objects.exists()


def test_a_setting_the_model_refuses_is_a_validation_error():
    data = HarvestSourceInput(
        name="Wikiwijs",
        base_url="https://example.org/oai",
        organisation=OrganisationFactory(),
        metadata_prefix="marc",
    )
    with pytest.raises(ValidationError):
        harvest_source_save(staff=StaffFactory(), data=data)
    assert not HarvestSource.objects.exists()
