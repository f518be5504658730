"""OAI-PMH data provider (issue 7): harvesting 200,000 records from our own /oai.

Prepares a database in a temporary folder with N published resources (bulk inserted, with
levels and subjects), builds their OAI records with ``staffroom oai rebuild``, serves the site
with gunicorn as in production (2 sync workers, DEBUG off) and harvests every ListRecords
page in oai_dc with oaipmh-scythe in a separate process. Reports records per second, pages,
and the resident memory of the harvester and of the gunicorn workers at 10%, 50% and 90% of
the harvest (flat means it does not grow with the list); then times set-restricted harvests:
a common set, a rare one, a rare set reached only through the hierarchy (``subject:fl-kt``:
its records are tagged with the narrower ``fl-gri``) and the first pages of a broad one
(``level:fl-bao``), and in the same run what the same set queries cost when matched in the
records' JSON column as before the (set, record) table (jsonb containment on PostgreSQL, a
text search on SQLite). Last, a 5,000-character resumption token by GET.

    .venv/bin/python bench/oai.py [--records 200000] [--no-write]

``--no-write`` prints the section instead of writing it into docs/benchmarks.md.

With DATABASE_URL set (e.g. postgres://postgres@127.0.0.1:5432/staffroom_bench_oai, created
empty first) the run uses PostgreSQL instead of SQLite.
"""

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from benchtools import children, django_setup, free_port, rss_kib, run, wait_until_up, write_section

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
COMMAND = ".venv/bin/python bench/oai.py"
CHECKPOINTS = (0.1, 0.5, 0.9)
COMMON_SET = "level:fl-lo-3"
# Tagged on one resource in 10,000 only: its parent "fl-kt" is the rare hierarchical set.
RARE_TERM, RARE_SET = "fl-gri", "subject:fl-kt"
BROAD_SET, BROAD_PAGES = "level:fl-bao", 50


# --- steps run in child processes ---


def step_resources(count: int) -> None:
    """``count`` published link resources by 2,000 members and 20 organisations, each with one
    or two levels and subjects of its region, a type, a licence and keywords."""
    django_setup()
    from django.db import transaction

    from staffroom.accounts.models import Member, Organisation
    from staffroom.curriculum.models import Level, ResourceType, Subject
    from staffroom.resources.models import Resource

    rng = random.Random(7)
    levels = {
        r: list(Level.objects.filter(region=r).values_list("pk", flat=True)) for r in ["fl", "nl"]
    }
    rare_branch = Subject.objects.filter(code__in=["fl-kt", "fl-lat", RARE_TERM])
    subjects = {
        r: list(
            Subject.objects.filter(region=r)
            .exclude(pk__in=rare_branch)
            .values_list("pk", flat=True)
        )
        for r in ["fl", "nl"]
    }
    rare = Subject.objects.get(code=RARE_TERM).pk
    common = Level.objects.get(code="fl-lo-3").pk
    types = list(ResourceType.objects.values_list("pk", flat=True))
    licences = ["cc-by", "cc-by-sa", "cc0", "cc-by-nc", "cc-by-nc-sa"]
    Member.objects.bulk_create(
        [
            Member(email=f"oai{n}@bench.staffroom.invalid", name=f"Leerkracht {n}", password="!")  # noqa: S106 - unusable
            for n in range(2000)
        ]
    )
    members = list(Member.objects.values_list("pk", flat=True))
    Organisation.objects.bulk_create(
        [Organisation(name=f"Uitgeverij {n}", slug=f"uitgeverij-{n}") for n in range(20)]
    )
    organisations = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
    start = datetime(2021, 1, 1, tzinfo=UTC)
    chunk = 5000
    for offset in range(0, count, chunk):
        size = min(chunk, count - offset)
        with transaction.atomic():
            rows = []
            for n in range(offset, offset + size):
                published = start + timedelta(minutes=7 * n)
                rows.append(
                    Resource(
                        title=f"Werkblad {n}: breuken vergelijken en ordenen",
                        description="Een werkblad om breuken te leren vergelijken, met "
                        "oplossingen voor de leerkracht en een differentiatieblad.",
                        language="nl" if n % 7 else "en",
                        kind="link",
                        url=f"https://example.org/materiaal/{n}",
                        resource_type_id=types[n % len(types)],
                        keywords=["breuken", f"thema-{n % 50}"],
                        licence=licences[n % len(licences)],
                        contributor_id=members[n % len(members)],
                        # One in 10,000 from the last organisation: a rare set.
                        organisation_id=(
                            organisations[-1]
                            if n % 10_000 == 0
                            else organisations[n % 19]
                            if n % 4 == 0
                            else None
                        ),
                        status="published",
                        published_at=published,
                        checked_at=published,
                    )
                )
            Resource.objects.bulk_create(rows)
            created = list(Resource.objects.order_by("-pk").values_list("pk", flat=True)[:size])
            level_rows, subject_rows = [], []
            for resource_id in created:
                region = "fl" if resource_id % 5 < 3 else "nl"
                picked = set(rng.sample(levels[region], rng.randint(1, 2)))
                if resource_id % 4 == 0:
                    picked.add(common)
                level_rows += [
                    Resource.levels.through(resource_id=resource_id, level_id=level)
                    for level in picked
                ]
                picked = set(rng.sample(subjects[region], rng.randint(1, 2)))
                if resource_id % 10_000 == 5_000:
                    picked.add(rare)
                subject_rows += [
                    Resource.subjects.through(resource_id=resource_id, subject_id=subject)
                    for subject in picked
                ]
            Resource.levels.through.objects.bulk_create(level_rows, batch_size=5000)
            Resource.subjects.through.objects.bulk_create(subject_rows, batch_size=5000)
    print(Resource.objects.count())


def step_harvest(url: str, set_spec: str, server_pid: int, max_pages: int = 0) -> None:
    """Harvest every ListRecords page (oai_dc), or the first ``max_pages``; sample memory at
    the checkpoints."""
    import resource

    from oaipmh_scythe import HTTPConfig, Scythe
    from oaipmh_scythe.iterator import OAIResponseIterator

    started = time.perf_counter()
    records = pages = deleted = 0
    size = None
    pending = list(CHECKPOINTS)
    samples = {}
    query = {"metadata_prefix": "oai_dc"} | ({"set_": set_spec} if set_spec else {})
    with Scythe(url, http_config=HTTPConfig(timeout=120), iterator=OAIResponseIterator) as oai:
        first_page_seconds = None
        for response in oai.list_records(**query):
            pages += 1
            root = response.xml
            ns = "{http://www.openarchives.org/OAI/2.0/}"
            found = root.findall(f".//{ns}record")
            records += len(found)
            deleted += sum(1 for r in found if r.find(f"{ns}header").get("status") == "deleted")
            if first_page_seconds is None:
                first_page_seconds = time.perf_counter() - started
            token = root.find(f".//{ns}resumptionToken")
            if size is None:
                size = int(token.get("completeListSize")) if token is not None else records
            while pending and records >= pending[0] * size:
                workers = children(server_pid)
                samples[str(pending.pop(0))] = {
                    "harvester": rss_kib(os.getpid()),
                    "workers": [rss_kib(pid) for pid in workers],
                }
            if max_pages and pages >= max_pages:
                break
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "records": records,
                "deleted": deleted,
                "pages": pages,
                "size": size,
                "seconds": seconds,
                "first_page_seconds": first_page_seconds,
                "samples": samples,
                "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
        )
    )


def step_set_queries(specs: list[str]) -> None:
    """The queries of a set's first page (its count and 101 keys) and of a page half-way
    through, as ListRecords makes them from the (set, record) index ("table"), and as they
    were made by matching the records' JSON column ("json"): median of 5 runs, milliseconds."""
    django_setup()
    import json as json_module
    import statistics

    from django.db import connection
    from django.db.models import F, TextField, Value
    from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan
    from django.db.models.functions import Cast, StrIndex

    from staffroom.interop.models import OaiRecord
    from staffroom.interop.oai.sets import set_rows

    def json_rows(spec):
        records = OaiRecord.objects.all()
        if connection.vendor == "postgresql":
            return records.filter(set_specs__contains=[spec]), "id"
        found = StrIndex(Cast("set_specs", TextField()), Value(json_module.dumps(spec)))
        return records.alias(in_set=found).filter(in_set__gt=0), "id"

    def table_rows(spec):
        return set_rows(spec), "record_id"

    def page(rows, key, after=None):
        if after is not None:
            rows = rows.filter(datestamp__gte=after[0]).filter(
                TupleGreaterThan(Tuple(F("datestamp"), F(key)), after)
            )
        return list(rows.order_by("datestamp", key).values_list("datestamp", key)[:101])

    def median_ms(work):
        times = []
        for _ in range(5):
            started = time.perf_counter()
            work()
            times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times)

    results = {}
    for spec in specs:
        rows, key = table_rows(spec)
        size = rows.count()
        keys = list(rows.order_by("datestamp", key).values_list("datestamp", key)[size // 2 :][:1])
        middle = keys[0] if keys else None
        results[spec] = {"size": size}
        for name, make in (("table", table_rows), ("json", json_rows)):
            rows, key = make(spec)
            results[spec][name] = {
                "first": median_ms(lambda rows=rows, key=key: (rows.count(), page(rows, key))),
                "middle": median_ms(
                    lambda rows=rows, key=key, middle=middle: page(rows, key, middle)
                )
                if middle
                else None,
            }
    print(json_module.dumps(results))


def step_list_sets(url: str) -> None:
    """ListSets through every page: sets listed, pages and seconds."""
    import urllib.parse
    import urllib.request

    from lxml import etree

    ns = "{http://www.openarchives.org/OAI/2.0/}"
    started = time.perf_counter()
    query, sets, pages, first = {"verb": "ListSets"}, 0, 0, None
    while True:
        with urllib.request.urlopen(f"{url}?{urllib.parse.urlencode(query)}") as response:  # noqa: S310 - bench server
            root = etree.fromstring(response.read())
        pages += 1
        first = first or time.perf_counter() - started
        sets += len(root.findall(f".//{ns}set"))
        token = root.find(f".//{ns}resumptionToken")
        if token is None or not token.text:
            break
        query = {"verb": "ListSets", "resumptionToken": token.text}
    print(
        json.dumps(
            {"sets": sets, "pages": pages, "seconds": time.perf_counter() - started, "first": first}
        )
    )


def long_token(url: str) -> dict:
    """What a GET with a 5,000-character resumption token gets: status and error code."""
    import urllib.error
    import urllib.request

    from lxml import etree

    try:
        with urllib.request.urlopen(  # noqa: S310 - bench server
            f"{url}?verb=ListRecords&resumptionToken={'x' * 5000}"
        ) as response:
            root = etree.fromstring(response.read())
            error = root.find(".//{http://www.openarchives.org/OAI/2.0/}error")
            return {
                "status": response.status,
                "code": error.get("code") if error is not None else "",
            }
    except urllib.error.HTTPError as error:
        return {"status": error.code, "code": ""}


# --- the run ---


def child(step: str, *extra: str) -> list[str]:
    return [PYTHON, str(Path(__file__).resolve()), "--step", step, *extra]


def harvest(env, url: str, server_pid: int, set_spec: str = "", max_pages: int = 0) -> dict:
    output = run(
        child(
            "harvest",
            "--url",
            url,
            "--set",
            set_spec,
            "--server-pid",
            str(server_pid),
            "--max-pages",
            str(max_pages),
        ),
        env,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--set", default="", help=argparse.SUPPRESS)
    parser.add_argument("--server-pid", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--max-pages", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step == "resources":
        return step_resources(args.records)
    if args.step == "harvest":
        return step_harvest(args.url, args.set, args.server_pid, args.max_pages)
    if args.step == "set-queries":
        return step_set_queries(args.set.split(","))
    if args.step == "list-sets":
        return step_list_sets(args.url)

    folder = Path(tempfile.mkdtemp(prefix="staffroom-bench-oai-"))
    port = free_port()
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("STAFFROOM_DEBUG", "SEARCH_INDEX_DIR", "MEDIA_ROOT")
    } | {
        "STAFFROOM_VAR": str(folder),
        "SECRET_KEY": "bench-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STAFFROOM_HTTPS": "0",
        "SITE_URL": "https://staffroom.example.org",
    }
    database = "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    staffroom = [PYTHON, "-m", "staffroom"]
    server = None
    try:
        started = time.perf_counter()
        run([*staffroom, "migrate", "--verbosity", "0"], env)
        run(child("resources", "--records", str(args.records)), env, stdout=subprocess.DEVNULL)
        made = time.perf_counter() - started
        started = time.perf_counter()
        run([*staffroom, "oai", "rebuild", "--quiet"], env, stdout=subprocess.DEVNULL)
        rebuilt = time.perf_counter() - started
        print(f"{args.records} resources in {made:.0f} s, OAI records rebuilt in {rebuilt:.0f} s")

        server = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "staffroom.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--timeout",
                "120",
                # As staffroom serve starts it: a long resumption token reaches the OAI view.
                "--limit-request-line",
                "8190",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}/oai"
        wait_until_up(f"{url}?verb=Identify")
        idle = [rss_kib(pid) for pid in children(server.pid)]
        full = harvest(env, url, server.pid)
        print(
            f"full harvest: {full['records']} records in {full['pages']} pages, "
            f"{full['seconds']:.0f} s, {full['records'] / full['seconds']:.0f} records/s"
        )
        common = harvest(env, url, server.pid, COMMON_SET)
        rare = harvest(env, url, server.pid, "publisher:organisation-uitgeverij-19")
        print(
            f"set {COMMON_SET}: {common['records']} records in {common['seconds']:.1f} s; "
            f"rare set: {rare['records']} records in {rare['seconds']:.1f} s"
        )
        rare_tree = harvest(env, url, server.pid, RARE_SET)
        broad = harvest(env, url, server.pid, BROAD_SET, BROAD_PAGES)
        print(
            f"rare hierarchical set {RARE_SET}: {rare_tree['records']} records, "
            f"{rare_tree['seconds'] / rare_tree['pages']:.2f} s a page; broad set {BROAD_SET}: "
            f"{broad['size']} records, first {broad['pages']} pages at "
            f"{broad['seconds'] / broad['pages']:.2f} s a page"
        )
        listed = json.loads(
            run(child("list-sets", "--url", url), env, capture_output=True, text=True)
            .stdout.strip()
            .splitlines()[-1]
        )
        print(
            f"ListSets: {listed['sets']} sets in {listed['pages']} pages, {listed['seconds']:.2f} s"
        )
        too_long = long_token(url)
        print(f"5,000-character token by GET: {too_long}")
        queries = json.loads(
            run(
                child("set-queries", "--set", ",".join([RARE_SET, BROAD_SET, COMMON_SET])),
                env,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        print(json.dumps(queries))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
    assert full["records"] == args.records, full

    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"

    def mib(kib: int) -> str:
        return f"{kib / 1024:.0f}"

    memory_rows = [
        f"| {int(float(point) * 100)}% harvested | {mib(sample['harvester'])} | "
        + " / ".join(mib(kib) for kib in sample["workers"])
        + " |"
        for point, sample in full["samples"].items()
    ]
    lines = [
        "## OAI-PMH harvest",
        "",
        f"`{COMMAND} --records {args.records}` on {date.today().isoformat()}, {machine}, "
        f"{database}: {args.records} published resources (bulk inserted, 1-2 levels and "
        "subjects each), OAI records built by `staffroom oai rebuild`, served by gunicorn with "
        "2 sync workers and production settings (DEBUG off); harvested over HTTP by "
        "oaipmh-scythe in its own process on the same machine, ListRecords in oai_dc, 100 "
        "records a page (the default `OAI_PAGE_SIZE_RECORDS`).",
        "",
        f"- building the records (`staffroom oai rebuild`: every resource serialized in every "
        f"registered format for the digest): {rebuilt:.0f} s, "
        f"{args.records / rebuilt:.0f} resources/s;",
        f"- full harvest: **{full['records']} records in {full['pages']} pages, "
        f"{full['seconds']:.0f} s: {full['records'] / full['seconds']:.0f} records/s** "
        f"(first page {full['first_page_seconds'] * 1000:.0f} ms, with the list's count);",
        f"- set `{COMMON_SET}` (about a quarter of the records): {common['records']} records "
        f"in {common['pages']} pages, {common['seconds']:.1f} s "
        f"({common['records'] / common['seconds']:.0f} records/s);",
        f"- a rare set (one organisation, {rare['records']} records): {rare['seconds']:.1f} s "
        f"for {rare['pages']} page(s);",
        f"- **a rare hierarchical set** (`{RARE_SET}`, whose {rare_tree['records']} records "
        f"are tagged with the narrower `{RARE_TERM}` only): {rare_tree['pages']} page(s), "
        f"**{rare_tree['seconds'] / rare_tree['pages']:.2f} s a page** (before the (set, record) "
        "table this set was empty: records were in the sets of their own terms only);",
        f"- **a broad hierarchical set** (`{BROAD_SET}`, {broad['size']} records): the first "
        f"{broad['pages']} pages at **{broad['seconds'] / broad['pages']:.2f} s a page** "
        f"(first page {broad['first_page_seconds'] * 1000:.0f} ms, with the list's count);",
        f"- ListSets, every page: {listed['sets']} sets (sets without records left out) in "
        f"{listed['pages']} page(s), {listed['seconds']:.2f} s;",
        f"- a 5,000-character resumption token by GET: HTTP {too_long['status']}"
        + (f", `{too_long['code']}`" if too_long["code"] else "")
        + " (gunicorn started as `staffroom serve` starts it, with `--limit-request-line 8190`;"
        " the OAI view answers `badResumptionToken` to any token longer than it issues).",
        "",
        "The set queries alone, in the same run and on the same database (a child process "
        "timing the count and the 101 keys of the first page, and the keys of a page half-way "
        "through; median of 5, ms): from the (set, record) index as ListRecords makes them now, "
        "and matched in the records' JSON column as before (jsonb containment on PostgreSQL, a "
        "text search on SQLite; the column now holds the broader sets too, so the old "
        "query finds the same records):",
        "",
        "| set | records | first page: table | first page: JSON column | half-way: table "
        "| half-way: JSON column |",
        "|---|---|---|---|---|---|",
        *[
            f"| `{spec}` | {found['size']} | {found['table']['first']:.1f} | "
            f"{found['json']['first']:.1f} | "
            + " | ".join(
                f"{found[name]['middle']:.1f}" if found[name]["middle"] is not None else "-"
                for name in ("table", "json")
            )
            + " |"
            for spec, found in queries.items()
        ],
        "",
        "Resident memory (MiB) as the full harvest goes (gunicorn workers idle before: "
        + " / ".join(mib(kib) for kib in idle)
        + "):",
        "",
        "| point | harvester | gunicorn workers |",
        "|---|---|---|",
        *memory_rows,
        f"| peak of the harvester | {mib(full['peak_kib'])} | |",
        "",
        "Memory stays flat: each page is one keyset query on (datestamp, id) for 101 records, "
        "their resources in a fixed number of queries, and an lxml tree of 100 records; the "
        "resumption token carries the cursor, so nothing accumulates in the server between "
        "pages. A set's page reads the (set, record) table's index (spec, datestamp, record) "
        "for 101 keys, then those records by primary key: a rare set costs what a broad one "
        "does, and neither scans the records.",
    ]
    if args.no_write:
        print("\n".join(lines))
        return
    write_section(lines)


if __name__ == "__main__":
    main()
