"""Use-cases of the newsletter: members' choices, staff's issues, the weekly schedule, clicks,
and partners' promotion orders."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from staffroom.accounts.models import Member
from staffroom.core.mail import mail_member
from staffroom.events.models import EVENT_TIME_ZONE

from . import links, queries, sending, tasks
from .inputs import IssueInput, PromotionRequestInput
from .models import (
    Delivery,
    LinkClick,
    Mailing,
    MailingKind,
    MailingStatus,
    NewsletterPreference,
    OrderStatus,
    PriceListItem,
    PromotionKind,
    PromotionOrder,
)

# --- members ---


@transaction.atomic
def preferences_set(*, member: Member, weekly: bool, promotions: bool) -> NewsletterPreference:
    """Which mailings ``member`` takes: the weekly newsletter, promotions (or neither)."""
    preference, _created = NewsletterPreference.objects.select_for_update().get_or_create(
        member=member
    )
    preference.weekly, preference.promotions = bool(weekly), bool(promotions)
    preference.save()
    return preference


def unsubscribe(*, member: Member) -> NewsletterPreference:
    """One-click unsubscribe (RFC 8058): no more newsletters and no more promotions."""
    return preferences_set(member=member, weekly=False, promotions=False)


def fresh_link_request(*, member: Member) -> None:
    """A member whose link expired asks for a fresh one: it is mailed by the worker."""
    member_id = member.pk
    transaction.on_commit(lambda: tasks.send_fresh_link.enqueue(member_id))


def fresh_link_send(*, member: Member) -> None:
    """Mail ``member`` fresh links to their newsletter choices (theirs expired)."""
    mail_member(
        member,
        "newsletter/email/fresh_link",
        {
            "preferences_url": links.preferences_url(member.pk),
            "unsubscribe_url": links.unsubscribe_url(member.pk),
            "days": links.token_max_age().days,
        },
    )


def click_record(*, delivery_id: int | None, url: str) -> Delivery | None:
    """Count a click on a tracked link; the first click also marks the delivery as read.
    Returns the delivery clicked in, if there is one."""
    if delivery_id is None:
        return None
    delivery = Delivery.objects.filter(pk=delivery_id).only("pk", "mailing_id", "member_id").first()
    if delivery is None:
        return None
    LinkClick.objects.create(mailing_id=delivery.mailing_id, delivery=delivery, url=url[:1000])
    Delivery.objects.filter(pk=delivery.pk, clicked_at__isnull=True).update(
        clicked_at=timezone.now()
    )
    return delivery


# --- staff: issues ---


def _check_staff(member: Member) -> None:
    if not member.is_staff:
        raise PermissionDenied


def send_moment(week: date) -> datetime:
    """When the issue of ``week`` goes out: NEWSLETTER_WEEKDAY at NEWSLETTER_HOUR, Brussels."""
    day = week + timedelta(days=settings.NEWSLETTER_WEEKDAY)
    return datetime.combine(day, time(settings.NEWSLETTER_HOUR), tzinfo=EVENT_TIME_ZONE)


def issue_for_week(week: date, *, created_by: Member | None = None) -> Mailing:
    """The issue of ``week`` (made, empty and scheduled, if there is none yet)."""
    week = queries.week_start(week)
    try:
        with transaction.atomic():
            issue, _created = Mailing.objects.get_or_create(
                week=week,
                defaults={
                    "kind": MailingKind.ISSUE,
                    "status": MailingStatus.SCHEDULED,
                    "send_at": send_moment(week),
                    "created_by": created_by,
                },
            )
    except IntegrityError:  # made at the same moment by another clock
        issue = Mailing.objects.get(week=week)
    return issue


@transaction.atomic
def issue_edit(*, staff: Member, issue: Mailing, data: IssueInput) -> Mailing:
    """Staff write the editorial and may change the subject line and the moment of sending
    (without one in ``data``, the issue keeps its moment)."""
    _check_staff(staff)
    issue = Mailing.objects.select_for_update().get(pk=issue.pk)
    if issue.status not in (MailingStatus.DRAFT, MailingStatus.SCHEDULED):
        raise ValidationError(_("This newsletter is already being sent; it cannot change now."))
    issue.subject = data.subject
    issue.editorial_title = data.editorial_title
    issue.editorial = data.editorial
    if data.send_at is not None:
        issue.send_at = data.send_at
    issue.save()
    return issue


SEND_CONFIRMATION_SALT = "staffroom.newsletter.send-now"
# Long enough to read the confirmation page, short enough that an old tab cannot send.
SEND_CONFIRMATION_MAX_AGE = 30 * 60


def audience_fingerprint(mailing: Mailing) -> str:
    """What defines who ``mailing`` reaches (``queries.recipients_of``): its kind, and for a
    promotion the order's kind, region, levels and subjects. A change to any of them is
    another audience, even when the count stays the same."""
    order = mailing.promotion if mailing.kind == MailingKind.PROMOTION else None
    defines = {
        "kind": mailing.kind,
        "order": None
        if order is None
        else {
            "pk": order.pk,
            "kind": order.kind,
            "region": order.region,
            "levels": sorted(order.levels.values_list("pk", flat=True)),
            "subjects": sorted(order.subjects.values_list("pk", flat=True)),
        },
    }
    return hashlib.sha256(json.dumps(defines, sort_keys=True).encode()).hexdigest()


def send_confirmation_token(*, staff: Member, mailing: Mailing, audience: int | None = None) -> str:
    """The token the confirmation page carries: a signed promise that ``staff`` saw the
    audience of ``mailing`` (``audience``, the count the page shows, and what defines it)
    before sending it to everyone."""
    if audience is None:
        audience = queries.audience_count(mailing)
    return signing.dumps(
        {
            "mailing": mailing.pk,
            "staff": staff.pk,
            "audience": audience,
            "defines": audience_fingerprint(mailing),
        },
        salt=SEND_CONFIRMATION_SALT,
    )


def send_confirmation_check(*, staff: Member, mailing: Mailing, token: str) -> None:
    """ValidationError unless ``token`` is a live confirmation by ``staff`` of ``mailing`` with
    the audience it has now (a changed audience has its own message: confirm the new one)."""
    try:
        value = signing.loads(token, salt=SEND_CONFIRMATION_SALT, max_age=SEND_CONFIRMATION_MAX_AGE)
    except signing.BadSignature:  # expired ones too (SignatureExpired is a BadSignature)
        value = None
    if (
        not isinstance(value, dict)
        or value.get("mailing") != mailing.pk
        or value.get("staff") != staff.pk
    ):
        raise ValidationError(_("Confirm the sending first: nothing was sent."))
    if value.get("defines") != audience_fingerprint(mailing) or value.get(
        "audience"
    ) != queries.audience_count(mailing):
        raise ValidationError(
            _(
                "The audience changed after you confirmed: nothing was sent. Check who it "
                "reaches now and confirm again."
            )
        )


def send_confirmation_valid(*, staff: Member, mailing: Mailing, token: str) -> bool:
    try:
        send_confirmation_check(staff=staff, mailing=mailing, token=token)
    except ValidationError:
        return False
    return True


def send_now(*, staff: Member, mailing: Mailing, confirmation: str) -> bool:
    """Staff start a mailing now rather than at its moment; False when it had started.

    A mass send cannot be undone, so it needs the token of the confirmation page (which shows
    the audience count): without a valid one, or when the audience changed since (another
    region, level, subject or kind, or another count), nothing is sent and ValidationError
    says why."""
    _check_staff(staff)
    send_confirmation_check(staff=staff, mailing=mailing, token=confirmation)
    return sending.mailing_start(mailing=mailing)


def mailing_retry(*, staff: Member, mailing: Mailing) -> bool:
    """Staff send a failed mailing again once its cause is fixed: the deliveries not sent go
    back to waiting with fresh attempts. False when the mailing had not failed."""
    _check_staff(staff)
    return sending.mailing_retry(mailing=mailing)


def due_mailings_start(*, now: datetime | None = None) -> list[int]:
    """The clock's part: make this week's issue, start every mailing whose moment has come and
    restart runs that stopped (a crash, a lost connection). Safe to run as often as wanted."""
    now = now or timezone.now()
    issue_for_week(timezone.localtime(now, EVENT_TIME_ZONE).date())
    started = []
    for mailing in Mailing.objects.filter(status=MailingStatus.SCHEDULED, send_at__lte=now):
        if sending.mailing_start(mailing=mailing):
            started.append(mailing.pk)
    for mailing in Mailing.objects.filter(status=MailingStatus.SENDING).exclude(pk__in=started):
        if not queries.run_is_active(mailing, now=now):
            sending.mailing_run(mailing=mailing)
    return started


# --- partners: promotions ---


def price_of(kind: str) -> int:
    """Today's price of a kind of promotion, in cents; refused when it cannot be booked."""
    item = PriceListItem.objects.filter(kind=kind, active=True).first()
    if item is None:
        raise ValidationError(_("This kind of promotion cannot be booked at the moment."))
    return item.price_cents


@transaction.atomic
def promotion_request(*, member: Member, data: PromotionRequestInput) -> PromotionOrder:
    """A partner organisation's member books a promotion; staff approve it or not."""
    if not member.organisations.filter(pk=data.organisation.pk).exists():
        raise PermissionDenied
    if data.date <= timezone.localdate():
        raise ValidationError({"date": _("Choose a date after today.")})
    order = PromotionOrder.objects.create(
        organisation=data.organisation,
        requested_by=member,
        kind=data.kind,
        date=data.date,
        title=data.title,
        body=data.body,
        link=data.link,
        region=data.region,
        price_cents=price_of(data.kind),
    )
    order.levels.set(data.levels)
    order.subjects.set(data.subjects)
    return order


# Which status may follow which, and the moment each records.
TRANSITIONS: dict[str, tuple[set[str], str | None]] = {
    OrderStatus.APPROVED: ({OrderStatus.REQUESTED}, "decided_at"),
    OrderStatus.REJECTED: ({OrderStatus.REQUESTED}, "decided_at"),
    OrderStatus.INVOICED: ({OrderStatus.APPROVED, OrderStatus.SENT}, "invoiced_at"),
    OrderStatus.PAID: ({OrderStatus.APPROVED, OrderStatus.INVOICED, OrderStatus.SENT}, "paid_at"),
    OrderStatus.CANCELLED: (
        {OrderStatus.REQUESTED, OrderStatus.APPROVED, OrderStatus.INVOICED},
        None,
    ),
}


def _billing_done(order: PromotionOrder, status: str) -> bool:
    """Whether this billing step was recorded already (a sent order keeps its status)."""
    return (status == OrderStatus.INVOICED and order.invoiced_at is not None) or (
        status == OrderStatus.PAID and order.paid_at is not None
    )


@transaction.atomic
def promotion_move(
    *,
    staff: Member,
    order: PromotionOrder,
    status: str,
    note: str = "",
    invoice_reference: str = "",
) -> PromotionOrder:
    """Staff move an order on: approve or reject it, record the invoice and the payment, or
    cancel it. Approving a dedicated mailing schedules that mailing for the order's date. An
    order sent before it was invoiced or paid records those steps and stays sent."""
    _check_staff(staff)
    order = PromotionOrder.objects.select_for_update().get(pk=order.pk)
    allowed = status in TRANSITIONS and order.status in TRANSITIONS[status][0]
    if not allowed or (order.status == OrderStatus.SENT and _billing_done(order, status)):
        target = dict(OrderStatus.choices).get(status, status)
        raise ValidationError(
            _("An order that is “%(status)s” cannot become “%(target)s”.")
            % {"status": order.get_status_display(), "target": target}
        )
    moment_field = TRANSITIONS[status][1]
    now = timezone.now()
    # A block can go out with the newsletter before it is invoiced or paid: it stays "sent",
    # and the billing steps are recorded by their moments.
    if order.status != OrderStatus.SENT:
        order.status = status
    if moment_field:
        setattr(order, moment_field, now)
    if status in (OrderStatus.APPROVED, OrderStatus.REJECTED):
        order.decided_by = staff
    if note:
        order.staff_note = note
    if invoice_reference:
        order.invoice_reference = invoice_reference
    order.save()
    if status == OrderStatus.APPROVED and order.kind == PromotionKind.DEDICATED:
        Mailing.objects.create(
            kind=MailingKind.PROMOTION,
            promotion=order,
            status=MailingStatus.SCHEDULED,
            send_at=datetime.combine(order.date, time(15), tzinfo=EVENT_TIME_ZONE),
            created_by=staff,
        )
    if status == OrderStatus.CANCELLED:
        Mailing.objects.filter(
            Q(promotion=order), status__in=[MailingStatus.DRAFT, MailingStatus.SCHEDULED]
        ).delete()
    return order
