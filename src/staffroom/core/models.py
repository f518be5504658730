from django.db import models


class ScheduledJob(models.Model):
    """When a periodic task was last enqueued, so that restarts of the clock neither skip nor
    repeat a run."""

    name = models.CharField(max_length=100, unique=True)
    last_enqueued_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name


class TaskWorker(models.Model):
    """A running task worker and its last heartbeat: a task whose worker stopped beating is
    lost and taken back (``staffroom.core.tasks_recovery``)."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True)
    started_at = models.DateTimeField()
    heartbeat_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.hostname}:{self.pid})"
