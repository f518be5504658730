"""Cost in the metadata other systems read: LOM and NL-LOM ``rights`` (cost, and the price or
the offer's period in the description), the manual's ``relation`` to its tool, and JSON-LD
``isAccessibleForFree``/``offers``; every record valid against its schema and saying what
the page says."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from staffroom.events.jsonld import event_jsonld
from staffroom.events.lom import event_lom, event_nl_lom
from staffroom.events.models import EventStatus
from staffroom.interop.lom import IMSMD, LOM
from staffroom.interop.models import OaiRecord
from staffroom.interop.oai.records import oai_record_sync
from staffroom.resources.jsonld import resource_jsonld
from staffroom.resources.models import Cost
from staffroom.resources.offers import cost_text, offers_end_expired
from tests.events.factories import EventFactory
from tests.factories import OrganisationFactory, ResourceFactory
from tests.interop.test_lom import assert_valid as assert_valid_lom
from tests.interop.test_lom import lom
from tests.interop.test_nllom import assert_valid as assert_valid_nl_lom
from tests.interop.test_nllom import nl_lom
from tests.resources.test_jsonld import _amb_validator, assert_valid

pytestmark = pytest.mark.django_db


def today() -> datetime.date:
    """Read when a test runs: a date taken at import goes stale when a run crosses midnight."""
    return timezone.localdate()


SITE = "https://staffroom.example"


@pytest.fixture(scope="module")
def amb():
    return _amb_validator()


def _lom_text(root, path: str) -> list[str]:
    return [node.text for node in root.xpath(path, namespaces={"l": LOM})]


def _ims_text(root, path: str) -> list[str]:
    return [node.text for node in root.xpath(path, namespaces={"m": IMSMD})]


def _offer():
    return ResourceFactory(
        title="Quizmakers",
        cost=Cost.FREE_UNTIL,
        free_from=today() - datetime.timedelta(days=3),
        free_until=today() + datetime.timedelta(days=12),
        cost_note="Voor alle scholen",
    )


def _paid():
    return ResourceFactory(title="Rekenmethode", cost=Cost.PAID, cost_note="€ 12 per leerling")


def test_lom_of_a_paid_resource_says_yes_and_its_price(client):
    resource = _paid()
    root = lom(resource)
    assert_valid_lom(root)
    assert _lom_text(root, "l:rights/l:cost/l:value") == ["yes"]
    descriptions = _lom_text(root, "l:rights/l:description/l:string")
    assert "Paid: € 12 per leerling" in descriptions
    # In Dutch and English, after the licence.
    languages = root.xpath("l:rights/l:description/l:string/@language", namespaces={"l": LOM})
    assert languages == ["x-none", "nl", "en"]
    # What the page says (its language: English for this reader).
    with translation.override("en"):
        assert cost_text(resource) in descriptions


def test_nl_lom_of_a_paid_resource(client):
    root = nl_lom(_paid())
    assert_valid_nl_lom(root)
    assert _ims_text(root, "m:rights/m:cost/m:value/m:langstring") == ["yes"]
    assert "Paid: € 12 per leerling" in _ims_text(root, "m:rights/m:description/m:langstring")


def test_lom_and_nl_lom_of_a_free_until_offer():
    offer = _offer()
    root = lom(offer)
    assert_valid_lom(root)
    assert _lom_text(root, "l:rights/l:cost/l:value") == ["no"]
    end = offer.free_until.strftime("%-d %B %Y")
    with translation.override("en"):
        page = cost_text(offer)
    assert page == f"Free until {end} (12 days left)"
    assert f"{page}. Voor alle scholen" in _lom_text(root, "l:rights/l:description/l:string")
    nl_root = nl_lom(offer)
    assert_valid_nl_lom(nl_root)
    assert _ims_text(nl_root, "m:rights/m:cost/m:value/m:langstring") == ["no"]
    assert f"{page}. Voor alle scholen" in _ims_text(nl_root, "m:rights/m:description/m:langstring")


def test_a_free_resource_says_no_and_only_its_licence():
    root = lom(ResourceFactory())
    assert _lom_text(root, "l:rights/l:cost/l:value") == ["no"]
    assert len(_lom_text(root, "l:rights/l:description/l:string")) == 1


def test_a_manual_references_its_tool_in_both_bindings(settings):
    settings.SITE_URL = SITE
    tool = ResourceFactory(title="Quizmakers")
    manual = ResourceFactory(title="Handleiding Quizmakers", manual_for=tool)
    root = lom(manual)
    assert_valid_lom(root)
    assert _lom_text(root, "l:relation/l:kind/l:value") == ["references"]
    assert _lom_text(root, "l:relation/l:resource/l:identifier/l:entry") == [
        SITE + tool.get_absolute_url()
    ]
    assert _lom_text(root, "l:relation/l:resource/l:description/l:string") == ["Quizmakers"]
    nl_root = nl_lom(manual)
    assert_valid_nl_lom(nl_root)
    assert _ims_text(nl_root, "m:relation/m:kind/m:value/m:langstring") == ["references"]
    assert _ims_text(nl_root, "m:relation/m:resource/m:catalogentry/m:entry/m:langstring") == [
        SITE + tool.get_absolute_url()
    ]
    # The tool's own record has no relation: it is not a manual.
    assert not lom(tool).xpath("l:relation", namespaces={"l": LOM})


def test_json_ld_of_a_paid_resource(amb):
    data = resource_jsonld(_paid(), SITE)
    assert_valid(amb, data)
    assert data["isAccessibleForFree"] is False
    assert data["offers"] == [
        {
            "type": "Offer",
            "price": "12.00",
            "priceCurrency": "EUR",
            "description": "€ 12 per leerling",
        }
    ]


def test_json_ld_of_a_price_without_an_amount(amb):
    quoted = ResourceFactory(cost=Cost.PAID, cost_note="Prijs op aanvraag")
    data = resource_jsonld(quoted, SITE)
    assert_valid(amb, data)
    assert data["offers"] == [{"type": "Offer", "description": "Prijs op aanvraag"}]


def test_json_ld_of_an_offer_is_free_while_its_period_runs(amb):
    offer = _offer()
    data = resource_jsonld(offer, SITE)
    assert_valid(amb, data)
    assert data["isAccessibleForFree"] is True
    assert data["offers"] == [
        {
            "type": "Offer",
            "price": "0",
            "priceCurrency": "EUR",
            "description": "Voor alle scholen",
            "availabilityStarts": offer.free_from.isoformat(),
            "availabilityEnds": offer.free_until.isoformat(),
        }
    ]
    not_yet = ResourceFactory(
        cost=Cost.FREE_UNTIL,
        free_from=today() + datetime.timedelta(days=2),
        free_until=today() + datetime.timedelta(days=20),
    )
    assert resource_jsonld(not_yet, SITE)["isAccessibleForFree"] is False
    assert resource_jsonld(ResourceFactory(), SITE)["isAccessibleForFree"] is True
    assert "offers" not in resource_jsonld(ResourceFactory(), SITE)


# -- Events: a paid training --------------------------------------------------------------


def _training(**overrides):
    values = {
        "kind": "training",
        "title": "Digitaal evalueren in de praktijk",
        "organisation": OrganisationFactory(name="Leerhuis", website="https://leerhuis.example"),
        "price": "€ 45 per deelnemer",
        "online": False,
        "location": "Gent",
        "registration_url": "https://leerhuis.example/inschrijven",
    }
    values.update(overrides)
    return EventFactory(**values)


def test_lom_and_nl_lom_of_a_paid_training_validate_and_say_its_price(client, settings):
    settings.SITE_URL = SITE
    training = _training()
    root = event_lom(training)
    assert_valid_lom(root)
    assert _lom_text(root, "l:rights/l:cost/l:value") == ["yes"]
    assert "Paid: € 45 per deelnemer" in _lom_text(root, "l:rights/l:description/l:string")
    assert _lom_text(root, "l:educational/l:intendedEndUserRole/l:value") == ["teacher"]
    assert SITE + training.get_absolute_url() in _lom_text(root, "l:technical/l:location")
    nl_root = event_nl_lom(training)
    assert_valid_nl_lom(nl_root)
    assert _ims_text(nl_root, "m:rights/m:cost/m:value/m:langstring") == ["yes"]
    # The records are served, and the page says the same price.
    response = client.get(reverse("events:lom", args=[training.pk]))
    assert response["Content-Type"].startswith("application/xml")
    assert b"<value>yes</value>" in response.content
    assert client.get(reverse("events:nl_lom", args=[training.pk])).status_code == 200
    page = client.get(training.get_absolute_url()).content.decode()
    assert "€ 45 per deelnemer" in page
    assert reverse("events:lom", args=[training.pk]) in page


def test_json_ld_of_a_paid_training_and_a_free_webinar(client, settings):
    settings.SITE_URL = SITE
    training = _training()
    data = event_jsonld(training)
    assert data["@type"] == "EducationEvent"
    assert data["isAccessibleForFree"] is False
    assert data["offers"] == [
        {
            "@type": "Offer",
            "price": "45.00",
            "priceCurrency": "EUR",
            "description": "€ 45 per deelnemer",
            "url": "https://leerhuis.example/inschrijven",
        }
    ]
    assert data["location"] == {"@type": "Place", "name": "Gent"}
    assert data["organizer"]["url"] == "https://leerhuis.example"
    # In the page's head, as search engines read it.
    page = client.get(training.get_absolute_url()).content.decode()
    script = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(script)["offers"][0]["price"] == "45.00"

    webinar = event_jsonld(EventFactory())
    assert webinar["isAccessibleForFree"] is True and "offers" not in webinar
    free_lom = event_lom(EventFactory(price="€ 0"))
    assert _lom_text(free_lom, "l:rights/l:cost/l:value") == ["no"]


def test_a_draft_event_has_no_records(client):
    draft = _training(status=EventStatus.DRAFT)
    assert client.get(reverse("events:lom", args=[draft.pk])).status_code == 404


def test_an_ended_offer_becomes_a_deleted_oai_record(django_capture_on_commit_callbacks):
    offer = ResourceFactory(cost=Cost.FREE_UNTIL, free_until=today() - datetime.timedelta(days=1))
    oai_record_sync(resource_id=offer.pk)
    assert not OaiRecord.objects.get(resource_id=offer.pk).deleted
    with django_capture_on_commit_callbacks(execute=True):
        offers_end_expired()
    assert OaiRecord.objects.get(resource_id=offer.pk).deleted
