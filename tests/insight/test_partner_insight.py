"""Partner insight: an organisation's members see the views, downloads, ratings and replies of
its resources and the reach of its promotions, counted from what was recorded."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from staffroom.accounts.models import OrganisationMembership
from staffroom.insight import partner
from staffroom.insight.services import insight_rollup_recent
from staffroom.newsletter.models import (
    Delivery,
    DeliveryStatus,
    LinkClick,
    Mailing,
    MailingKind,
    MailingStatus,
    OrderStatus,
    PromotionKind,
    PromotionOrder,
)
from staffroom.newsletter.queries import week_start
from staffroom.resources import feedback
from tests.factories import MemberFactory, OrganisationFactory, ResourceFactory, StaffFactory
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Uitgeverij Krijt", slug="krijt")


@pytest.fixture
def partner_member(organisation):
    member = MemberFactory(language="en")
    OrganisationMembership.objects.create(organisation=organisation, member=member)
    return member


def _page(client, organisation, **params) -> str:
    response = client.get(reverse("insight:partner", args=[organisation.slug]), params)
    assert response.status_code == 200
    return response.content.decode()


def _row(page: str, title: str) -> list[str]:
    """The cells of the per-resource row of ``title``: its numbers, in column order."""
    row = re.search(
        r"<tr>\s*<td data-label=\"Resource\"><a [^>]*>" + re.escape(title) + r".*?</tr>", page, re.S
    )
    assert row, f"no row for {title}"
    return re.findall(r"<td data-label=\"[^\"]*\">([^<]*)", row.group(0))[1:]


def _csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))


def test_views_and_downloads_recorded_by_requests_are_what_the_partner_sees(
    browser_client, organisation, partner_member
):
    resource = ResourceFactory(organisation=organisation, title="Breuken met Krijt")
    other = ResourceFactory(organisation=organisation, title="Klokkijken met Krijt")
    elsewhere = ResourceFactory(title="Niet van Krijt")
    for _ in range(3):
        browser_client.get(resource.get_absolute_url())
    for _ in range(2):
        browser_client.get(reverse("resources:visit", args=[resource.pk]))
    browser_client.get(other.get_absolute_url())
    browser_client.get(elsewhere.get_absolute_url())
    insight_rollup_recent()

    browser_client.force_login(partner_member)
    page = _page(browser_client, organisation)
    assert _row(page, "Breuken met Krijt")[:3] == ["3", "2", "0"]
    assert _row(page, "Klokkijken met Krijt")[:3] == ["1", "0", "0"]
    assert "Niet van Krijt" not in page
    # The month table holds both resources together.
    month = timezone.localdate().strftime("%Y-%m")
    months = _csv_rows(
        browser_client.get(reverse("insight:partner_csv", args=[organisation.slug, "months"]))
    )
    assert months[-1][:3] == [month, "4", "2"]
    assert len(months) == 1 + 12


def test_ratings_and_replies_per_month_link_to_the_reply_to_answer(
    client, organisation, partner_member
):
    resource = ResourceFactory(organisation=organisation, title="Spelling met Krijt")
    first, second, third = MemberFactory.create_batch(3)
    feedback.rating_set(member=first, resource=resource, stars=5)
    feedback.rating_set(member=second, resource=resource, stars=2)
    feedback.reply_post(member=first, resource=resource, body="Werkt goed in het 3de leerjaar.")
    newest = feedback.reply_post(
        member=third, resource=resource, body="Is er een versie voor groep 5?"
    )
    # The partner's own answer is not feedback.
    feedback.reply_post(
        member=partner_member, resource=resource, body="Ja, volgende week.", parent_id=newest.pk
    )

    client.force_login(partner_member)
    page = _page(client, organisation)
    assert _row(page, "Spelling met Krijt")[2:5] == ["2", "3.5", "2 "]
    assert f'href="{resource.get_absolute_url()}#reply-{newest.pk}"' in page


def test_a_promotion_shows_its_audience_deliveries_and_clicks(client, organisation, partner_member):
    today = timezone.localdate()
    order = PromotionOrder.objects.create(
        organisation=organisation,
        kind=PromotionKind.DEDICATED,
        date=today,
        title="Nascholing breuken",
        body="Kom naar onze nascholing.",
        link="https://krijt.example/nascholing",
        price_cents=50000,
        status=OrderStatus.SENT,
    )
    mailing = Mailing.objects.create(
        kind=MailingKind.PROMOTION,
        promotion=order,
        subject="Nascholing breuken",
        status=MailingStatus.SENT,
        recipients_ready_at=timezone.now(),
    )
    members = SubscriberFactory.create_batch(5)
    deliveries = [
        Delivery.objects.create(
            mailing=mailing,
            member=member,
            email=member.email,
            status=DeliveryStatus.SENT if index < 4 else DeliveryStatus.FAILED,
        )
        for index, member in enumerate(members)
    ]
    for delivery in (deliveries[0], deliveries[0], deliveries[1]):
        LinkClick.objects.create(mailing=mailing, delivery=delivery, url=order.link)
    # Another organisation's promotion does not appear.
    PromotionOrder.objects.create(
        organisation=OrganisationFactory(),
        kind=PromotionKind.DEDICATED,
        date=today,
        title="Andermans reclame",
        body="x",
        price_cents=1,
        status=OrderStatus.SENT,
    )

    client.force_login(partner_member)
    page = _page(client, organisation)
    row = re.search(r"Nascholing breuken<br>.*?</tr>", page, re.S).group(0)
    cells = re.findall(r"<td data-label=\"[^\"]*\">([^<]*)", row)
    assert cells == ["5", "4", "3 ", "50%"]
    assert "(2 readers)" in row
    assert "Andermans reclame" not in page

    rows = _csv_rows(
        client.get(reverse("insight:partner_csv", args=[organisation.slug, "promotions"]))
    )
    assert rows[1][0] == "Nascholing breuken"
    assert rows[1][3:] == ["5", "4", "3", "2", "50.00"]


def test_a_block_in_the_weekly_issue_counts_its_audience_and_its_own_link(
    organisation, partner_member
):
    today = timezone.localdate()
    block = PromotionOrder.objects.create(
        organisation=organisation,
        kind=PromotionKind.BLOCK,
        date=today,
        title="Blok: webinar",
        body="x",
        link="https://krijt.example/webinar",
        price_cents=1,
        status=OrderStatus.SENT,
        region="nl",
    )
    issue = Mailing.objects.create(
        kind=MailingKind.ISSUE,
        week=week_start(today),
        status=MailingStatus.SENT,
        recipients_ready_at=timezone.now(),
    )
    dutch = SubscriberFactory.create_batch(2, region="nl")
    flemish = SubscriberFactory.create_batch(3, region="fl")
    deliveries = {
        member.pk: Delivery.objects.create(
            mailing=issue, member=member, email=member.email, status=DeliveryStatus.SENT
        )
        for member in dutch + flemish
    }
    LinkClick.objects.create(mailing=issue, delivery=deliveries[dutch[0].pk], url=block.link)
    LinkClick.objects.create(
        mailing=issue, delivery=deliveries[flemish[0].pk], url="https://elders.example/"
    )

    (figures,) = partner.promotion_insight(organisation, partner.period_of(12))
    assert (figures.audience, figures.delivered, figures.clicks, figures.clickers) == (2, 2, 1, 1)


def test_a_promotion_not_sent_yet_says_so(client, organisation, partner_member):
    PromotionOrder.objects.create(
        organisation=organisation,
        kind=PromotionKind.DEDICATED,
        date=timezone.localdate() + timedelta(days=1),
        title="Nog niet verstuurd",
        body="x",
        price_cents=1,
        status=OrderStatus.APPROVED,
    )
    client.force_login(partner_member)
    page = _page(client, organisation, months=3)
    assert "Not sent yet" in page


def test_another_organisations_member_and_a_visitor_cannot_see_it(client, organisation):
    outsider = MemberFactory()
    OrganisationMembership.objects.create(organisation=OrganisationFactory(), member=outsider)
    url = reverse("insight:partner", args=[organisation.slug])
    csv_url = reverse("insight:partner_csv", args=[organisation.slug, "resources"])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    assert client.get(csv_url).status_code == 403
    # The menu's way in leads an outsider to their own organisation only.
    home = client.get(reverse("insight:partner_home"))
    assert home.status_code == 302 and organisation.slug not in home["Location"]


def test_staff_may_look_and_members_reach_it_from_the_menu(client, organisation, partner_member):
    client.force_login(StaffFactory())
    assert client.get(reverse("insight:partner", args=[organisation.slug])).status_code == 200
    client.force_login(partner_member)
    menu = client.get(reverse("resources:browse")).content.decode()
    assert reverse("insight:partner_home") in menu
    home = client.get(reverse("insight:partner_home"))
    assert home["Location"] == reverse("insight:partner", args=[organisation.slug])
    own_page = client.get(organisation.get_absolute_url()).content.decode()
    assert reverse("insight:partner", args=[organisation.slug]) in own_page


def test_the_resources_csv_defuses_formulas(client, organisation, partner_member):
    formula = ResourceFactory(organisation=organisation, title='=HYPERLINK("http://evil")')
    resource = ResourceFactory(organisation=organisation, title="+ en - oefenen")
    ResourceFactory(organisation=organisation, title="Nooit bekeken")
    feedback.rating_set(member=MemberFactory(), resource=resource, stars=4)
    feedback.rating_set(member=MemberFactory(), resource=formula, stars=3)
    client.force_login(partner_member)
    response = client.get(reverse("insight:partner_csv", args=[organisation.slug, "resources"]))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert rows[0][0] == "Resource"
    # Only resources with activity have rows; titles that start a formula are defused.
    assert [row[0] for row in rows[1:]] == ["'+ en - oefenen", '\'=HYPERLINK("http://evil")']
    assert rows[1][5:7] == ["1", "4.00"]
    assert (
        client.get(reverse("insight:partner_csv", args=[organisation.slug, "other"])).status_code
        == 404
    )


def test_empty_states_and_bad_periods_do_not_fail(client, organisation, partner_member):
    client.force_login(partner_member)
    page = _page(client, organisation, months="nonsense")
    assert "No resources published yet" in page
    assert "No promotions in this period" in page
    assert 'href="?months=12" aria-current="page"' in page
    assert _page(client, organisation, months="-5", page="x")


def test_the_page_is_in_the_members_language(client, organisation, partner_member):
    member = MemberFactory(language="nl", region="fl")
    OrganisationMembership.objects.create(organisation=organisation, member=member)
    ResourceFactory(organisation=organisation, title="Breuken met Krijt")
    client.force_login(member)
    url = reverse("insight:partner", args=[organisation.slug])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="nl-BE").content.decode()
    assert '<html lang="nl-BE">' in page
    assert ">Beoordelingen<" in page and ">Reacties<" in page
    client.force_login(partner_member)  # who reads English
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="nl-BE")
    assert ">Ratings<" in english.content.decode()


def test_the_queries_do_not_grow_with_resources(
    client, organisation, partner_member, django_assert_max_num_queries
):
    for index in range(30):
        ResourceFactory(organisation=organisation, title=f"Blad {index}")
    client.force_login(partner_member)
    _page(client, organisation)  # the vocabularies, the session
    with django_assert_max_num_queries(20):
        _page(client, organisation)
