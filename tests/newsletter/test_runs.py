"""Sending runs: a crash midway, two senders on one mailing, the rate limit."""

import os
import signal
import subprocess
import sys
import threading
from collections import Counter

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend
from django.db import connection

from staffroom.newsletter import sending
from staffroom.newsletter.models import Delivery, DeliveryStatus, MailingStatus
from tests.concurrency import race, require_postgres_with_vocabularies

from .factories import IssueFactory, SubscriberFactory
from .helpers import week_content


class ProcessDied(BaseException):
    """What the process dying looks like from inside: nothing catches it."""


class DyingBackend(EmailBackend):
    """Real SMTP, but the process "dies" when it is about to send message ``after + 1``."""

    def __init__(self, *, after: int, **kwargs):
        super().__init__(**kwargs)
        self.after = after
        self.accepted = 0

    def send_messages(self, messages):
        if self.accepted >= self.after:
            raise ProcessDied
        sent = super().send_messages(messages)
        self.accepted += sent
        return sent


def assert_exactly_one_each(server, members):
    recipients = Counter(r for item in server.received for r in item.rcpt_tos)
    assert recipients == Counter({member.email: 1 for member in members})
    ids = Counter(str(message["Message-ID"]) for message in server.messages)
    assert len(ids) == len(members) and set(ids.values()) == {1}
    assert ids.keys() == set(Delivery.objects.values_list("message_id", flat=True))


@pytest.mark.django_db
def test_a_run_that_dies_midway_resumes_and_everyone_gets_exactly_one_copy(smtp_server):
    members = [SubscriberFactory() for _ in range(10)]
    week_content()
    issue = IssueFactory()
    sending.mailing_start(mailing=issue, enqueue=False)
    sending.recipients_prepare(mailing=issue)

    dying = DyingBackend(after=4)
    with pytest.raises(ProcessDied):
        sending.deliveries_send(mailing=issue, connection=dying, batch=3)
    assert len(smtp_server.received) == 4
    statuses = Counter(Delivery.objects.values_list("status", flat=True))
    assert statuses == {
        DeliveryStatus.SENT: 4,
        DeliveryStatus.SENDING: 2,
        DeliveryStatus.PENDING: 4,
    }

    # Claims of a dead sender stay until they are older than the timeout...
    assert sending.release_stale_claims(mailing=issue) == 0
    # ...or until whoever restarts knows no other sender runs.
    assert sending.release_stale_claims(mailing=issue, older_than=0) == 2
    report = sending.deliveries_send(mailing=issue, batch=3)
    assert report.sent == 6
    assert_exactly_one_each(smtp_server, members)
    issue.refresh_from_db()
    assert issue.status == MailingStatus.SENT


@pytest.mark.django_db
def test_preparing_recipients_again_after_a_crash_adds_none_twice():
    members = [SubscriberFactory() for _ in range(5)]
    issue = IssueFactory()
    sending.mailing_start(mailing=issue, enqueue=False)
    assert sending.recipients_prepare(mailing=issue, chunk=2) == 5
    late = SubscriberFactory()
    assert sending.recipients_prepare(mailing=issue, chunk=2) == 6
    assert Counter(Delivery.objects.values_list("member_id", flat=True)) == Counter(
        {m.pk: 1 for m in [*members, late]}
    )


class InterleavingBackend:
    """Locmem delivery; while sending its first message, a second sender runs the mailing."""

    def __init__(self, mailing):
        self.inner = get_connection("django.core.mail.backends.locmem.EmailBackend")
        self.mailing = mailing
        self.other = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        if self.other is None:
            self.other = sending.deliveries_send(mailing=self.mailing, batch=2)
        return self.inner.send_messages(messages)


@pytest.mark.django_db
def test_two_senders_on_one_mailing_never_send_a_delivery_twice():
    members = [SubscriberFactory() for _ in range(9)]
    week_content()
    issue = IssueFactory()
    sending.mailing_start(mailing=issue, enqueue=False)
    sending.recipients_prepare(mailing=issue)
    first = InterleavingBackend(issue)
    report = sending.deliveries_send(mailing=issue, connection=first, batch=2)
    assert first.other.sent > 0 and report.sent > 0
    assert report.sent + first.other.sent == 9
    assert Counter(to for message in mail.outbox for to in message.to) == Counter(
        {m.email: 1 for m in members}
    )
    assert not Delivery.objects.exclude(status=DeliveryStatus.SENT).exists()


class FakeClock:
    def __init__(self):
        self.now = 1000.0
        self.sleeps = []

    def monotonic(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


def test_pace_spaces_messages_by_the_rate(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(sending, "time", clock)
    pace = sending._Pace(4)
    for _ in range(3):
        pace.wait()
    assert clock.sleeps == [0.25, 0.25]
    clock.now += 10  # a slow message: no catching up in a burst afterwards
    pace.wait()
    pace.wait()
    assert clock.sleeps == [0.25, 0.25, 0.25]


def test_no_rate_means_no_waiting(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(sending, "time", clock)
    pace = sending._Pace(0)
    for _ in range(5):
        pace.wait()
    assert clock.sleeps == []


@pytest.mark.django_db
def test_a_run_uses_the_configured_rate(monkeypatch, settings):
    settings.NEWSLETTER_RATE = 2
    clock = FakeClock()
    monkeypatch.setattr(sending, "time", clock)
    for _ in range(4):
        SubscriberFactory()
    issue = IssueFactory()
    sending.mailing_start(mailing=issue, enqueue=False)
    sending.recipients_prepare(mailing=issue)
    report = sending.deliveries_send(mailing=issue)
    assert report.sent == 4
    assert clock.sleeps == [0.5, 0.5, 0.5]


# --- on PostgreSQL: real processes and threads ---


def _subprocess_env(server, tmp_path) -> dict:
    database = connection.settings_dict
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="staffroom.settings",
        DATABASE_URL=(
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        SECRET_KEY=settings.SECRET_KEY,
        STAFFROOM_VAR=str(tmp_path / "var"),
        STAFFROOM_HTTPS="0",
        SITE_URL=settings.SITE_URL,
        EMAIL_HOST=server.controller.hostname,
        EMAIL_PORT=str(server.controller.port),
        EMAIL_USE_TLS="0",
        NEWSLETTER_FROM=settings.NEWSLETTER_FROM,
        NEWSLETTER_RATE="0",
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
    )
    return env


def _send_command(mailing_id: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "staffroom", "newsletter", "send", str(mailing_id), *extra]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_killed_sending_process_resumes_and_everyone_gets_exactly_one_copy(smtp_server, tmp_path):
    require_postgres_with_vocabularies()
    members = [SubscriberFactory() for _ in range(12)]
    week_content()
    issue = IssueFactory()
    env = _subprocess_env(smtp_server, tmp_path)
    process = None
    data_seen = 0
    killed = threading.Event()

    def kill_at_the_seventh(envelope):
        nonlocal data_seen
        data_seen += 1
        if data_seen == 7:
            # The seventh message has arrived and is not answered yet: the sender dies now.
            os.kill(process.pid, signal.SIGKILL)
            killed.set()
            return "451 Sender gone"
        return None

    smtp_server.before_accept = kill_at_the_seventh
    process = subprocess.Popen(
        _send_command(issue.pk), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    _out, err = process.communicate(timeout=120)
    assert killed.is_set(), err.decode()
    assert process.returncode == -signal.SIGKILL
    assert len(smtp_server.received) == 6
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 6
    assert Delivery.objects.filter(status=DeliveryStatus.SENDING).exists()

    smtp_server.before_accept = None
    again = subprocess.run(
        _send_command(issue.pk, "--stale-after", "0"),
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert again.returncode == 0, again.stderr.decode()
    assert "Sent 6," in again.stdout.decode()
    assert_exactly_one_each(smtp_server, members)
    issue.refresh_from_db()
    assert issue.status == MailingStatus.SENT


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_senders_on_postgres_send_each_delivery_once():
    require_postgres_with_vocabularies()
    members = [SubscriberFactory() for _ in range(30)]
    issue = IssueFactory()
    sending.mailing_start(mailing=issue, enqueue=False)
    sending.recipients_prepare(mailing=issue)
    outcomes = race([lambda: sending.deliveries_send(mailing=issue, batch=3) for _ in range(4)])
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert sum(o.sent for o in outcomes) == 30
    assert Counter(to for message in mail.outbox for to in message.to) == Counter(
        {m.email: 1 for m in members}
    )
    issue.refresh_from_db()
    assert issue.status == MailingStatus.SENT


@pytest.mark.django_db
def test_refusals_by_the_server_fail_or_wait_for_a_later_run(smtp_server):
    SubscriberFactory(email="weg@school.be")
    SubscriberFactory(email="vol@school.be")
    fine = SubscriberFactory(email="ok@school.be")
    issue = IssueFactory()

    def refuse(envelope):
        if envelope.rcpt_tos == ["weg@school.be"]:
            return "554 5.7.1 Rejected by policy"
        if envelope.rcpt_tos == ["vol@school.be"]:
            return "451 4.2.2 Mailbox full, try later"
        return None

    smtp_server.before_accept = refuse
    sending.mailing_start(mailing=issue, enqueue=False)
    sending.recipients_prepare(mailing=issue)
    report = sending.deliveries_send(mailing=issue)
    assert (report.sent, report.failed, report.retried) == (1, 1, 1)
    assert [r for item in smtp_server.received for r in item.rcpt_tos] == [fine.email]
    failed = Delivery.objects.get(email="weg@school.be")
    assert failed.status == DeliveryStatus.FAILED and failed.error.startswith("554 ")
    waiting = Delivery.objects.get(email="vol@school.be")
    assert waiting.status == DeliveryStatus.PENDING and waiting.attempts == 1
    issue.refresh_from_db()
    assert issue.status == MailingStatus.SENDING  # not finished while one waits

    for attempt in (2, 3):  # later runs try again, up to MAX_ATTEMPTS
        sending.deliveries_send(mailing=issue)
        waiting.refresh_from_db()
        assert waiting.attempts == attempt
    assert waiting.status == DeliveryStatus.FAILED
    issue.refresh_from_db()
    assert issue.status == MailingStatus.SENT
    assert len(smtp_server.received) == 1


@pytest.mark.django_db
def test_a_lost_connection_puts_the_rest_back_for_the_next_run(smtp_server):
    members = [SubscriberFactory() for _ in range(5)]
    issue = IssueFactory()
    sending.mailing_start(mailing=issue, enqueue=False)
    sending.recipients_prepare(mailing=issue)
    seen = []

    def hang_up_at_the_third(envelope):
        seen.append(envelope)
        if len(seen) == 3:
            return "421 4.3.2 Service shutting down, closing channel"
        return None

    smtp_server.before_accept = hang_up_at_the_third
    report = sending.deliveries_send(mailing=issue, batch=10)
    assert report.sent == 2
    assert Counter(Delivery.objects.values_list("status", flat=True)) == {
        DeliveryStatus.SENT: 2,
        DeliveryStatus.PENDING: 3,
    }
    smtp_server.before_accept = None
    assert sending.deliveries_send(mailing=issue).sent == 3
    assert_exactly_one_each(smtp_server, members)
