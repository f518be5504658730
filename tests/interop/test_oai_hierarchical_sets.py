"""OAI sets follow the curriculum's hierarchy: a record tagged with a narrow term is in every
broader term's set too, kept as (set, record) rows in step with the record's datestamp; sets
without records are not listed."""

from datetime import UTC, datetime

import pytest
from django.apps import apps
from django.db import connection

from staffroom.interop.models import OaiRecord, OaiRecordSet
from staffroom.interop.oai import tokens
from staffroom.interop.oai.records import oai_record_sync, oai_records_rebuild
from staffroom.resources.models import Status
from tests.factories import ResourceFactory
from tests.interop.conftest import OAI_NS, errors

pytestmark = pytest.mark.django_db
DOMAIN = "staffroom.example.org"


def ident(resource) -> str:
    return f"oai:{DOMAIN}:resource/{resource.pk}"


def texts(root, path: str) -> list[str]:
    return [element.text for element in root.iterfind(path, OAI_NS)]


def harvest(oai, verb="ListIdentifiers", **params) -> list[str]:
    """Every identifier of a list, through all its resumption tokens."""
    root = oai(verb=verb, metadataPrefix="oai_dc", **params)
    if errors(root) == ["noRecordsMatch"]:
        return []
    assert errors(root) == []
    seen = texts(root, ".//oai:header/oai:identifier")
    token = root.find(".//oai:resumptionToken", OAI_NS)
    while token is not None and token.text:
        root = oai(verb=verb, resumptionToken=token.text)
        seen += texts(root, ".//oai:header/oai:identifier")
        token = root.find(".//oai:resumptionToken", OAI_NS)
    return seen


def all_sets(oai) -> list[str]:
    root = oai(verb="ListSets")
    specs = texts(root, ".//oai:setSpec")
    token = root.find(".//oai:resumptionToken", OAI_NS)
    while token is not None and token.text:
        root = oai(verb="ListSets", resumptionToken=token.text)
        specs += texts(root, ".//oai:setSpec")
        token = root.find(".//oai:resumptionToken", OAI_NS)
    return specs


@pytest.fixture
def clock(monkeypatch):
    class Clock:
        now = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)

        def set(self, value):
            self.now = value

    frozen = Clock()
    monkeypatch.setattr(tokens, "now", lambda: frozen.now)
    return frozen


def rows_of(resource) -> dict[str, datetime]:
    return dict(
        OaiRecordSet.objects.filter(record__resource_id=resource.pk).values_list(
            "spec", "datestamp"
        )
    )


def test_a_record_is_in_every_broader_level_and_subject(oai, oai_settings):
    third = ResourceFactory(levels=["fl-lo-3"], subjects=["fl-bio"])
    havo = ResourceFactory(levels=["nl-havo-1"], subjects=["nl-ak"])
    oai_records_rebuild()
    record = OaiRecord.objects.get(resource_id=third.pk)
    assert {"level:fl-lo-3", "level:fl-lo", "level:fl-bao"} <= set(record.set_specs)
    assert {"subject:fl-bio", "subject:fl-natw"} <= set(record.set_specs)
    for spec in ("level:fl-lo", "level:fl-bao", "subject:fl-natw", "level", "subject"):
        assert ident(third) in harvest(oai, set=spec), spec
    assert harvest(oai, set="level:fl-lo") == [ident(third)]
    # The parent chain and the broader terms a data file adds (Havo 1 is in "Onderbouw vo").
    assert harvest(oai, set="level:nl-vo-ob") == [ident(havo)]
    assert harvest(oai, set="subject:nl-ojw") == [ident(havo)]
    # The header names the broader sets too.
    root = oai(verb="GetRecord", identifier=ident(third), metadataPrefix="oai_dc")
    assert "level:fl-bao" in texts(root, ".//oai:header/oai:setSpec")
    # A narrower set does not hold what is tagged with a broader term only.
    broad = ResourceFactory(levels=["fl-lo"], subjects=["fl-wis"])
    oai_records_rebuild()
    assert ident(broad) in harvest(oai, set="level:fl-lo")
    assert ident(broad) not in harvest(oai, set="level:fl-lo-3")


def test_list_sets_leaves_out_empty_sets(oai, oai_settings):
    ResourceFactory(levels=["fl-lo-3"], subjects=["fl-wis"], language="nl")
    oai_records_rebuild()
    specs = all_sets(oai)
    assert {"level", "level:fl-bao", "level:fl-lo", "level:fl-lo-3", "subject:fl-wis"} <= set(specs)
    assert "level:nl-po" not in specs and "level:fl-so" not in specs
    assert "language:und" not in specs and "language:en" not in specs
    # Every listed set gives records.
    for spec in specs:
        assert harvest(oai, set=spec), spec
    root = oai(verb="ListSets")
    token = root.find(".//oai:resumptionToken", OAI_NS)
    assert int(token.get("completeListSize")) == len(specs)


def test_without_records_there_are_no_sets(oai, oai_settings):
    assert errors(oai(verb="ListSets")) == ["noSetHierarchy"]


def test_set_rows_follow_the_record(oai, clock, django_capture_on_commit_callbacks):
    resource = ResourceFactory(levels=["fl-lo-3"], subjects=["fl-wis"])
    oai_record_sync(resource_id=resource.pk)
    first = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
    rows = rows_of(resource)
    assert set(rows) == set(OaiRecord.objects.get().set_specs)
    assert set(rows.values()) == {first}

    # Another level: the old level's rows go, the new one's come, all with the new datestamp.
    clock.set(datetime(2026, 2, 1, tzinfo=UTC))
    resource.levels.set(resource.levels.model.objects.filter(code="nl-po-5"))
    oai_record_sync(resource_id=resource.pk)
    record = OaiRecord.objects.get()
    rows = rows_of(resource)
    assert "level:fl-lo-3" not in rows and "level:fl-bao" not in rows
    assert {"level:nl-po-5", "level:nl-po"} <= set(rows)
    assert set(rows) == set(record.set_specs)
    assert set(rows.values()) == {record.datestamp} == {datetime(2026, 2, 1, tzinfo=UTC)}
    assert harvest(oai, set="level:fl-bao") == []
    assert harvest(oai, set="level:nl-po", from_="2026-02-01") == [ident(resource)]
    assert harvest(oai, set="level:nl-po", until="2026-01-31") == []

    # Withdrawn: still in its sets, as a deleted record, with the new datestamp.
    clock.set(datetime(2026, 3, 1, tzinfo=UTC))
    resource.status = Status.WITHDRAWN
    resource.save()
    oai_record_sync(resource_id=resource.pk)
    rows = rows_of(resource)
    assert "level:nl-po" in rows
    assert set(rows.values()) == {datetime(2026, 3, 1, tzinfo=UTC)}
    root = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set="level:nl-po")
    assert root.find(".//oai:header", OAI_NS).get("status") == "deleted"


def test_a_set_pages_by_keyset_through_equal_datestamps(oai, oai_settings, clock):
    resources = [ResourceFactory(levels=["fl-lo-2"]) for _ in range(9)]
    others = [ResourceFactory(levels=["nl-po-3"]) for _ in range(4)]
    oai_records_rebuild()  # one datestamp for all
    expected = [ident(resource) for resource in resources]
    assert harvest(oai, set="level:fl-lo") == expected
    assert harvest(oai, "ListRecords", set="level:fl-bao") == expected
    assert len(harvest(oai, set="level")) == len(resources) + len(others)


def test_the_migration_fills_the_rows_with_broader_sets(oai_settings):
    resource = ResourceFactory(levels=["nl-havo-1"], subjects=["fl-bio"])
    oai_records_rebuild()
    record = OaiRecord.objects.get()
    expected_specs, expected_rows = record.set_specs, rows_of(resource)
    # As a record stood before: its own terms only, no rows.
    OaiRecordSet.objects.all().delete()
    flat = [
        "level",
        "level:nl-havo-1",
        "subject",
        "subject:fl-bio",
        *[s for s in record.set_specs if not s.startswith(("level", "subject"))],
    ]
    OaiRecord.objects.filter(pk=record.pk).update(set_specs=flat)
    migration = __import__(
        "staffroom.interop.migrations.0003_fill_oai_record_sets", fromlist=["fill"]
    )
    migration.fill(apps, connection.schema_editor())
    record.refresh_from_db()
    assert record.set_specs == expected_specs
    assert rows_of(resource) == expected_rows
    assert "level:nl-vo-ob" in expected_rows and "subject:fl-natw" in expected_rows


def test_the_undetermined_language_is_listed_once_it_has_records(oai, oai_settings):
    ResourceFactory(language="nl")
    oai_records_rebuild()
    assert "language:und" not in all_sets(oai)
    unknown = ResourceFactory(language="und")
    oai_records_rebuild()
    oai_settings.OAI_PAGE_SIZE_IDENTIFIERS = 1000
    root = oai(verb="ListSets")
    names = dict(zip(texts(root, ".//oai:setSpec"), texts(root, ".//oai:setName"), strict=True))
    assert names["language:und"] == "Language: Language not known (taal onbekend)"
    assert harvest(oai, set="language:und") == [ident(unknown)]
