"""Periodic work of the security app, enqueued by the clock (``staffroom.site.schedule``)."""

from django_tasks import task

from .events import prune_security_events


@task()
def prune_security_log() -> int:
    """Retention of the security event log: events older than SECURITY_EVENT_DAYS go."""
    return prune_security_events()
