"""Issue 18, point 4: the site's task recovery and a harvest's run claim work together.

A worker killed mid-harvest leaves two things behind: its task RUNNING in the task table and
its harvest run RUNNING. The task recovery queues the task again within a minute; the retry
must not be refused as "another harvest is still running" by the dead worker's own run (which
would otherwise only count as lost after HARVEST_RUN_STALE_AFTER).
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from staffroom.core.tasks_recovery import tasks_recover_lost
from staffroom.interop.models.harvest import HarvestRun, HarvestSource
from staffroom.interop.tasks import harvest_source
from tests.factories import OrganisationFactory

from .test_harvest import DSPACE

pytestmark = pytest.mark.django_db
FROM = "2003-04-10T00:00:00Z"


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    settings.TASKS_HEARTBEAT_SECONDS = 10
    settings.TASKS_LOST_AFTER_SECONDS = 60
    settings.TASKS_MAX_ATTEMPTS = 3
    settings.HARVEST_RUN_STALE_AFTER = 600


def _run_harvest_queue() -> None:
    """What ``staffroom worker --queue-name harvest`` does with each ready task (claim, run),
    in this process: the worker's own loop closes connections between tasks, which a test's
    transaction cannot have."""
    worker = Worker(
        queue_names=["harvest"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="harvest-worker",
        excluded_queue_names=[],
    )
    for task in DBTaskResult.objects.ready().filter(queue_name="harvest"):
        task.claim(worker.worker_id)
        worker.run_task(task)


def test_the_recovered_retry_of_a_killed_harvest_marks_the_dead_run_failed_and_harvests(
    database_tasks,
    repository,
    fast_retries,
):
    repository.load_mapping(DSPACE / "fake1")
    source = HarvestSource.objects.create(
        name="EUR", base_url=repository.url, organisation=OrganisationFactory()
    )
    queued = harvest_source.enqueue(source.pk, FROM)
    row = DBTaskResult.objects.get(pk=queued.id)
    assert row.queue_name == "harvest"
    assert not DBTaskResult.objects.ready().filter(queue_name="default").exists()

    # The worker "dead-1" claimed it 3 minutes ago, started the run, beat 2 minutes ago and
    # was killed (SIGKILL): both stay RUNNING.
    three_minutes_ago = timezone.now() - timedelta(minutes=3)
    DBTaskResult.objects.filter(pk=row.pk).update(
        status=TaskResultStatus.RUNNING, worker_ids=["dead-1"], started_at=three_minutes_ago
    )
    dead = HarvestRun.objects.create(source=source)
    HarvestRun.objects.filter(pk=dead.pk).update(
        started_at=three_minutes_ago, beat_at=timezone.now() - timedelta(minutes=2)
    )

    assert tasks_recover_lost().requeued == [str(row.pk)]
    _run_harvest_queue()

    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL, row.traceback
    assert row.worker_ids == ["dead-1", "harvest-worker"]
    dead.refresh_from_db()
    assert (dead.status, dead.error_code) == ("failed", "worker_lost")
    run = HarvestRun.objects.get(pk=row.return_value)
    assert run.status == "done" and run.created == 16


def test_a_first_attempt_waits_for_a_run_that_still_beats(
    database_tasks,
    repository,
    fast_retries,
):
    """Only the retry of a lost task takes a two-minute-old heartbeat for dead."""
    repository.load_mapping(DSPACE / "fake1")
    source = HarvestSource.objects.create(
        name="EUR", base_url=repository.url, organisation=OrganisationFactory()
    )
    other = HarvestRun.objects.create(source=source)
    HarvestRun.objects.filter(pk=other.pk).update(beat_at=timezone.now() - timedelta(minutes=2))
    queued = harvest_source.enqueue(source.pk, FROM)

    _run_harvest_queue()

    row = DBTaskResult.objects.get(pk=queued.id)
    refused = HarvestRun.objects.get(pk=row.return_value)
    assert refused.error_code == "already_running"
    other.refresh_from_db()
    assert other.status == "running"
