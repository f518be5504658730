"""``staffroom insight rollup [--days N]``: count raw usage events into the daily rollups again;
``staffroom insight prune``: delete raw events past INSIGHT_RAW_EVENT_DAYS now."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from staffroom.insight.services import insight_prune_events, insight_rollup_day


class Command(BaseCommand):
    help = "Usage analytics: rebuild the daily rollups from the raw events, or prune them."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        rollup = sub.add_parser("rollup", help="Count the last N days again (default 2).")
        rollup.add_argument("--days", type=int, default=2)
        sub.add_parser("prune", help="Delete raw events past INSIGHT_RAW_EVENT_DAYS.")

    def handle(self, *args, action: str, days: int = 2, **options):
        if action == "prune":
            self.stdout.write(f"Deleted {insight_prune_events()} raw events.")
            return
        if days < 1:
            raise CommandError("--days must be at least 1.")
        today = timezone.localdate()
        events = sum(insight_rollup_day(today - timedelta(days=back)) for back in range(days))
        self.stdout.write(f"Counted {events} events of {days} days into the rollups.")
