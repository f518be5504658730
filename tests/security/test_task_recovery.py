"""Issue 14, point 4 (tasks): a task survives its worker.

A worker killed mid-task (SIGKILL, as an out-of-memory kill) used to leave the task RUNNING
for ever; a stopping worker (SIGTERM) waited for its task, longer than a container runtime's
10 s stop timeout. Now workers beat, a silent worker's task is taken back and retried a bounded
number of times, failures show on a staff page with a retry button, and SIGTERM hands the
running task back within seconds.

The process tests run real ``staffroom worker`` processes on a database they share with the
test: the test database on PostgreSQL, a file copy of it on SQLite (the test's own connection
is switched to that file for the test).
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from staffroom.core.models import TaskWorker
from staffroom.core.tasks_recovery import (
    WORKER_LOST,
    Recovery,
    prune_task_results,
    task_hand_back,
    tasks_recover_lost,
    worker_register,
)
from staffroom.site.schedule import SCHEDULE
from tests.factories import MemberFactory, StaffFactory
from tests.security.recovery_tasks import kills_its_worker, slow_the_first_time, will_not_stop

ROOT = Path(__file__).resolve().parents[2]
# Fast beats for the tests; production defaults are 10 s and 60 s.
HEARTBEAT = "0.2"
LOST_AFTER = 1.5
# What the deploy relies on: a container runtime's stop timeout (docs/deploy.md).
STOP_TIMEOUT = 10
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}


# --- the sweep and the staff page, in the test process ---


def _running(task_result, worker_ids, started_ago):
    DBTaskResult.objects.filter(pk=task_result.id).update(
        status=TaskResultStatus.RUNNING,
        worker_ids=worker_ids,
        started_at=timezone.now() - started_ago,
    )
    return DBTaskResult.objects.get(pk=task_result.id)


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS
    settings.TASKS_LOST_AFTER_SECONDS = 60
    settings.TASKS_MAX_ATTEMPTS = 3
    settings.TASKS_KEEP_DAYS = 14
    settings.TASKS_KEEP_FAILED_DAYS = 90


@pytest.mark.django_db
def test_a_task_of_a_silent_worker_is_queued_again_then_failed_after_the_attempts(
    database_tasks, tmp_path
):
    marker = str(tmp_path / "marker")
    first = slow_the_first_time.enqueue(marker, 0)
    last = slow_the_first_time.enqueue(marker, 0)
    _running(first, ["dead-1"], started_ago=timedelta(minutes=5))
    _running(last, ["dead-1", "dead-2", "dead-3"], started_ago=timedelta(minutes=5))

    recovery = tasks_recover_lost()

    assert recovery.requeued == [first.id]
    assert recovery.failed == [last.id]
    requeued = DBTaskResult.objects.get(pk=first.id)
    assert requeued.status == TaskResultStatus.READY
    assert requeued.worker_ids == ["dead-1"]  # the attempt counts
    failed = DBTaskResult.objects.get(pk=last.id)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.exception_class_path == WORKER_LOST
    assert "attempt 3 of 3" in failed.traceback
    assert failed.finished_at is not None


@pytest.mark.django_db
def test_a_task_of_a_beating_worker_or_just_started_is_left_alone(database_tasks, tmp_path):
    marker = str(tmp_path / "marker")
    worker_register("alive")
    long_running = _running(
        slow_the_first_time.enqueue(marker, 0), ["alive"], started_ago=timedelta(hours=2)
    )
    just_claimed = _running(
        slow_the_first_time.enqueue(marker, 0), ["not-beating-yet"], started_ago=timedelta(0)
    )

    assert tasks_recover_lost() == Recovery()  # nothing taken back
    assert DBTaskResult.objects.get(pk=long_running.pk).status == TaskResultStatus.RUNNING
    assert DBTaskResult.objects.get(pk=just_claimed.pk).status == TaskResultStatus.RUNNING

    # An hour later without a beat the first worker is dead too.
    later = timezone.now() + timedelta(hours=1)
    assert set(tasks_recover_lost(now=later).requeued) == {
        str(long_running.pk),
        str(just_claimed.pk),
    }


@pytest.mark.django_db
def test_a_hand_back_is_not_an_attempt_and_loses_to_a_finished_task(database_tasks, tmp_path):
    marker = str(tmp_path / "marker")
    task = _running(slow_the_first_time.enqueue(marker, 0), ["w1", "w2"], started_ago=timedelta(0))
    assert task_hand_back(task)
    back = DBTaskResult.objects.get(pk=task.pk)
    assert (back.status, back.worker_ids, back.started_at) == (TaskResultStatus.READY, ["w1"], None)

    finished = _running(slow_the_first_time.enqueue(marker, 0), ["w1"], timedelta(0))
    DBTaskResult.objects.filter(pk=finished.pk).update(status=TaskResultStatus.SUCCESSFUL)
    assert not task_hand_back(finished)
    assert DBTaskResult.objects.get(pk=finished.pk).status == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db
def test_finished_task_rows_are_deleted_after_their_keeping_time(database_tasks, tmp_path):
    marker = str(tmp_path / "marker")
    now = timezone.now()
    rows = {}
    for name, status, age in [
        ("old success", TaskResultStatus.SUCCESSFUL, timedelta(days=15)),
        ("recent success", TaskResultStatus.SUCCESSFUL, timedelta(days=13)),
        ("old failure", TaskResultStatus.FAILED, timedelta(days=91)),
        ("recent failure", TaskResultStatus.FAILED, timedelta(days=30)),
        ("running for long", TaskResultStatus.RUNNING, timedelta(days=200)),
    ]:
        rows[name] = slow_the_first_time.enqueue(marker, 0).id
        DBTaskResult.objects.filter(pk=rows[name]).update(status=status, finished_at=now - age)

    assert prune_task_results.call() == 2

    kept = {str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)}
    assert kept == {rows["recent success"], rows["recent failure"], rows["running for long"]}
    assert SCHEDULE["tasks-prune"] == (
        "staffroom.core.tasks_recovery.prune_task_results",
        timedelta(days=1),
    )


@pytest.mark.django_db
def test_the_tasks_page_is_for_staff_only(client):
    url = reverse("staff_tasks")
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(MemberFactory())
    assert client.get(url).status_code == 403
    task_id = "00000000-0000-0000-0000-000000000000"
    assert client.post(reverse("staff_task_retry", args=[task_id])).status_code == 403


@pytest.mark.django_db
def test_staff_see_failed_and_retried_tasks_and_retry_a_failed_one(
    database_tasks, client, tmp_path
):
    marker = str(tmp_path / "marker")
    lost = _running(
        slow_the_first_time.enqueue(marker, 7), ["w1", "w2", "w3"], timedelta(minutes=5)
    )
    retried = _running(slow_the_first_time.enqueue(marker, 8), ["w4"], timedelta(minutes=5))
    tasks_recover_lost()
    calm = slow_the_first_time.enqueue(marker, 9)  # never failed nor retried: not listed

    staff = StaffFactory()
    client.force_login(staff)
    home = client.get(reverse("staff_home"))
    assert reverse("staff_tasks") in home.content.decode()  # reachable from the staff area
    page = client.get(reverse("staff_tasks")).content.decode()
    assert "slow_the_first_time" in page
    assert "7]" in page  # its arguments ({"args": [marker, 7], ...})
    assert "no attempts left" in page
    assert page.count('name="csrfmiddlewaretoken"') >= 1
    assert reverse("staff_task_retry", args=[lost.pk]) in page
    assert reverse("staff_task_retry", args=[retried.pk]) not in page  # queued again, not failed
    assert str(calm.id) not in page

    assert client.get(reverse("staff_task_retry", args=[lost.pk])).status_code == 405
    response = client.post(reverse("staff_task_retry", args=[lost.pk]), follow=True)
    assert response.status_code == 200
    again = DBTaskResult.objects.get(pk=lost.pk)
    assert (again.status, again.worker_ids, again.traceback) == (TaskResultStatus.READY, [], "")
    assert "queued again" in response.content.decode()

    # Twice, or a task that is not failed: a message, nothing changes, never an error page.
    response = client.post(reverse("staff_task_retry", args=[lost.pk]), follow=True)
    assert response.status_code == 200
    assert "nothing was queued" in response.content.decode()
    assert client.post("/staff/tasks/not-a-uuid/retry/").status_code == 404


@pytest.mark.django_db
def test_retrying_needs_the_csrf_token(database_tasks, tmp_path):
    from django.test import Client

    lost = _running(
        slow_the_first_time.enqueue(str(tmp_path / "m"), 0), ["w1", "w2", "w3"], timedelta(1)
    )
    tasks_recover_lost()
    client = Client(enforce_csrf_checks=True)
    client.force_login(StaffFactory())
    assert client.post(reverse("staff_task_retry", args=[lost.pk])).status_code == 403
    assert DBTaskResult.objects.get(pk=lost.pk).status == TaskResultStatus.FAILED


# --- real worker processes ---


@pytest.fixture
def shared_database(tmp_path, settings):
    """The database URL that worker processes share with this test."""
    settings.TASKS = DATABASE_TASKS
    settings.TASKS_LOST_AFTER_SECONDS = LOST_AFTER
    settings.TASKS_MAX_ATTEMPTS = 3
    if connection.vendor == "postgresql":
        database = connection.settings_dict
        yield (
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        )
        return
    # SQLite: the test database lives in this process's memory; copy it to a file and switch
    # this test's connection to the file, which the workers open too.
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    memory = connection.connection
    copy = sqlite3.connect(path)
    memory.backup(copy)
    copy.close()
    name = connection.settings_dict["NAME"]
    connection.connection = None
    connection.settings_dict["NAME"] = str(path)
    try:
        yield f"sqlite:///{path}"
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        connection.connection = memory


def _worker(database_url: str, tmp_path: Path, **extra_env: str) -> subprocess.Popen:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.settings",
        DATABASE_URL=database_url,
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        TASKS_HEARTBEAT_SECONDS=HEARTBEAT,
        TASKS_LOST_AFTER_SECONDS=str(LOST_AFTER),
        TASKS_MAX_ATTEMPTS="3",
        STAFFROOM_VAR=str(tmp_path / "var"),
        **extra_env,
    )
    env.pop("TASKS_STOP_GRACE_SECONDS", None)  # the default, as deployed
    command = [sys.executable, "-m", "staffroom", "worker", "--interval", "0.1"]
    command += ["--no-startup-delay", "--verbosity", "0"]
    log_path = tmp_path / f"worker-{time.monotonic_ns()}.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    process.log_path = log_path  # type: ignore[attr-defined]
    return process


def _output(process: subprocess.Popen) -> str:
    """What a worker printed, for the message of a failed assertion."""
    return process.log_path.read_text()  # type: ignore[attr-defined]


def _wait_for(condition, what: str, timeout: float = 90):
    """Poll ``condition`` until it holds (a bound against hanging, not a measurement)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if outcome := condition():
            return outcome
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}")


def _status(task_id) -> str:
    return DBTaskResult.objects.get(pk=task_id).status


def _events(marker: Path) -> list[tuple[str, int]]:
    if not marker.exists():
        return []
    return [(e, int(pid)) for e, pid in (line.split() for line in marker.read_text().splitlines())]


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
        process.wait(timeout=30)


@pytest.mark.django_db(transaction=True)
def test_a_task_whose_worker_is_killed_is_retried_by_another_worker_and_completes(
    shared_database, tmp_path
):
    marker = tmp_path / "marker"
    result = slow_the_first_time.enqueue(str(marker), 120)
    first = _worker(shared_database, tmp_path)
    second = None
    try:
        _wait_for(lambda: _events(marker), "the first worker to start the task")
        assert _status(result.id) == TaskResultStatus.RUNNING
        first.send_signal(signal.SIGKILL)
        assert first.wait(timeout=30) == -signal.SIGKILL
        assert _status(result.id) == TaskResultStatus.RUNNING  # what used to stay for ever

        second = _worker(shared_database, tmp_path)
        _wait_for(
            lambda: _status(result.id) == TaskResultStatus.SUCCESSFUL,
            "the second worker to complete the task",
        )
    finally:
        _stop(first)
        if second:
            second.send_signal(signal.SIGTERM)
            second.wait(timeout=30)
    task = DBTaskResult.objects.get(pk=result.id)
    assert len(task.worker_ids) == 2 and task.worker_ids[0] != task.worker_ids[1]
    assert task.return_value == "done"
    assert _events(marker) == [("start", first.pid), ("start", second.pid), ("done", second.pid)]
    assert not TaskWorker.objects.filter(worker_id=task.worker_ids[1]).exists()  # left cleanly


@pytest.mark.django_db(transaction=True)
def test_sigterm_stops_the_worker_within_the_stop_timeout_and_hands_the_task_back(
    shared_database, tmp_path
):
    marker = tmp_path / "marker"
    result = slow_the_first_time.enqueue(str(marker), 120)
    worker = _worker(shared_database, tmp_path)
    again = None
    try:
        _wait_for(lambda: _events(marker), "the worker to start the task")
        signalled = time.monotonic()
        worker.send_signal(signal.SIGTERM)
        returncode = worker.wait(timeout=60)
        stopped_after = time.monotonic() - signalled
        # The limit the deploy relies on (docs/deploy.md: a 10 s stop timeout), not a benchmark.
        assert stopped_after < STOP_TIMEOUT, f"stopped after {stopped_after:.1f} s"
        assert returncode == 0
        task = DBTaskResult.objects.get(pk=result.id)
        assert (task.status, task.worker_ids) == (TaskResultStatus.READY, [])
        assert _events(marker) == [("start", worker.pid)]  # interrupted, not finished

        again = _worker(shared_database, tmp_path)
        _wait_for(
            lambda: _status(result.id) == TaskResultStatus.SUCCESSFUL,
            "another worker to complete the handed-back task",
        )
    finally:
        _stop(worker)
        if again:
            again.send_signal(signal.SIGTERM)
            again.wait(timeout=30)
    assert _events(marker)[-1] == ("done", again.pid)


@pytest.mark.django_db(transaction=True)
def test_a_task_that_will_not_stop_is_handed_back_and_its_worker_ended_in_time(
    shared_database, tmp_path
):
    marker = tmp_path / "marker"
    result = will_not_stop.enqueue(str(marker), 120)
    worker = _worker(shared_database, tmp_path)
    try:
        _wait_for(lambda: _events(marker), "the worker to start the task")
        signalled = time.monotonic()
        worker.send_signal(signal.SIGTERM)
        returncode = worker.wait(timeout=60)
        stopped_after = time.monotonic() - signalled
    finally:
        _stop(worker)
    assert stopped_after < STOP_TIMEOUT, f"stopped after {stopped_after:.1f} s"
    assert returncode == 1  # ended by its watchdog
    assert ("ignored", worker.pid) in _events(marker)  # it was asked to stop, and refused
    task = DBTaskResult.objects.get(pk=result.id)
    assert (task.status, task.worker_ids) == (TaskResultStatus.READY, [])


@pytest.mark.django_db(transaction=True)
def test_a_task_that_finishes_within_the_grace_time_completes_on_sigterm(shared_database, tmp_path):
    marker = tmp_path / "marker"
    result = slow_the_first_time.enqueue(str(marker), 1.5)
    worker = _worker(shared_database, tmp_path)
    try:
        _wait_for(lambda: _events(marker), "the worker to start the task")
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=60) == 0, _output(worker)
    finally:
        _stop(worker)
    assert _status(result.id) == TaskResultStatus.SUCCESSFUL
    assert [event for event, _pid in _events(marker)] == ["start", "done"]


@pytest.mark.django_db(transaction=True)
def test_a_task_that_kills_every_worker_fails_after_the_attempts_and_shows_to_staff(
    shared_database, tmp_path, client
):
    marker = tmp_path / "marker"
    result = kills_its_worker.enqueue(str(marker))
    pids = []
    for attempt in (1, 2, 3):
        worker = _worker(shared_database, tmp_path)
        pids.append(worker.pid)
        try:
            assert worker.wait(timeout=90) == -signal.SIGKILL, f"attempt {attempt}"
        finally:
            _stop(worker)
    assert [pid for _event, pid in _events(marker)] == pids
    last = _worker(shared_database, tmp_path)
    try:
        _wait_for(
            lambda: _status(result.id) == TaskResultStatus.FAILED,
            "a worker to mark the task failed",
        )
        last.send_signal(signal.SIGTERM)
        # The fourth worker lives: the task did not run again.
        assert last.wait(timeout=30) == 0, _output(last)
    finally:
        _stop(last)
    task = DBTaskResult.objects.get(pk=result.id)
    assert len(task.worker_ids) == 3 and task.exception_class_path == WORKER_LOST
    assert len(_events(marker)) == 3

    client.force_login(StaffFactory())
    page = client.get(reverse("staff_tasks")).content.decode()
    assert "kills_its_worker" in page
    assert "attempt 3 of 3" in page
    assert reverse("staff_task_retry", args=[result.id]) in page
