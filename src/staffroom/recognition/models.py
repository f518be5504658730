"""Recognition: points recorded as events, scores derived from them, rewards staff grant.

``PointEvent`` is the record: one row per thing that earned points (a published resource, a
rating received, an accepted answer). ``Score`` holds totals per member and period ("all" and
each month), kept up to date as events are recorded and rebuilt from the events by
``staffroom recognition recompute``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PointEvent(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="point_events"
    )
    kind = models.CharField(max_length=40)
    # What earned it (a resource, a rating, an answer), so that it counts once.
    subject_id = models.PositiveBigIntegerField()
    points = models.IntegerField()
    occurred_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "kind", "subject_id"], name="one_event_per_subject"
            )
        ]
        indexes = [models.Index(fields=["member", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject_id}: {self.points} for {self.member_id}"


class Score(models.Model):
    ALL_TIME = "all"

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scores"
    )
    period = models.CharField(max_length=7)  # "all" or "2026-11"
    points = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "period"], name="one_score_per_period")
        ]
        indexes = [models.Index(fields=["period", "-points"])]

    def __str__(self) -> str:
        return f"{self.member_id} {self.period}: {self.points}"


class Reward(models.Model):
    """A symbolic reward (tickets for a cultural event, a book token) staff grant a member."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rewards"
    )
    title = models.CharField(_("reward"), max_length=160)
    message = models.TextField(_("message to the member"), blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-granted_at"]

    def __str__(self) -> str:
        return f"{self.title} for {self.member_id}"
