"""The task that bench/task_recovery.py has workers run (a module of its own, so that the
worker processes can import it by name)."""

import time
from pathlib import Path

from django_tasks import task

TASK_SECONDS = 120


@task()
def slow_the_first_time(marker: str) -> str:
    """Runs TASK_SECONDS on its first attempt, at once on later ones."""
    path = Path(marker)
    first = not path.exists()
    path.write_text("started")
    deadline = time.monotonic() + (TASK_SECONDS if first else 0)
    while time.monotonic() < deadline:
        time.sleep(0.05)
    return "done"
