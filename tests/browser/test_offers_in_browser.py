"""Tool offers in a browser on a phone: a partner offers a tool through the form (levels and
subjects picked with the filter), the offers list and an ended offer's page fit a phone with
no serious axe violation, and a paid resource and a manual say so on their pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.browser.conftest import serious_violations, verified
from tests.browser.test_phone_layout import PHONE, log_in, overflowing
from tests.factories import MemberFactory, OrganisationFactory, ResourceFactory

from staffroom.resources.models import Cost, Resource, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def today() -> datetime.date:
    """Read when a test runs: a date taken at import goes stale when a run crosses midnight."""
    return timezone.localdate()


def test_a_partner_offers_a_tool_and_the_offer_pages_fit_a_phone(page):
    page.set_viewport_size(PHONE)
    partner = verified(MemberFactory(name="Pat Partner"))
    OrganisationFactory(name="Quizmakers").members.add(partner)
    open_offer = ResourceFactory(
        title="Klasquiz: gratis voor scholen tot de zomer",
        cost=Cost.FREE_UNTIL,
        free_until=today() + datetime.timedelta(days=12),
        cost_note="Voor alle scholen in Vlaanderen en Nederland",
    )
    ended = ResourceFactory(
        title="Oude videotool",
        cost=Cost.FREE_UNTIL,
        free_until=today() - datetime.timedelta(days=5),
        status=Status.ENDED,
    )
    tool = ResourceFactory(
        title="Rekenmethode online", cost=Cost.PAID, cost_note="€ 12 per leerling"
    )
    ResourceFactory(title="Handleiding rekenmethode", manual_for=tool)

    log_in(page, partner.email)
    paths = [
        reverse("offers:list"),
        reverse("offers:new"),
        ended.get_absolute_url(),
        tool.get_absolute_url(),
    ]
    problems = overflowing(page, paths)
    violations = []
    for path in paths:
        page.goto(path)
        violations += [f"{path}: {found}" for found in serious_violations(page)]
    assert not problems, "\n".join(problems)
    assert not violations, "\n".join(violations)

    page.goto(reverse("offers:list"))
    assert "12 days left" in page.content()
    page.goto(ended.get_absolute_url())
    assert "This offer ended on" in page.content()
    assert open_offer.title in page.content()  # an alternative
    page.goto(tool.get_absolute_url())
    assert "Paid: € 12 per leerling" in page.content()
    assert "Handleiding rekenmethode" in page.content()

    page.goto(reverse("offers:new"))
    page.get_by_label("Name of the tool").fill("Woordwolk maker")
    page.get_by_label("What it is").fill(
        "Maak met je klas een woordwolk van wat leerlingen al weten over een onderwerp."
    )
    page.get_by_label("Web address of the tool").fill("https://woordwolk.example.org")
    levels = page.locator("fieldset", has=page.locator("legend", has_text="For which")).first
    levels.get_by_label("Find a level").fill("year 3")
    levels.get_by_label("Primary year 3", exact=True).check()
    subjects = page.locator("fieldset", has=page.locator("legend", has_text="subjects")).first
    subjects.get_by_label("Find a subject").fill("Math")
    subjects.get_by_label("Mathematics", exact=True).check()
    page.get_by_label("Conditions").fill("Voor alle scholen")
    page.get_by_label("Free until").fill((today() + datetime.timedelta(days=40)).isoformat())
    page.get_by_role("button", name="Submit the offer for review").click()
    page.wait_for_load_state()
    assert "waiting for a moderator" in page.content()
    offer = Resource.objects.get(title="Woordwolk maker")
    assert (offer.status, offer.cost) == (Status.PENDING, Cost.FREE_UNTIL)
