import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from staffroom.core.backup import sqlite_backup, sqlite_restore_check


class Command(BaseCommand):
    help = (
        "Back up the SQLite database online into a new file (the site may keep running); with "
        "--check, restore the backup into a fresh file and compare every table's row count. "
        "PostgreSQL: use pg_dump and WAL archiving (docs/operations.md, 'Backups')."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", help="The backup file to write (must not exist).")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Restore the backup into a fresh file and check it; exit 1 if it differs.",
        )

    def handle(self, *args, destination: str, check: bool, **options):
        if connection.vendor != "sqlite":
            raise CommandError(
                "This database is PostgreSQL: back it up with pg_dump (and WAL archiving for "
                "point-in-time recovery), see docs/operations.md."
            )
        source = Path(connection.settings_dict["NAME"])
        target = Path(destination)
        try:
            counts = sqlite_backup(source, target)
        except FileExistsError:
            raise CommandError(f"{target} exists: choose a new file name.") from None
        self.stdout.write(
            f"backed up {source} to {target}: {len(counts)} tables, {sum(counts.values())} rows"
        )
        if not check:
            return
        with tempfile.TemporaryDirectory() as scratch:
            report = sqlite_restore_check(target, Path(scratch) / "restored.sqlite3", counts)
        self.stdout.write(f"restored into a fresh file: integrity {report.integrity}")
        for table, (rows, restored) in sorted(report.mismatches.items()):
            self.stderr.write(f"  {table}: {rows} rows backed up, {restored} restored")
        if not report.ok:
            raise CommandError("The restored backup differs from the database.", returncode=1)
        self.stdout.write(f"restore check passed: {len(counts)} tables, every row count matches")
