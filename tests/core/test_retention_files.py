"""Mail written to files (development, EMAIL_FILE_PATH) holds members' addresses and messages:
the clock deletes it after MAIL_FILE_DAYS (docs/privacy.md)."""

import os
import time
from datetime import timedelta

from staffroom.core.uploads import mail_files_prune
from staffroom.site.schedule import SCHEDULE


def test_old_mail_files_are_deleted_and_recent_ones_kept(tmp_path, settings):
    settings.EMAIL_FILE_PATH = str(tmp_path)
    settings.MAIL_FILE_DAYS = 30
    old, recent = tmp_path / "old.log", tmp_path / "recent.log"
    old.write_text("To: an.peeters@example.org")
    recent.write_text("To: sanne.devries@example.org")
    month_ago = time.time() - 31 * 24 * 3600
    os.utime(old, (month_ago, month_ago))
    assert mail_files_prune() == 1
    assert not old.exists()
    assert recent.exists()


def test_without_mail_files_there_is_nothing_to_do(settings, tmp_path):
    settings.EMAIL_FILE_PATH = str(tmp_path / "nowhere")
    assert mail_files_prune() == 0


def test_the_clock_runs_it_daily():
    assert SCHEDULE["mail-files-prune"] == (
        "staffroom.core.uploads.prune_mail_files",
        timedelta(days=1),
    )
