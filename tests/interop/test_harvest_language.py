"""The language of a harvested record: stated, told from enough text, or not known -- and a
later version that states none never undoes the language a moderator chose."""

import pytest
from lxml import etree

from staffroom.interop.harvest.records import import_record
from staffroom.interop.harvest.report import Report
from staffroom.interop.models.harvest import HarvestRun, HarvestSource
from staffroom.resources.models import ContentLanguage, Status
from tests.factories import MemberFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

ENGLISH = (
    "This lesson plan helps pupils compare fractions with everyday objects such as pizzas, "
    "chocolate bars and measuring cups, and ends with a short exercise they can do at home."
)


def _record(description: str, datestamp: str = "2026-01-05") -> etree._Element:
    return etree.fromstring(
        f"""<record xmlns="http://www.openarchives.org/OAI/2.0/">
  <header><identifier>oai:example.org:1</identifier><datestamp>{datestamp}</datestamp></header>
  <metadata>
    <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
               xmlns:dc="http://purl.org/dc/elements/1.1/">
      <dc:title>Comparing fractions</dc:title>
      <dc:description>{description}</dc:description>
      <dc:identifier>https://example.org/lessons/fractions</dc:identifier>
    </oai_dc:dc>
  </metadata>
</record>"""
    )


def _import(source, record) -> str:
    return import_record(
        record,
        source=source,
        run=HarvestRun.objects.create(source=source),
        report=Report(),
        contributor=MemberFactory(),
    )


@pytest.fixture
def source():
    return HarvestSource.objects.create(
        name="Lessons", base_url="https://example.org/oai", organisation=OrganisationFactory()
    )


def test_a_record_without_a_language_but_enough_text_is_read_in_its_language(source):
    assert _import(source, _record(ENGLISH)) == "created"
    assert source.records.get().resource.language == ContentLanguage.ENGLISH


def test_a_new_version_without_a_language_keeps_the_moderators_choice(source):
    _import(source, _record("Breuken."))
    resource = source.records.get().resource
    assert resource.language == ContentLanguage.UNDETERMINED
    assert resource.status == Status.PUBLISHED
    type(resource).objects.filter(pk=resource.pk).update(language=ContentLanguage.DUTCH)
    assert _import(source, _record("Breuken vergelijken.", datestamp="2026-02-01")) == "updated"
    resource.refresh_from_db()
    assert resource.description == "Breuken vergelijken."
    assert resource.language == ContentLanguage.DUTCH
