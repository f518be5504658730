"""What a resource costs: free, free until a date (an offer) or paid with a price note; typed
in the forms, cleaned once by the input, kept in metadata snapshots and said on the page."""

import datetime

import pytest
from django.urls import reverse
from tests.factories import MemberFactory, OrganisationFactory, ResourceFactory, contribution_data

from staffroom.resources.inputs import ResourceInput
from staffroom.resources.metadata import apply_snapshot, display_value, snapshot
from staffroom.resources.models import Cost, Resource, Status
from staffroom.resources.offers import cost_text

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 19)


def test_free_until_needs_its_last_day_on_or_after_the_first():
    assert ResourceInput(cost=Cost.FREE_UNTIL).cost_problems() == {
        "free_until": "Give the last day on which it is free."
    }
    backwards = ResourceInput(
        cost=Cost.FREE_UNTIL,
        free_from=datetime.date(2027, 4, 1),
        free_until=datetime.date(2027, 3, 1),
    )
    assert "cannot come before" in backwards.cost_problems()["free_until"]
    one_day = ResourceInput(
        cost=Cost.FREE_UNTIL,
        free_from=datetime.date(2027, 4, 1),
        free_until=datetime.date(2027, 4, 1),
    )
    assert one_day.cost_problems() == {}


def test_paid_needs_a_price_note_and_free_drops_a_period():
    assert "price" in ResourceInput(cost=Cost.PAID, cost_note="  ").cost_problems()["cost_note"]
    assert ResourceInput(cost=Cost.PAID, cost_note="€ 3 per pupil").cost_problems() == {}
    free = ResourceInput(cost=Cost.FREE, free_until=datetime.date(2027, 1, 1))
    assert free.free_until is None
    assert ResourceInput(cost="gratis").cost_problems() == {
        "cost": "Choose whether it is free, free for a period or paid."
    }
    # No cost given (the simple form of a teacher): nothing to say.
    assert ResourceInput(title="x").cost_problems() == {}


def test_snapshot_holds_json_values_and_applies_back():
    tool = ResourceFactory()
    resource = ResourceFactory(
        cost=Cost.FREE_UNTIL,
        cost_note="Voor scholen",
        free_from=datetime.date(2027, 1, 1),
        free_until=datetime.date(2027, 3, 31),
        manual_for=tool,
    )
    values = snapshot(resource)
    assert values["cost"] == "free-until"
    assert values["free_from"] == "2027-01-01"
    assert values["free_until"] == "2027-03-31"
    assert values["manual_for"] == tool.pk
    other = ResourceFactory()
    apply_snapshot(other, {key: values[key] for key in ("cost", "free_until", "manual_for")})
    other.refresh_from_db()
    assert other.free_until == datetime.date(2027, 3, 31)
    assert other.manual_for == tool
    assert display_value("free_until", "2027-03-31", "fl") == "31 March 2027"
    assert display_value("cost", "paid", "fl") == "Paid"


def test_page_wording():
    offer = ResourceFactory.build(cost=Cost.FREE_UNTIL, free_until=datetime.date(2027, 3, 31))
    assert cost_text(offer, TODAY) == "Free until 31 March 2027 (12 days left)"
    assert (
        cost_text(offer, datetime.date(2027, 3, 31)) == "Free until 31 March 2027 (last day today)"
    )
    later = ResourceFactory.build(
        cost=Cost.FREE_UNTIL,
        free_from=datetime.date(2027, 4, 1),
        free_until=datetime.date(2027, 6, 30),
    )
    assert cost_text(later, TODAY).startswith("Free from 1 April 2027 until 30 June 2027")
    paid = ResourceFactory.build(cost=Cost.PAID, cost_note="€ 3 per pupil")
    assert cost_text(paid, TODAY) == "Paid: € 3 per pupil"
    assert cost_text(ResourceFactory.build(), TODAY) == "Free"


def test_resource_page_says_what_it_costs(client):
    paid = ResourceFactory(cost=Cost.PAID, cost_note="€ 3 per pupil a year")
    page = client.get(paid.get_absolute_url(), headers={"accept-language": "en"}).content.decode()
    assert "Paid: € 3 per pupil a year" in page
    free = client.get(
        ResourceFactory().get_absolute_url(), headers={"accept-language": "en"}
    ).content.decode()
    assert "<dt>Cost</dt><dd>Free" in free


def _partner():
    member = MemberFactory()
    organisation = OrganisationFactory()
    organisation.members.add(member)
    return member, organisation


def test_partner_contributes_a_paid_link_and_a_wrong_period_is_refused(client):
    member, organisation = _partner()
    client.force_login(member)
    base = contribution_data(
        kind="link",
        url="https://example.org/app",
        licence="arr",
        organisation=organisation.pk,
    )
    refused = client.post(reverse("resources:contribute"), {**base, "cost": "paid"})
    assert refused.status_code == 200
    assert "Give the price or how to get one" in refused.content.decode()
    draft = Resource.objects.get(contributor=member)
    assert draft.status == Status.DRAFT
    assert draft.cost == Cost.PAID  # what validated is kept

    backwards = client.post(
        reverse("resources:edit", args=[draft.pk]),
        {**base, "cost": "free-until", "free_from": "2027-04-01", "free_until": "2027-03-01"},
    )
    assert "cannot come before" in backwards.content.decode()
    not_a_date = client.post(
        reverse("resources:edit", args=[draft.pk]),
        {**base, "cost": "free-until", "free_until": "next spring"},
    )
    assert "Enter a date" in not_a_date.content.decode()

    done = client.post(
        reverse("resources:edit", args=[draft.pk]),
        {**base, "cost": "paid", "cost_note": "€ 3 per pupil a year"},
    )
    assert done.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.cost, draft.cost_note) == (
        Status.PENDING,
        Cost.PAID,
        "€ 3 per pupil a year",
    )


def test_a_teacher_sets_the_cost_in_the_advanced_form(client):
    teacher = MemberFactory()
    client.force_login(teacher)
    simple = client.get(reverse("resources:contribute")).content.decode()
    assert 'name="cost"' not in simple
    advanced = client.get(reverse("resources:contribute") + "?advanced=1").content.decode()
    assert 'name="cost"' in advanced and 'name="free_until"' in advanced


def test_an_edit_of_the_cost_waits_for_review(client):
    resource = ResourceFactory(cost=Cost.FREE)
    client.force_login(resource.contributor)
    response = client.post(
        reverse("resources:edit_published", args=[resource.pk]),
        {
            "title": resource.title,
            "description": resource.description,
            "url": resource.url,
            "levels": [level.pk for level in resource.levels.all()],
            "subjects": [subject.pk for subject in resource.subjects.all()],
            "resource_type": resource.resource_type_id,
            "licence": resource.licence,
            "language": resource.language,
            "cost": "paid",
            "cost_note": "€ 25 per school",
            "advanced": "1",
        },
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.cost == Cost.FREE  # online as it was until a moderator approves
    item = resource.moderation_items.get()
    assert item.proposed == {"cost": "paid", "cost_note": "€ 25 per school"}
