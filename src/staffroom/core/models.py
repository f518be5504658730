from django.db import models


class ScheduledJob(models.Model):
    """When a periodic task was last enqueued, so that restarts of the clock neither skip nor
    repeat a run."""

    name = models.CharField(max_length=100, unique=True)
    last_enqueued_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name
