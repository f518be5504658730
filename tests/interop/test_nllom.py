"""NL-LOM (``nl_lom``) records: the IMS MD 1.2.4 binding with the vocabularies Edurep expects,
validated against imsmd_v1p2p4.xsd; the real phpNLLOM records check the schema setup."""

import pytest
from lxml import etree

from staffroom.interop.formats import FORMATS
from staffroom.interop.lom import IMSMD, OBK, nl_lom_serialize
from staffroom.resources.models import Resource
from tests.factories import OrganisationFactory, ResourceFactory, ResourceFileFactory
from tests.interop.test_lom import DATA, OAI, schema

IMS_XSD = "imsmd/imsmd_v1p2p4.xsd"
NS = {"m": IMSMD}

pytestmark = pytest.mark.django_db


def assert_valid(element, relative: str = IMS_XSD) -> None:
    document = etree.fromstring(etree.tostring(element, encoding="UTF-8"))
    checker = schema(relative)
    assert checker.validate(document), "\n".join(str(error) for error in checker.error_log)


def nl_lom(resource) -> etree._Element:
    return nl_lom_serialize(Resource.objects.get(pk=resource.pk))


def texts(root, path: str) -> list[str]:
    return [node.text for node in root.xpath(path, namespaces=NS)]


def classification(root, purpose: str):
    (found,) = root.xpath(
        f"m:classification[m:purpose/m:value/m:langstring='{purpose}']", namespaces=NS
    )
    return found


def paths(found, source: str) -> list[list[str]]:
    return [
        texts(path, "m:taxon/m:id")
        for path in found.xpath("m:taxonpath", namespaces=NS)
        if texts(path, "m:source/m:langstring") == [source]
    ]


@pytest.mark.parametrize("name", ["phpNLLOM-result.xml", "phpNLLOM-result_minimal.xml"])
def test_the_real_phpnllom_records_validate(name):
    """The reference library's own output passes: the schema and its xml.xsd import are set up
    right, so a failure below is ours."""
    checker = schema(IMS_XSD)
    document = etree.parse(str(DATA / "nl-lom" / name))
    assert checker.validate(document), "\n".join(str(error) for error in checker.error_log)


def test_the_format_is_registered():
    assert FORMATS["nl_lom"].namespace == "http://www.imsglobal.org/xsd/imsmd_v1p2"
    assert FORMATS["nl_lom"].schema == "http://www.imsglobal.org/xsd/imsmd_v1p2p4.xsd"
    assert FORMATS["nl_lom"].serialize is nl_lom_serialize


def test_flemish_link_resource_reaches_the_dutch_vocabularies_through_the_crosswalk(settings):
    settings.SITE_URL = "https://staffroom.example"
    resource = ResourceFactory(
        title="Breuken vergelijken",
        url="https://example.org/breuken",
        keywords=["breuken"],
        levels=["fl-lo-3"],
        subjects=["fl-wis"],
        licence="cc-by-sa",
    )
    root = nl_lom(resource)
    assert_valid(root)
    assert root.tag == f"{{{IMSMD}}}lom"
    assert texts(root, "m:general/m:title/m:langstring") == ["Breuken vergelijken"]
    assert root.xpath("m:general/m:title/m:langstring/@xml:lang", namespaces=NS) == ["nl"]
    assert texts(root, "m:general/m:catalogentry/m:catalog") == ["URI"]
    assert texts(root, "m:general/m:catalogentry/m:entry/m:langstring") == [
        f"https://staffroom.example/resources/{resource.pk}/breuken-vergelijken/"
    ]
    assert texts(root, "m:general/m:language") == ["nl"]
    assert texts(root, "m:metametadata/m:metadatascheme") == ["LOMv1.0", "nl_lom_v1p0"]
    assert texts(root, "m:technical/m:format") == ["text/html"]
    assert texts(root, "m:technical/m:location")[0] == "https://example.org/breuken"
    assert texts(root, "m:educational/m:context/m:source/m:langstring") == [
        "http://purl.edustandaard.nl/vdex_context_czp_20060628.xml"
    ]
    assert texts(root, "m:educational/m:context/m:value/m:langstring") == ["PO"]
    assert texts(root, "m:rights/m:copyrightandotherrestrictions/m:source/m:langstring") == [
        "http://purl.edustandaard.nl/copyrightsandotherrestrictions_nllom_20131202"
    ]
    assert texts(root, "m:rights/m:copyrightandotherrestrictions/m:value/m:langstring") == [
        "cc-by-sa-40"
    ]
    assert (
        "https://creativecommons.org/licenses/by-sa/4.0/"
        in texts(root, "m:rights/m:description/m:langstring")[0]
    )
    levels = classification(root, "educational level")
    assert texts(levels, "m:purpose/m:source/m:langstring") == [
        "http://purl.edustandaard.nl/vdex_classification_purpose_czp_20060628.xml"
    ]
    # 3de leerjaar is groep 5 (Kennisnet's OBK id), and stays itself in our own vocabulary.
    assert paths(levels, OBK) == [["bc213214-b83d-4673-b9c1-8fdaa63d6d56"]]
    assert paths(levels, "https://staffroom.example/vocabularies/levels") == [
        ["fl-bao", "fl-lo", "fl-lo-3"]
    ]
    subjects = classification(root, "discipline")
    assert paths(subjects, OBK) == [["7afbb7a6-c29b-425c-9c59-6f79c845f5f0"]]  # Wiskunde
    assert paths(subjects, "https://staffroom.example/vocabularies/subjects") == [["fl-wis"]]


def test_dutch_terms_without_a_row_use_the_nearest_broader_one():
    resource = ResourceFactory(levels=["nl-vmbo-3", "nl-havo-4"], subjects=["nl-nt2", "nl-ll"])
    root = nl_lom(resource)
    assert_valid(root)
    levels = classification(root, "educational level")
    assert paths(levels, OBK) == [
        ["c7942bb1-bf4f-409f-bc98-9a0b02f175dc"],  # VMBO
        ["70af3752-c6ad-43d9-aa0c-9ff099931f8a"],  # HAVO, 4
    ]
    assert texts(root, "m:educational/m:context/m:value/m:langstring") == ["VO"]
    subjects = classification(root, "discipline")
    # NT2 is under Nederlands; leren leren has no OBK counterpart: only our own path.
    assert paths(subjects, OBK) == [["3401cf6e-82e4-404c-b216-b980ff407159"]]
    assert len(subjects.xpath("m:taxonpath", namespaces=NS)) == 3


def test_file_resource_of_an_organisation_all_rights_reserved_non_ascii():
    organisation = OrganisationFactory(name="Uitgeverij Één; Co")
    resource = ResourceFactory(
        kind="file",
        url="",
        title="Één, twee, drie — 日本語 & <tags>",
        description="",
        organisation=organisation,
        licence="arr",
        levels=["nl-po-5"],
        subjects=["nl-rw"],
    )
    ResourceFileFactory(resource=resource)
    root = nl_lom(resource)
    assert_valid(root)
    assert texts(root, "m:general/m:title/m:langstring") == ["Één, twee, drie — 日本語 & <tags>"]
    assert texts(root, "m:general/m:description") == []
    assert texts(root, "m:technical/m:format") == ["application/pdf"]
    assert len(texts(root, "m:technical/m:location")) == 2
    assert texts(root, "m:rights/m:copyrightandotherrestrictions/m:value/m:langstring") == ["yes"]
    publisher = root.xpath(
        "m:lifecycle/m:contribute[m:role/m:value/m:langstring='publisher']", namespaces=NS
    )[0]
    assert "ORG:Uitgeverij Één\\; Co" in texts(publisher, "m:centity/m:vcard")[0]
    assert texts(publisher, "m:date/m:datetime")[0].endswith("+00:00")


def test_cc0_and_other_language():
    resource = ResourceFactory(licence="cc0", language="other", levels=["nl-wo"])
    root = nl_lom(resource)
    assert_valid(root)
    assert texts(root, "m:general/m:language") == []
    assert root.xpath("m:general/m:title/m:langstring/@xml:lang", namespaces=NS) == []
    assert texts(root, "m:rights/m:copyrightandotherrestrictions/m:value/m:langstring") == ["no"]
    assert texts(root, "m:educational/m:context/m:value/m:langstring") == ["WO"]


def test_an_oai_pmh_response_with_nl_lom_records_validates_with_the_driver_schema():
    response = etree.Element(f"{{{OAI}}}OAI-PMH", nsmap={None: OAI})
    etree.SubElement(response, f"{{{OAI}}}responseDate").text = "2025-01-01T00:00:00Z"
    request = etree.SubElement(response, f"{{{OAI}}}request", verb="GetRecord")
    request.set("metadataPrefix", "nl_lom")
    request.set("identifier", "oai:staffroom:1")
    request.text = "https://staffroom.example/oai"
    record = etree.SubElement(etree.SubElement(response, f"{{{OAI}}}GetRecord"), f"{{{OAI}}}record")
    header = etree.SubElement(record, f"{{{OAI}}}header")
    etree.SubElement(header, f"{{{OAI}}}identifier").text = "oai:staffroom:1"
    etree.SubElement(header, f"{{{OAI}}}datestamp").text = "2025-01-01T00:00:00Z"
    etree.SubElement(record, f"{{{OAI}}}metadata").append(nl_lom(ResourceFactory()))
    assert_valid(response, "oai-pmh+oai_dc+lom.xsd")
