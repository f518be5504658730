"""Bounces: delivery status notifications (RFC 3464) read from a mailbox or posted to a webhook.

A DSN is a ``multipart/report; report-type=delivery-status`` message. Its
``message/delivery-status`` part holds one group of fields per recipient: ``Action`` (failed,
delayed, ...), ``Status`` (an RFC 3463 code: 5.x.x permanent, 4.x.x temporary),
``Final-Recipient`` and ``Diagnostic-Code``. The returned message (or its headers) carries our
Message-ID, which names the delivery. After ``NEWSLETTER_HARD_BOUNCE_LIMIT`` permanent failures
an address is suppressed: no mailing goes to it any more.
"""

from __future__ import annotations

import hashlib
import mailbox
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import Message
from email.utils import collapse_rfc2231_value
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction

from .models import Bounce, BounceKind, Delivery, SuppressedAddress


@dataclass(frozen=True)
class BounceReport:
    email: str
    kind: str
    status_code: str
    diagnostic: str
    original_message_id: str


def _address(value: str | None) -> str:
    """``rfc822; someone@example.org`` -> ``someone@example.org``."""
    value = (value or "").strip()
    if ";" in value:
        value = value.split(";", 1)[1]
    return value.strip().strip("<>").lower()


def _original_message_id(message: Message) -> str:
    for part in message.walk():
        content_type = part.get_content_type()
        if content_type == "message/rfc822":
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) and payload else None
            if isinstance(inner, Message) and inner.get("Message-ID"):
                return str(inner["Message-ID"]).strip()
        elif content_type == "text/rfc822-headers":
            raw_headers = part.get_payload(decode=True)
            headers = message_from_bytes(raw_headers if isinstance(raw_headers, bytes) else b"")
            if headers.get("Message-ID"):
                return str(headers["Message-ID"]).strip()
    return ""


def parse_dsn(raw: bytes) -> list[BounceReport]:
    """The failed or delayed recipients a DSN reports; [] for anything else (never an error)."""
    message = message_from_bytes(raw, policy=policy.compat32)
    if message.get_content_type() != "multipart/report":
        return []
    report_type = message.get_param("report-type")
    if report_type is None or collapse_rfc2231_value(report_type).lower() != "delivery-status":
        return []
    original = _original_message_id(message)
    reports = []
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        groups = part.get_payload()
        if not isinstance(groups, list):
            continue
        # The first group is about the message; each further one is about a recipient.
        for group in groups[1:]:
            if not isinstance(group, Message):
                continue
            action = (group.get("Action") or "").strip().lower()
            status = (group.get("Status") or "").strip().split(" ")[0]
            if action not in ("failed", "delayed"):
                continue
            email = _address(group.get("Final-Recipient") or group.get("Original-Recipient"))
            if "@" not in email:
                continue
            kind = (
                BounceKind.HARD
                if action == "failed" and status.startswith("5")
                else (BounceKind.SOFT)
            )
            diagnostic = " ".join(str(group.get("Diagnostic-Code") or "").split())
            reports.append(BounceReport(email, kind, status, diagnostic[:500], original))
    return reports


def _report_id(raw: bytes, index: int) -> str:
    message = message_from_bytes(raw, policy=policy.compat32)
    own = str(message.get("Message-ID") or "").strip()
    base = own or hashlib.sha256(raw).hexdigest()
    return f"{base}#{index}"[:300]


def bounce_record(raw: bytes) -> list[Bounce]:
    """Record the bounces of one DSN (once, however often it is read) and suppress addresses
    that bounced permanently too often."""
    recorded = []
    for index, report in enumerate(parse_dsn(raw)):
        delivery = None
        if report.original_message_id:
            delivery = Delivery.objects.filter(message_id=report.original_message_id).first()
        try:
            with transaction.atomic():
                bounce = Bounce.objects.create(
                    email=report.email,
                    kind=report.kind,
                    status_code=report.status_code,
                    diagnostic=report.diagnostic,
                    delivery=delivery,
                    report_id=_report_id(raw, index),
                )
        except IntegrityError:
            continue  # this report was read before
        recorded.append(bounce)
        if report.kind == BounceKind.HARD:
            _suppress_if_repeated(report.email)
    return recorded


def _suppress_if_repeated(email: str) -> None:
    hard = Bounce.objects.filter(email__iexact=email, kind=BounceKind.HARD).count()
    if hard >= settings.NEWSLETTER_HARD_BOUNCE_LIMIT:
        SuppressedAddress.objects.get_or_create(
            email=email,
            defaults={"reason": f"{hard} permanent delivery failures"},
        )


def mailbox_read(path: str | Path, *, keep: bool = False) -> tuple[int, int]:
    """Read every message of a Maildir (a directory) or mbox file; return (messages, bounces).

    Read messages are removed unless ``keep``: a report is only counted once anyway.
    """
    path = Path(path)
    # create=False: a mistyped path is an error, not a new empty mailbox read "successfully".
    box = mailbox.Maildir(path, create=False) if path.is_dir() else mailbox.mbox(path, create=False)
    messages = bounces = 0
    box.lock()
    try:
        for key in list(box.keys()):
            raw = box.get_bytes(key)
            messages += 1
            bounces += len(bounce_record(raw))
            if not keep:
                box.remove(key)
        box.flush()
    finally:
        box.unlock()
        box.close()
    return messages, bounces
