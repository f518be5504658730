"""Delivery status notifications (RFC 3464): parsed, recorded once, and repeated hard bounces
stop mail to an address. Read from a Maildir, an mbox, or posted to the webhook."""

import mailbox

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from staffroom.newsletter import bounces, sending
from staffroom.newsletter.models import Bounce, BounceKind, Delivery, SuppressedAddress

from .factories import IssueFactory, SubscriberFactory
from .helpers import send

pytestmark = pytest.mark.django_db

HARD = ("failed", "5.1.1", "smtp; 550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown")
SOFT = ("delayed", "4.2.2", "smtp; 452 4.2.2 Mailbox full")
DELIVERED = ("delivered", "2.0.0", "smtp; 250 2.0.0 OK")


def dsn(
    recipient: str,
    outcome=HARD,
    *,
    original_id: str = "<newsletter.1.1@staffroom.test>",
    report_id: str = "<dsn.1@mx.school.be>",
    returned: str = "text/rfc822-headers",
) -> bytes:
    action, status, diagnostic = outcome
    original = (
        "From: Staffroom <nieuwsbrief@staffroom.test>\n"
        f"To: {recipient}\n"
        "Subject: Staffroom this week\n"
        f"Message-ID: {original_id}\n"
    )
    if returned == "message/rfc822":
        original += "Content-Type: text/plain\n\nHallo!\n"
    return (
        "From: Mail Delivery System <MAILER-DAEMON@mx.school.be>\n"
        "To: bounces@staffroom.test\n"
        "Subject: Undelivered Mail Returned to Sender\n"
        f"Message-ID: {report_id}\n"
        "MIME-Version: 1.0\n"
        "Content-Type: multipart/report; report-type=delivery-status;\n"
        ' boundary="REPORT"\n'
        "\n"
        "--REPORT\n"
        "Content-Type: text/plain; charset=us-ascii\n"
        "\n"
        "Your message could not be delivered.\n"
        "\n"
        "--REPORT\n"
        "Content-Type: message/delivery-status\n"
        "\n"
        "Reporting-MTA: dns; mx.school.be\n"
        "Arrival-Date: Thu, 3 Dec 2026 07:00:03 +0100\n"
        "\n"
        f"Final-Recipient: rfc822; {recipient.upper()}\n"
        f"Original-Recipient: rfc822;{recipient}\n"
        f"Action: {action}\n"
        f"Status: {status}\n"
        f"Diagnostic-Code: {diagnostic.format(rcpt=recipient)}\n"
        "\n"
        "--REPORT\n"
        f"Content-Type: {returned}\n"
        "\n"
        f"{original}\n"
        "--REPORT--\n"
    ).encode()


def test_a_hard_bounce_is_parsed():
    [report] = bounces.parse_dsn(dsn("Els@School.be"))
    assert report.email == "els@school.be"
    assert report.kind == BounceKind.HARD
    assert report.status_code == "5.1.1"
    assert "User unknown" in report.diagnostic
    assert report.original_message_id == "<newsletter.1.1@staffroom.test>"


def test_a_returned_whole_message_also_names_our_message():
    [report] = bounces.parse_dsn(dsn("els@school.be", returned="message/rfc822"))
    assert report.original_message_id == "<newsletter.1.1@staffroom.test>"


def test_a_delay_is_a_soft_bounce():
    [report] = bounces.parse_dsn(dsn("els@school.be", SOFT))
    assert (report.kind, report.status_code) == (BounceKind.SOFT, "4.2.2")
    [failed_temporarily] = bounces.parse_dsn(dsn("els@school.be", ("failed", "4.4.7", "x")))
    assert failed_temporarily.kind == BounceKind.SOFT


@pytest.mark.parametrize(
    "raw",
    [
        dsn("els@school.be", DELIVERED),
        b"From: a@b.c\nTo: d@e.f\nSubject: Out of office\n\nI am on holiday.\n",
        dsn("els@school.be").replace(b"report-type=delivery-status", b"report-type=disposition"),
        b"\x00\xff\xfe garbage \x89PNG\r\n\x1a\n" * 20,
        b"",
        b"Content-Type: multipart/report; report-type=delivery-status\n\nno boundary at all",
        dsn("not-an-address", HARD),
    ],
    ids=["delivered", "not-a-dsn", "other-report", "garbage", "empty", "broken", "no-address"],
)
def test_anything_else_is_ignored_without_an_error(raw):
    assert bounces.parse_dsn(raw) == []
    assert bounces.bounce_record(raw) == []
    assert not Bounce.objects.exists()


def test_a_bounce_names_its_delivery_and_is_counted_once():
    member = SubscriberFactory(email="els@school.be")
    issue = IssueFactory()
    send(issue)
    [message] = mail.outbox
    delivery = Delivery.objects.get(member=member)
    raw = dsn(member.email, original_id=message.extra_headers["Message-ID"])
    [bounce] = bounces.bounce_record(raw)
    assert bounce.delivery == delivery and bounce.kind == BounceKind.HARD
    assert bounces.bounce_record(raw) == []
    assert Bounce.objects.count() == 1
    assert not SuppressedAddress.objects.exists()


def test_repeated_hard_bounces_suppress_the_address_for_the_next_mailings(settings):
    settings.NEWSLETTER_HARD_BOUNCE_LIMIT = 3
    bouncing = SubscriberFactory(email="Weg@School.be")
    fine = SubscriberFactory(email="blijft@school.be")
    for number in range(5):  # soft bounces never suppress
        bounces.bounce_record(dsn(bouncing.email, SOFT, report_id=f"<soft.{number}@mx>"))
    for number in range(2):
        bounces.bounce_record(dsn(bouncing.email, report_id=f"<hard.{number}@mx>"))
    assert not SuppressedAddress.objects.exists()
    bounces.bounce_record(dsn(bouncing.email, report_id="<hard.2@mx>"))
    assert SuppressedAddress.objects.filter(email="weg@school.be").exists()

    send(IssueFactory())
    assert [message.to for message in mail.outbox] == [[fine.email]]


def test_an_address_suppressed_during_a_run_is_skipped(settings):
    settings.NEWSLETTER_HARD_BOUNCE_LIMIT = 1
    member = SubscriberFactory(email="els@school.be")
    issue = IssueFactory()
    sending.mailing_start(mailing=issue, enqueue=False)
    sending.recipients_prepare(mailing=issue)
    bounces.bounce_record(dsn(member.email))
    report = sending.deliveries_send(mailing=issue)
    assert (report.sent, report.skipped) == (0, 1)
    assert mail.outbox == []


def _fill(box):
    box.add(dsn("een@school.be", report_id="<a@mx>"))
    box.add(dsn("twee@school.be", SOFT, report_id="<b@mx>"))
    box.add(b"From: colleague@school.be\nSubject: Thanks!\n\nNice newsletter.\n")
    box.flush()


def test_a_maildir_is_read_and_emptied(tmp_path):
    path = tmp_path / "Maildir"
    _fill(mailbox.Maildir(path, create=True))
    assert bounces.mailbox_read(path) == (3, 2)
    assert set(Bounce.objects.values_list("email", "kind")) == {
        ("een@school.be", BounceKind.HARD),
        ("twee@school.be", BounceKind.SOFT),
    }
    assert len(mailbox.Maildir(path, create=False)) == 0


def test_an_mbox_is_read_and_kept_when_asked_and_read_twice_counts_once(tmp_path):
    path = tmp_path / "bounces.mbox"
    _fill(mailbox.mbox(path))
    assert bounces.mailbox_read(path, keep=True) == (3, 2)
    assert bounces.mailbox_read(path, keep=True) == (3, 0)
    assert Bounce.objects.count() == 2
    assert len(mailbox.mbox(path)) == 3


def test_the_command_reads_a_mailbox(tmp_path, capsys):
    path = tmp_path / "Maildir"
    _fill(mailbox.Maildir(path, create=True))
    call_command("newsletter", "bounces", str(path))
    assert "Read 3 message(s), recorded 2 bounce(s)." in capsys.readouterr().out
    with pytest.raises(Exception, match="Cannot read"):
        call_command("newsletter", "bounces", str(tmp_path / "missing"))


def test_the_webhook_needs_the_token_and_records(settings):
    client = Client(enforce_csrf_checks=True)
    raw = dsn("els@school.be")
    url = "/newsletter/bounces/webhook-secret-token/"
    for wrong in ("/newsletter/bounces/wrong/", "/newsletter/bounces/webhook-secret-toke/"):
        assert client.post(wrong, raw, content_type="message/rfc822").status_code == 404
    assert client.get(url).status_code == 405
    assert not Bounce.objects.exists()
    response = client.post(url, raw, content_type="message/rfc822")
    assert response.status_code == 202
    assert Bounce.objects.get().email == "els@school.be"
    assert client.post(url, b"junk", content_type="message/rfc822").status_code == 202
    settings.NEWSLETTER_BOUNCE_WEBHOOK_TOKEN = ""
    assert client.post(url, raw, content_type="message/rfc822").status_code == 404
