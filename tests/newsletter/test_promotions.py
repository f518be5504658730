"""Partner promotions: booking, the price list, staff's decisions, the dedicated mailing."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from staffroom.curriculum.models import Level
from staffroom.events.models import EVENT_TIME_ZONE
from staffroom.newsletter import services
from staffroom.newsletter.inputs import PromotionRequestInput
from staffroom.newsletter.models import (
    Mailing,
    MailingKind,
    MailingStatus,
    NewsletterPreference,
    OrderStatus,
    PromotionKind,
    PromotionOrder,
)
from tests.factories import MemberFactory, OrganisationFactory, StaffFactory

from .factories import (
    DutchSubscriberFactory,
    IssueFactory,
    OrderFactory,
    PriceFactory,
    SubscriberFactory,
)
from .helpers import parts, send, week_content

# The members here read Dutch: the mark on promotions is in their language.
with translation.override("nl"):
    ADVERTISEMENT = gettext("Advertisement")

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    member = MemberFactory(email="info@uitgeverij.be")
    organisation = OrganisationFactory(name="Uitgeverij Breuk")
    organisation.members.add(member)
    return member


def booking(partner, **changes):
    data = {
        "organisation": partner.organisations.get(),
        "kind": PromotionKind.DEDICATED,
        "date": timezone.localdate() + timedelta(days=10),
        "title": "  Nieuwe rekenmethode  ",
        "body": "Ontdek onze **methode**.",
        "link": "https://uitgeverij.example.org/methode",
        "region": "",
        "levels": Level.objects.filter(code="nl-po-5"),
        "subjects": [],
    }
    data.update(changes)
    return PromotionRequestInput(**data)


def test_a_partner_books_at_the_price_of_the_day(partner):
    price = PriceFactory(kind=PromotionKind.DEDICATED, price_cents=90000)
    order = services.promotion_request(member=partner, data=booking(partner))
    assert order.status == OrderStatus.REQUESTED
    assert order.price_cents == 90000 and order.price == "900.00"
    assert order.title == "Nieuwe rekenmethode"
    assert [level.code for level in order.levels.all()] == ["nl-po-5"]
    price.price_cents = 120000
    price.save()
    order.refresh_from_db()
    assert order.price_cents == 90000


def test_a_partner_books_only_for_their_own_organisation_only_in_the_future(partner):
    PriceFactory(kind=PromotionKind.DEDICATED)
    other = OrganisationFactory()
    with pytest.raises(PermissionDenied):
        services.promotion_request(member=partner, data=booking(partner, organisation=other))
    with pytest.raises(ValidationError) as error:
        services.promotion_request(member=partner, data=booking(partner, date=timezone.localdate()))
    assert "date" in error.value.message_dict
    assert not PromotionOrder.objects.exists()


def test_a_kind_without_an_active_price_cannot_be_booked(partner):
    PriceFactory(kind=PromotionKind.DEDICATED, active=False)
    with pytest.raises(ValidationError, match="cannot be booked"):
        services.promotion_request(member=partner, data=booking(partner))


def test_the_booking_pages(partner, client):
    PriceFactory(kind=PromotionKind.BLOCK, price_cents=25000)
    client.force_login(partner)
    page = client.get(reverse("newsletter:promotions"))
    assert page.status_code == 200 and "€250.00" in page.content.decode()
    form = {
        "organisation": partner.organisations.get().pk,
        "kind": "block",
        "date": (timezone.localdate() + timedelta(days=8)).isoformat(),
        "title": "Nascholing",
        "body": "Kom naar onze nascholing.",
        "link": "uitgeverij.example.org",
        "region": "fl",
    }
    response = client.post(reverse("newsletter:promotion_new"), form)
    assert response.status_code == 302
    order = PromotionOrder.objects.get()
    assert (order.kind, order.price_cents, order.requested_by) == ("block", 25000, partner)
    assert order.link == "https://uitgeverij.example.org"

    # Not bookable (no price), another organisation, a past date, garbage: a form error each.
    for changes in (
        {"kind": "dedicated"},
        {"organisation": OrganisationFactory().pk},
        {"date": timezone.localdate().isoformat()},
        {"date": "gisteren", "levels": ["x"], "region": "zz"},
    ):
        response = client.post(reverse("newsletter:promotion_new"), {**form, **changes})
        assert response.status_code == 200
        assert response.context["form"].errors
    assert PromotionOrder.objects.count() == 1


def test_the_booking_form_is_styled_checkboxes_a_date_input_and_local_prices(partner, client):
    PriceFactory(kind=PromotionKind.BLOCK, price_cents=125000)
    partner.language, partner.region = "nl", "nl"
    partner.save()
    client.force_login(partner)
    page = client.get(reverse("newsletter:promotion_new")).content.decode()
    assert ":</label>" not in page and ":</legend>" not in page
    assert 'type="date"' in page
    # Levels and subjects are checkboxes in the partner's terminology, not a multi-select.
    assert '<select name="levels"' not in page and "multiple" not in page
    groep_5 = Level.objects.get(code="nl-po-5")
    assert f'type="checkbox" name="levels" value="{groep_5.pk}"' in page
    assert f'name="levels" value="{Level.objects.get(code="fl-lo-3").pk}"' not in page
    # The kinds are radio buttons with today's price as a Dutch reader writes it.
    assert 'type="radio" name="kind" value="block"' in page
    assert "€\N{NO-BREAK SPACE}1.250,00" in page
    listing = client.get(reverse("newsletter:promotions")).content.decode()
    assert "€\N{NO-BREAK SPACE}1.250,00" in listing
    # The date input sends ISO dates, which the Dutch-speaking server reads.
    day = timezone.localdate() + timedelta(days=8)
    response = client.post(
        reverse("newsletter:promotion_new"),
        {
            "organisation": partner.organisations.get().pk,
            "kind": "block",
            "date": day.isoformat(),
            "title": "Nascholing",
            "body": "Kom naar onze nascholing.",
            "levels": [groep_5.pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    order = PromotionOrder.objects.get()
    assert order.date == day and list(order.levels.all()) == [groep_5]


def test_only_partners_reach_the_booking_pages(client):
    assert client.get(reverse("newsletter:promotions")).status_code == 302
    client.force_login(MemberFactory())
    assert client.get(reverse("newsletter:promotions")).status_code == 403
    assert client.post(reverse("newsletter:promotion_new"), {}).status_code == 403


def test_staff_move_an_order_through_its_states():
    staff = StaffFactory()
    order = OrderFactory()
    services.promotion_move(staff=staff, order=order, status=OrderStatus.APPROVED, note="OK")
    order.refresh_from_db()
    assert (order.status, order.decided_by, order.staff_note) == ("approved", staff, "OK")
    assert order.decided_at is not None
    services.promotion_move(
        staff=staff, order=order, status=OrderStatus.INVOICED, invoice_reference="F2026-17"
    )
    services.promotion_move(staff=staff, order=order, status=OrderStatus.PAID)
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID and order.invoice_reference == "F2026-17"
    assert order.invoiced_at and order.paid_at
    with pytest.raises(ValidationError, match="“Paid” cannot become “Approved”"):
        services.promotion_move(staff=staff, order=order, status=OrderStatus.APPROVED)
    with pytest.raises(ValidationError):
        services.promotion_move(staff=staff, order=order, status="sent")
    with pytest.raises(PermissionDenied):
        services.promotion_move(
            staff=MemberFactory(), order=OrderFactory(), status=OrderStatus.APPROVED
        )

    rejected = OrderFactory()
    services.promotion_move(staff=staff, order=rejected, status=OrderStatus.REJECTED)
    with pytest.raises(ValidationError):
        services.promotion_move(staff=staff, order=rejected, status=OrderStatus.INVOICED)


def test_a_block_sent_before_payment_can_still_be_invoiced_and_paid():
    staff = StaffFactory()
    order = OrderFactory(status=OrderStatus.SENT, sent_at=timezone.now())
    services.promotion_move(staff=staff, order=order, status=OrderStatus.INVOICED)
    services.promotion_move(staff=staff, order=order, status=OrderStatus.PAID)
    order.refresh_from_db()
    assert order.status == OrderStatus.SENT
    assert order.invoiced_at and order.paid_at
    for again in (OrderStatus.PAID, OrderStatus.INVOICED, OrderStatus.CANCELLED):
        with pytest.raises(ValidationError):
            services.promotion_move(staff=staff, order=order, status=again)


def test_approving_a_dedicated_mailing_schedules_it_and_cancelling_removes_it(partner):
    PriceFactory(kind=PromotionKind.DEDICATED)
    order = services.promotion_request(member=partner, data=booking(partner))
    services.promotion_move(staff=StaffFactory(), order=order, status=OrderStatus.APPROVED)
    mailing = Mailing.objects.get(promotion=order)
    assert mailing.kind == MailingKind.PROMOTION and mailing.status == MailingStatus.SCHEDULED
    assert mailing.send_at == datetime.combine(order.date, time(15), tzinfo=EVENT_TIME_ZONE)
    services.promotion_move(staff=StaffFactory(), order=order, status=OrderStatus.CANCELLED)
    assert not Mailing.objects.exists()


def test_the_dedicated_mailing_reaches_only_its_audience_who_accept_promotions(partner):
    PriceFactory(kind=PromotionKind.DEDICATED)
    order = services.promotion_request(member=partner, data=booking(partner))
    services.promotion_move(staff=StaffFactory(), order=order, status=OrderStatus.APPROVED)
    services.promotion_move(staff=StaffFactory(), order=order, status=OrderStatus.PAID)
    dutch = DutchSubscriberFactory(email="groep5@school.nl")
    flemish = SubscriberFactory(email="leerjaar3@school.be")  # 3de leerjaar = groep 5
    SubscriberFactory(email="kleuter@school.be", levels=["fl-ko"])
    refuses = DutchSubscriberFactory(email="geen-reclame@school.nl")
    NewsletterPreference.objects.create(member=refuses, weekly=True, promotions=False)
    no_weekly = DutchSubscriberFactory(email="alleen-reclame@school.nl")
    NewsletterPreference.objects.create(member=no_weekly, weekly=False, promotions=True)

    mailing = Mailing.objects.get(promotion=order)
    send(mailing)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [dutch.email, flemish.email, no_weekly.email]
    )
    message = mail.outbox[0]
    assert message.subject == f"{ADVERTISEMENT}: Nieuwe rekenmethode"
    html = message.alternatives[0][0]
    assert ADVERTISEMENT in message.body and ADVERTISEMENT in html
    assert "Uitgeverij Breuk" in html and "<strong>methode</strong>" in html
    order.refresh_from_db()
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.SENT
    assert order.status == OrderStatus.SENT and order.sent_at is not None


def test_a_regional_block_only_appears_for_that_region(smtp_server):
    flemish = SubscriberFactory()
    dutch = DutchSubscriberFactory()
    week_content()
    issue = IssueFactory()
    order = OrderFactory(
        status=OrderStatus.APPROVED, region="nl", date=issue.week + timedelta(days=3)
    )
    send(issue)
    assert order.title in parts(smtp_server.to(dutch.email)[0])[0]
    assert order.title not in parts(smtp_server.to(flemish.email)[0])[0]
