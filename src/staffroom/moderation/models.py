"""The moderation queue: every new resource, every edit of a published one and every periodic
re-check is an item that one moderator decides."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from staffroom.resources.models import Resource
from staffroom.resources.review import ReviewReason

# Why an item is in the queue; the lifecycle names the reasons (resources/review.py).
Reason = ReviewReason


class Decision(models.TextChoices):
    PUBLISH = "publish", _("Published")
    CHANGES = "changes", _("Changes requested")
    REJECT = "reject", _("Rejected")


class ModerationItem(models.Model):
    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="moderation_items"
    )
    reason = models.CharField(max_length=8, choices=Reason.choices)
    # For edits of a published resource: the proposed metadata, applied when published.
    proposed = models.JSONField(default=dict, blank=True)
    checks = models.JSONField(default=list, blank=True)
    checks_ran_at = models.DateTimeField(null=True, blank=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_items_taken",
    )
    taken_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=8, choices=Decision.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_decisions",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    message = models.TextField(blank=True)
    # What the moderator changed: [{"field", "label", "before", "after"}], shown to the contributor.
    corrections = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource"],
                condition=Q(decision=""),
                name="one_open_item_per_resource",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.resource}"

    @property
    def is_open(self) -> bool:
        return not self.decision


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    OFFENSIVE = "offensive", _("Offensive or hurtful")
    WRONG = "wrong", _("Wrong or misleading content")
    COPYRIGHT = "copyright", _("Breaks copyright")
    PRIVACY = "privacy", _("Shares personal data")
    OTHER = "other", _("Something else")


class Outcome(models.TextChoices):
    HIDDEN = "hidden", _("Hidden")
    KEPT = "kept", _("Kept")


class Report(models.Model):
    """A member reports a post, a reply or a resource; moderators hide it or keep it.

    What is reported is named by a registered kind ("reply", "resource", ... see
    ``moderation/reports.py``) and its id, so every app's content can be reported the same way.
    """

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_filed"
    )
    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    reason = models.CharField(_("reason"), max_length=10, choices=ReportReason.choices)
    message = models.TextField(_("what is wrong"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports_resolved",
    )
    outcome = models.CharField(max_length=6, choices=Outcome.choices, blank=True)
    note = models.CharField(_("reason given"), max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "kind", "object_id"],
                condition=Q(resolved_at=None),
                name="one_open_report_per_reporter",
            )
        ]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self) -> str:
        return f"report of {self.kind} {self.object_id}"


class Revision(models.Model):
    """What a post said before an edit: edits keep their history for moderators."""

    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300, blank=True)
    body = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-replaced_at", "-pk"]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self) -> str:
        return f"revision of {self.kind} {self.object_id}"
