"""Online backup of a SQLite database, and the check that a backup restores.

SQLite's backup API copies a live database page by page while the site keeps running (a
plain file copy of a database in WAL mode can miss what is still in the -wal file, or catch
a half-written page). ``sqlite_restore_check`` restores a backup into a fresh file the same
way and compares it with what was backed up: integrity, and the row count of every table.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class BackupReport:
    tables: dict[str, int] = field(default_factory=dict)  # table -> rows at backup time
    restored: dict[str, int] = field(default_factory=dict)  # table -> rows after restore
    integrity: str = ""

    @property
    def mismatches(self) -> dict[str, tuple[int, int | None]]:
        return {
            table: (rows, self.restored.get(table))
            for table, rows in self.tables.items()
            if self.restored.get(table) != rows
        }

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and not self.mismatches and bool(self.tables)


def _tables(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    return [name for (name,) in rows]


def _counts(connection: sqlite3.Connection) -> dict[str, int]:
    return {
        table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
        for table in _tables(connection)
    }


def sqlite_backup(source: Path, destination: Path) -> dict[str, int]:
    """Copy the live database ``source`` into the new file ``destination``; returns the row
    count of every table as copied (counted in the same read transaction as the copy)."""
    if destination.exists():
        raise FileExistsError(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as reader:
        reader.execute("BEGIN")  # one snapshot for the counts and the copy
        counts = _counts(reader)
        with sqlite3.connect(destination) as target:
            reader.backup(target)
        reader.execute("COMMIT")
    return counts


def sqlite_restore(backup: Path, destination: Path) -> None:
    """Restore ``backup`` into the new file ``destination`` (a database never used before)."""
    if destination.exists():
        raise FileExistsError(destination)
    with (
        sqlite3.connect(f"file:{backup}?mode=ro", uri=True) as source,
        sqlite3.connect(destination) as target,
    ):
        source.backup(target)


def sqlite_restore_check(backup: Path, restored: Path, expected: dict[str, int]) -> BackupReport:
    """Restore ``backup`` into ``restored`` and compare it with ``expected`` (the counts of
    ``sqlite_backup``)."""
    sqlite_restore(backup, restored)
    report = BackupReport(tables=dict(expected))
    with sqlite3.connect(f"file:{restored}?mode=ro", uri=True) as connection:
        report.integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        report.restored = _counts(connection)
    return report
