"""Periodic work, enqueued by the ``staffroom clock`` process (started by ``make run``).

This is the one place that names every app's periodic tasks; the enqueueing itself (once per
interval, however many clocks run) is ``staffroom.core.schedule``.
"""

from datetime import datetime, timedelta

from staffroom.core.schedule import Schedule, enqueue_due_jobs, jobs_record_run

# name: (task path, interval)
SCHEDULE: Schedule = {
    "moderation-recheck": ("staffroom.moderation.tasks.queue_due_rechecks", timedelta(days=1)),
    "search-refresh": ("staffroom.search.tasks.refresh_search_index", timedelta(days=1)),
    "search-log-prune": ("staffroom.search.tasks.prune_search_log", timedelta(days=1)),
    # The OAI-PMH records are derived from resources like the index: rebuilt daily for drift.
    "oai-rebuild": ("staffroom.interop.oai.tasks.rebuild_oai_records", timedelta(days=1)),
    "notifications-prune": ("staffroom.notifications.tasks.prune_notifications", timedelta(days=1)),
    "notifications-digest": ("staffroom.notifications.tasks.mail_digests", timedelta(days=1)),
    "events-reminders": ("staffroom.events.tasks.send_reminders", timedelta(minutes=10)),
    "events-attendance": ("staffroom.events.tasks.poll_attendance", timedelta(minutes=1)),
    # Registrations of events over EVENT_REGISTRATION_DAYS ago: attendance only.
    "events-retention": ("staffroom.events.tasks.prune_registrations", timedelta(days=1)),
    # This week's issue, due mailings, stalled sending runs.
    "newsletter-due": ("staffroom.newsletter.tasks.start_due_mailings", timedelta(minutes=5)),
    # Usage analytics: today's rollups each hour; raw events past INSIGHT_RAW_EVENT_DAYS.
    "insight-rollup": ("staffroom.insight.tasks.rollup_usage", timedelta(hours=1)),
    "insight-prune": ("staffroom.insight.tasks.prune_usage_events", timedelta(days=1)),
    # Next weeks' searches forecast from the weekly rollups and the school calendar.
    "insight-forecasts": (
        "staffroom.insight.tasks.refresh_search_forecasts",
        timedelta(days=1),
    ),
    # "Colleagues who used this also used", counted again from the raw events.
    "insight-co-usage": ("staffroom.insight.tasks.rebuild_co_usage", timedelta(days=1)),
    # Tool offers whose last free day has passed are ended (docs/offers.md).
    "offers-end": ("staffroom.resources.tasks.end_expired_offers", timedelta(hours=1)),
    # Links and embeds, and themes' links, not checked for LINKCHECK_EVERY_DAYS, at most
    # LINKCHECK_PER_RUN a run (docs/links.md).
    "links-check": ("staffroom.resources.tasks.check_links", timedelta(days=1)),
    "interop-harvest": ("staffroom.interop.tasks.harvest_all", timedelta(days=1)),
    # Retention (docs/privacy.md): unused and unconfirmed accounts, expired data exports.
    "accounts-lifecycle": ("staffroom.accounts.tasks.account_lifecycle", timedelta(days=1)),
    # Security events older than SECURITY_EVENT_DAYS.
    "security-log-prune": ("staffroom.security.tasks.prune_security_log", timedelta(days=1)),
    # Temporary files of uploads whose web process was killed mid-request.
    "upload-temp-files": ("staffroom.core.uploads.remove_stale_upload_files", timedelta(hours=1)),
    # Mail written to files (development, EMAIL_FILE_PATH) older than MAIL_FILE_DAYS.
    "mail-files-prune": ("staffroom.core.uploads.prune_mail_files", timedelta(days=1)),
    # Finished task rows; lost tasks are swept by the workers and on every check of the clock.
    "tasks-prune": ("staffroom.core.tasks_recovery.prune_task_results", timedelta(days=1)),
}


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Enqueue the scheduled tasks that are due; return their names."""
    return enqueue_due_jobs(SCHEDULE, now=now)


def schedule_record_run(now: datetime | None = None) -> int:
    """Record every scheduled task as run at ``now`` (the demo: see ``jobs_record_run``)."""
    return jobs_record_run(SCHEDULE, now=now)
