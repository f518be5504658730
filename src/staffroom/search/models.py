from urllib.parse import urlencode

from django.db import models


class ZeroResultSearch(models.Model):
    """A search that found nothing, kept for the demand board and analytics: what teachers
    look for and do not find. No member identity is recorded."""

    query = models.CharField(max_length=500)
    filters = models.JSONField(default=dict, blank=True)
    region = models.CharField(max_length=2, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.query


class SavedSearch(models.Model):
    """A search a member keeps; they are mailed when a newly published resource matches."""

    member = models.ForeignKey(
        "accounts.Member", on_delete=models.CASCADE, related_name="saved_searches"
    )
    query = models.CharField(max_length=500, blank=True)
    filters = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "query", "filters"], name="unique_saved_search"
            )
        ]

    def __str__(self) -> str:
        return self.query or "*"

    @property
    def querystring(self) -> str:
        return urlencode({"q": self.query, **self.filters})
