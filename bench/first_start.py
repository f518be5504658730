"""The first start (issue 15, point 9): is the site ready at its first request?

Starts ``staffroom serve`` (what ``make run`` runs once the virtual environment is installed)
on an empty data folder, as on a fresh clone: it migrates, builds the demo and starts the web
server, the task worker and the clock. From the moment the command starts it measures:

- how long until the web server answers its first request, and what that request sees: the
  search API's total for all resources against the published resources in the database;
- at that moment: open items without their automated pre-checks, open automatic re-checks,
  tasks waiting in the queue;
- for ``--observe`` seconds after (default 60): when the search total first equals the
  published count, how many re-checks the clock added, mails written, and the unread notices
  per demo member (median and most);
- then it stops the server (SIGTERM) and starts it again on the same folder: seconds to the
  first answer, and whether search is complete at that request.

    .venv/bin/python bench/first_start.py [--observe 60] [--json FILE] [--source DIR]
        [--figures FILE] [--markdown [--before FILE]]

``--json FILE`` keeps the figures; ``--markdown --before FILE`` writes the section of
docs/benchmarks.md with an earlier run's figures (another checkout, the same machine) as
"before"; ``--figures FILE`` shows a kept run instead of measuring; ``--source DIR`` runs
another checkout's code (``git archive`` of an earlier commit) with this checkout's virtual
environment.
"""

import argparse
import json
import os
import platform
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchtools import ROOT, free_port, write_section

COMMAND = ".venv/bin/python bench/first_start.py"
HEADING = "## First start: ready at the first request (issue 15, point 9)"
DEMO_DOMAIN = "@demo.staffroom.invalid"
RECHECK_AFTER_DAYS = 2 * 365  # the setting's default
# Made by the worker after the start on purpose (seconds a file): counted apart.
BACKGROUND = (
    "staffroom.resources.tasks.render_preview_pages",
    "staffroom.resources.tasks.render_office_previews",  # its name before
    "staffroom.resources.tasks.fetch_resource_picture",
)


def search_total(port: int) -> int | None:
    """The search API's total for an empty query (every indexed resource), None when the
    server does not answer yet."""
    try:
        url = f"http://127.0.0.1:{port}/api/v1/search?q="
        with urllib.request.urlopen(url, timeout=10) as response:
            return json.load(response)["total"]
    except (OSError, ValueError):
        return None


def snapshot(var: Path) -> dict:
    """What the database holds now (read only: the server keeps running)."""
    database = sqlite3.connect(f"file:{var / 'staffroom.sqlite3'}?mode=ro", uri=True, timeout=30)
    try:

        def one(sql: str, *args) -> int:
            return database.execute(sql, args).fetchone()[0]

        unread = [
            row[0]
            for row in database.execute(
                "SELECT (SELECT COUNT(*) FROM notifications_notification n"
                " WHERE n.member_id = m.id AND n.read_at IS NULL)"
                " FROM accounts_member m WHERE m.email LIKE ?",
                (f"%{DEMO_DOMAIN}",),
            )
        ]
        return {
            "published": one("SELECT COUNT(*) FROM resources_resource WHERE status='published'"),
            "unchecked": one(
                "SELECT COUNT(*) FROM moderation_moderationitem"
                " WHERE decision='' AND checks_ran_at IS NULL"
            ),
            "rechecks": one(
                "SELECT COUNT(*) FROM moderation_moderationitem"
                " WHERE decision='' AND reason='recheck'"
            ),
            "queued": one(
                "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status='READY'"
                " AND task_path NOT IN (?, ?, ?)",
                *BACKGROUND,
            ),
            "queued_previews": one(
                "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status='READY'"
                " AND task_path IN (?, ?, ?)",
                *BACKGROUND,
            ),
            # What the clock's daily re-check will queue once the worker reaches it.
            "rechecks_due": one(
                "SELECT COUNT(*) FROM resources_resource r WHERE r.status='published'"
                " AND r.checked_at < ? AND NOT EXISTS (SELECT 1 FROM moderation_moderationitem i"
                " WHERE i.resource_id = r.id AND i.decision='')",
                (datetime.now(UTC) - timedelta(days=RECHECK_AFTER_DAYS)).strftime(
                    "%Y-%m-%d %H:%M:%S.%f"
                ),
            ),
            "unread_median": statistics.median(unread) if unread else 0,
            "unread_most": max(unread, default=0),
        }
    finally:
        database.close()


def mails(var: Path) -> int:
    folder = var / "mail"
    if not folder.exists():
        return 0
    return sum(
        line.startswith("Message-ID:")
        for path in folder.glob("*.log")
        for line in path.read_text(errors="replace").splitlines()
    )


def start(var: Path, port: int, log, source: Path) -> subprocess.Popen:
    env = os.environ | {
        "STAFFROOM_DEBUG": "1",
        "STAFFROOM_VAR": str(var),
        "PYTHONUNBUFFERED": "1",
        # Another checkout's code (for "before") with this checkout's installed packages.
        "PYTHONPATH": str(source / "src"),
    }
    return subprocess.Popen(
        [str(ROOT / ".venv/bin/python"), "-m", "staffroom", "serve", "--port", str(port)],
        env=env,
        cwd=source,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def first_answer(process: subprocess.Popen, port: int, limit: float) -> tuple[float, int]:
    """Seconds from ``started`` until the search API answers, and the total it gave."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if process.poll() is not None:
            raise SystemExit(f"staffroom serve ended with status {process.returncode}")
        total = search_total(port)
        if total is not None:
            return time.monotonic() - started, total
        time.sleep(0.2)
    raise SystemExit(f"the server did not answer within {limit:.0f} s")


def measure(observe: float, source: Path) -> dict:
    figures: dict = {}
    with tempfile.TemporaryDirectory(prefix="staffroom-first-start-") as folder:
        var = Path(folder)
        port = free_port()
        with open(var / "serve.log", "w") as log:
            process = start(var, port, log, source)
            begun = time.monotonic()
            try:
                try:
                    seconds, total = first_answer(process, port, 600)
                except SystemExit:
                    print((var / "serve.log").read_text()[-3000:], file=sys.stderr)
                    raise
                at_first = snapshot(var)
                figures["first"] = {"seconds": seconds, "search_total": total, **at_first}
                complete_after = 0.0 if total == at_first["published"] else None
                watch_from = time.monotonic()
                while time.monotonic() - watch_from < observe:
                    time.sleep(2)
                    if complete_after is None and search_total(port) == at_first["published"]:
                        complete_after = time.monotonic() - begun
                after = snapshot(var)
                clock = (var / "serve.log").read_text(errors="replace").splitlines()
                figures["observed"] = {
                    "seconds": observe,
                    "clock_enqueued": sum(line.startswith("enqueued ") for line in clock),
                    "complete_after": complete_after,
                    "mails": mails(var),
                    **after,
                }
            finally:
                stop(process)
            port = free_port()
            process = start(var, port, log, source)
            try:
                seconds, total = first_answer(process, port, 600)
                figures["second"] = {"seconds": seconds, "search_total": total, **snapshot(var)}
            finally:
                stop(process)
    return figures


def table(after: dict, before: dict | None) -> list[str]:
    def rows(figures: dict) -> list[tuple[str, str]]:
        first, seen, second = figures["first"], figures["observed"], figures["second"]
        complete = seen["complete_after"]
        return [
            ("first start: seconds until the first answer", f"{first['seconds']:.0f}"),
            (
                "first request: search total / published",
                f"{first['search_total']} / {first['published']}",
            ),
            ("first request: open items without pre-checks", str(first["unchecked"])),
            ("first request: open automatic re-checks", str(first["rechecks"])),
            (
                "first request: resources due for an automatic re-check",
                str(first.get("rechecks_due", "-")),
            ),
            ("first request: tasks waiting (besides previews)", str(first["queued"])),
            ("first request: preview tasks waiting", str(first.get("queued_previews", "-"))),
            (
                "search complete after (s from the start)",
                "never" if complete is None else f"{complete:.0f}",
            ),
            (
                f"{seen['seconds']:.0f} s later: periodic jobs the clock enqueued",
                str(seen.get("clock_enqueued", "-")),
            ),
            (f"{seen['seconds']:.0f} s later: open automatic re-checks", str(seen["rechecks"])),
            (
                f"{seen['seconds']:.0f} s later: tasks waiting (besides previews)",
                str(seen["queued"]),
            ),
            (f"{seen['seconds']:.0f} s later: mails written", str(seen["mails"])),
            (
                f"{seen['seconds']:.0f} s later: unread notices per demo member (median, most)",
                f"{seen['unread_median']:g}, {seen['unread_most']}",
            ),
            ("second start: seconds until the first answer", f"{second['seconds']:.0f}"),
            (
                "second start, first request: search total / published",
                f"{second['search_total']} / {second['published']}",
            ),
        ]

    now = rows(after)
    if before is None:
        return ["| what | figure |", "|---|---|", *(f"| {k} | {v} |" for k, v in now)]
    earlier = dict(rows(before))
    return [
        "| what | before | after |",
        "|---|---|---|",
        *(f"| {k} | {earlier.get(k, '-')} | {v} |" for k, v in now),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--observe", type=float, default=60.0)
    parser.add_argument("--json", type=Path, help="Write the figures to this file.")
    parser.add_argument("--markdown", action="store_true", help="Write docs/benchmarks.md.")
    parser.add_argument("--before", type=Path, help="Figures of an earlier run (--json).")
    parser.add_argument(
        "--figures", type=Path, help="Do not measure: show the figures of a run (--json)."
    )
    parser.add_argument(
        "--source", type=Path, default=ROOT, help="Run this checkout's code (default: this one)."
    )
    options = parser.parse_args()
    if options.figures:
        figures = json.loads(options.figures.read_text())
    else:
        figures = measure(options.observe, options.source.resolve())
    if options.json:
        options.json.write_text(json.dumps(figures, indent=2))
    before = json.loads(options.before.read_text()) if options.before else None
    lines = table(figures, before)
    print("\n".join(lines))
    if options.markdown:
        cores = os.cpu_count()
        write_section(
            [
                HEADING,
                "",
                f"`{COMMAND} --markdown{' --before FILE' if before else ''}` on "
                f"{date.today().isoformat()}, {platform.machine()}, {cores} cores, Python "
                f"{platform.python_version()}, SQLite: `staffroom serve` (what `make run` runs "
                "once the virtual environment is installed) on an empty data folder, the "
                "search API asked every 0.2 s until it answers, watched for "
                f"{figures['observed']['seconds']:.0f} s, stopped and started again.",
                "",
                *lines,
            ]
        )


if __name__ == "__main__":
    main()
