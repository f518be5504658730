"""Temporary files of uploads: Django writes uploads above FILE_UPLOAD_MAX_MEMORY_SIZE to
FILE_UPLOAD_TEMP_DIR while they arrive and removes them when the request ends. A web process
killed mid-upload (a worker timeout, an out-of-memory kill) leaves its file behind: the clock
removes those once they are older than any upload can take."""

import time
from pathlib import Path

from django.conf import settings
from django_tasks import task

# No upload takes this long; a file not written to for longer belongs to no live request.
STALE_AFTER_SECONDS = 6 * 60 * 60


def stale_upload_files_remove(now: float | None = None) -> int:
    """Remove files in FILE_UPLOAD_TEMP_DIR not modified for STALE_AFTER_SECONDS; return how
    many were removed."""
    folder = Path(settings.FILE_UPLOAD_TEMP_DIR)
    if not folder.is_dir():
        return 0
    cutoff = (now if now is not None else time.time()) - STALE_AFTER_SECONDS
    removed = 0
    for path in folder.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue  # removed by its request meanwhile
    return removed


@task()
def remove_stale_upload_files() -> int:
    """Hourly, by the clock: see ``stale_upload_files_remove``."""
    return stale_upload_files_remove()
