"""Issue 14, point 4 (mailings): a promotion title with CR/LF jammed a dedicated mailing for
good (every retry failed on BadHeaderError, 36 deliveries stayed "sending", staff saw "Sending
0%, errors 0"). One-line fields now refuse line breaks at input, and a mailing that cannot be
sent is marked failed with the error on its staff page.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from staffroom.newsletter import links, sending, services
from staffroom.newsletter.forms import IssueForm, PromotionOrderForm
from staffroom.newsletter.inputs import IssueInput, PromotionRequestInput
from staffroom.newsletter.models import (
    Delivery,
    DeliveryStatus,
    Mailing,
    MailingStatus,
    NewsletterPreference,
    OrderStatus,
    PromotionKind,
)
from tests.factories import MemberFactory, OrganisationFactory, StaffFactory
from tests.newsletter.conftest import _newsletter_settings, free_port, smtp_server  # noqa: F401
from tests.newsletter.factories import (
    DutchSubscriberFactory,
    IssueFactory,
    OrderFactory,
    PriceFactory,
)
from tests.newsletter.helpers import send

pytestmark = pytest.mark.django_db

EVIL_TITLE = "Nieuwe rekenmethode\r\nBcc: everyone@example.org"


def _jammed_promotion(recipients: int = 36) -> Mailing:
    """An approved dedicated mailing whose title got a CR/LF in before input refused it."""
    PriceFactory(kind=PromotionKind.DEDICATED)
    order = OrderFactory(
        kind=PromotionKind.DEDICATED,
        status=OrderStatus.REQUESTED,
        date=timezone.localdate() + timedelta(days=3),
        title=EVIL_TITLE,
    )
    services.promotion_move(staff=StaffFactory(), order=order, status=OrderStatus.APPROVED)
    for _ in range(recipients):
        DutchSubscriberFactory()
    return Mailing.objects.get(promotion=order)


def _assert_failed_with_header_error(mailing: Mailing) -> None:
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.FAILED
    assert "newline" in mailing.error
    assert not Delivery.objects.filter(
        mailing=mailing, status__in=[DeliveryStatus.SENDING, DeliveryStatus.PENDING]
    ).exists()
    assert Delivery.objects.filter(mailing=mailing, status=DeliveryStatus.FAILED).count() == 36


def test_a_title_with_cr_lf_fails_the_mailing_instead_of_jamming_it():
    mailing = _jammed_promotion()
    report = send(mailing)
    assert report.sent == 0 and report.errors
    assert mail.outbox == []
    _assert_failed_with_header_error(mailing)
    # The clock leaves a failed mailing alone: nothing restarts it, nothing is sent.
    services.due_mailings_start()
    _assert_failed_with_header_error(mailing)
    assert mail.outbox == []


def test_over_smtp_the_prepared_message_fails_the_same_way(smtp_server):  # noqa: F811
    mailing = _jammed_promotion()
    send(mailing)
    _assert_failed_with_header_error(mailing)
    assert smtp_server.received == []


def test_staff_see_the_failure_and_its_error_on_the_mailing_page(client):
    mailing = _jammed_promotion()
    send(mailing)
    client.force_login(StaffFactory())
    page = client.get(reverse("newsletter:staff_mailing", args=[mailing.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Sending stopped" in content
    assert "Header values can&#x27;t contain newlines" in content
    assert "Failed" in content
    # No refresh every five seconds for a run that is over.
    assert 'http-equiv="refresh"' not in content


def test_staff_can_try_a_failed_mailing_again_once_the_cause_is_fixed(client):
    mailing = _jammed_promotion()
    send(mailing)
    order = mailing.promotion
    order.title = "Nieuwe rekenmethode"
    order.save()
    client.force_login(StaffFactory())
    response = client.post(reverse("newsletter:staff_retry", args=[mailing.pk]))
    assert response.status_code == 302
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.SENDING and mailing.error == ""
    sending.deliveries_send(mailing=mailing)
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.SENT
    assert len(mail.outbox) == 36
    assert all("\n" not in message.subject for message in mail.outbox)


def test_a_mail_server_that_stays_unreachable_fails_the_mailing_after_the_retries(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nothing listens there
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 2
    DutchSubscriberFactory()
    mailing = _jammed_promotion(recipients=0)
    mailing.promotion.title = "Nieuwe rekenmethode"
    mailing.promotion.save()
    send(mailing)  # the first attempt
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.SENDING
    for _ in range(sending.MAX_ATTEMPTS - 1):  # the clock's later runs
        sending.deliveries_send(mailing=mailing)
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.FAILED
    assert "ConnectionRefusedError" in mailing.error
    assert not Delivery.objects.filter(
        mailing=mailing, status__in=[DeliveryStatus.SENDING, DeliveryStatus.PENDING]
    ).exists()


def test_a_mailing_where_no_delivery_got_through_is_failed_not_sent(smtp_server):  # noqa: F811
    smtp_server.before_accept = lambda envelope: "550 5.7.1 Refused by policy"
    for _ in range(3):
        DutchSubscriberFactory()
    mailing = _jammed_promotion(recipients=0)
    mailing.promotion.title = "Nieuwe rekenmethode"
    mailing.promotion.save()
    send(mailing)
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.FAILED
    assert "550" in mailing.error and "Refused by policy" in mailing.error


# --- Input refuses line breaks in one-line fields -------------------------------------------


@pytest.fixture
def partner():
    member = MemberFactory()
    organisation = OrganisationFactory(name="Uitgeverij Breuk")
    organisation.members.add(member)
    PriceFactory(kind=PromotionKind.DEDICATED)
    return member


def _booking(partner, title):
    return {
        "organisation": partner.organisations.get().pk,
        "kind": PromotionKind.DEDICATED,
        "date": (timezone.localdate() + timedelta(days=10)).isoformat(),
        "title": title,
        "body": "Ontdek onze methode.",
        "link": "",
        "region": "",
    }


@pytest.mark.parametrize("title", [EVIL_TITLE, "Een\ntwee", "Een\rtwee", "Een\u2028twee"])
def test_the_booking_form_refuses_a_title_with_a_line_break(client, partner, title):
    client.force_login(partner)
    response = client.post(reverse("newsletter:promotion_new"), _booking(partner, title))
    assert response.status_code == 200
    assert "Keep this to one line" in response.content.decode()
    assert not partner.organisations.get().promotion_orders.exists()
    # What was typed is kept in the form.
    assert response.context["form"]["title"].value() == title


def test_the_booking_input_refuses_a_line_break_whoever_builds_it(partner):
    with pytest.raises(ValidationError) as refused:
        PromotionRequestInput(
            organisation=partner.organisations.get(),
            kind=PromotionKind.DEDICATED,
            date=timezone.localdate() + timedelta(days=10),
            title=EVIL_TITLE,
            body="x",
        )
    assert "title" in refused.value.message_dict
    form = PromotionOrderForm(data=_booking(partner, EVIL_TITLE), member=partner)
    assert not form.is_valid() and "title" in form.errors


def test_the_issue_subject_and_editorial_title_refuse_line_breaks():
    with pytest.raises(ValidationError) as refused:
        IssueInput(subject="Deze week\r\nBcc: x@example.org", editorial_title="Een\ntwee")
    assert set(refused.value.message_dict) == {"subject", "editorial_title"}
    issue = IssueFactory()
    form = IssueForm(
        data={"subject": "Deze week\nBcc: x@example.org", "editorial_title": "", "editorial": ""},
        instance=issue,
    )
    assert not form.is_valid() and "subject" in form.errors


def test_staff_editing_an_issue_get_a_clear_message_for_a_line_break(client):
    issue = IssueFactory()
    client.force_login(StaffFactory())
    response = client.post(
        reverse("newsletter:staff_mailing", args=[issue.pk]),
        {
            "subject": "Deze week\r\nBcc: x@example.org",
            "editorial_title": "Welkom",
            "editorial": "Tekst",
            "send_at": "",
        },
    )
    assert response.status_code == 200
    assert "Keep this to one line" in response.content.decode()
    issue.refresh_from_db()
    assert "Bcc" not in issue.subject


# --- Preference tokens expire (issue 14, point 6) ------------------------------------------


def _token_made(member_id: int, days_ago: float) -> str:
    moment = timezone.now().timestamp() - days_ago * 86400
    with mock.patch.object(
        signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(int(moment))
    ):
        return links.member_token(member_id)


def test_a_token_works_within_its_max_age_and_one_click_unsubscribe_too(settings):
    settings.NEWSLETTER_TOKEN_DAYS = 90
    member = DutchSubscriberFactory()
    token = _token_made(member.pk, days_ago=89)
    client = Client(enforce_csrf_checks=True)
    assert client.get(reverse("newsletter:preferences_token", args=[token])).status_code == 200
    # RFC 8058 one-click: a POST from the mail program, no session, no CSRF token.
    response = client.post(
        reverse("newsletter:unsubscribe", args=[token]), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    preference = NewsletterPreference.objects.get(member=member)
    assert (preference.weekly, preference.promotions) == (False, False)


def test_an_old_unsubscribe_link_still_unsubscribes_without_showing_the_address(client, settings):
    settings.NEWSLETTER_TOKEN_DAYS = 90
    member = DutchSubscriberFactory()
    token = _token_made(member.pk, days_ago=400)
    url = reverse("newsletter:unsubscribe", args=[token])
    page = client.get(url)
    assert page.status_code == 200
    assert member.email not in page.content.decode()
    # One click from a mail program (RFC 8058) works too.
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    preference = NewsletterPreference.objects.get(member=member)
    assert (preference.weekly, preference.promotions) == (False, False)


@pytest.mark.parametrize("view", ["newsletter:preferences_token"])
def test_an_expired_token_opens_a_clear_page_and_changes_nothing(client, settings, view):
    settings.NEWSLETTER_TOKEN_DAYS = 90
    member = DutchSubscriberFactory()
    token = _token_made(member.pk, days_ago=91)
    for method in (client.get, client.post):
        response = method(reverse(view, args=[token]))
        assert response.status_code == 410
        content = response.content.decode()
        assert "This link has expired" in content
        assert reverse("newsletter:fresh_link", args=[token]) in content
        assert reverse("account_login") in content
        # No address or choice of the member is shown to whoever holds the old mail.
        assert member.email not in content
    assert not NewsletterPreference.objects.filter(member=member).exists()


def test_an_undated_token_from_before_expiry_counts_as_expired(client):
    member = DutchSubscriberFactory()
    old = signing.Signer(salt="staffroom.newsletter.member").sign(str(member.pk))
    response = client.get(reverse("newsletter:preferences_token", args=[old]))
    assert response.status_code == 410


def test_the_expired_page_mails_a_fresh_link_that_works(
    client, settings, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_TOKEN_DAYS = 90
    member = DutchSubscriberFactory(email="juf@school.nl")
    token = _token_made(member.pk, days_ago=200)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("newsletter:fresh_link", args=[token]))
    assert response.status_code == 200
    assert "A fresh link is on its way" in response.content.decode()
    assert [message.to for message in mail.outbox] == [["juf@school.nl"]]
    body = mail.outbox[0].body
    path = body.split("https://staffroom.test", 2)[1].split()[0]
    assert client.get(path).status_code == 200


def test_a_forged_token_gets_the_not_valid_page_and_no_mail(client):
    member = DutchSubscriberFactory()
    forged = f"{member.pk}:abc:forged"
    assert client.get(reverse("newsletter:preferences_token", args=[forged])).status_code == 404
    response = client.post(reverse("newsletter:fresh_link", args=[forged]))
    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()
    assert mail.outbox == []
