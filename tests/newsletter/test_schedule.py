"""The clock: this week's issue is made once, goes out at its moment, stalled runs resume, and a
mailing is sent once every delivery is settled."""

from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from staffroom.curriculum.models import Level
from staffroom.events.models import EVENT_TIME_ZONE
from staffroom.newsletter import sending, services
from staffroom.newsletter.models import (
    Delivery,
    DeliveryStatus,
    Mailing,
    MailingStatus,
    OrderStatus,
)
from staffroom.newsletter.queries import week_start
from staffroom.newsletter.tasks import start_due_mailings
from staffroom.site.schedule import SCHEDULE

from .factories import IssueFactory, OrderFactory, SubscriberFactory
from .helpers import week_content

pytestmark = pytest.mark.django_db


def this_monday() -> date:
    """Read when a test runs, so a run that crosses into a new week stays right."""
    return week_start(timezone.localdate())


def brussels(day_offset: int, hour: int) -> datetime:
    return datetime.combine(
        this_monday() + timedelta(days=day_offset), datetime.min.time(), tzinfo=EVENT_TIME_ZONE
    ).replace(hour=hour)


def test_the_clock_runs_the_newsletter_every_few_minutes():
    task_path, interval = SCHEDULE["newsletter-due"]
    assert task_path == "staffroom.newsletter.tasks.start_due_mailings"
    assert interval <= timedelta(minutes=15)
    assert start_due_mailings.name == "start_due_mailings"


def test_this_weeks_issue_is_made_once_and_waits_for_its_moment(settings):
    settings.NEWSLETTER_WEEKDAY, settings.NEWSLETTER_HOUR = 3, 7
    early = brussels(0, 6)
    assert services.due_mailings_start(now=early) == []
    assert services.due_mailings_start(now=early + timedelta(hours=1)) == []
    issue = Mailing.objects.get()
    assert issue.week == this_monday()
    assert issue.status == MailingStatus.SCHEDULED
    assert issue.send_at == brussels(3, 7)


def test_the_issue_goes_out_when_its_moment_has_passed(django_capture_on_commit_callbacks):
    members = [SubscriberFactory() for _ in range(3)]
    week_content()
    services.due_mailings_start(now=brussels(0, 8))
    with django_capture_on_commit_callbacks(execute=True):
        started = services.due_mailings_start(now=brussels(3, 7) + timedelta(minutes=2))
    issue = Mailing.objects.get()
    assert started == [issue.pk]
    issue.refresh_from_db()
    assert issue.status == MailingStatus.SENT and issue.finished_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.email for m in members)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.due_mailings_start(now=brussels(3, 8)) == []
    assert len(mail.outbox) == 3


def test_a_stalled_run_is_resumed_and_an_active_one_left_alone(
    django_capture_on_commit_callbacks,
):
    members = [SubscriberFactory() for _ in range(4)]
    week_content()
    issue = IssueFactory()
    sending.mailing_start(mailing=issue, enqueue=False)
    sending.recipients_prepare(mailing=issue)
    first, second, *_rest = Delivery.objects.order_by("pk")
    Delivery.objects.filter(pk=first.pk).update(status=DeliveryStatus.SENT, sent_at=timezone.now())
    claimed = Delivery.objects.filter(pk=second.pk)
    claimed.update(status=DeliveryStatus.SENDING, claimed_by="alive", claimed_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        services.due_mailings_start()
    assert mail.outbox == []  # someone sent a moment ago: that run is alive

    long_ago = timezone.now() - timedelta(hours=1)
    Delivery.objects.filter(pk=first.pk).update(sent_at=long_ago)
    claimed.update(claimed_by="dead", claimed_at=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        services.due_mailings_start()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.email for m in members[1:])
    issue.refresh_from_db()
    assert issue.status == MailingStatus.SENT


def test_a_mailing_is_sent_only_once_every_delivery_is_settled():
    for _ in range(3):
        SubscriberFactory()
    issue = IssueFactory()
    block = OrderFactory(status=OrderStatus.INVOICED, date=issue.week + timedelta(days=4))
    unapproved = OrderFactory(date=issue.week + timedelta(days=1))
    next_week = OrderFactory(status=OrderStatus.PAID, date=issue.week + timedelta(days=7))
    sending.mailing_start(mailing=issue, enqueue=False)
    sending.recipients_prepare(mailing=issue)
    sending.deliveries_send(mailing=issue, max_messages=2)
    issue.refresh_from_db()
    assert issue.status == MailingStatus.SENDING
    assert len(mail.outbox) == 2
    block.refresh_from_db()
    assert block.status == OrderStatus.INVOICED

    sending.deliveries_send(mailing=issue)
    issue.refresh_from_db()
    assert issue.status == MailingStatus.SENT
    for order, status in (
        (block, OrderStatus.SENT),
        (unapproved, OrderStatus.REQUESTED),
        (next_week, OrderStatus.PAID),
    ):
        order.refresh_from_db()
        assert order.status == status


def test_members_with_nothing_new_and_no_editorial_get_no_mail():
    with_news = SubscriberFactory(email="rekenen@school.be")
    SubscriberFactory(email="latijn@school.be", levels=["fl-so"], subjects=["fl-lat"])
    _resource, _question, webinar = week_content()
    webinar.levels.set(Level.objects.filter(code="fl-lo"))  # not for secondary teachers
    issue = IssueFactory(editorial="", editorial_title="")
    report = (
        sending.mailing_start(mailing=issue, enqueue=False),
        sending.recipients_prepare(mailing=issue),
        sending.deliveries_send(mailing=issue),
    )[-1]
    assert (report.sent, report.skipped) == (1, 1)
    assert [m.to for m in mail.outbox] == [[with_news.email]]
    issue.refresh_from_db()
    assert issue.status == MailingStatus.SENT


def test_an_editorial_goes_to_everyone_even_without_news():
    SubscriberFactory(levels=["fl-so"], subjects=["fl-lat"])
    report = (
        sending.mailing_start(mailing=(issue := IssueFactory()), enqueue=False),
        sending.recipients_prepare(mailing=issue),
        sending.deliveries_send(mailing=issue),
    )[-1]
    assert report.sent == 1


def test_the_command_does_what_the_clock_does_and_refuses_bad_ids(capsys):
    call_command("newsletter", "due")
    assert "Started" in capsys.readouterr().out
    assert Mailing.objects.filter(week=this_monday()).exists()
    for bad in ("x", "99999", None):
        with pytest.raises(CommandError):
            call_command("newsletter", "send", *([bad] if bad else []))
    sent = IssueFactory(week=this_monday() - timedelta(days=7), status=MailingStatus.SENT)
    with pytest.raises(CommandError, match="nothing to send"):
        call_command("newsletter", "send", str(sent.pk))
