"""Staff pages (issues, progress, preview, orders, prices), the archive, and bad input."""

import html
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from staffroom.newsletter import queries, sending, services
from staffroom.newsletter.models import (
    Delivery,
    DeliveryStatus,
    Mailing,
    MailingKind,
    MailingStatus,
    OrderStatus,
    PriceListItem,
    PromotionOrder,
)
from tests.factories import MemberFactory, OrganisationFactory, StaffFactory

from .factories import DutchSubscriberFactory, IssueFactory, OrderFactory, SubscriberFactory
from .helpers import send, week_content

pytestmark = pytest.mark.django_db


def staff_urls(issue, order):
    return [
        ("get", reverse("newsletter:staff")),
        ("get", reverse("newsletter:staff_next_week")),
        ("get", reverse("newsletter:staff_mailing", args=[issue.pk])),
        ("post", reverse("newsletter:staff_mailing", args=[issue.pk])),
        ("get", reverse("newsletter:staff_preview", args=[issue.pk])),
        ("post", reverse("newsletter:staff_send", args=[issue.pk])),
        ("get", reverse("newsletter:staff_orders")),
        ("post", reverse("newsletter:staff_order_move", args=[order.pk])),
        ("get", reverse("newsletter:staff_price", args=["block"])),
        ("post", reverse("newsletter:staff_price", args=["block"])),
    ]


def test_staff_pages_are_for_staff_only(client):
    issue, order = IssueFactory(), OrderFactory()
    for method, url in staff_urls(issue, order):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/login" in response["Location"], url
    client.force_login(SubscriberFactory())
    for method, url in staff_urls(issue, order):
        assert getattr(client, method)(url).status_code == 403, url
    issue.refresh_from_db()
    order.refresh_from_db()
    assert issue.status == MailingStatus.SCHEDULED and order.status == OrderStatus.REQUESTED


def test_the_staff_list_makes_this_weeks_issue(client):
    client.force_login(StaffFactory())
    response = client.get(reverse("newsletter:staff"))
    assert response.status_code == 200
    assert response.context["current"].status == MailingStatus.SCHEDULED
    assert client.get(reverse("newsletter:staff")).context["current"] == Mailing.objects.get()
    response = client.get(reverse("newsletter:staff_next_week"))
    assert Mailing.objects.count() == 2 and response.status_code == 302


def test_staff_write_the_editorial_and_bad_input_keeps_what_was_typed(client):
    client.force_login(StaffFactory())
    issue = IssueFactory(editorial="")
    url = reverse("newsletter:staff_mailing", args=[issue.pk])
    data = {
        "subject": "",
        "editorial_title": "Nieuw schooljaar",
        "editorial": "Welkom **collega's**",
        "send_at": "2030-09-05T07:00",
    }
    assert client.post(url, data).status_code == 302
    issue.refresh_from_db()
    assert issue.editorial == "Welkom **collega's**"
    assert issue.send_at.isoformat().startswith("2030-09-05T05:00")  # 07:00 in Brussels
    response = client.post(url, {**data, "editorial": "Nog een versie", "send_at": "morgen"})
    assert response.status_code == 200
    assert "Nog een versie" in response.content.decode()
    issue.refresh_from_db()
    assert issue.editorial == "Welkom **collega's**"


def test_an_issue_being_sent_cannot_change_and_shows_its_progress(client):
    client.force_login(StaffFactory())
    members = [SubscriberFactory() for _ in range(6)]
    issue = IssueFactory()
    sending.mailing_start(mailing=issue, enqueue=False)
    sending.recipients_prepare(mailing=issue)
    deliveries = list(Delivery.objects.order_by("pk"))
    Delivery.objects.filter(pk__in=[d.pk for d in deliveries[:3]]).update(status="sent")
    Delivery.objects.filter(pk=deliveries[3].pk).update(
        status=DeliveryStatus.FAILED, error="550 5.1.1 no such user"
    )
    url = reverse("newsletter:staff_mailing", args=[issue.pk])
    response = client.get(url)
    progress = response.context["progress"]
    assert (progress.total, progress.sent, progress.failed, progress.remaining) == (6, 3, 1, 2)
    assert progress.percent == 67
    page = response.content.decode()
    assert "550 5.1.1 no such user" in page and members[3].email in page
    assert 'http-equiv="refresh"' in page
    response = client.post(
        url, {"editorial": "Te laat", "editorial_title": "x", "send_at": "2030-01-01T07:00"}
    )
    assert response.status_code == 200
    assert "already being sent" in response.content.decode()
    issue.refresh_from_db()
    assert issue.editorial != "Te laat"


def test_preview_as_a_given_member(client):
    staff = StaffFactory(email="redactie@staffroom.test")
    client.force_login(staff)
    SubscriberFactory(email="els@school.be")
    DutchSubscriberFactory(email="joost@school.nl")
    week_content()
    issue = IssueFactory()
    url = reverse("newsletter:staff_preview", args=[issue.pk])
    flemish = client.get(url, {"member": "ELS@school.be"})
    assert flemish.status_code == 200
    assert "3de leerjaar" in flemish.context["text"] and "Groep 5" not in flemish.context["text"]
    dutch = client.get(url, {"member": "joost@school.nl"})
    assert "Groep 5" in dutch.context["text"]
    assert "Groep 5" in html.unescape(dutch.content.decode())
    for unknown in ("nobody@school.be", "not an address", "x" * 3000):
        response = client.get(url, {"member": unknown})
        assert response.status_code == 200
        assert response.context["member"] == staff
        [message] = list(get_messages(response.wsgi_request))
        assert "No member has this email address" in str(message)
    assert not Delivery.objects.exists()


def test_send_now_asks_to_confirm_with_the_audience_count_then_starts_the_run_once(
    client, django_capture_on_commit_callbacks
):
    staff = StaffFactory()
    client.force_login(staff)
    SubscriberFactory()
    DutchSubscriberFactory()
    SubscriberFactory(verified=False)  # not a subscriber: not counted, not sent to
    issue = IssueFactory(send_at=timezone.now() + timedelta(days=3), subject="Breuken en meer")
    page = client.get(reverse("newsletter:staff_mailing", args=[issue.pk])).content.decode()
    url = reverse("newsletter:staff_send", args=[issue.pk])
    assert f'href="{url}"' in page  # "Send now" leads to the confirmation, it sends nothing
    assert ":</label>" not in page and 'type="datetime-local"' in page
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert confirm.context["audience"] == 2 == queries.recipients_of(issue).count()
    text = html.unescape(confirm.content.decode())
    assert "Breuken en meer" in text and "2 members" in text and "Cancel" in text
    assert not Delivery.objects.exists()
    issue.refresh_from_db()
    assert issue.status == MailingStatus.SCHEDULED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"confirmation": confirm.context["confirmation"]})
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == MailingStatus.SENT
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 2
    response = client.post(url, {"confirmation": confirm.context["confirmation"]}, follow=True)
    assert "already been sent" in response.content.decode()
    assert Delivery.objects.count() == 2


def test_a_post_to_send_without_the_confirmation_sends_nothing(
    client, django_capture_on_commit_callbacks
):
    staff = StaffFactory()
    client.force_login(staff)
    SubscriberFactory()
    issue = IssueFactory(send_at=timezone.now() + timedelta(days=3))
    other = IssueFactory(week=issue.week + timedelta(days=7))
    url = reverse("newsletter:staff_send", args=[issue.pk])
    someone_elses = services.send_confirmation_token(staff=StaffFactory(), mailing=issue)
    of_another_mailing = services.send_confirmation_token(staff=staff, mailing=other)
    for data in (
        {},
        {"confirmation": "yes"},
        {"confirmation": someone_elses},
        {"confirmation": of_another_mailing},
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data, follow=True)
        assert response.status_code == 200
        assert "nothing was sent" in response.content.decode()
    issue.refresh_from_db()
    assert issue.status == MailingStatus.SCHEDULED and issue.started_at is None
    assert not Delivery.objects.exists()
    with pytest.raises(ValidationError):
        services.send_now(staff=staff, mailing=issue, confirmation="")


def test_the_confirmation_counts_a_dedicated_promotions_audience(client):
    client.force_login(StaffFactory())
    SubscriberFactory()
    DutchSubscriberFactory()
    order = OrderFactory(kind="dedicated", region="nl")
    mailing = Mailing.objects.create(
        kind=MailingKind.PROMOTION,
        promotion=order,
        status=MailingStatus.SCHEDULED,
        send_at=timezone.now() + timedelta(days=2),
    )
    confirm = client.get(reverse("newsletter:staff_send", args=[mailing.pk]))
    assert confirm.context["audience"] == 1
    assert "1 member" in html.unescape(confirm.content.decode())


def test_a_changed_audience_after_the_confirmation_sends_nothing(
    client, django_capture_on_commit_callbacks
):
    """The token promises that staff saw the audience: when what defines it (the order's
    region, levels, subjects, kind) or its count changed since, nothing is sent and the
    confirmation page shows the new count."""
    from staffroom.curriculum.models import Level

    client.force_login(StaffFactory())
    SubscriberFactory()
    DutchSubscriberFactory()
    order = OrderFactory(kind="dedicated", region="nl")
    mailing = Mailing.objects.create(
        kind=MailingKind.PROMOTION,
        promotion=order,
        status=MailingStatus.SCHEDULED,
        send_at=timezone.now() + timedelta(days=2),
    )
    url = reverse("newsletter:staff_send", args=[mailing.pk])

    def changed_then_sent(change) -> None:
        token = client.get(url).context["confirmation"]
        change()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"confirmation": token}, follow=True)
        assert response.redirect_chain[-1][0] == url
        page = html.unescape(response.content.decode())
        assert "The audience changed after you confirmed: nothing was sent." in page
        mailing.refresh_from_db()
        assert mailing.status == MailingStatus.SCHEDULED and mailing.started_at is None
        assert not Delivery.objects.exists()

    def to_region(code: str):
        def change() -> None:
            order.region = code
            order.save()

        return change

    # To Flanders: still one member, but another one.
    changed_then_sent(to_region("fl"))
    changed_then_sent(to_region(""))  # both regions: two members
    changed_then_sent(lambda: order.levels.set(Level.objects.filter(code="fl-lo-3")))
    # The same order, one more subscriber in its audience.
    changed_then_sent(lambda: SubscriberFactory(levels=["fl-lo-3"]))
    # Unchanged since the confirmation: it sends.
    token = client.get(url).context["confirmation"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"confirmation": token})
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.SENT


def test_staff_move_orders_and_bad_input_gets_a_message(client):
    client.force_login(StaffFactory())
    order = OrderFactory()
    url = reverse("newsletter:staff_order_move", args=[order.pk])
    page = client.get(reverse("newsletter:staff_orders"))
    assert order.title in page.content.decode()
    response = client.post(url, {"status": "approved", "note": "Mooi"}, follow=True)
    order.refresh_from_db()
    assert order.status == OrderStatus.APPROVED
    assert "The order is updated." in response.content.decode()
    response = client.post(url, {"status": "rejected"}, follow=True)
    assert "cannot become" in html.unescape(response.content.decode())
    for garbage in ({}, {"status": "exploded"}, {"status": "paid", "invoice_reference": "x" * 99}):
        response = client.post(url, garbage, follow=True)
        assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.APPROVED
    assert client.post(reverse("newsletter:staff_order_move", args=[999999])).status_code == 404


def test_staff_keep_the_price_list_in_euros_in_their_locale(client):
    staff = StaffFactory(language="en")
    client.force_login(staff)
    url = reverse("newsletter:staff_price", args=["dedicated"])
    page = client.get(url).content.decode()
    assert 'name="price"' in page and "Price in euros (VAT excluded)</label>" in page
    assert ":</label>" not in page  # no colons after labels
    response = client.post(url, {"price": "duur", "description": "Een mailing"})
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post(url, {"price": "-5"})
    assert response.status_code == 200
    assert client.post(url, {"price": "950.00", "active": "on"}).status_code == 302
    item = PriceListItem.objects.get()
    assert (item.kind, item.price_cents, item.active) == ("dedicated", 95000, True)
    # In Dutch the price is typed and shown with a decimal comma.
    dutch = {"HTTP_ACCEPT_LANGUAGE": "nl"}
    staff.language = "nl"
    staff.save()
    page = client.get(url, **dutch).content.decode()
    assert 'value="950,00"' in page
    assert client.post(url, {"price": "1250,50", "active": "on"}, **dutch).status_code == 302
    item.refresh_from_db()
    assert item.price_cents == 125050
    orders = client.get(reverse("newsletter:staff_orders"), **dutch).content.decode()
    assert "€\N{NO-BREAK SPACE}1.250,50" in orders
    staff.language = "en"
    staff.save()
    orders = client.get(reverse("newsletter:staff_orders")).content.decode()
    assert "€1,250.50" in orders
    assert client.get(reverse("newsletter:staff_price", args=["banner"])).status_code == 404


def test_the_archive_lists_sent_issues_only_and_shows_them_as_pages(client):
    SubscriberFactory()
    DutchSubscriberFactory()
    resource, _question, _webinar = week_content()
    sent = IssueFactory(editorial_title="Breuken in de kijker")
    send(sent)
    upcoming = IssueFactory(week=sent.week + timedelta(days=7), editorial_title="Volgende week")
    promotion = Mailing.objects.create(
        kind=MailingKind.PROMOTION,
        status=MailingStatus.SENT,
        promotion=OrderFactory(status=OrderStatus.SENT),
        started_at=timezone.now(),
    )
    page = client.get(reverse("newsletter:archive"))
    assert page.status_code == 200
    assert list(page.context["page"]) == [sent]
    assert "Volgende week" not in page.content.decode()

    response = client.get(sent.get_absolute_url())
    assert response.status_code == 200
    shown = html.unescape(response.content.decode())
    assert "Breuken in de kijker" in shown and resource.title in shown
    assert "/newsletter/unsubscribe/" not in shown  # a visitor has nothing to unsubscribe
    assert client.get(upcoming.get_absolute_url()).status_code == 404
    assert client.get(promotion.get_absolute_url()).status_code == 404
    assert client.get(reverse("newsletter:archive_issue", args=[99999])).status_code == 404

    client.force_login(DutchSubscriberFactory())
    dutch = html.unescape(client.get(sent.get_absolute_url()).content.decode())
    assert "Groep 5" in dutch and resource.title in dutch
    client.force_login(StaffFactory())
    assert client.get(upcoming.get_absolute_url()).status_code == 200


def test_garbage_never_gives_a_server_error(client):
    client.force_login(StaffFactory())
    issue = IssueFactory()
    order = OrderFactory()
    garbage = {"status": "\x00", "price_cents": "1e99", "send_at": "9999-99-99", "member": "'"}
    for _method, url in staff_urls(issue, order):
        assert client.post(url, garbage).status_code < 500, url
    for url in (
        "/newsletter/l/",
        "/newsletter/l/?u=https%3A%2F%2Fx&s=&d=",
        "/newsletter/l/?u=%00&s=%00&d=%00",
        "/newsletter/archive/?page=x",
        "/newsletter/unsubscribe/%E2%80%8B/",
    ):
        assert client.get(url).status_code < 500, url
    partner = MemberFactory()
    order.organisation.members.add(partner)
    client.force_login(partner)
    response = client.post(reverse("newsletter:promotion_new"), {"date": "x", "kind": "\x00"})
    assert response.status_code == 200
    assert PromotionOrder.objects.count() == 1


def test_members_find_their_choices_and_partners_the_promotions(client):
    member = MemberFactory()
    client.force_login(member)
    settings_page = client.get(reverse("accounts:profile_edit")).content.decode()
    assert reverse("newsletter:preferences") in settings_page

    organisation = OrganisationFactory()
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert reverse("newsletter:promotions") not in page
    organisation.members.add(member)
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert reverse("newsletter:promotions") in page and reverse("events:new") in page
    assert reverse("api:tokens") in page
    assert client.get(reverse("newsletter:promotions")).status_code == 200
