"""Background tasks and dying workers (issue 14, point 4): before (django-tasks' ``db_worker``)
and after (``staffroom worker``), with the default settings.

- stop: a worker runs a 120 s task and gets SIGTERM; how long until the process exits, and
  where the task is then;
- kill: a worker running the task is killed (SIGKILL, as an out-of-memory kill); a second
  worker starts at once; how long until the task has completed.

Each run waits at most ``--limit`` seconds (then the worker is killed and the state read).
A fresh SQLite database in a temporary folder; the task is in bench/task_recovery_tasks.py.

    .venv/bin/python bench/task_recovery.py [--limit 90] [--markdown]
"""

import argparse
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from benchtools import ROOT, django_setup, write_section  # noqa: E402

WORKERS = {
    "before": ["db_worker", "--no-reload"],
    "after": ["worker"],
}


def start(kind: str, env: dict) -> subprocess.Popen:
    command = [sys.executable, "-m", "staffroom", *WORKERS[kind], "--interval", "0.5"]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def wait_for(condition, limit: float) -> float | None:
    began = time.monotonic()
    while time.monotonic() - began < limit:
        if condition():
            return time.monotonic() - began
        time.sleep(0.05)
    return None


def measure(kind: str, scenario: str, env: dict, folder: Path, limit: float) -> dict:
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult
    from task_recovery_tasks import slow_the_first_time

    from staffroom.core.models import TaskWorker

    DBTaskResult.objects.all().delete()
    TaskWorker.objects.all().delete()
    marker = folder / f"{kind}-{scenario}"
    result = slow_the_first_time.enqueue(str(marker))

    def status():
        return DBTaskResult.objects.get(pk=result.id).status

    first = start(kind, env)
    wait_for(lambda: status() == TaskResultStatus.RUNNING, 60)
    processes = [first]
    try:
        if scenario == "stop":
            first.send_signal(signal.SIGTERM)
            took = wait_for(lambda: first.poll() is not None, limit)
        else:
            first.send_signal(signal.SIGKILL)
            first.wait()
            processes.append(start(kind, env))
            took = wait_for(lambda: status() == TaskResultStatus.SUCCESSFUL, limit)
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
            process.wait()
    return {"seconds": took, "status": status().lower()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=float, default=90)
    parser.add_argument("--markdown", action="store_true")
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="staffroom-bench-tasks-"))
    env = dict(os.environ)
    for name in list(env):
        if name.startswith("TASKS_") or name == "DATABASE_URL":
            del env[name]  # the defaults, as deployed
    env.update(
        STAFFROOM_DEBUG="1",
        STAFFROOM_VAR=str(folder / "var"),
        DJANGO_SETTINGS_MODULE="staffroom.settings",
        PYTHONPATH=os.pathsep.join([str(BENCH), str(ROOT / "src")]),
    )
    subprocess.run(
        [sys.executable, "-m", "staffroom", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    os.environ.update(env)
    for name in list(os.environ):
        if name.startswith("TASKS_") or name == "DATABASE_URL":
            del os.environ[name]
    django_setup()

    rows = []
    for scenario in ("stop", "kill"):
        for kind in ("before", "after"):
            outcome = measure(kind, scenario, env, folder, arguments.limit)
            print(scenario, kind, outcome, flush=True)
            rows.append((scenario, kind, outcome))

    if arguments.markdown:
        from django.conf import settings
        from task_recovery_tasks import TASK_SECONDS

        def seconds(outcome):
            if outcome["seconds"] is None:
                return f"not within {arguments.limit:g} s"
            return f"{outcome['seconds']:.1f} s"

        what = {
            "stop": f"SIGTERM during a {TASK_SECONDS} s task: until the worker exits",
            "kill": "SIGKILL during the task, a second worker started: until it completes",
        }
        lines = [
            "## Background tasks and dying workers (issue 14, point 4)",
            "",
            f"`.venv/bin/python bench/task_recovery.py --markdown` on {date.today()}, "
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            "SQLite.",
            "",
            "Before: django-tasks' `db_worker`; after: `staffroom worker` with the default "
            f"settings (heartbeat every {settings.TASKS_HEARTBEAT_SECONDS:g} s, a task taken "
            f"back after {settings.TASKS_LOST_AFTER_SECONDS:g} s of silence, "
            f"{settings.TASKS_STOP_GRACE_SECONDS:g} s of grace on SIGTERM). A run that had not "
            f"ended after {arguments.limit:g} s was stopped there.",
            "",
            "| what | before | task then | after | task then |",
            "|---|---|---|---|---|",
        ]
        for scenario in ("stop", "kill"):
            before = next(o for s, k, o in rows if s == scenario and k == "before")
            after = next(o for s, k, o in rows if s == scenario and k == "after")
            lines.append(
                f"| {what[scenario]} | {seconds(before)} | {before['status']} "
                f"| {seconds(after)} | {after['status']} |"
            )
        lines += [
            "",
            "Before, a worker given SIGTERM waits for its task to end (the review measured "
            "42 s), longer than a container runtime's 10 s stop timeout, and a killed worker's "
            "task stays running for ever. After, a stop takes the grace time and the hand-back "
            "(the task, ready, runs again from the start on the next worker); a killed "
            "worker's task is taken back once the worker has been silent for "
            "`TASKS_LOST_AFTER_SECONDS`, within one heartbeat of another worker.",
        ]
        write_section(lines)


if __name__ == "__main__":
    main()
