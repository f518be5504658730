"""The OAI records follow the resources: created on publication, new datestamps only when
what a harvester sees changes, persistent deleted records."""

from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from staffroom.interop.models import OaiRecord
from staffroom.interop.oai import tokens
from staffroom.interop.oai.records import oai_record_sync, oai_records_rebuild
from staffroom.resources.models import Status
from staffroom.resources.services import resource_record_download, resource_withdraw
from tests.factories import OrganisationFactory, ResourceFactory
from tests.interop.conftest import OAI_NS, errors

pytestmark = pytest.mark.django_db
DOMAIN = "staffroom.example.org"


@pytest.fixture
def clock(monkeypatch):
    """Freeze the provider's clock; ``clock.set(...)`` moves it."""

    class Clock:
        now = datetime(2026, 1, 5, 9, 30, 0, 500000, tzinfo=UTC)

        def set(self, value):
            self.now = value

    frozen = Clock()
    monkeypatch.setattr(tokens, "now", lambda: frozen.now)
    return frozen


def test_publishing_creates_a_record_at_seconds_granularity(clock):
    resource = ResourceFactory()
    oai_record_sync(resource_id=resource.pk)
    record = OaiRecord.objects.get(resource_id=resource.pk)
    assert record.datestamp == datetime(2026, 1, 5, 9, 30, 0, tzinfo=UTC)
    assert not record.deleted
    assert len(record.digest) == 64
    assert "level:fl-lo-3" in record.set_specs and "subject:fl-wis" in record.set_specs


def test_a_draft_gets_no_record():
    from tests.factories import DraftFactory

    draft = DraftFactory()
    oai_record_sync(resource_id=draft.pk)
    assert not OaiRecord.objects.exists()


def test_datestamp_stays_when_only_download_counts_change(clock):
    resource = ResourceFactory()
    oai_record_sync(resource_id=resource.pk)
    before = OaiRecord.objects.get().datestamp
    clock.set(datetime(2026, 2, 1, tzinfo=UTC))
    resource_record_download(resource=resource)
    resource.refresh_from_db()
    resource.rating_average, resource.rating_count = 4.5, 2
    resource.save()
    oai_record_sync(resource_id=resource.pk)
    assert oai_records_rebuild() == {"created": 0, "updated": 0, "deleted": 0}
    assert OaiRecord.objects.get().datestamp == before


def test_datestamp_moves_when_metadata_or_sets_change(clock):
    resource = ResourceFactory()
    oai_record_sync(resource_id=resource.pk)
    clock.set(datetime(2026, 2, 1, 8, 0, 0, tzinfo=UTC))
    resource.title = "Breuken vergelijken met pizza's"
    resource.save()
    oai_record_sync(resource_id=resource.pk)
    record = OaiRecord.objects.get()
    assert record.datestamp == datetime(2026, 2, 1, 8, 0, 0, tzinfo=UTC)
    clock.set(datetime(2026, 2, 2, tzinfo=UTC))
    resource.organisation = OrganisationFactory(slug="partner-x")
    resource.save()
    oai_record_sync(resource_id=resource.pk)
    record.refresh_from_db()
    assert record.datestamp == datetime(2026, 2, 2, tzinfo=UTC)
    assert "publisher:organisation-partner-x" in record.set_specs


def test_withdrawing_leaves_a_deleted_record(oai, django_capture_on_commit_callbacks, clock):
    resource = ResourceFactory()
    with django_capture_on_commit_callbacks(execute=True):
        resource_withdraw(resource=resource, member=resource.contributor)
    # Withdrawn before it ever had a record: nothing to tell a harvester.
    assert not OaiRecord.objects.exists()
    resource.status = Status.PUBLISHED
    resource.save()
    oai_record_sync(resource_id=resource.pk)
    clock.set(datetime(2026, 3, 1, tzinfo=UTC))
    # The search update's hook refreshes the record once the withdrawal commits.
    with django_capture_on_commit_callbacks(execute=True):
        resource_withdraw(resource=resource, member=resource.contributor)
    record = OaiRecord.objects.get()
    assert record.deleted and record.datestamp == datetime(2026, 3, 1, tzinfo=UTC)
    assert "level:fl-lo-3" in record.set_specs

    identifier = f"oai:{DOMAIN}:resource/{resource.pk}"
    root = oai(verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")
    header = root.find(".//oai:header", OAI_NS)
    assert header.get("status") == "deleted"
    assert root.find(".//oai:metadata", OAI_NS) is None
    root = oai(verb="ListRecords", metadataPrefix="oai_dc", set="level:fl-lo-3")
    assert root.find(".//oai:header", OAI_NS).get("status") == "deleted"
    root = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", from_="2026-03-01")
    assert root.find(".//oai:header", OAI_NS).get("status") == "deleted"
    # Still known: its formats can be listed.
    assert errors(oai(verb="ListMetadataFormats", identifier=identifier)) == []

    # Published again: the same record, no longer deleted, with a new datestamp.
    clock.set(datetime(2026, 3, 2, tzinfo=UTC))
    resource.status = Status.PUBLISHED
    resource.save()
    oai_record_sync(resource_id=resource.pk)
    record.refresh_from_db()
    assert not record.deleted and record.datestamp == datetime(2026, 3, 2, tzinfo=UTC)


def test_deleting_the_row_leaves_a_deleted_record_forever(oai, clock):
    resource = ResourceFactory()
    kept = ResourceFactory()
    oai_records_rebuild()
    gone_id = resource.pk
    resource.delete()
    clock.set(datetime(2026, 4, 1, tzinfo=UTC))
    assert oai_records_rebuild() == {"created": 0, "updated": 0, "deleted": 1}
    record = OaiRecord.objects.get(resource_id=gone_id)
    assert record.deleted and record.datestamp == datetime(2026, 4, 1, tzinfo=UTC)
    # Later rebuilds leave it as it is.
    clock.set(datetime(2026, 5, 1, tzinfo=UTC))
    assert oai_records_rebuild() == {"created": 0, "updated": 0, "deleted": 0}
    assert OaiRecord.objects.get(resource_id=gone_id).datestamp == datetime(2026, 4, 1, tzinfo=UTC)
    root = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    headers = root.findall(".//oai:header", OAI_NS)
    assert [h.get("status") for h in headers] == [None, "deleted"]
    assert headers[0].findtext("oai:identifier", namespaces=OAI_NS).endswith(f"/{kept.pk}")


def test_a_record_not_yet_synced_after_withdrawal_is_offered_as_deleted(oai):
    resource = ResourceFactory()
    oai_records_rebuild()
    resource.status = Status.WITHDRAWN
    resource.save()
    root = oai(verb="ListRecords", metadataPrefix="oai_dc")
    assert root.find(".//oai:header", OAI_NS).get("status") == "deleted"


def test_rebuild_command(capsys):
    for _ in range(3):
        ResourceFactory()
    call_command("oai", "rebuild", "--quiet")
    assert "3 created, 0 updated, 0 marked deleted" in capsys.readouterr().out
    assert OaiRecord.objects.count() == 3


def test_the_daily_rebuild_repairs_the_records():
    from staffroom.interop.oai.tasks import rebuild_oai_records
    from staffroom.site.schedule import SCHEDULE

    assert SCHEDULE["oai-rebuild"][0] == "staffroom.interop.oai.tasks.rebuild_oai_records"
    resource = ResourceFactory()
    OaiRecord.objects.all().delete()
    rebuild_oai_records.call()
    assert OaiRecord.objects.get().resource_id == resource.pk


def test_the_rebuild_command_fills_an_empty_table_once():
    from io import StringIO

    resource = ResourceFactory()
    OaiRecord.objects.all().delete()
    call_command("oai", "rebuild", "--if-empty", "--quiet", stdout=StringIO())
    record = OaiRecord.objects.get(resource_id=resource.pk)
    OaiRecord.objects.filter(pk=record.pk).update(digest="stale")
    call_command("oai", "rebuild", "--if-empty", "--quiet", stdout=StringIO())
    assert OaiRecord.objects.get(pk=record.pk).digest == "stale"  # not empty: left alone
