"""Background tasks that survive their worker: heartbeats, lost tasks taken back, hand-backs.

django-tasks' database backend marks a task RUNNING with the claiming worker's id and nothing
more: a worker that is killed (SIGKILL, out of memory, a lost machine) leaves its task RUNNING
for ever. So each worker (``staffroom worker``) records a heartbeat in ``TaskWorker``, and
``tasks_recover_lost`` (run by every worker between beats and by the clock) takes back a running
task whose worker has been silent for ``TASKS_LOST_AFTER_SECONDS``: back to the queue while it
has attempts left (``TASKS_MAX_ATTEMPTS``, counted by the library as the task's worker ids), else
failed with a ``WorkerLost`` error that staff see on /staff/tasks/ and can retry from there.

Every change of a task row here is a conditional update on (status RUNNING, the claim's
``started_at``), so two recoverers, or a recoverer and a worker finishing late, never both win.
"""

import logging
import os
import socket
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks import task as background_task
from django_tasks_db.models import DBTaskResult

from .models import TaskWorker

logger = logging.getLogger(__name__)

# The exception class path recorded on a task that was lost with its worker too often. No
# class of this name is raised: it names the cause for the staff page and for logs.
WORKER_LOST = "staffroom.core.tasks_recovery.WorkerLost"
# Dead workers' rows are kept this long after their last beat, for the staff page.
FORGET_WORKERS_AFTER = timedelta(days=1)


class WorkerStopping(BaseException):
    """Raised inside a running task when its worker must stop (SIGTERM past the grace time).

    A BaseException, like KeyboardInterrupt, so that a task's ``except Exception`` does not
    swallow it; transactions roll back and ``finally`` blocks (temporary files, subprocesses)
    run on the way out, then the worker hands the task back to the queue.
    """


@dataclass
class Recovery:
    """What one sweep did: ids of tasks put back in the queue and of tasks marked failed."""

    requeued: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def lost_after() -> timedelta:
    return timedelta(seconds=settings.TASKS_LOST_AFTER_SECONDS)


def worker_register(worker_id: str) -> TaskWorker:
    """Record a starting worker (its first heartbeat)."""
    now = timezone.now()
    worker, _created = TaskWorker.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": now,
            "heartbeat_at": now,
        },
    )
    return worker


def worker_beat(worker_id: str) -> None:
    """Record that the worker is alive (called every ``TASKS_HEARTBEAT_SECONDS``)."""
    if not TaskWorker.objects.filter(worker_id=worker_id).update(heartbeat_at=timezone.now()):
        worker_register(worker_id)


def worker_unregister(worker_id: str) -> None:
    """A worker that stops cleanly hands back what it still holds and forgets its heartbeat."""
    for task in DBTaskResult.objects.running().only("id", "worker_ids", "started_at"):
        if task.worker_ids and task.worker_ids[-1] == worker_id:
            task_hand_back(task)
    TaskWorker.objects.filter(worker_id=worker_id).delete()


def task_hand_back(task: DBTaskResult) -> bool:
    """Put a task its worker is giving up (shutdown) back in the queue, READY for any worker.

    The claim is taken off the task's worker ids: a hand-back is not a failed attempt.
    Returns whether this call handed it back (False when it had already finished or moved on).
    """
    handed_back = _update_claim(
        task,
        status=TaskResultStatus.READY,
        started_at=None,
        worker_ids=list(task.worker_ids[:-1]),
    )
    if handed_back:
        logger.warning("Task id=%s path=%s handed back to the queue", task.pk, task.task_path)
    return handed_back


def tasks_recover_lost(now: datetime | None = None) -> Recovery:
    """Take back the running tasks whose worker stopped beating: into the queue again while
    they have attempts left, else failed. Safe to run from any number of processes at once."""
    now = now or timezone.now()
    silent_since = now - lost_after()
    live = set(
        TaskWorker.objects.filter(heartbeat_at__gt=silent_since).values_list("worker_id", flat=True)
    )
    recovery = Recovery()
    running = DBTaskResult.objects.running().filter(started_at__lte=silent_since)
    for task in running.only("id", "task_path", "worker_ids", "started_at"):
        worker_id = task.worker_ids[-1] if task.worker_ids else ""
        if worker_id in live:
            continue
        attempts = len(task.worker_ids)
        if attempts < settings.TASKS_MAX_ATTEMPTS:
            if _update_claim(task, status=TaskResultStatus.READY, started_at=None):
                recovery.requeued.append(str(task.pk))
                logger.warning(
                    "Task id=%s path=%s lost with worker %s (attempt %d of %d): queued again",
                    task.pk,
                    task.task_path,
                    worker_id,
                    attempts,
                    settings.TASKS_MAX_ATTEMPTS,
                )
            continue
        message = (
            f"{WORKER_LOST}: the worker {worker_id or '(unknown)'} running this task stopped "
            f"(no heartbeat for {settings.TASKS_LOST_AFTER_SECONDS:g} s), "
            f"attempt {attempts} of {settings.TASKS_MAX_ATTEMPTS}; no attempts left.\n"
        )
        if _update_claim(
            task,
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=WORKER_LOST,
            traceback=message,
            return_value=None,
        ):
            recovery.failed.append(str(task.pk))
            logger.error(
                "Task id=%s path=%s lost with its worker %d times: failed",
                task.pk,
                task.task_path,
                attempts,
            )
    TaskWorker.objects.filter(heartbeat_at__lt=now - FORGET_WORKERS_AFTER).delete()
    return recovery


def _update_claim(task: DBTaskResult, **changes) -> bool:
    """Change a running task only if it is still in the claim we read (same ``started_at``)."""
    return bool(
        DBTaskResult.objects.filter(
            pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at
        ).update(**changes)
    )


# --- staff: what failed or needed more than one attempt, and retrying a failed task ---


def troubled_tasks():
    """Failed tasks and tasks that were taken back from a dead worker (a second worker id),
    newest first: what staff see on the tasks page."""
    failed = DBTaskResult.objects.failed()
    retried = DBTaskResult.objects.filter(worker_ids__1__isnull=False)
    return (failed | retried).order_by("-enqueued_at")


def task_retry(*, task_id: str, staff) -> DBTaskResult | None:
    """Queue a failed task again, with a fresh set of attempts, at ``staff``'s request.
    Returns the task, or None when there is no failed task of that id (already retried, or
    pruned)."""
    with transaction.atomic():
        task = DBTaskResult.objects.select_for_update().filter(pk=task_id).first()
        if task is None or task.status != TaskResultStatus.FAILED:
            return None
        task.status = TaskResultStatus.READY
        task.started_at = None
        task.finished_at = None
        task.worker_ids = []
        task.exception_class_path = ""
        task.traceback = ""
        task.return_value = None
        task.save(
            update_fields=[
                "status",
                "started_at",
                "finished_at",
                "worker_ids",
                "exception_class_path",
                "traceback",
                "return_value",
            ]
        )
    logger.warning(
        "Task id=%s path=%s queued again by staff member %s", task.pk, task.task_path, staff.pk
    )
    return task


@background_task()
def prune_task_results() -> int:
    """Delete finished task rows older than ``TASKS_KEEP_DAYS`` (failed ones: older than
    ``TASKS_KEEP_FAILED_DAYS``), daily by the clock; returns how many. Keeps the table, and so
    the sweep for lost tasks, small."""
    now = timezone.now()
    successful = DBTaskResult.objects.successful().filter(
        finished_at__lt=now - timedelta(days=settings.TASKS_KEEP_DAYS)
    )
    failed = DBTaskResult.objects.failed().filter(
        finished_at__lt=now - timedelta(days=settings.TASKS_KEEP_FAILED_DAYS)
    )
    return successful.delete()[0] + failed.delete()[0]
