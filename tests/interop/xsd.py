"""Validating XML against the schemas in tests/data/xsd (offline, through its catalog).

validate(xml_bytes)                  # OAI-PMH.xsd (lax nowhere: <metadata> is strict)
validate(xml_bytes, schema="driver") # OAI-PMH with oai_dc, oai-identifier, LOM, IMS MD
validate(element, schema="oai_dc")   # one metadata record
"""

import os
from functools import cache
from pathlib import Path

import pytest

XSD = Path(__file__).resolve().parents[1] / "data" / "xsd"
SCHEMAS = {
    "oai": "OAI/2.0/OAI-PMH.xsd",
    "driver": "oai-pmh+oai_dc+lom.xsd",
    "oai_dc": "oai_dc/oai_dc.xsd",
    "lom": "lomv1.0/lomLoose.xsd",
    "lom_strict": "lomv1.0/lomStrict.xsd",
    "imsmd": "imsmd/imsmd_v1p2p4.xsd",
    "oai_identifier": "OAI/2.0/oai-identifier.xsd",
}


@cache
def load_schema(name: str):
    from lxml import etree

    # libxml2 reads the catalog when it first needs one: set it before any schema is parsed.
    os.environ["XML_CATALOG_FILES"] = str(XSD / "catalog.xml")
    return etree.XMLSchema(etree.parse(str(XSD / SCHEMAS.get(name, name))))


def validate(xml, schema: str = "oai"):
    """Parse ``xml`` (bytes, str or an lxml element) and assert it is valid against the named
    schema (a key of SCHEMAS or a path under xsd/); returns the parsed root element."""
    from lxml import etree

    name = schema
    if isinstance(xml, str):
        xml = xml.encode()
    root = etree.fromstring(xml) if isinstance(xml, bytes) else xml
    checker = load_schema(name)
    if not checker.validate(root):
        errors = "\n".join(f"line {e.line}: {e.message}" for e in checker.error_log[:10])
        pytest.fail(f"not valid against {name}:\n{errors}")
    return root
