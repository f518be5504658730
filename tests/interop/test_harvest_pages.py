"""The harvest command, the scheduled task and the staff pages."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from staffroom.interop.harvest.services import harvest_run
from staffroom.interop.models.harvest import HarvestRun, HarvestSource
from staffroom.interop.tasks import harvest_all
from staffroom.resources.models import Resource
from staffroom.site.schedule import SCHEDULE
from tests.factories import MemberFactory, OrganisationFactory, StaffFactory

from .test_harvest import DSPACE, lom_repository  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    member = MemberFactory(is_staff=True)
    client.force_login(member)
    return member


@pytest.fixture
def dspace(repository):
    repository.load_mapping(DSPACE / "fake1")
    return HarvestSource.objects.create(
        name="EUR repository", base_url=repository.url, organisation=OrganisationFactory()
    )


def test_the_command_harvests_a_source_by_name_from_a_date_and_reports(dspace):
    out = StringIO()
    call_command("harvest", "eur repository", "--from", "2003-04-10T00:00:00Z", stdout=out)
    text = out.getvalue()
    assert "EUR repository: done, 16 record(s) in 1 page(s): created 16" in text
    assert "not mapped, resource types: Working Paper (10)" in text
    assert "missing levels: 16" in text
    assert Resource.objects.filter(organisation=dspace.organisation).count() == 16


def test_the_command_refuses_bad_input_and_fails_loudly_on_a_failed_run(dspace):
    with pytest.raises(CommandError, match="No single source"):
        call_command("harvest", "nonexistent")
    with pytest.raises(CommandError, match="--from takes"):
        call_command("harvest", str(dspace.pk), "--from", "yesterday")
    with pytest.raises(CommandError, match="one source"):
        call_command("harvest")
    err = StringIO()
    # No such request in mapping.txt: the server answers badArgument.
    with pytest.raises(CommandError, match="1 harvest"):
        call_command(
            "harvest", str(dspace.pk), "--from", "1999-01-01", stderr=err, stdout=StringIO()
        )
    assert "badArgument" in err.getvalue()
    assert HarvestRun.objects.get().status == "failed"


def test_the_scheduled_task_queues_every_active_source(dspace):
    paused = HarvestSource.objects.create(
        name="Paused", base_url=dspace.base_url, organisation=dspace.organisation, active=False
    )
    # The tests' tasks backend runs each queued harvest at once.
    assert harvest_all.call() == 1
    assert list(HarvestRun.objects.values_list("source", flat=True)) == [dspace.pk]
    assert not paused.runs.exists()
    assert SCHEDULE["interop-harvest"][0] == "staffroom.interop.tasks.harvest_all"


def test_staff_pages_are_for_staff_only(client, dspace):
    urls = [
        reverse("interop:harvest_sources"),
        reverse("interop:harvest_source_new"),
        reverse("interop:harvest_source", args=[dspace.pk]),
        reverse("interop:harvest_source_edit", args=[dspace.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # to log in
    client.force_login(MemberFactory())
    for url in urls:
        assert client.get(url).status_code == 403
    assert client.post(reverse("interop:harvest_run_now", args=[dspace.pk])).status_code == 403
    assert reverse("interop:harvest_sources") not in client.get("/").content.decode()
    client.force_login(StaffFactory())
    # The staff area (reached by the menu's "Staff") links it.
    assert reverse("interop:harvest_sources") in client.get(reverse("staff_home")).content.decode()


def test_staff_add_a_source_and_bad_input_gets_messages(client, staff):
    organisation = OrganisationFactory()
    url = reverse("interop:harvest_source_new")
    response = client.post(
        url,
        {
            "name": "Wikiwijs",
            "base_url": "ftp://example.org/oai?verb=Identify",
            "metadata_prefix": "marc",
            "organisation": organisation.pk,
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Give an address that starts with http:// or https://." in content
    assert "The source is not saved" in content
    assert 'value="Wikiwijs"' in content  # nothing typed is lost
    assert not HarvestSource.objects.exists()

    response = client.post(
        url,
        {
            "name": "Wikiwijs",
            "base_url": "https://example.org/oai",
            "metadata_prefix": "lom",
            "organisation": organisation.pk,
            "moderated": "on",
            "active": "on",
        },
        follow=True,
    )
    source = HarvestSource.objects.get()
    assert (source.metadata_prefix, source.moderated, source.organisation) == (
        "lom",
        True,
        organisation,
    )
    assert "The source is saved." in response.content.decode()
    listing = client.get(reverse("interop:harvest_sources")).content.decode()
    assert "Wikiwijs" in listing and "Never harvested" in listing


def test_run_now_queues_a_harvest_and_the_report_page_shows_what_was_not_mapped(
    client, staff, dspace, django_capture_on_commit_callbacks
):
    run_now = reverse("interop:harvest_run_now", args=[dspace.pk])
    response = client.post(run_now, {"from_": "last week"}, follow=True)
    assert "Give the date as YYYY-MM-DD" in response.content.decode()
    assert not HarvestRun.objects.exists()

    # The tasks backend of the tests runs the queued harvest when the request commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(run_now, {"from_": "2003-04-10T00:00:00Z"}, follow=True)
    assert "The harvest is queued" in response.content.decode()
    run = HarvestRun.objects.get()
    assert run.status == "done" and run.created == 16

    page = client.get(reverse("interop:harvest_run", args=[run.pk])).content.decode()
    assert "Working Paper (10)" in page
    assert "levels: 16" in page
    listing = client.get(reverse("interop:harvest_sources")).content.decode()
    assert "16 new, 0 updated, 0 deleted, 0 skipped" in listing


def test_a_failed_run_shows_its_message(client, staff, dspace):
    run = harvest_run(source=dspace, from_="1999-01-01")
    assert run.status == "failed"
    page = client.get(reverse("interop:harvest_source", args=[dspace.pk])).content.decode()
    assert "badArgument" in page
    report = client.get(reverse("interop:harvest_run", args=[run.pk])).content.decode()
    assert "badArgument" in report
