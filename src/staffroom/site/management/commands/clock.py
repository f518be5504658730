import time

from django.core.management.base import BaseCommand

from staffroom.site.schedule import enqueue_due


class Command(BaseCommand):
    help = "Enqueue periodic tasks when they are due (runs until stopped)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60, help="Seconds between checks.")
        parser.add_argument("--once", action="store_true", help="Check once and exit.")

    def handle(self, *args, interval: int, once: bool, **options):
        try:
            while True:
                for name in enqueue_due():
                    self.stdout.write(f"enqueued {name}")
                if once:
                    return
                time.sleep(interval)
        except KeyboardInterrupt:
            return  # Ctrl-C in `make run` stops the clock quietly
