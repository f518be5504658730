"""Tasks that the worker processes of tests/security/test_task_recovery.py run.

Each appends what happened to a marker file (one line per event, with the process id), so the
test can tell which worker process ran which attempt.
"""

import os
import signal
import time
from pathlib import Path

from django_tasks import task


def _note(marker: str, event: str) -> int:
    path = Path(marker)
    with path.open("a") as file:
        file.write(f"{event} {os.getpid()}\n")
    return sum(1 for line in path.read_text().splitlines() if line.startswith("start "))


@task()
def slow_the_first_time(marker: str, first_seconds: float) -> str:
    """Runs ``first_seconds`` on its first attempt, at once on later ones."""
    starts = _note(marker, "start")
    if starts == 1:
        deadline = time.monotonic() + first_seconds
        while time.monotonic() < deadline:
            time.sleep(0.05)
    _note(marker, "done")
    return "done"


@task()
def kills_its_worker(marker: str) -> None:
    """Dies with its worker every time (as an out-of-memory kill would)."""
    _note(marker, "start")
    os.kill(os.getpid(), signal.SIGKILL)


@task()
def will_not_stop(marker: str, seconds: float) -> None:
    """A task that swallows every interruption (as a library stuck in C code would never
    return to be interrupted): only ending the process stops it."""
    _note(marker, "start")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            time.sleep(0.05)
        except BaseException:  # the misbehaviour under test
            _note(marker, "ignored")
