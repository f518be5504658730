"""IEEE LOM (``lom``) records of published resources, validated against lomStrict.xsd and, wrapped
in an OAI-PMH response, against the driver schema of tests/data/xsd."""

import os
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from staffroom.interop.formats import FORMATS
from staffroom.interop.lom import LOM, lom_serialize
from staffroom.resources.models import Resource
from tests.factories import OrganisationFactory, ResourceFactory, ResourceFileFactory

DATA = Path(__file__).resolve().parents[1] / "data"
XSD = DATA / "xsd"
CATALOG = XSD / "catalog.xml"
OAI = "http://www.openarchives.org/OAI/2.0/"

pytestmark = pytest.mark.django_db


class CatalogResolver(etree.Resolver):
    """The XML catalog's mappings for schema imports. XML_CATALOG_FILES alone is read by libxml2
    once per process, so it does not help when something parsed a catalog-less document first."""

    def __init__(self):
        super().__init__()
        catalog = etree.parse(str(CATALOG)).getroot()
        self.local = {
            entry.get("name") or entry.get("systemId"): str(XSD / entry.get("uri"))
            for entry in catalog
            if isinstance(entry.tag, str)
        }

    def resolve(self, url, pubid, context):
        if url in self.local:
            return self.resolve_filename(self.local[url], context)
        return None


@cache
def schema(relative: str) -> etree.XMLSchema:
    """A schema of tests/data/xsd, its imports resolved offline."""
    os.environ.setdefault("XML_CATALOG_FILES", str(CATALOG))
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(CatalogResolver())
    return etree.XMLSchema(etree.parse(str(XSD / relative), parser))


def assert_valid(element, relative: str = "lomv1.0/lomStrict.xsd") -> None:
    # Through bytes, as a harvester receives it.
    document = etree.fromstring(etree.tostring(element, encoding="UTF-8"))
    checker = schema(relative)
    assert checker.validate(document), "\n".join(str(error) for error in checker.error_log)


def lom(resource) -> etree._Element:
    return lom_serialize(Resource.objects.get(pk=resource.pk))


def texts(root, path: str) -> list[str]:
    return [node.text for node in root.xpath(path, namespaces={"l": LOM})]


def test_the_format_is_registered():
    assert FORMATS["lom"].namespace == LOM
    assert FORMATS["lom"].schema == "http://ltsc.ieee.org/xsd/lomv1.0/lomStrict.xsd"
    assert FORMATS["lom"].serialize is lom_serialize


def test_link_resource(settings):
    settings.SITE_URL = "https://staffroom.example"
    resource = ResourceFactory(
        title="Breuken vergelijken",
        url="https://example.org/breuken",
        keywords=["breuken", "rekenen"],
        levels=["fl-lo-3", "fl-lo-4"],
        subjects=["fl-wis"],
    )
    root = lom(resource)
    assert_valid(root)
    assert root.tag == f"{{{LOM}}}lom"
    page = f"https://staffroom.example/resources/{resource.pk}/breuken-vergelijken/"
    assert texts(root, "l:general/l:identifier/l:catalog") == ["URI"]
    assert texts(root, "l:general/l:identifier/l:entry") == [page]
    assert texts(root, "l:general/l:title/l:string") == ["Breuken vergelijken"]
    assert root.xpath("l:general/l:title/l:string/@language", namespaces={"l": LOM}) == ["nl"]
    assert texts(root, "l:general/l:language") == ["nl"]
    assert texts(root, "l:general/l:keyword/l:string") == ["breuken", "rekenen"]
    assert texts(root, "l:technical/l:format") == ["text/html"]
    assert texts(root, "l:technical/l:location") == ["https://example.org/breuken", page]
    assert texts(root, "l:educational/l:learningResourceType/l:value") == ["exercise"]
    assert texts(root, "l:educational/l:intendedEndUserRole/l:value") == ["teacher", "learner"]
    assert texts(root, "l:educational/l:context/l:value") == ["school"]
    assert texts(root, "l:rights/l:cost/l:value") == ["no"]
    assert texts(root, "l:rights/l:copyrightAndOtherRestrictions/l:value") == ["yes"]
    assert (
        "https://creativecommons.org/licenses/by/4.0/"
        in texts(root, "l:rights/l:description/l:string")[0]
    )
    assert texts(root, "l:metaMetadata/l:metadataSchema") == ["LOMv1.0"]
    # Levels as paths of our vocabulary, broadest term first.
    (levels,) = root.xpath(
        "l:classification[l:purpose/l:value='educational level']", namespaces={"l": LOM}
    )
    assert texts(levels, "l:purpose/l:source") == ["LOMv1.0"]
    assert (
        texts(levels, "l:taxonPath/l:source/l:string")
        == ["https://staffroom.example/vocabularies/levels"] * 2
    )
    assert [
        texts(path, "l:taxon/l:id") for path in levels.xpath("l:taxonPath", namespaces={"l": LOM})
    ] == [
        ["fl-bao", "fl-lo", "fl-lo-3"],
        ["fl-bao", "fl-lo", "fl-lo-4"],
    ]
    assert "3de leerjaar" in texts(levels, "l:taxonPath/l:taxon/l:entry/l:string[@language='nl']")
    (subjects,) = root.xpath(
        "l:classification[l:purpose/l:value='discipline']", namespaces={"l": LOM}
    )
    assert texts(subjects, "l:taxonPath/l:source/l:string") == [
        "https://staffroom.example/vocabularies/subjects"
    ]
    assert texts(subjects, "l:taxonPath/l:taxon/l:id") == ["fl-wis"]


def test_file_resource_with_organisation_and_all_rights_reserved():
    organisation = OrganisationFactory(name="Uitgeverij Één & Co")
    resource = ResourceFactory(
        kind="file",
        url="",
        organisation=organisation,
        licence="arr",
        author_name="Jan Peeters, redactie",
        levels=["nl-havo-4"],
        subjects=["nl-bio"],
    )
    first = ResourceFileFactory(resource=resource)
    ResourceFileFactory(
        resource=resource,
        original_name="dia's.pptx",
        mime_type="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    )
    ResourceFileFactory(resource=resource, pending=True, mime_type="image/png")
    root = lom(resource)
    assert_valid(root)
    assert texts(root, "l:technical/l:format") == [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ]
    locations = texts(root, "l:technical/l:location")
    assert locations[0].endswith(resource.get_absolute_url())
    assert locations[1].endswith(f"/resources/{resource.pk}/files/{first.pk}/download/")
    assert len(locations) == 3
    assert int(texts(root, "l:technical/l:size")[0]) == sum(
        file.size for file in resource.files.filter(pending=False)
    )
    assert texts(root, "l:rights/l:copyrightAndOtherRestrictions/l:value") == ["yes"]
    assert texts(root, "l:rights/l:description/l:string") == [
        "All rights reserved, used with permission"
    ]
    author, publisher = root.xpath("l:lifeCycle/l:contribute", namespaces={"l": LOM})
    assert texts(author, "l:role/l:value") == ["author"]
    # vCard escapes the comma of a text value.
    assert "FN:Jan Peeters\\, redactie" in texts(author, "l:entity")[0]
    assert texts(publisher, "l:role/l:value") == ["publisher"]
    assert "ORG:Uitgeverij Één & Co" in texts(publisher, "l:entity")[0]
    date = texts(publisher, "l:date/l:dateTime")[0]
    assert date.startswith(resource.published_at.astimezone().date().isoformat()[:4])
    assert date.endswith("Z")
    assert texts(root, "l:educational/l:context/l:value") == ["school"]


def test_non_ascii_other_language_and_empty_description():
    resource = ResourceFactory(
        title="Ça va? Übung „Zeitformen“ — 日本語 <b>&</b>",
        description="",
        language="other",
        keywords=["één", " "],
        resource_type=None,
        licence="cc0",
        levels=["fl-ho-uni", "fl-volw"],
    )
    resource.subjects.clear()
    root = lom(resource)
    assert_valid(root)
    assert texts(root, "l:general/l:title/l:string") == [
        "Ça va? Übung „Zeitformen“ — 日本語 <b>&</b>"
    ]
    assert root.xpath("l:general/l:title/l:string/@language", namespaces={"l": LOM}) == []
    assert texts(root, "l:general/l:language") == []
    assert texts(root, "l:general/l:description") == []
    assert texts(root, "l:general/l:keyword/l:string") == ["één"]
    assert texts(root, "l:educational/l:learningResourceType/l:value") == []
    assert texts(root, "l:educational/l:context/l:value") == ["higher education", "training"]
    assert texts(root, "l:rights/l:copyrightAndOtherRestrictions/l:value") == ["no"]
    assert (
        root.xpath("l:classification[l:purpose/l:value='discipline']", namespaces={"l": LOM}) == []
    )


def test_teacher_only_types():
    from staffroom.curriculum.models import ResourceType

    resource = ResourceFactory(resource_type=ResourceType.objects.get(code="lesson-plan"))
    root = lom(resource)
    assert_valid(root)
    assert texts(root, "l:educational/l:intendedEndUserRole/l:value") == ["teacher"]
    assert texts(root, "l:educational/l:learningResourceType/l:value") == []


def test_an_oai_pmh_response_with_lom_records_validates_with_the_driver_schema():
    records = [
        ResourceFactory(),
        ResourceFactory(licence="arr", organisation=OrganisationFactory()),
    ]
    response = etree.Element(f"{{{OAI}}}OAI-PMH", nsmap={None: OAI})
    etree.SubElement(response, f"{{{OAI}}}responseDate").text = "2025-01-01T00:00:00Z"
    request = etree.SubElement(response, f"{{{OAI}}}request", verb="ListRecords")
    request.set("metadataPrefix", "lom")
    request.text = "https://staffroom.example/oai"
    listing = etree.SubElement(response, f"{{{OAI}}}ListRecords")
    for resource in records:
        record = etree.SubElement(listing, f"{{{OAI}}}record")
        header = etree.SubElement(record, f"{{{OAI}}}header")
        etree.SubElement(header, f"{{{OAI}}}identifier").text = f"oai:staffroom:{resource.pk}"
        etree.SubElement(header, f"{{{OAI}}}datestamp").text = "2025-01-01T00:00:00Z"
        metadata = etree.SubElement(record, f"{{{OAI}}}metadata")
        metadata.append(lom(resource))
    assert_valid(response, "oai-pmh+oai_dc+lom.xsd")


def test_the_schema_setup_rejects_what_strict_lom_forbids():
    """A value outside LOMv1.0 must fail: the schema is really strict, the check not vacuous."""
    root = lom(ResourceFactory())
    value = root.xpath("l:educational/l:context/l:value", namespaces={"l": LOM})[0]
    value.text = "VO"
    document = etree.fromstring(etree.tostring(root))
    assert not schema("lomv1.0/lomStrict.xsd").validate(document)
