"""Staff page of background tasks that failed or were taken back from a dead worker, with a
button to queue a failed task again (``staffroom.core.tasks_recovery``)."""

import json
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tasks import TaskResultStatus

from staffroom.core.models import TaskWorker
from staffroom.core.pagination import paginate
from staffroom.core.permissions import staff_required
from staffroom.core.tasks_recovery import WORKER_LOST, task_retry, troubled_tasks

ERROR_CHARS = 300


@dataclass
class TaskRow:
    id: str
    name: str
    path: str
    arguments: str
    status: str
    status_label: str
    attempts: int
    worker_lost: bool
    error: str
    traceback: str
    enqueued_at: datetime
    finished_at: datetime | None

    @property
    def can_retry(self) -> bool:
        return self.status == TaskResultStatus.FAILED


def _row(task) -> TaskRow:
    lines = [line for line in task.traceback.splitlines() if line.strip()]
    return TaskRow(
        id=str(task.pk),
        name=task.task_path.rsplit(".", 1)[-1],
        path=task.task_path,
        arguments=json.dumps(task.args_kwargs, ensure_ascii=False, sort_keys=True),
        status=task.status,
        status_label=task.get_status_display(),
        attempts=len(task.worker_ids),
        worker_lost=task.exception_class_path == WORKER_LOST,
        error=(lines[-1] if lines else task.exception_class_path)[:ERROR_CHARS],
        traceback=task.traceback,
        enqueued_at=task.enqueued_at,
        finished_at=task.finished_at,
    )


@staff_required
def tasks(request):
    """Staff: failed tasks and tasks that needed another worker, newest first; the workers."""
    page = paginate(request, troubled_tasks(), 50)
    page.object_list = [_row(task) for task in page.object_list]
    return render(
        request,
        "site/tasks.html",
        {
            "page": page,
            "workers": TaskWorker.objects.order_by("-heartbeat_at")[:20],
            "max_attempts": settings.TASKS_MAX_ATTEMPTS,
            "lost_after": settings.TASKS_LOST_AFTER_SECONDS,
        },
    )


@staff_required
@require_POST
def task_retry_view(request, task_id):
    if task_retry(task_id=str(task_id), staff=request.user) is None:
        messages.error(request, _("This task has not failed (any more): nothing was queued."))
    else:
        messages.success(request, _("The task is queued again."))
    return redirect("staff_tasks")
