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
