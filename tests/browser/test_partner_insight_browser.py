"""Partner insight and the public figures in a browser: no serious axe violation with their
tables filled, in Dutch and English, and nothing wider than a phone's screen (390 px)."""

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.browser.conftest import serious_violations, verified
from tests.browser.test_phone_layout import LONG_WORD, PHONE, log_in, overflowing
from tests.factories import MemberFactory, OrganisationFactory, ResourceFactory

from staffroom.accounts.models import OrganisationMembership
from staffroom.curriculum.models import Level
from staffroom.insight.models import DailyCount
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
from staffroom.resources import feedback

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _partner_with_figures(language: str):
    organisation = OrganisationFactory(name="Uitgeverij Krijt", slug="krijt")
    member = verified(MemberFactory(language=language))
    OrganisationMembership.objects.create(organisation=organisation, member=member)
    today = timezone.localdate()
    resource = ResourceFactory(organisation=organisation, title=LONG_WORD)
    resource.levels.set(Level.objects.filter(code="fl-lo-3"))
    DailyCount.objects.create(day=today, kind="resource_view", object_id=resource.pk, count=9)
    DailyCount.objects.create(day=today, kind="download", object_id=resource.pk, count=4)
    feedback.rating_set(member=MemberFactory(), resource=resource, stars=4)
    feedback.reply_post(member=MemberFactory(), resource=resource, body="Mooi werkblad.")
    order = PromotionOrder.objects.create(
        organisation=organisation,
        kind=PromotionKind.DEDICATED,
        date=today,
        title="Nascholing " + LONG_WORD,
        body="x",
        link="https://krijt.example/",
        price_cents=1,
        status=OrderStatus.SENT,
    )
    mailing = Mailing.objects.create(
        kind=MailingKind.PROMOTION,
        promotion=order,
        status=MailingStatus.SENT,
        recipients_ready_at=timezone.now(),
    )
    reader = MemberFactory()
    delivery = Delivery.objects.create(
        mailing=mailing, member=reader, email=reader.email, status=DeliveryStatus.SENT
    )
    LinkClick.objects.create(mailing=mailing, delivery=delivery, url=order.link)
    return organisation, member


@pytest.mark.parametrize("language", ["nl", "en"])
def test_partner_insight_is_accessible_and_fits_a_phone(page, language):
    organisation, member = _partner_with_figures(language)
    log_in(page, member.email)
    url = reverse("insight:partner", args=[organisation.slug])

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    assert page.locator("html").get_attribute("lang").startswith(language)
    page.locator("details summary").first.click()
    assert serious_violations(page) == []

    page.set_viewport_size(PHONE)
    problems = overflowing(page, [url])
    assert serious_violations(page) == []
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["nl-BE", "en"])
def test_the_public_figures_are_accessible_and_fit_a_phone(chromium, live_server, language):
    ResourceFactory(title=LONG_WORD).levels.set(Level.objects.filter(code="fl-lo-3"))
    context = chromium.new_context(base_url=live_server.url, locale=language)
    page = context.new_page()
    try:
        url = reverse("insight:stats")
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(url)
        assert page.locator("html").get_attribute("lang").startswith(language[:2])
        assert serious_violations(page) == []
        page.set_viewport_size(PHONE)
        problems = overflowing(page, [url])
        assert serious_violations(page) == []
        assert not problems, "\n".join(problems)
    finally:
        context.close()
