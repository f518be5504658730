"""The clock's mechanics: enqueue each periodic task of a schedule when its interval has passed.

The clock only enqueues; the worker runs the tasks. Several clocks may run (one per machine):
the conditional update on ScheduledJob lets exactly one of them enqueue each due run. Which
tasks run how often is decided by the app at the top, which names every app's tasks.
"""

from collections.abc import Mapping
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduledJob

# name: (dotted path of a task, interval)
Schedule = Mapping[str, tuple[str, timedelta]]


def enqueue_due_jobs(schedule: Schedule, now: datetime | None = None) -> list[str]:
    """Enqueue every task of ``schedule`` whose interval has passed; return the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for name, (task_path, interval) in schedule.items():
        job = ScheduledJob.objects.filter(name=name).first()
        if job is None:
            try:
                with transaction.atomic():
                    ScheduledJob.objects.create(name=name, last_enqueued_at=now)
            except IntegrityError:
                continue
        elif job.last_enqueued_at + interval > now:
            continue
        elif not ScheduledJob.objects.filter(
            pk=job.pk, last_enqueued_at=job.last_enqueued_at
        ).update(last_enqueued_at=now):
            continue  # another clock enqueued it first
        import_string(task_path).enqueue()
        enqueued.append(name)
    return enqueued


def jobs_record_run(schedule: Schedule, now: datetime | None = None) -> int:
    """Record every job of ``schedule`` as enqueued at ``now`` without enqueueing it: for a
    database whose derived data was just made (the demo, built as a site that has been
    running), so the clock's first check starts each interval instead of running every job at
    once. Returns how many jobs were recorded."""
    now = now or timezone.now()
    for name in schedule:
        ScheduledJob.objects.update_or_create(name=name, defaults={"last_enqueued_at": now})
    return len(schedule)
