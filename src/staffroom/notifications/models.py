"""In-app notices: what happened that a member should know about, shown under "Notifications".

A notice stores what kind it is and the values its sentence needs, not the sentence: it is
worded when shown, in the reader's current language (messages.py).
"""

from django.conf import settings
from django.db import models

from .messages import describe


class Notification(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    params = models.JSONField(default=dict, blank=True)
    # Where the notice leads (a path on this site).
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # When mail no longer owes the member this notice: it was mailed (at once or in a digest),
    # or passed over (the member wants no mail, its kind is mailed by its own task, or it was
    # read in the app before the digest went out). Null: waiting for the next digest.
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["member", "read_at"]),
            # The digest reads the few notices still waiting for mail.
            models.Index(
                fields=["member", "created_at"],
                condition=models.Q(mailed_at=None),
                name="notification_unmailed",
            ),
        ]

    def __str__(self) -> str:
        return describe(self)
