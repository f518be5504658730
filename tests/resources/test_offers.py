"""Tool offers: partners (and staff) offer a tool free for a period; moderated like any
contribution, listed while the period runs, ended by the clock after its last day."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from tests.factories import (
    MemberFactory,
    ModeratorFactory,
    OrganisationFactory,
    ResourceFactory,
    StaffFactory,
)

from staffroom.curriculum.models import Level, Subject
from staffroom.moderation import services as moderation
from staffroom.moderation.models import ModerationItem
from staffroom.resources import tasks
from staffroom.resources.models import Cost, Kind, Resource, Status
from staffroom.resources.offers import OfferInput, offer_submit, offers_end_expired
from staffroom.resources.review import resource_changed

pytestmark = pytest.mark.django_db


def today() -> datetime.date:
    """Read when a test runs: a date taken at import goes stale when a run crosses midnight."""
    return timezone.localdate()


DAY = datetime.timedelta(days=1)


def _partner():
    member = MemberFactory()
    organisation = OrganisationFactory(name="Quizmakers")
    organisation.members.add(member)
    return member, organisation


def _offer(**overrides):
    values = {
        "title": "Quizmakers voor de klas",
        "cost": Cost.FREE_UNTIL,
        "free_until": today() + 12 * DAY,
        "cost_note": "Voor alle scholen",
    }
    values.update(overrides)
    return ResourceFactory(**values)


def _form(offered_by, **overrides) -> dict:
    data = {
        "title": "Quizmakers voor de klas",
        "description": "Maak in een paar minuten een quiz die leerlingen thuis oplossen.",
        "url": "https://quizmakers.example.org/",
        "levels": [Level.objects.get(code="fl-lo-3").pk],
        "subjects": [Subject.objects.get(code="fl-wis").pk],
        "cost_note": "Voor alle scholen, aanmelden met een schooladres",
        "free_until": (today() + 60 * DAY).isoformat(),
        "organisation": offered_by.pk,
    }
    data.update(overrides)
    return data


def test_partner_offers_a_tool_which_waits_for_a_moderator(client):
    member, organisation = _partner()
    client.force_login(member)
    assert client.get(reverse("offers:new")).status_code == 200
    response = client.post(reverse("offers:new"), _form(organisation))
    assert response.status_code == 302, response.content.decode()[:3000]
    offer = Resource.objects.get(contributor=member)
    assert offer.status == Status.PENDING
    assert (offer.kind, offer.cost, offer.organisation) == (
        Kind.LINK,
        Cost.FREE_UNTIL,
        organisation,
    )
    assert offer.free_until == today() + 60 * DAY
    assert offer.cost_note.startswith("Voor alle scholen")
    assert offer.resource_type.code == "application"
    assert ModerationItem.objects.filter(resource=offer, decided_at=None).exists()


def test_staff_offer_a_tool_without_an_organisation(client):
    staff = StaffFactory()
    client.force_login(staff)
    response = client.post(reverse("offers:new"), _form(OrganisationFactory(), organisation=""))
    assert response.status_code == 302
    offer = Resource.objects.get(contributor=staff)
    assert (offer.organisation, offer.licence) == (None, "cc-by")


def test_only_partners_and_staff_offer_tools(client):
    assert client.get(reverse("offers:new")).status_code == 302  # to log in
    teacher = MemberFactory()
    client.force_login(teacher)
    assert client.get(reverse("offers:new")).status_code == 403
    other = OrganisationFactory()
    assert client.post(reverse("offers:new"), _form(other)).status_code == 403
    assert not Resource.objects.exists()


def test_another_organisation_is_not_offered(client):
    member, _organisation = _partner()
    client.force_login(member)
    response = client.post(reverse("offers:new"), _form(OrganisationFactory()))
    assert response.status_code == 400
    assert not Resource.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"free_until": ""}, "This field is required."),
        ({"free_until": "soon"}, "Enter a date"),
        (
            {
                "free_from": (today() + 9 * DAY).isoformat(),
                "free_until": (today() + DAY).isoformat(),
            },
            "cannot come before",
        ),
        ({"free_until": (today() - DAY).isoformat()}, "has already passed"),
        ({"description": "Te kort"}, "at least a sentence"),
        ({"url": "ftp://quizmakers.example.org/"}, "Enter a valid URL"),
    ],
)
def test_a_wrong_offer_says_why_and_keeps_nothing(client, overrides, message):
    member, organisation = _partner()
    client.force_login(member)
    response = client.post(reverse("offers:new"), _form(organisation, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Resource.objects.exists()


def test_open_offers_are_listed_with_the_time_left_and_expired_ones_never(client):
    _offer(title="Open offer")
    _offer(title="Last day", free_until=today())
    # The clock has not run yet: still published, but past its last day.
    _offer(title="Expired offer", free_until=today() - DAY)
    _offer(title="Not started", free_from=today() + DAY, free_until=today() + 30 * DAY)
    _offer(title="Ended offer", status=Status.ENDED, free_until=today() - 9 * DAY)
    ResourceFactory(title="Free for good")
    page = client.get(reverse("offers:list"), headers={"accept-language": "en"})
    assert page.status_code == 200
    titles = [resource.title for resource in page.context["page"]]
    assert titles == ["Last day", "Open offer"]
    html = page.content.decode()
    assert "12 days left" in html and "last day today" in html
    assert "Expired offer" not in html and "Ended offer" not in html


def test_offers_filter_by_level_and_the_crosswalk(client):
    _offer(title="Lager")
    secondary = _offer(title="Secundair")
    secondary.levels.set([Level.objects.get(code="fl-so-1g")])
    # A Dutch teacher's "groep 5" is the Flemish "3de leerjaar".
    found = client.get(reverse("offers:list"), {"level": "nl-po-5"}).context["page"]
    assert [resource.title for resource in found] == ["Lager"]


def test_the_clock_ends_expired_offers(client, django_capture_on_commit_callbacks):
    expired = _offer(free_until=today() - DAY)
    running = _offer(free_until=today())
    free = ResourceFactory()
    changed = []

    def listen(sender, resource_id, **kwargs):
        changed.append(resource_id)

    resource_changed.connect(listen)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert offers_end_expired() == 1
            assert offers_end_expired() == 0  # the next run ends nothing twice
    finally:
        resource_changed.disconnect(listen)
    expired.refresh_from_db()
    running.refresh_from_db()
    free.refresh_from_db()
    assert expired.status == Status.ENDED
    assert (running.status, free.status) == (Status.PUBLISHED, Status.PUBLISHED)
    assert changed == [expired.pk]


def test_the_task_and_the_command_end_offers(capsys):
    first = _offer(free_until=today() - DAY)
    tasks.end_expired_offers.enqueue()
    first.refresh_from_db()
    assert first.status == Status.ENDED
    second = _offer(free_until=today() - 3 * DAY)
    call_command("offers", "end-expired")
    second.refresh_from_db()
    assert second.status == Status.ENDED
    assert "Ended 1 offer" in capsys.readouterr().out


def test_an_ended_offers_page_is_public_and_points_to_alternatives(client):
    ended = _offer(
        title="Oude quiztool",
        status=Status.ENDED,
        free_until=datetime.date(2026, 3, 31),
    )
    other_offer = _offer(title="Nieuwe quiztool")
    similar = ResourceFactory(title="Werkblad met quizvragen")
    similar.subjects.set(ended.subjects.all())
    assert client.get(ended.get_absolute_url()).status_code == 200  # public
    client.force_login(MemberFactory())  # who reads English
    response = client.get(ended.get_absolute_url())
    html = response.content.decode()
    assert "This offer ended on 31 March 2026" in html
    alternatives = response.context["alternatives"]
    assert [resource.title for resource in alternatives["offers"]] == ["Nieuwe quiztool"]
    assert similar in alternatives["similar"]
    assert other_offer.get_absolute_url() in html
    # Not in search engines' structured data, nor offered for saving or rating.
    assert "application/ld+json" not in html
    assert reverse("resources:rate", args=[ended.pk]) not in html


def test_the_offers_section_is_in_the_navigation(client):
    assert reverse("offers:list") in client.get(reverse("resources:browse")).content.decode()


def test_a_moderator_sees_the_period_and_publishes_the_offer(client):
    member, organisation = _partner()
    until = today() + 30 * DAY
    offer = offer_submit(
        member=member,
        data=OfferInput(
            title="Quizmakers voor de klas",
            description="Maak in een paar minuten een quiz die leerlingen thuis oplossen.",
            url="https://quizmakers.example.org/",
            cost_note="Voor alle scholen",
            levels=[Level.objects.get(code="fl-lo-3")],
            subjects=[Subject.objects.get(code="fl-wis")],
            free_until=until,
            organisation=organisation,
        ),
    )
    moderator = ModeratorFactory(levels=[Level.objects.get(code="fl-lo")])
    item = ModerationItem.objects.get(resource=offer, decided_at=None)
    client.force_login(moderator)
    page = client.get(reverse("moderation:item", args=[item.pk])).content.decode()
    assert f'value="{until.isoformat()}"' in page and "Voor alle scholen" in page
    moderation.moderation_item_publish(item=item, moderator=moderator, corrected={})
    offer.refresh_from_db()
    assert (offer.status, offer.cost, offer.free_until) == (
        Status.PUBLISHED,
        Cost.FREE_UNTIL,
        until,
    )
    assert [found.pk for found in client.get(reverse("offers:list")).context["page"]] == [offer.pk]


def test_partners_find_offer_a_tool_from_the_share_form(client):
    member, _organisation = _partner()
    client.force_login(member)
    assert reverse("offers:new") in client.get(reverse("resources:contribute")).content.decode()
    client.force_login(MemberFactory())
    assert reverse("offers:new") not in client.get(reverse("resources:contribute")).content.decode()
