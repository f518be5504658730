"""What members do from a mail without logging in: unsubscribe, choose, refuse promotions."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from staffroom.newsletter import links, sending
from staffroom.newsletter.models import Delivery, DeliveryStatus, NewsletterPreference, OrderStatus

from .factories import IssueFactory, OrderFactory, SubscriberFactory
from .helpers import parts, send, week_content

# The members here read Dutch: the mark on promotions is in their language.
with translation.override("nl"):
    ADVERTISEMENT = gettext("Advertisement")

pytestmark = pytest.mark.django_db


def unsubscribe_path(member):
    return reverse("newsletter:unsubscribe", args=[links.member_token(member.pk)])


def preferences_path(member):
    return reverse("newsletter:preferences_token", args=[links.member_token(member.pk)])


def test_get_on_the_unsubscribe_address_asks_and_changes_nothing():
    member = SubscriberFactory()
    response = Client().get(unsubscribe_path(member))
    assert response.status_code == 200
    assert member.email in response.content.decode()
    assert '<form method="post"' in response.content.decode()
    assert not NewsletterPreference.objects.filter(member=member).exists()


def test_the_confirmation_form_unsubscribes_without_a_session_or_csrf_token():
    member = SubscriberFactory()
    response = Client(enforce_csrf_checks=True).post(unsubscribe_path(member))
    assert response.status_code == 200
    preference = NewsletterPreference.objects.get(member=member)
    assert (preference.weekly, preference.promotions) == (False, False)


@pytest.mark.parametrize("token", ["nonsense", "1:forged", "abc:def:ghi", "%00"])
def test_a_bad_token_is_not_found(token):
    member = SubscriberFactory()
    forged = f"{member.pk}:{links.member_token(member.pk).split(':')[1][:-2]}xx"
    client = Client(enforce_csrf_checks=True)
    for value in (token, forged):
        assert client.post(f"/newsletter/unsubscribe/{value}/").status_code == 404
        assert client.get(f"/newsletter/preferences/{value}/").status_code == 404
    assert not NewsletterPreference.objects.exists()


def test_a_token_of_a_delivery_does_not_open_a_member_page():
    """Tokens are salted per use: a delivery's signed id is no member token."""
    member = SubscriberFactory()
    token = links.delivery_token(member.pk)
    assert Client().get(f"/newsletter/unsubscribe/{token}/").status_code == 404


def test_preferences_page_by_token_works_without_login():
    member = SubscriberFactory()
    client = Client()
    response = client.get(preferences_path(member))
    assert response.status_code == 200
    assert member.email in response.content.decode()
    response = client.post(preferences_path(member), {"weekly": "on"})
    assert response.status_code == 302
    preference = NewsletterPreference.objects.get(member=member)
    assert (preference.weekly, preference.promotions) == (True, False)


def test_unticking_both_boxes_saves_both_off():
    member = SubscriberFactory()
    client = Client()
    assert client.post(preferences_path(member), {}).status_code == 302
    preference = NewsletterPreference.objects.get(member=member)
    assert (preference.weekly, preference.promotions) == (False, False)


def test_the_logged_in_preferences_page_needs_a_login(client):
    assert client.get(reverse("newsletter:preferences")).status_code == 302
    member = SubscriberFactory()
    client.force_login(member)
    assert client.get(reverse("newsletter:preferences")).status_code == 200
    client.post(reverse("newsletter:preferences"), {"promotions": "on"})
    preference = NewsletterPreference.objects.get(member=member)
    assert (preference.weekly, preference.promotions) == (False, True)


def test_refusing_promotions_keeps_the_newsletter_without_the_advertisement(smtp_server):
    takes_all = SubscriberFactory(email="alles@school.be")
    refuses = SubscriberFactory(email="geen-reclame@school.be")
    Client().post(preferences_path(refuses), {"weekly": "on"})
    week_content()
    issue = IssueFactory()
    order = OrderFactory(status=OrderStatus.PAID, date=issue.week + timedelta(days=1))
    report = send(issue)
    assert report.sent == 2
    with_block = parts(smtp_server.to(takes_all.email)[0])
    without = parts(smtp_server.to(refuses.email)[0])
    for text, body in (with_block,):
        assert ADVERTISEMENT in text and ADVERTISEMENT in body
        assert order.title in text and order.title in body
        assert order.organisation.name in body
    for text, body in (without,):
        assert ADVERTISEMENT not in text and ADVERTISEMENT not in body
        assert order.title not in text and order.title not in body
        assert "Breuken vergelijken" in text
    order.refresh_from_db()
    assert order.status == OrderStatus.SENT and order.sent_at is not None


def test_a_member_who_unsubscribes_during_a_run_is_skipped():
    member = SubscriberFactory()
    week_content()
    issue = IssueFactory()
    sending.mailing_start(mailing=issue, enqueue=False)
    sending.recipients_prepare(mailing=issue)
    Client().post(unsubscribe_path(member))
    report = sending.deliveries_send(mailing=issue)
    assert (report.sent, report.skipped) == (0, 1)
    assert Delivery.objects.get().status == DeliveryStatus.SKIPPED
