"""Every resource type of ours comes back as itself when another Staffroom harvests our
NL-LOM or oai_dc records (strict IEEE LOM has room only for LOMv1.0's few types)."""

import pytest
from lxml import etree

from staffroom.curriculum.models import ResourceType
from staffroom.interop.dc import dc_serialize
from staffroom.interop.harvest import mapping
from staffroom.interop.harvest.parse import parse_metadata
from staffroom.interop.lom import nl_lom_serialize
from staffroom.resources.models import Resource
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db

OAI = "http://www.openarchives.org/OAI/2.0/"


def _metadata(element):
    record = etree.fromstring(f"<record xmlns='{OAI}'><metadata/></record>")
    record.find(f"{{{OAI}}}metadata").append(element)
    return parse_metadata(record.find(f"{{{OAI}}}metadata"))


@pytest.mark.parametrize("serialize", [nl_lom_serialize, dc_serialize])
def test_every_resource_type_comes_back_as_itself(settings, serialize):
    settings.SITE_URL = "https://other-staffroom.example.org"
    types = list(ResourceType.objects.all())
    assert len(types) > 10
    for resource_type in types:
        resource = Resource.objects.get(pk=ResourceFactory(resource_type=resource_type).pk)
        found = mapping.map_type(_metadata(serialize(resource)).types)
        assert [kind.code for kind in found.terms] == [resource_type.code], resource_type.code
