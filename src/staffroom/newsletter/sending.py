"""Sending a mailing: one ``Delivery`` per recipient, claimed in batches, marked sent one by one.

How a run survives a crash:

- ``recipients_prepare`` creates the deliveries in chunks, ignoring those that exist, so running
  it again after a crash adds the missing ones and duplicates none.
- A sender claims a batch (status ``sending``, its own ``claimed_by``), sends each message over
  one SMTP connection, and marks each delivery ``sent`` in its own statement right after the
  server accepted it. A delivery is never sent twice by two senders: a claim is a conditional
  update of ``pending`` rows.
- A sender that dies leaves its batch ``sending``; after ``NEWSLETTER_CLAIM_TIMEOUT`` seconds
  another run puts those rows back to ``pending``. Only a crash between the server's "250 OK"
  and our update (microseconds) could send a message twice; it would carry the same
  Message-ID, which mailbox providers use to drop duplicates.
"""

from __future__ import annotations

import html
import logging
import re
import smtplib
import socket
import time
import uuid
import weakref
from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import formatdate
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from . import compose, links, queries, tasks
from .compose import NAME, PREFERENCES, UNSUBSCRIBE, Composer, personalise
from .models import (
    Delivery,
    DeliveryStatus,
    Mailing,
    MailingKind,
    MailingStatus,
    NewsletterPreference,
    OrderStatus,
    PromotionOrder,
    SuppressedAddress,
)

logger = logging.getLogger(__name__)

PREPARE_CHUNK = 2000
CLAIM_BATCH = 100
MAX_ATTEMPTS = 3


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    retried: int = 0
    errors: list[str] = field(default_factory=list)


# --- recipients ---


def _eligible(mailing: Mailing):
    return queries.recipients_of(mailing)


def recipients_prepare(*, mailing: Mailing, chunk: int = PREPARE_CHUNK) -> int:
    """Create the missing deliveries of a mailing; return how many exist now."""
    members = _eligible(mailing).order_by("pk").values_list("pk", "email")
    last = 0
    while True:
        rows = list(members.filter(pk__gt=last)[:chunk])
        if not rows:
            break
        Delivery.objects.bulk_create(
            [Delivery(mailing=mailing, member_id=pk, email=email) for pk, email in rows],
            ignore_conflicts=True,
        )
        last = rows[-1][0]
    Mailing.objects.filter(pk=mailing.pk, recipients_ready_at__isnull=True).update(
        recipients_ready_at=timezone.now()
    )
    return Delivery.objects.filter(mailing=mailing).count()


# --- claiming ---


def release_stale_claims(*, mailing: Mailing, older_than: float | None = None, now=None) -> int:
    """Put back deliveries that a sender claimed and never finished (it died)."""
    now = now or timezone.now()
    seconds = settings.NEWSLETTER_CLAIM_TIMEOUT if older_than is None else older_than
    return Delivery.objects.filter(
        mailing=mailing,
        status=DeliveryStatus.SENDING,
        claimed_at__lte=now - timedelta(seconds=seconds),
    ).update(status=DeliveryStatus.PENDING, claimed_by="")


def _claim(mailing: Mailing, sender: str, batch: int, skip=frozenset()) -> list[Delivery]:
    """Claim up to ``batch`` pending deliveries; [] only when none is pending any more.

    Another sender may claim the rows we picked between our read and our update: then the
    conditional update takes none of them, and we pick again instead of stopping early.
    """
    while True:
        ids = list(
            Delivery.objects.filter(mailing=mailing, status=DeliveryStatus.PENDING)
            .exclude(pk__in=skip)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch]
        )
        if not ids:
            return []
        Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.SENDING,
            claimed_by=sender,
            claimed_at=timezone.now(),
            attempts=F("attempts") + 1,
        )
        claimed = list(
            Delivery.objects.filter(
                pk__in=ids, status=DeliveryStatus.SENDING, claimed_by=sender
            ).order_by("pk")
        )
        if claimed:
            return claimed


# --- messages ---


def _message_id(delivery: Delivery) -> str:
    """The same for every attempt at one delivery, so a resent copy is recognisably the same."""
    domain = urlsplit(settings.SITE_URL).hostname or "staffroom.invalid"
    return f"<newsletter.{delivery.mailing_id}.{delivery.pk}@{domain}>"


def build_email(mailing: Mailing, delivery, message, connection=None, *, headers=None, to=None):
    """The mail for one delivery: multipart text and HTML with list and unsubscribe headers.

    The envelope sender is the bounce address, so delivery reports come back to the mailbox
    that ``staffroom newsletter bounces`` reads; the From header is the newsletter's name.
    ``headers`` and ``to`` replace the delivery's own (a template for many deliveries).
    """
    list_host = urlsplit(settings.SITE_URL).hostname or "staffroom.invalid"
    all_headers = {
        "From": settings.NEWSLETTER_FROM,
        "Reply-To": settings.NEWSLETTER_REPLY_TO,
        "Message-ID": _message_id(delivery) if delivery else "",
        "List-Id": f"Staffroom {mailing.get_kind_display()} <{mailing.kind}.{list_host}>",
        "List-Unsubscribe": f"<{message.unsubscribe_url}>",
        # RFC 8058: a POST of this body to the URL above unsubscribes without any other step.
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    } | (headers or {})
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.text,
        from_email=settings.NEWSLETTER_RETURN_PATH,
        to=[to or delivery.email],
        headers=all_headers,
        connection=connection,
    )
    email.attach_alternative(message.html, "text/html")
    return email


# What differs per member in a prepared message: the text part takes values as they are, the
# HTML part escaped, the headers ASCII values.
_TEXT_PLACEHOLDERS = (NAME, UNSUBSCRIBE, PREFERENCES, links.DELIVERY_PLACEHOLDER)
_HTML_PLACEHOLDERS = {key: f"__H{key.strip('_')}__" for key in _TEXT_PLACEHOLDERS}
_TO = "newsletter-recipient@placeholder.invalid"
_HEADER_PLACEHOLDERS = {"Message-ID": "<__MESSAGEID__>", "Date": "__DATE__"}
_ALL_PLACEHOLDERS = re.compile(
    "|".join(
        re.escape(key)
        for key in (
            *_TEXT_PLACEHOLDERS,
            *_HTML_PLACEHOLDERS.values(),
            _TO,
            *_HEADER_PLACEHOLDERS.values(),
        )
    ).encode()
)


class _Raw:
    """Stands in for the email.message object Django's mail backends ask a message for."""

    def __init__(self, data: bytes):
        self.data = data

    def as_bytes(self, unixfrom=False, linesep="\n"):
        return self.data if linesep == "\r\n" else self.data.replace(b"\r\n", linesep.encode())

    def get_charset(self):
        return None


class PreparedEmail(EmailMessage):
    """A message whose bytes are already made; every Django mail backend sends it as usual."""

    def __init__(self, raw: bytes, *, to: str, connection=None):
        super().__init__(from_email=settings.NEWSLETTER_RETURN_PATH, to=[to], connection=connection)
        self.raw = raw

    def message(self, *args, **kwargs):
        return _Raw(self.raw)


def mail_template(mailing: Mailing, composed) -> bytes | None:
    """The message of a composed edition as bytes, the member's parts left as placeholders:
    what the email package does per message (MIME structure, encoded subject, folding) is done
    once per edition. None when a part needed an encoding that placeholders do not survive
    (quoted-printable or base64, for lines over 998 characters): then each message is built in
    full."""
    html_part = compose.fill(composed.html, _HTML_PLACEHOLDERS)
    message = compose.Message(
        subject=composed.subject,
        text=composed.text,
        html=html_part,
        unsubscribe_url=UNSUBSCRIBE,
    )
    email = build_email(mailing, None, message, headers=_HEADER_PLACEHOLDERS, to=_TO)
    raw = email.message().as_bytes(linesep="\r\n")
    encodings = re.findall(rb"Content-Transfer-Encoding: ([\w-]+)", raw)
    if any(encoding.lower() not in (b"7bit", b"8bit") for encoding in encodings):
        return None
    # Values filled in may be non-ASCII: an ASCII part is labelled 8bit like the others.
    return raw.replace(b"Content-Transfer-Encoding: 7bit", b"Content-Transfer-Encoding: 8bit")


def prepared_email(template: bytes, delivery: Delivery, name: str, connection=None):
    """The message of one delivery, from its edition's template."""
    unsubscribe = links.unsubscribe_url(delivery.member_id)
    text_values = {
        NAME: name,
        UNSUBSCRIBE: unsubscribe,
        PREFERENCES: links.preferences_url(delivery.member_id),
        links.DELIVERY_PLACEHOLDER: links.delivery_token(delivery.pk),
    }
    values = {key.encode(): value.encode() for key, value in text_values.items()}
    values |= {
        _HTML_PLACEHOLDERS[key].encode(): html.escape(value).encode()
        for key, value in text_values.items()
    }
    values[_TO.encode()] = delivery.email.encode()
    values[b"<__MESSAGEID__>"] = _message_id(delivery).encode()
    values[b"__DATE__"] = formatdate(localtime=True).encode()
    raw = _ALL_PLACEHOLDERS.sub(lambda match: values[match.group(0)], template)
    return PreparedEmail(raw, to=delivery.email, connection=connection)


def preview(mailing: Mailing, member) -> tuple[str, str, str]:
    """Subject, text and HTML of the mailing as ``member`` would get it (links not tracked)."""
    profile = queries.profiles_of([member.pk])[member.pk]
    composed = Composer(mailing).composed(profile)
    message = personalise(composed, member_id=member.pk, name=member.display_name, delivery_id=None)
    return message.subject, message.text, message.html


# --- sending ---


class _Pace:
    """At most ``rate`` messages per second (0: no limit)."""

    def __init__(self, rate: float):
        self.interval = 1 / rate if rate > 0 else 0
        self.next_at = time.monotonic()

    def wait(self) -> None:
        if not self.interval:
            return
        now = time.monotonic()
        if self.next_at > now:
            time.sleep(self.next_at - now)
        self.next_at = max(self.next_at, now) + self.interval


def _refusing(member_ids: list[int], kind: str) -> set[int]:
    """Members who withdrew since the deliveries were made (unsubscribed, bounced)."""
    field_name = "weekly" if kind == MailingKind.ISSUE else "promotions"
    refusing = set(
        NewsletterPreference.objects.filter(
            member_id__in=member_ids, **{field_name: False}
        ).values_list("member_id", flat=True)
    )
    Member = get_user_model()
    suppressed = (
        Member.objects.filter(pk__in=member_ids)
        .filter(Exists(SuppressedAddress.objects.filter(email__iexact=OuterRef("email"))))
        .values_list("pk", flat=True)
    )
    return refusing | set(suppressed)


def _mark(delivery: Delivery, status: str, **values) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(status=status, claimed_by="", **values)


TEMPORARY = (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, socket.timeout, OSError)


def deliveries_send(
    *,
    mailing: Mailing,
    connection=None,
    rate: float | None = None,
    batch: int = CLAIM_BATCH,
    max_messages: int | None = None,
) -> SendReport:
    """Send the pending deliveries of a mailing until none is left (or ``max_messages``).

    Several senders may run at once on one mailing. A permanent refusal (5xx) marks the
    delivery failed; a temporary one (4xx) puts it back for a later run (the clock resumes
    runs that stopped) until ``MAX_ATTEMPTS``; a lost connection puts the rest of the batch
    back and stops the run.
    """
    sender = uuid.uuid4().hex
    report = SendReport()
    composer = Composer(mailing)
    pace = _Pace(settings.NEWSLETTER_RATE if rate is None else rate)
    connection = connection or get_connection(fail_silently=False)
    Member = get_user_model()
    deferred: set[int] = set()
    # The prepared bytes of each edition (weakly held: they go when the composer drops it).
    templates: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
    # Prepared bytes go to SMTP servers; other backends (files, the console, tests' outbox)
    # get whole message objects, which they show or keep as such.
    prepare = isinstance(connection, SMTPBackend)
    opened = False
    try:
        while max_messages is None or report.sent + report.failed < max_messages:
            wanted = batch if max_messages is None else max_messages - report.sent - report.failed
            # Deliveries that met a temporary refusal wait for a later run, not this one.
            claimed = _claim(mailing, sender, min(batch, wanted), skip=deferred)
            if not claimed:
                break
            if not opened:
                # Opened once a batch is claimed, so that a server that cannot be reached
                # counts as an attempt of its deliveries.
                try:
                    connection.open()
                except TEMPORARY as error:
                    report.errors.append(_describe(error))
                    logger.warning("newsletter %s: no connection: %s", mailing.pk, error)
                    if claimed[0].attempts >= MAX_ATTEMPTS:
                        mailing_fail(mailing=mailing, error=_describe(error))
                    else:
                        Delivery.objects.filter(
                            pk__in=[d.pk for d in claimed], claimed_by=sender
                        ).update(status=DeliveryStatus.PENDING, claimed_by="")
                    return report
                opened = True
            member_ids = [delivery.member_id for delivery in claimed]
            profiles = queries.profiles_of(member_ids)
            refusing = _refusing(member_ids, mailing.kind)
            names = {
                member.pk: member.display_name
                for member in Member.objects.filter(pk__in=member_ids).only("pk", "name", "email")
            }
            for position, delivery in enumerate(claimed):
                if delivery.member_id in refusing or delivery.member_id not in profiles:
                    _mark(delivery, DeliveryStatus.SKIPPED)
                    report.skipped += 1
                    continue
                composed = composer.composed(profiles[delivery.member_id])
                if composed.empty:  # nothing for this member this week: no empty mail
                    _mark(delivery, DeliveryStatus.SKIPPED)
                    report.skipped += 1
                    continue
                name = names.get(delivery.member_id, "")
                try:
                    email = _email_for(
                        mailing, composed, delivery, name, connection, prepare, templates
                    )
                    pace.wait()
                    email.send()
                except smtplib.SMTPRecipientsRefused as error:
                    _mark(delivery, DeliveryStatus.FAILED, error=str(error.recipients)[:500])
                    report.failed += 1
                    continue
                except smtplib.SMTPResponseException as error:
                    if error.smtp_code >= 500 or delivery.attempts >= MAX_ATTEMPTS:
                        _mark(delivery, DeliveryStatus.FAILED, error=_describe(error))
                        report.failed += 1
                    else:
                        _mark(delivery, DeliveryStatus.PENDING, error=_describe(error))
                        deferred.add(delivery.pk)
                        report.retried += 1
                    continue
                except TEMPORARY as error:
                    report.errors.append(_describe(error))
                    logger.warning("newsletter %s: connection lost: %s", mailing.pk, error)
                    if delivery.attempts >= MAX_ATTEMPTS:
                        # The server was unreachable for this delivery's every attempt: stop
                        # and tell staff rather than trying again forever.
                        mailing_fail(mailing=mailing, error=_describe(error))
                        return report
                    # This delivery and the rest of the batch go back for a later run.
                    Delivery.objects.filter(
                        pk__in=[d.pk for d in claimed[position:]], claimed_by=sender
                    ).update(status=DeliveryStatus.PENDING, claimed_by="")
                    return report
                except ValueError as error:
                    # BadHeaderError (a line break in the subject) and encoding errors: the
                    # message cannot be made, the same for every recipient, so trying again
                    # cannot help; the mailing stops with the reason shown to staff.
                    report.errors.append(_describe(error))
                    mailing_fail(mailing=mailing, error=_describe(error))
                    return report
                _mark(
                    delivery,
                    DeliveryStatus.SENT,
                    sent_at=timezone.now(),
                    message_id=_message_id(delivery),
                    error="",
                )
                report.sent += 1
    finally:
        if opened:
            connection.close()
    mailing_finish_if_done(mailing=mailing)
    return report


def _email_for(mailing, composed, delivery, name, connection, prepare, templates):
    """The message of one delivery: from its edition's prepared bytes where it can be."""
    template = None
    if prepare and delivery.email.isascii():
        template = templates.get(composed)
        if template is None:
            template = templates.setdefault(composed, mail_template(mailing, composed))
    if template:
        return prepared_email(template, delivery, name, connection)
    message = personalise(
        composed, member_id=delivery.member_id, name=name, delivery_id=delivery.pk
    )
    return build_email(mailing, delivery, message, connection)


def _describe(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        message = error.smtp_error
        if isinstance(message, bytes):
            message = message.decode("utf-8", "replace")
        return f"{error.smtp_code} {message}"[:500]
    return f"{type(error).__name__}: {error}"[:500]


# --- the run ---


@transaction.atomic
def mailing_start(*, mailing: Mailing, enqueue: bool = True) -> bool:
    """Move a draft or scheduled mailing to sending and enqueue its run; False if it was
    already. ``enqueue=False`` when the caller sends in its own process."""
    started = Mailing.objects.filter(
        pk=mailing.pk, status__in=[MailingStatus.DRAFT, MailingStatus.SCHEDULED]
    ).update(status=MailingStatus.SENDING, started_at=timezone.now())
    if started and enqueue:
        transaction.on_commit(lambda: tasks.run_mailing.enqueue(mailing.pk))
    return bool(started)


def mailing_run(*, mailing: Mailing, senders: int | None = None) -> None:
    """Prepare the recipients if need be, then start the senders (tasks, in parallel)."""
    if mailing.status != MailingStatus.SENDING:
        return
    if mailing.recipients_ready_at is None:
        recipients_prepare(mailing=mailing)
    release_stale_claims(mailing=mailing)
    for _ in range(senders or settings.NEWSLETTER_SENDERS):
        tasks.send_mailing.enqueue(mailing.pk)


def mailing_fail(*, mailing: Mailing, error: str) -> bool:
    """Stop a mailing that cannot be sent: it is marked failed with ``error`` for staff, and
    every delivery not sent yet is settled as failed with it (none stays "sending")."""
    now = timezone.now()
    with transaction.atomic():
        failed = Mailing.objects.filter(pk=mailing.pk, status=MailingStatus.SENDING).update(
            status=MailingStatus.FAILED, error=error[:500], finished_at=now
        )
        Delivery.objects.filter(
            mailing=mailing, status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING]
        ).update(status=DeliveryStatus.FAILED, claimed_by="", error=error[:500])
    if failed:
        logger.error("newsletter %s failed: %s", mailing.pk, error)
    return bool(failed)


@transaction.atomic
def mailing_retry(*, mailing: Mailing, enqueue: bool = True) -> bool:
    """Put a failed mailing back to sending; the deliveries that failed with the mailing
    wait again (a recipient's own refusal, a 5xx for one address, stays failed)."""
    current = Mailing.objects.select_for_update().filter(pk=mailing.pk).first()
    if current is None or current.status != MailingStatus.FAILED:
        return False
    Delivery.objects.filter(
        mailing=mailing, status=DeliveryStatus.FAILED, error=current.error
    ).update(status=DeliveryStatus.PENDING, attempts=0, error="", claimed_by="")
    Mailing.objects.filter(pk=mailing.pk).update(
        status=MailingStatus.SENDING, error="", finished_at=None
    )
    if enqueue:
        transaction.on_commit(lambda: tasks.run_mailing.enqueue(mailing.pk))
    return True


def mailing_finish_if_done(*, mailing: Mailing) -> bool:
    """Mark the mailing sent once every delivery is settled, and its promotions with it."""
    mailing.refresh_from_db(fields=["status", "recipients_ready_at", "week", "kind"])
    if mailing.status != MailingStatus.SENDING or mailing.recipients_ready_at is None:
        return False
    unsettled = Delivery.objects.filter(
        mailing=mailing, status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING]
    ).exists()
    if unsettled:
        return False
    deliveries = Delivery.objects.filter(mailing=mailing)
    if not deliveries.filter(status=DeliveryStatus.SENT).exists():
        last_failure = (
            deliveries.filter(status=DeliveryStatus.FAILED)
            .exclude(error="")
            .order_by("-pk")
            .first()
        )
        if last_failure is not None:
            return mailing_fail(mailing=mailing, error=last_failure.error)
    now = timezone.now()
    with transaction.atomic():
        finished = Mailing.objects.filter(pk=mailing.pk, status=MailingStatus.SENDING).update(
            status=MailingStatus.SENT, finished_at=now
        )
        if finished:
            orders = PromotionOrder.objects.filter(status__in=queries.BOOKED)
            if mailing.kind == MailingKind.ISSUE and mailing.week:
                orders = orders.filter(
                    kind="block", date__gte=mailing.week, date__lt=mailing.week + timedelta(7)
                )
            elif mailing.promotion_id is not None:
                orders = orders.filter(pk=mailing.promotion_id)
            else:
                orders = orders.none()
            orders.update(status=OrderStatus.SENT, sent_at=now)
    return bool(finished)
