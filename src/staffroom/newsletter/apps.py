from datetime import timedelta

from django.apps import AppConfig

# The clock's entry for the newsletter: this week's issue, due mailings, stalled runs.
CLOCK_JOB = ("staffroom.newsletter.tasks.start_due_mailings", timedelta(minutes=5))


class NewsletterConfig(AppConfig):
    name = "staffroom.newsletter"
    verbose_name = "Newsletter"

    def ready(self):
        # Registered here until core/schedule.py lists it itself (setdefault: then this is a
        # no-op), so that the weekly issue goes out without anyone pressing a button.
        from staffroom.core.schedule import SCHEDULE

        SCHEDULE.setdefault("newsletter-due", CLOCK_JOB)
