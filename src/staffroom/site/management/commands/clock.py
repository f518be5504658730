import logging
import time

from django.core.management.base import BaseCommand

from staffroom.core.tasks_recovery import tasks_recover_lost
from staffroom.site.schedule import enqueue_due

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Enqueue periodic tasks when they are due, and take back tasks whose worker died "
        "(runs until stopped)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60, help="Seconds between checks.")
        parser.add_argument("--once", action="store_true", help="Check once and exit.")

    def handle(self, *args, interval: int, once: bool, **options):
        try:
            while True:
                for name in enqueue_due():
                    self.stdout.write(f"enqueued {name}")
                self.recover_lost_tasks()
                if once:
                    return
                time.sleep(interval)
        except KeyboardInterrupt:
            return  # Ctrl-C in `make run` stops the clock quietly

    def recover_lost_tasks(self) -> None:
        # Workers sweep too, on every heartbeat; the clock's sweep also marks failed what no
        # live worker would (every worker gone), so staff see it on the tasks page.
        try:
            recovery = tasks_recover_lost()
        except Exception:  # a busy database must not stop the clock
            logger.exception("Sweeping for lost tasks failed")
            return
        for task_id in recovery.requeued:
            self.stdout.write(f"requeued lost task {task_id}")
        for task_id in recovery.failed:
            self.stdout.write(f"failed lost task {task_id}")
