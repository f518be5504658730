"""Usage analytics (issue 16): what recording costs a page, how fast the dashboard answers over
10 million raw events, how well the forecasts and recommendations do against baselines.

1. Recording: a fresh database with the demo (20 resources, its generated usage history),
   gunicorn with 2 sync workers and production settings, wrk on a resource page with a
   browser's user agent: once with recording on (INSIGHT_RECORD=1), once off, in the same run.
   The events written during the run are counted (every request recorded, none lost).
2. Dashboard: N raw events (default 10,000,000) written straight into the table over 13
   months, rolled up day by day by the code the clock runs (timed), then GET /staff/insight/
   as staff, 30 times with the cache cleared before each (cold: the indicators computed) and
   30 times warm; p50/p95. On SQLite and, when DATABASE_URL names a PostgreSQL server (or
   --postgres URL), on PostgreSQL.
3. Forecasts: the backtest of the search forecasts on the demo's generated history (model vs
   seasonal-naive vs last value, MASE).
Recommendations (hit rate@10 and coverage against popularity) are bench/recommend.py's.

    .venv/bin/python bench/insight.py [--only recording|dashboard|forecasts]
        [--events 10000000] [--postgres URL] [--seconds 20] [--rounds 3] [--no-write]

Each part writes a section of docs/benchmarks.md of its own.

Needs wrk (Debian package "wrk").
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from benchtools import django_setup, run, wait_until_up, write_section

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PORT = 8094
COMMAND = ".venv/bin/python bench/insight.py"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0"


def _env(folder: Path, **extra: str) -> dict[str, str]:
    return (
        {
            name: value
            for name, value in os.environ.items()
            if name not in ("STAFFROOM_DEBUG", "DATABASE_URL", "SEARCH_INDEX_DIR", "MEDIA_ROOT")
        }
        | {
            "STAFFROOM_VAR": str(folder),
            "SECRET_KEY": "bench-only-not-secret",
            "ALLOWED_HOSTS": "127.0.0.1,testserver",
            "STAFFROOM_HTTPS": "0",
        }
        | extra
    )


# --- 1. recording -----------------------------------------------------------------------


def wrk(url: str, seconds: int, connections: int) -> tuple[float, int]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-H", f"User-Agent: {BROWSER}"]
    output = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"{errors[1]} failed responses:\n{output}")
    requests = int(re.search(r"(\d+) requests in", output)[1])
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]), requests


@contextmanager
def serving(env, path: str):
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "staffroom.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{PORT}"
    try:
        wait_until_up(f"{url}{path}")
        yield url
    finally:
        server.terminate()  # gunicorn's workers flush their buffers at exit
        server.wait(timeout=30)


def django_value(env, code: str) -> str:
    """Run ``code`` in a Django child process of ``env``; what it prints."""
    script = (
        "import sys; sys.path.insert(0, 'bench')\n"
        f"from benchtools import django_setup; django_setup()\n{code}"
    )
    return subprocess.run(
        [PYTHON, "-c", script], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()


def measure_recording(seconds: int, connections: int, rounds: int) -> list[dict]:
    folder = Path(tempfile.mkdtemp(prefix="staffroom-bench-insight-"))
    env = _env(folder)
    staffroom = [PYTHON, "-m", "staffroom"]
    try:
        run([*staffroom, "migrate", "--verbosity", "0"], env)
        run([*staffroom, "demo", "--resources", "20"], env, stdout=subprocess.DEVNULL)
        run([*staffroom, "collectstatic", "--noinput", "--verbosity", "0"], env)
        path = django_value(
            env,
            "from staffroom.resources.models import Resource\n"
            "print(Resource.objects.published().order_by('pk').first().get_absolute_url())",
        )
        count = "from staffroom.insight.models import UsageEvent; print(UsageEvent.objects.count())"
        results = []
        for record in ["0", "1"] * rounds:
            before = int(django_value(env, count))
            with serving(env | {"INSIGHT_RECORD": record}, path) as url:
                wrk(f"{url}{path}", 3, connections)  # warm up
                rate, requests = wrk(f"{url}{path}", seconds, connections)
            written = int(django_value(env, count)) - before
            results.append(
                {"record": record == "1", "rate": rate, "requests": requests, "written": written}
            )
            print(f"recording {record}: {rate:.0f} req/s, {written} events written")
        return results
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --- 2. the dashboard over N raw events -------------------------------------------------


def _fill_sql(vendor: str, events: int, days: int) -> str:
    """One INSERT that writes ``events`` raw events spread over ``days`` days before now:
    resource views and downloads of 20,000 resources by 200,000 pseudonyms and searches over
    5,000 queries, with levels. Written by the database itself (minutes for 10 million)."""
    kinds = (
        "CASE WHEN n % 10 < 5 THEN 'resource_view' WHEN n % 10 < 7 THEN 'download' "
        "ELSE 'search' END"
    )
    if vendor == "postgresql":
        series = f"SELECT generate_series(1, {events}) AS n"
        created = f"now() - (n % {days * 86400}) * interval '1 second'"
        text = "'q' || (n % 5000)::text"
        levels = "jsonb_build_array(1 + n % 40)"
        empty_list, empty_map = "'[]'::jsonb", "'{}'::jsonb"
        key = "md5((n % 200000)::text)"
        key = f"CASE WHEN n % 10 < 7 THEN substr({key}, 1, 32) ELSE '' END"
    else:
        series = (
            "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s "  # noqa: S608
            f"WHERE n < {events}) SELECT n FROM s"
        )
        seconds = days * 86400
        created = f"strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || (n % {seconds}) || ' seconds')"
        text = "'q' || (n % 5000)"
        levels = "'[' || (1 + n % 40) || ']'"
        empty_list, empty_map = "'[]'", "'{}'"
        key = "CASE WHEN n % 10 < 7 THEN printf('%032d', n % 200000) ELSE '' END"
    # Numbers and fixed expressions only: nothing from outside goes into this SQL.
    return (
        "INSERT INTO insight_usageevent (kind, object_id, member_key, region, levels, subjects, "  # noqa: S608
        "query, folded, filters, result_count, page, rank, created_at) "
        f"SELECT {kinds}, CASE WHEN n % 10 < 7 THEN n % 20000 END, {key}, "
        "CASE WHEN n % 7 = 0 THEN 'nl' ELSE 'fl' END, "
        f"{levels}, {empty_list}, "
        f"CASE WHEN n % 10 >= 7 THEN {text} ELSE '' END, "
        f"CASE WHEN n % 10 >= 7 THEN {text} ELSE '' END, {empty_map}, "
        "CASE WHEN n % 10 >= 7 THEN n % 30 END, CASE WHEN n % 10 >= 7 THEN 1 END, NULL, "
        f"{created} FROM ({series}) AS numbers"
    )


def dashboard_child(events: int, runs: int) -> None:
    """In a child process whose environment names the database: fill, roll up, time."""
    django_setup()
    from datetime import timedelta

    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings
    from django.utils import timezone

    from staffroom.accounts.models import Member
    from staffroom.insight.models import UsageEvent
    from staffroom.insight.services import insight_rollup_day

    days = settings.INSIGHT_RAW_EVENT_DAYS
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(_fill_sql(connection.vendor, events, days))
    filled = time.perf_counter() - started
    written = UsageEvent.objects.count()
    started = time.perf_counter()
    today = timezone.localdate()
    for back in range(days + 1):
        insight_rollup_day(today - timedelta(days=back))
    rolled = time.perf_counter() - started
    # Fresh statistics for the planner, as autovacuum (PostgreSQL) gives a table soon after
    # large writes; a site's rollups grow a day at a time and always have them.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    staff = Member.objects.filter(email="bench-staff@example.org").first()
    staff = staff or Member.objects.create_user(email="bench-staff@example.org", name="Staff")
    staff.is_staff = True
    staff.save()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(staff)
    timings = {"cold": [], "warm": []}
    with override_settings(SECURITY_MFA_REQUIRED_ROLES=False):
        client.get("/staff/insight/")  # the process's first request loads templates and code
        for label in ("cold", "warm"):
            for _ in range(runs):
                if label == "cold":
                    cache.clear()
                began = time.perf_counter()
                response = client.get("/staff/insight/")
                timings[label].append((time.perf_counter() - began) * 1000)
                assert response.status_code == 200, response.status_code
    print(
        "RESULT "
        + json.dumps(
            {
                "vendor": connection.vendor,
                "events": written,
                "fill_s": filled,
                "rollup_s": rolled,
                "timings": timings,
            }
        )
    )


def measure_dashboard(events: int, runs: int, database_url: str | None) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="staffroom-bench-dashboard-"))
    env = _env(folder)
    if database_url:
        env["DATABASE_URL"] = database_url
    try:
        run([PYTHON, "-m", "staffroom", "migrate", "--verbosity", "0"], env)
        run([PYTHON, "-m", "staffroom", "collectstatic", "--noinput", "--verbosity", "0"], env)
        output = subprocess.run(
            [PYTHON, __file__, "--dashboard-child", str(events), "--runs", str(runs)],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        result = json.loads(output.split("RESULT ", 1)[1])
        print(
            f"{result['vendor']}: {result['events']} events written in {result['fill_s']:.0f} s, "
            f"rolled up in {result['rollup_s']:.0f} s; dashboard p95 cold "
            f"{percentile(result['timings']['cold'], 95):.0f} ms, warm "
            f"{percentile(result['timings']['warm'], 95):.0f} ms"
        )
        return result
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def percentile(values: list[float], share: int) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def _fresh_postgres(url: str) -> str:
    """A database of its own on the server ``url`` names (dropped again by the caller)."""
    import psycopg

    name = f"staffroom_bench_insight_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + f"/{name}"


def _drop_postgres(url: str) -> None:
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(server + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- 3. forecasts on the demo's generated history ---------------------------------------


def quality_child() -> None:
    django_setup()
    from staffroom.insight.forecast import forecast_backtest_summary

    summary = forecast_backtest_summary(refresh=True)
    print("RESULT " + json.dumps(summary["overall"], default=str))


def measure_quality() -> dict:
    folder = Path(tempfile.mkdtemp(prefix="staffroom-bench-quality-"))
    env = _env(folder)
    try:
        run([PYTHON, "-m", "staffroom", "migrate", "--verbosity", "0"], env)
        run([PYTHON, "-m", "staffroom", "demo"], env, stdout=subprocess.DEVNULL)
        output = subprocess.run(
            [PYTHON, __file__, "--quality-child"],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return json.loads(output.split("RESULT ", 1)[1])
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3, help="off/on pairs of recording runs")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--postgres", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--only", choices=["recording", "dashboard", "forecasts"])
    parser.add_argument(
        "--postgres-only", action="store_true", help="the dashboard on PostgreSQL alone"
    )
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--dashboard-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--quality-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dashboard_child:
        return dashboard_child(args.dashboard_child, args.runs)
    if args.quality_child:
        return quality_child()
    parts = [args.only] if args.only else ["recording", "dashboard", "forecasts"]
    if "recording" in parts and not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    # Each part writes a section of its own, so that one can be measured again alone.
    for part in parts:
        command = f"`{COMMAND} --only {part}"
        if part == "recording":
            results = measure_recording(args.seconds, args.connections, args.rounds)
            lines = recording_lines(results, args)
            command += f" --seconds {args.seconds} --rounds {args.rounds}`"
        elif part == "dashboard":
            dashboards = (
                [] if args.postgres_only else [measure_dashboard(args.events, args.runs, None)]
            )
            if args.postgres.startswith("postgres"):
                url = _fresh_postgres(args.postgres)
                try:
                    dashboards.append(measure_dashboard(args.events, args.runs, url))
                finally:
                    _drop_postgres(url)
            lines = dashboard_lines(dashboards, args)
            command += f" --events {args.events} --postgres URL`"
        else:
            lines = quality_lines(measure_quality())
            command += "`"
        heading, *body = lines
        section = [heading, "", f"{command} on {date.today().isoformat()}, {machine}.", "", *body]
        print("\n".join(section))
        if not args.no_write:
            write_section(section)


def recording_lines(results: list[dict], args) -> list[str]:
    off = [found["rate"] for found in results if not found["record"]]
    on = [found["rate"] for found in results if found["record"]]
    share = statistics.median(on) / statistics.median(off)
    lines = [
        "## Usage analytics: what recording costs a page (issue 16)",
        "A resource page (the demo with 20 resources, SQLite, gunicorn with 2 sync workers, "
        f"production settings) under wrk with 2 threads, {args.connections} connections, "
        f"{args.seconds} s per run, a browser's user agent; runs alternate recording off and "
        "on. Events written are counted in the database after each run (the warm-up's "
        "requests included).",
        "",
        "| run | recording | requests/s | requests | events written |",
        "|---|---|---|---|---|",
    ]
    for number, found in enumerate(results, start=1):
        lines.append(
            f"| {number} | {'on' if found['record'] else 'off'} | {found['rate']:.0f} | "
            f"{found['requests']} | {found['written']} |"
        )
    lines += [
        "",
        f"Median with recording {statistics.median(on):.0f} requests/s, without "
        f"{statistics.median(off):.0f}: {share:.0%} of the throughput "
        f"({abs(1 - share):.1%} {'slower' if share < 1 else 'faster'}, within the runs' spread; "
        "the goal is at most 10% slower). Events are buffered in the process and written in "
        "batches by a background thread; the recorder itself costs a visitor's request a "
        "user-agent check (cached per agent) and a row in memory.",
    ]
    return lines


def dashboard_lines(dashboards: list[dict], args) -> list[str]:
    lines = [
        "## Usage analytics: the staff dashboard over 10 million raw events (issue 16)",
        "Raw events written by the database itself over 13 months (resource views and "
        "downloads of 20,000 resources by 200,000 pseudonyms, searches over 5,000 queries), "
        "rolled up day by day with `insight_rollup_day` (what the clock runs each hour for "
        f"today), then `GET /staff/insight/` (default filters) as staff {args.runs} times "
        f"with the cache cleared before each (cold) and {args.runs} times warm, after one "
        "request that loads the code.",
        "",
        "| database | raw events | written in | rolled up in | cold p50 / p95 | warm p50 / p95 |",
        "|---|---|---|---|---|---|",
    ]
    for found in dashboards:
        cold, warm = found["timings"]["cold"], found["timings"]["warm"]
        lines.append(
            f"| {found['vendor']} | {found['events']:,} | {found['fill_s']:.0f} s | "
            f"{found['rollup_s']:.0f} s | {percentile(cold, 50):.0f} / "
            f"{percentile(cold, 95):.0f} ms | {percentile(warm, 50):.0f} / "
            f"{percentile(warm, 95):.0f} ms |"
        )
    return lines


def quality_lines(overall: dict) -> list[str]:
    def cell(value) -> str:
        return "-" if value is None else f"{value:.2f}"

    return [
        "## Usage analytics: search forecasts against baselines (issue 16)",
        "**Forecasts** of weekly searches (the top queries and level x subject cells, per "
        "region and both together) on the demo's generated history: a rolling-origin backtest "
        f"over the last {overall['backtest_weeks']} weeks, {overall['horizon']} weeks ahead, "
        f"{overall['tested']} of {overall['series']} series long enough for all three methods.",
        "",
        "| method | mean MASE | mean MAE (searches a week) |",
        "|---|---|---|",
        f"| Poisson regression on the school calendar | {cell(overall['mase_model'])} | "
        f"{cell(overall['mae_model'])} |",
        f"| seasonal naive (same week last year) | {cell(overall['mase_seasonal'])} | "
        f"{cell(overall['mae_seasonal'])} |",
        f"| last value | {cell(overall['mase_last'])} | {cell(overall['mae_last'])} |",
        "",
        f"The model beats both baselines on {overall['model_beats_both']} of {overall['tested']} "
        "series. The history is generated from the same school calendar the model uses "
        "(site/demo/usage.py), so these figures flatter the model: they show that it finds "
        "what such data holds, not how well it will forecast real teachers' searches. "
        'Recommendations are measured by bench/recommend.py (section "Recommendations at a '
        'point in time").',
    ]


if __name__ == "__main__":
    main()
