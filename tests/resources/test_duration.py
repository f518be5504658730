"""Time in class: given on the share form (or by a harvested record), shown on the page, in
the API, in JSON-LD and LOM, and a search filter (tests/search/test_facets.py)."""

import html

import pytest
from django.urls import reverse
from lxml import etree
from tests.factories import MemberFactory, ResourceFactory, contribution_data, pdf_upload
from tests.interop.test_harvest import OAI_NS, real_lom
from tests.interop.test_lom import assert_valid
from tests.interop.test_nllom import assert_valid as assert_valid_nl_lom

from staffroom.interop.harvest.parse import parse_metadata
from staffroom.interop.lom import IMSMD, LOM, lom_serialize, nl_lom_serialize
from staffroom.resources.jsonld import resource_jsonld
from staffroom.resources.models import Resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher(client):
    member = MemberFactory()
    client.force_login(member)
    return member


def _contribute(client, duration: str):
    return client.post(
        reverse("resources:contribute"),
        {**contribution_data(advanced="1"), "duration": duration, "files": [pdf_upload()]},
    )


def test_a_teacher_gives_the_time_in_class_and_readers_see_it(client, teacher):
    response = _contribute(client, "50")
    assert response.status_code == 302
    resource = Resource.objects.get(contributor=teacher)
    assert resource.duration == 50
    assert (
        "Time in class"
        in client.get(reverse("resources:contribute") + "?advanced=1").content.decode()
    )
    published = ResourceFactory(duration=50)
    page = html.unescape(client.get(published.get_absolute_url()).content.decode())
    assert "Time in class" in page
    assert "50 minutes" in page


@pytest.mark.parametrize("duration", ["0", "-5", "601", "fifty", "1.5"])
def test_a_time_in_class_that_is_not_one_is_refused_and_nothing_is_lost(client, teacher, duration):
    response = _contribute(client, duration)
    assert response.status_code == 200
    assert "duration" in response.context["form"].errors
    draft = Resource.objects.get(contributor=teacher)
    assert draft.title == contribution_data()["title"]
    assert draft.duration is None


def test_an_empty_time_in_class_is_unknown(client, teacher):
    assert _contribute(client, "").status_code == 302
    assert Resource.objects.get(contributor=teacher).duration is None


def test_the_api_gives_and_takes_the_time_in_class(client):
    resource = ResourceFactory(duration=90)
    body = client.get(f"/api/v1/resources/{resource.pk}").json()
    assert body["duration"] == 90
    assert client.get(f"/api/v1/resources/{ResourceFactory().pk}").json()["duration"] is None


def test_json_ld_and_lom_write_it_as_iso_8601():
    resource = ResourceFactory(duration=90, url="https://example.org/les")
    assert resource_jsonld(resource, "https://staffroom.example")["timeRequired"] == "PT1H30M"
    assert "timeRequired" not in resource_jsonld(ResourceFactory(), "https://staffroom.example")
    resource = Resource.objects.get(pk=resource.pk)
    lom = lom_serialize(resource)
    assert_valid(lom)
    assert lom.xpath(
        "l:educational/l:typicalLearningTime/l:duration/text()", namespaces={"l": LOM}
    ) == ["PT1H30M"]
    nl_lom = nl_lom_serialize(resource)
    assert_valid_nl_lom(nl_lom)
    assert nl_lom.xpath(
        "m:educational/m:typicallearningtime/m:datetime/text()", namespaces={"m": IMSMD}
    ) == ["PT1H30M"]
    assert ResourceFactory(duration=45).duration_iso == "PT45M"
    assert ResourceFactory(duration=120).duration_iso == "PT2H"


def _harvested(lom: bytes):
    metadata_element = etree.fromstring(f'<metadata xmlns="{OAI_NS}"/>'.encode())
    metadata_element.append(etree.fromstring(lom))
    return parse_metadata(metadata_element)


def test_a_harvested_record_gives_its_typical_learning_time():
    # The real NL-LOM record says PT1H30M.
    assert _harvested(real_lom()).duration == 90


@pytest.mark.parametrize("value", ["P3D", "PT0M", "anderhalf uur", "PT11H"])
def test_a_typical_learning_time_that_is_no_time_in_class_is_left_out_and_reported(value):
    lom = real_lom().replace(b"PT1H30M", value.encode())
    metadata = _harvested(lom)
    assert metadata.duration is None
    assert any("typical learning time" in quirk for quirk in metadata.quirks)
