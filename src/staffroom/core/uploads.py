"""Files the site leaves behind, removed by the clock.

Temporary files of uploads: Django writes uploads above FILE_UPLOAD_MAX_MEMORY_SIZE to
FILE_UPLOAD_TEMP_DIR while they arrive and removes them when the request ends. A web process
killed mid-upload (a worker timeout, an out-of-memory kill) leaves its file behind: the clock
removes those once they are older than any upload can take.

Mail files: in development (and wherever EMAIL_FILE_PATH is set) mail is written to files;
they are kept MAIL_FILE_DAYS."""

import time
from pathlib import Path

from django.conf import settings
from django_tasks import task

# No upload takes this long; a file not written to for longer belongs to no live request.
STALE_AFTER_SECONDS = 6 * 60 * 60


def stale_upload_files_remove(now: float | None = None) -> int:
    """Remove files in FILE_UPLOAD_TEMP_DIR not modified for STALE_AFTER_SECONDS; return how
    many were removed."""
    return old_files_remove(Path(settings.FILE_UPLOAD_TEMP_DIR), STALE_AFTER_SECONDS, now)


def old_files_remove(folder: Path, max_age_seconds: float, now: float | None = None) -> int:
    """Remove the files directly in ``folder`` not modified for ``max_age_seconds``; how many
    were removed (none when the folder does not exist)."""
    if not folder.is_dir():
        return 0
    cutoff = (now if now is not None else time.time()) - max_age_seconds
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


def mail_files_prune(now: float | None = None) -> int:
    """Remove mail files (the development mail backend's, ``EMAIL_FILE_PATH``) older than
    ``MAIL_FILE_DAYS``: they hold members' addresses and messages. How many were removed."""
    folder = getattr(settings, "EMAIL_FILE_PATH", "")
    if not folder:
        return 0
    return old_files_remove(Path(folder), settings.MAIL_FILE_DAYS * 24 * 3600, now)


@task()
def prune_mail_files() -> int:
    """Daily, by the clock: see ``mail_files_prune``."""
    return mail_files_prune()
