"""The weekly newsletter and partner promotions.

A ``Mailing`` is one sending: a weekly issue (personal content for each subscriber, an editorial
written by staff, promotion blocks) or a partner's dedicated promotional mailing. Sending goes
through one ``Delivery`` row per recipient, which is what makes a run resumable: a crashed run
picks up the rows not marked sent, and a row is marked sent right after the SMTP server
accepted its message.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from staffroom.curriculum.models import Level, Subject


class NewsletterPreference(models.Model):
    """A member's choices; a member without a row gets the defaults (both on)."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="newsletter_preference"
    )
    weekly = models.BooleanField(_("the weekly newsletter"), default=True)
    promotions = models.BooleanField(_("promotions of partner organisations"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"newsletter preferences of {self.member}"


class MailingKind(models.TextChoices):
    ISSUE = "issue", _("Weekly newsletter")
    PROMOTION = "promotion", _("Promotional mailing")


class MailingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    # Stopped: the message cannot be made, or no delivery got through; ``error`` says why.
    FAILED = "failed", _("Failed")


class Mailing(models.Model):
    kind = models.CharField(max_length=10, choices=MailingKind.choices, default=MailingKind.ISSUE)
    # Weekly issues: the Monday of the week they are for, one issue per week.
    week = models.DateField(_("week"), null=True, blank=True, unique=True)
    subject = models.CharField(_("subject line"), max_length=200, blank=True)
    editorial_title = models.CharField(_("editorial title"), max_length=200, blank=True)
    editorial = models.TextField(_("editorial"), blank=True, help_text=_("Markdown"))
    promotion = models.OneToOneField(
        "PromotionOrder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dedicated_mailing",
    )
    status = models.CharField(
        max_length=10, choices=MailingStatus.choices, default=MailingStatus.DRAFT
    )
    send_at = models.DateTimeField(_("send at"), null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Set once every recipient has a Delivery row: from then on the run only sends.
    recipients_ready_at = models.DateTimeField(null=True, blank=True)
    # Why a failed mailing stopped, for staff (the mail server's answer or the error).
    error = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-send_at", "-pk"]
        indexes = [models.Index(fields=["status", "send_at"])]

    def __str__(self) -> str:
        return self.subject or f"{self.get_kind_display()} {self.week or self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("newsletter:archive_issue", args=[self.pk])


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Not sent: unsubscribed or blocked meanwhile")


class Delivery(models.Model):
    """One recipient of one mailing. ``token`` identifies it in tracked links and bounces."""

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="deliveries")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="newsletter_deliveries"
    )
    email = models.EmailField()
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_by = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    error = models.CharField(max_length=500, blank=True)
    clicked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mailing", "member"], name="unique_delivery")
        ]
        indexes = [models.Index(fields=["mailing", "status", "id"])]

    def __str__(self) -> str:
        return f"{self.mailing} to {self.email} ({self.status})"


class LinkClick(models.Model):
    """A click on a tracked link: counted on our own server, no third party involved."""

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="clicks")
    delivery = models.ForeignKey(
        Delivery, null=True, on_delete=models.SET_NULL, related_name="clicks"
    )
    url = models.URLField(max_length=1000)
    clicked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["mailing", "url"])]

    def __str__(self) -> str:
        return self.url


class BounceKind(models.TextChoices):
    HARD = "hard", _("Permanent (hard)")
    SOFT = "soft", _("Temporary (soft)")


class Bounce(models.Model):
    """A delivery status notification (RFC 3464) saying a message did not arrive."""

    email = models.EmailField(db_index=True)
    kind = models.CharField(max_length=4, choices=BounceKind.choices)
    status_code = models.CharField(max_length=12, blank=True)
    diagnostic = models.CharField(max_length=500, blank=True)
    delivery = models.ForeignKey(
        Delivery, null=True, blank=True, on_delete=models.SET_NULL, related_name="bounces"
    )
    # The DSN's own Message-ID, so a report read twice (mailbox and webhook) counts once.
    report_id = models.CharField(max_length=300, unique=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} bounce of {self.email}"


class SuppressedAddress(models.Model):
    """An address that no mailing goes to any more (repeated hard bounces)."""

    email = models.EmailField(unique=True)
    reason = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.email


class PromotionKind(models.TextChoices):
    DEDICATED = "dedicated", _("A dedicated mailing")
    BLOCK = "block", _("A block in the weekly newsletter")


class PriceListItem(models.Model):
    """What staff charge for a kind of promotion; an order keeps the price of the day."""

    kind = models.CharField(max_length=10, choices=PromotionKind.choices, unique=True)
    price_cents = models.PositiveIntegerField(_("price (euro cents, VAT excluded)"))
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("bookable"), default=True)

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.price} EUR"

    @property
    def price(self) -> str:
        return f"{self.price_cents / 100:.2f}"


class OrderStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    INVOICED = "invoiced", _("Invoiced")
    PAID = "paid", _("Paid")
    SENT = "sent", _("Sent")
    CANCELLED = "cancelled", _("Cancelled")


class PromotionOrder(models.Model):
    """A partner's booking of a promotion for a date and an audience, and its order record."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="promotion_orders",
        verbose_name=_("organisation"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PromotionKind.choices)
    date = models.DateField(
        _("date"), help_text=_("A dedicated mailing goes out that day; a block, in that week.")
    )
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("text"), max_length=3000, help_text=_("Markdown"))
    link = models.URLField(_("link"), blank=True, help_text=_("Where “Read more” leads."))
    levels = models.ManyToManyField(
        Level, blank=True, related_name="+", verbose_name=_("education levels")
    )
    subjects = models.ManyToManyField(
        Subject, blank=True, related_name="+", verbose_name=_("subjects")
    )
    region = models.CharField(
        _("region"),
        max_length=2,
        blank=True,
        choices=[("fl", _("Flanders")), ("nl", _("The Netherlands"))],
    )
    price_cents = models.PositiveIntegerField()
    status = models.CharField(
        max_length=10, choices=OrderStatus.choices, default=OrderStatus.REQUESTED
    )
    staff_note = models.TextField(_("note from staff"), blank=True)
    invoice_reference = models.CharField(_("invoice reference"), max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    invoiced_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "kind", "date"])]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.title} ({self.status})"

    @property
    def price(self) -> str:
        return f"{self.price_cents / 100:.2f}"
