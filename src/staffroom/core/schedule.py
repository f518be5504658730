"""Periodic work, enqueued by the ``staffroom clock`` process (started by ``make run``).

The clock only enqueues; the worker runs the tasks. Several clocks may run (one per machine):
the conditional update on ScheduledJob lets exactly one of them enqueue each due run.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduledJob

# name: (task path, interval)
SCHEDULE = {
    "moderation-recheck": ("staffroom.moderation.tasks.queue_due_rechecks", timedelta(days=1)),
    "search-refresh": ("staffroom.search.tasks.refresh_search_index", timedelta(days=1)),
    "notifications-prune": ("staffroom.notifications.tasks.prune_notifications", timedelta(days=1)),
    "notifications-digest": ("staffroom.notifications.tasks.mail_digests", timedelta(days=1)),
    "events-reminders": ("staffroom.events.tasks.send_reminders", timedelta(minutes=10)),
    "events-attendance": ("staffroom.events.tasks.poll_attendance", timedelta(minutes=1)),
    # This week's issue, due mailings, stalled sending runs.
    "newsletter-due": ("staffroom.newsletter.tasks.start_due_mailings", timedelta(minutes=5)),
    "interop-harvest": ("staffroom.interop.tasks.harvest_all", timedelta(days=1)),
}


def enqueue_due_jobs(now=None) -> list[str]:
    """Enqueue every scheduled task whose interval has passed; return the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for name, (task_path, interval) in SCHEDULE.items():
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
