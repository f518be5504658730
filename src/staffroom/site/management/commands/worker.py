"""The task worker: django-tasks' database worker, with a heartbeat and a bounded shutdown.

Use this instead of ``db_worker``. What it adds (``staffroom.core.tasks_recovery``):

- a heartbeat thread records that the worker is alive every ``TASKS_HEARTBEAT_SECONDS`` and,
  on the same beat, takes back the tasks of workers that died (SIGKILL, out of memory);
- on SIGTERM or SIGINT a running task gets ``TASKS_STOP_GRACE_SECONDS`` to finish; then
  ``WorkerStopping`` is raised inside it (its transactions roll back, its ``finally`` blocks
  run) and the task goes back to the queue for another worker. A watchdog ends the process
  ``HARD_STOP_AFTER_GRACE`` seconds later whatever the task is doing, so a worker always stops
  well within a container runtime's usual 10 s stop timeout. A second signal hands the task
  back at once.
"""

import logging
import os
import signal
import sys
import threading
from types import FrameType

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from staffroom.core.tasks_recovery import (
    WorkerStopping,
    task_hand_back,
    tasks_recover_lost,
    worker_beat,
    worker_register,
    worker_unregister,
)

logger = logging.getLogger("staffroom.worker")

# After the grace time the task is interrupted; if it cannot be (stuck in C code that does not
# return), the watchdog hands it back and ends the process this many seconds later.
HARD_STOP_AFTER_GRACE = 2.5


class Heartbeat(threading.Thread):
    """Beats for the worker and sweeps for lost tasks, on its own database connection."""

    def __init__(self, worker_id: str):
        super().__init__(name="heartbeat", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(settings.TASKS_HEARTBEAT_SECONDS):
                try:
                    worker_beat(self.worker_id)
                    tasks_recover_lost()
                except Exception:  # a busy or unreachable database: try again on the next beat
                    logger.exception("Heartbeat of worker %s failed", self.worker_id)
        finally:
            connection.close()


class RecoveringWorker(db_worker.Worker):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.current: DBTaskResult | None = None

    def run(self) -> None:
        worker_register(self.worker_id)
        tasks_recover_lost()
        heartbeat = Heartbeat(self.worker_id)
        heartbeat.start()
        try:
            super().run()
        except WorkerStopping:
            pass  # the task was handed back in run_task; stop like a clean exit
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            heartbeat.stopped.set()
            heartbeat.join(timeout=2)
            # Also covers a signal between claiming a task and starting it.
            worker_unregister(self.worker_id)

    def configure_signals(self) -> None:
        super().configure_signals()
        signal.signal(signal.SIGALRM, self._interrupt_task)

    def shutdown(self, signum: int, frame: FrameType | None) -> None:
        if not self.running_task:
            if not self.running:  # a second signal: the library ends the process at once
                super().shutdown(signum, frame)
            # Idle: the library would raise SystemExit right here, which can land inside a
            # database call (claiming the next task) and leave the connection unusable for
            # the unregistering below. Ending the loop at its next turn (within ``interval``)
            # stops as cleanly.
            logger.info("Received %s: stopping", signal.strsignal(signum))
            self.running = False
            return
        if not self.running:  # a second signal: do not wait for the grace time
            self._interrupt_task(signum, frame)
        self.running = False
        grace = settings.TASKS_STOP_GRACE_SECONDS
        logger.warning(
            "Received %s: the running task gets %g s to finish, then goes back to the queue",
            signal.strsignal(signum),
            grace,
        )
        signal.setitimer(signal.ITIMER_REAL, max(grace, 0.01))
        threading.Thread(
            target=self._hard_stop, args=(grace + HARD_STOP_AFTER_GRACE,), daemon=True
        ).start()

    def _interrupt_task(self, signum: int, frame: FrameType | None) -> None:
        if self.running_task:
            raise WorkerStopping

    def _hard_stop(self, after: float) -> None:
        threading.Event().wait(after)
        task = self.current
        try:
            if task is not None:
                task_hand_back(task)
        finally:
            logger.error("Worker %s did not stop in time: ending it", self.worker_id)
            os._exit(1)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        if not self.running:  # the stop signal came between claiming the task and starting it
            task_hand_back(db_task_result)
            return
        self.current = db_task_result
        # The library's run_task records any BaseException as the task's failure; an
        # interruption at shutdown is not one, so it is caught here first.
        original_set_failed = db_task_result.set_failed

        def set_failed(exc: BaseException) -> None:
            if isinstance(exc, WorkerStopping):
                raise exc
            original_set_failed(exc)

        db_task_result.set_failed = set_failed
        try:
            super().run_task(db_task_result)
        except WorkerStopping:
            signal.setitimer(signal.ITIMER_REAL, 0)
            task_hand_back(db_task_result)
            self.running_task = False
            raise
        finally:
            self.current = None


class Command(db_worker.Command):
    help = (
        "Run a task worker: the database worker with a heartbeat (tasks of dead workers are "
        "taken back) and a stop within seconds on SIGTERM (the running task is handed back)."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        # Reloading runs the worker in a thread, where signals cannot interrupt a task.
        parser.set_defaults(reload=False)

    def handle(self, *, verbosity: int, reload: bool, **options) -> None:
        if reload:
            self.stderr.write("staffroom worker does not reload; restart it after changes.")
            sys.exit(2)
        self.configure_logging(verbosity)
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = RecoveringWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        worker.configure_signals()
        logger.info("Worker %s started at %s", worker.worker_id, timezone.now().isoformat())
        worker.run()
