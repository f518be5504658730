"""Relevance of search on the demo (issue 13, point 10): does a teacher's query put the right
resources on the first page?

Runs every query of ``bench/relevance_set.json`` through the search page's own path
(``search.queries.search_resources``, in the query's region and interface language, with
no filter) against the demo that ``staffroom demo`` builds, and prints per category:

- nDCG@10: the first ten results scored with the judged grades (gain 2^grade - 1, discounted
  by log2 of the position + 1) over the best ten the demo holds;
- P@10: the share of the first ten results shown that are relevant (grade 1 or 2);
- first right: the share of queries whose first result has grade 2 ("should be on top");
- for the queries the demo has no answer to: how many of them showed results, how many
  results their first pages showed, and how many of those were labelled as found with
  similar words (or, where the engine has it, with only some of the words).

The set file is a list of queries: ``{"query", "region" ("fl"/"nl", the viewer's region),
"language" (the interface language), "category", "relevant": {title: grade}, "note"}``.
Grade 2 is what should be on top, 1 fine on the first page; no-answer queries have none. A
title names every published demo resource with that title; "title @ code,code" only those of
them tagged with exactly these levels (where one title is judged apart per level).

    .venv/bin/python bench/relevance.py [--var DIR] [--json | --markdown] [--queries]
        [--floor]

Without ``--var`` the demo is built in a temporary folder (migrate, ``staffroom demo``,
about 40 s) and removed afterwards; with ``--var`` the demo database in that folder is used
(built there first when it holds no resources). Either way the resources' index is rebuilt
first, so it is complete. ``--floor`` exits with 1 when a figure is below its floor in
``FLOORS`` (or a no-answer count above its ceiling in ``CEILINGS``): CI's regression check.
Exit status 2: the set names a resource the demo does not hold.
"""

import argparse
import json
import math
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SET_FILE = ROOT / "bench" / "relevance_set.json"
COMMAND = ".venv/bin/python bench/relevance.py"

CATEGORIES = (
    "curriculum",
    "abbreviation",
    "compound",
    "typo",
    "synonym",
    "topic",
    "language-en",
    "language-fr",
    "language-de",
    "accessibility",
    "no-answer",
)
REGIONS = ("fl", "nl")
LANGUAGES = ("nl", "en", "fr", "de")
CUTOFF = 10
ALL = "all"

# The figures of 2026-12-07 after issue 13's engine work, rounded down by about 0.01: they
# catch a regression. Issue 13's goals (the first result right for 90% of the answerable
# queries, nDCG@10 0.8, nothing labelled as similar words for a query with no answer) are met
# today; raise the floors as the engine improves.
# Issue 17 added 25 distance-learning resources to the demo; with the engine unchanged, the
# corpus statistics that moved tipped one near tie: for the French "Première Guerre mondiale"
# the Dutch "De Eerste Wereldoorlog in vijf bronnen" (graded 1) now edges out the French
# article (2). The first-right figure is 85 of 95 (89%, below issue 13's 90% goal) and
# French nDCG 0.859; their floors follow, until the reader's language weighs more in ties.
FLOORS: dict[str, dict[str, float]] = {
    ALL: {"ndcg": 0.86, "precision": 0.85, "first_right": 0.89},
    "curriculum": {"ndcg": 0.87},
    "abbreviation": {"ndcg": 0.81},
    "compound": {"ndcg": 0.82},
    "typo": {"ndcg": 0.87},
    "synonym": {"ndcg": 0.93},
    "topic": {"ndcg": 0.89},
    "language-en": {"ndcg": 0.83},
    "language-fr": {"ndcg": 0.85},
    "language-de": {"ndcg": 0.84},
    "accessibility": {"ndcg": 0.78},
}
# For the queries with no answer in the demo: at most this many results on their first pages,
# and at most this many of them labelled as found with similar words (lower them as they fall).
CEILINGS: dict[str, int] = {"shown": 9, "similar": 0}


@dataclass(frozen=True)
class Case:
    query: str
    region: str
    language: str
    category: str
    relevant: dict[str, int]
    note: str = ""

    @property
    def answerable(self) -> bool:
        return bool(self.relevant)


@dataclass
class Outcome:
    """What one query showed and how it scores."""

    case: Case
    shown: int  # results on the first page
    total: int  # results found
    similar: bool  # labelled "these results contain similar words"
    partial: bool  # labelled as matching only some of the words (when the engine has it)
    top: list[tuple[str, int]] = field(default_factory=list)  # first ten: (title, grade)
    ndcg: float = 0.0
    precision: float = 0.0
    first_right: bool = False


def load_set(path: Path = SET_FILE) -> list[Case]:
    return [
        Case(
            query=item["query"],
            region=item["region"],
            language=item["language"],
            category=item["category"],
            relevant=dict(item.get("relevant", {})),
            note=item.get("note", ""),
        )
        for item in json.loads(path.read_text(encoding="utf-8"))
    ]


def split_key(key: str) -> tuple[str, tuple[str, ...]]:
    """("title", ()) or ("title", ("level", ...)) for "title @ level,level"."""
    title, marker, levels = key.rpartition(" @ ")
    if not marker:
        return key, ()
    return title, tuple(sorted(code.strip() for code in levels.split(",")))


def grade(relevant: Mapping[str, int], title: str, levels: Iterable[str]) -> int:
    """The judged grade of a resource with this title and these level codes (0: not judged
    relevant)."""
    exact = f"{title} @ {','.join(sorted(levels))}"
    return relevant.get(exact, relevant.get(title, 0))


def dcg(grades: Iterable[int]) -> float:
    return sum((2**g - 1) / math.log2(position + 2) for position, g in enumerate(grades))


def ndcg(shown: list[int], available: list[int], cutoff: int = CUTOFF) -> float:
    """nDCG@cutoff of the grades shown, against the best order of the grades available."""
    ideal = dcg(sorted(available, reverse=True)[:cutoff])
    return dcg(shown[:cutoff]) / ideal if ideal else 0.0


def precision(shown: list[int], cutoff: int = CUTOFF) -> float:
    """The share of the first ``cutoff`` results shown that are relevant."""
    first = shown[:cutoff]
    return sum(1 for g in first if g > 0) / len(first) if first else 0.0


def score(outcome: Outcome, available: list[int]) -> Outcome:
    grades = [g for _, g in outcome.top]
    if outcome.case.answerable:
        outcome.ndcg = ndcg(grades, available)
        outcome.precision = precision(grades)
        outcome.first_right = bool(grades) and grades[0] == 2
    return outcome


def summarise(outcomes: list[Outcome]) -> dict[str, dict[str, float]]:
    """Per category and for all answerable queries: queries, nDCG@10, P@10, first right;
    for no-answer: queries with results, results shown, of them labelled similar."""
    summary: dict[str, dict[str, float]] = {}
    groups: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        groups.setdefault(outcome.case.category, []).append(outcome)
    answerable = [o for o in outcomes if o.case.answerable]
    groups[ALL] = answerable
    for name, members in groups.items():
        if name == "no-answer":
            summary[name] = {
                "queries": len(members),
                "with_results": sum(1 for o in members if o.shown),
                "shown": sum(o.shown for o in members),
                "similar": sum(o.shown for o in members if o.similar),
                "partial": sum(o.shown for o in members if o.partial),
            }
        elif members:
            summary[name] = {
                "queries": len(members),
                "ndcg": sum(o.ndcg for o in members) / len(members),
                "precision": sum(o.precision for o in members) / len(members),
                "first_right": sum(o.first_right for o in members) / len(members),
            }
    order = {name: index for index, name in enumerate((*CATEGORIES, ALL))}
    return dict(sorted(summary.items(), key=lambda item: order.get(item[0], len(order))))


def below_floor(summary: Mapping[str, Mapping[str, float]]) -> list[str]:
    """What is below its floor or above its ceiling, as sentences; empty when all is well."""
    problems = []
    for name, floors in FLOORS.items():
        for metric, floor in floors.items():
            value = summary.get(name, {}).get(metric)
            if value is None or value < floor:
                problems.append(f"{name} {metric} {value} is below its floor {floor}")
    no_answer = summary.get("no-answer", {})
    for metric, ceiling in CEILINGS.items():
        value = no_answer.get(metric, 0)
        if value > ceiling:
            problems.append(f"no-answer {metric} {value:.0f} is above its ceiling {ceiling}")
    return problems


# --- running the queries (needs Django) ----------------------------------------------------


def setup_django(var: Path) -> None:
    """Django on the demo database in ``var``: SQLite and the default (Tantivy) backend,
    whatever the environment names, so the run never touches another database."""
    os.environ["STAFFROOM_VAR"] = str(var)
    os.environ.setdefault("STAFFROOM_DEBUG", "1")
    for name in ("DATABASE_URL", "SEARCH_BACKEND", "SEARCH_INDEX_DIR"):
        os.environ.pop(name, None)
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "staffroom.settings")
    import django

    django.setup()


def prepare_demo(log) -> None:
    """Migrate, build the demo when the database holds no resources, rebuild the index."""
    from django.core.management import call_command

    from staffroom.resources.models import Resource

    call_command("migrate", verbosity=0)
    if not Resource.objects.exists():
        started = time.monotonic()
        call_command("demo", stdout=StringIO())
        log(f"demo built in {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    call_command("search", "reindex", "--collection", "resources", stdout=StringIO())
    log(f"index rebuilt in {time.monotonic() - started:.1f} s")


def published_resources() -> list[tuple[str, tuple[str, ...]]]:
    """(title, level codes) of every published resource."""
    from staffroom.resources.models import Resource

    return [
        (resource.title, tuple(level.code for level in resource.levels.all()))
        for resource in Resource.objects.published().prefetch_related("levels")
    ]


def unknown_keys(cases: list[Case], resources: list[tuple[str, tuple[str, ...]]]) -> list[str]:
    """Judged keys that match no published resource (the set and the demo disagree)."""
    titles = {title for title, _ in resources}
    exact = {(title, tuple(sorted(levels))) for title, levels in resources}
    unknown = []
    for case in cases:
        for key in case.relevant:
            title, levels = split_key(key)
            if (title, levels) not in exact if levels else title not in titles:
                unknown.append(f"{case.query!r}: {key!r}")
    return unknown


def run_case(case: Case, resources: list[tuple[str, tuple[str, ...]]]) -> Outcome:
    from django.utils import translation

    from staffroom.search.queries import search_resources

    languages = tuple(dict.fromkeys((case.language, *LANGUAGES)))
    with translation.override(case.language):
        page = search_resources(case.query, {}, 1, region=case.region, languages=languages)
    rows = list(page.page.object_list)
    top = [
        (row.title, grade(case.relevant, row.title, [level.code for level in row.levels.all()]))
        for row in rows[:CUTOFF]
    ]
    outcome = Outcome(
        case=case,
        shown=len(rows),
        total=page.page.paginator.count,
        similar=bool(page.similar_words),
        partial=bool(getattr(page, "relaxed", False)),
        top=top,
    )
    available = [grade(case.relevant, title, levels) for title, levels in resources]
    return score(outcome, [g for g in available if g])


# --- output -----------------------------------------------------------------------------------


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return ", ".join(
        part
        for part in (
            f"{platform.system()} {platform.machine()}",
            cpu,
            f"{os.cpu_count()} cores",
            f"Python {platform.python_version()}",
        )
        if part
    )


def table(summary: Mapping[str, Mapping[str, float]], markdown: bool = False) -> list[str]:
    head = ["category", "queries", "nDCG@10", "P@10", "first right"]
    rows = []
    for name, figures in summary.items():
        if name == "no-answer":
            continue
        rows.append(
            [
                "all answerable" if name == ALL else name,
                f"{figures['queries']:.0f}",
                f"{figures['ndcg']:.3f}",
                f"{figures['precision']:.3f}",
                f"{figures['first_right']:.0%}",
            ]
        )
    lines = []
    if markdown:
        lines += ["| " + " | ".join(head) + " |", "|---" * len(head) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
    else:
        widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
        for row in [head, *rows]:
            lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))
    no_answer = summary.get("no-answer")
    if no_answer:
        lines += [
            "",
            f"No answer in the demo ({no_answer['queries']:.0f} queries): "
            f"{no_answer['with_results']:.0f} showed results, {no_answer['shown']:.0f} results "
            f"in all on their first pages, {no_answer['similar']:.0f} of them labelled as "
            f"similar words, {no_answer['partial']:.0f} as matching some of the words.",
        ]
    return lines


def query_lines(outcomes: list[Outcome]) -> list[str]:
    lines = []
    for o in outcomes:
        first = f"{o.top[0][0]!r} ({o.top[0][1]})" if o.top else "nothing"
        label = " similar" if o.similar and o.shown else ""
        label += " partial" if o.partial and o.shown else ""
        if o.case.answerable:
            mark = "ok  " if o.first_right else "MISS"
            lines.append(
                f"{mark} {o.case.category:13} {o.case.query!r} [{o.case.region}/"
                f"{o.case.language}] nDCG {o.ndcg:.2f} P@10 {o.precision:.2f} "
                f"found {o.total}{label}; first: {first}"
            )
        else:
            mark = "ok  " if not o.shown else "JUNK"
            lines.append(
                f"{mark} {o.case.category:13} {o.case.query!r} [{o.case.region}/"
                f"{o.case.language}] shown {o.shown} of {o.total}{label}; first: {first}"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--var", type=Path, help="use (or build) the demo in this folder")
    parser.add_argument("--set", type=Path, default=SET_FILE, help="the relevance set")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="machine-readable output")
    output.add_argument("--markdown", action="store_true", help="the table for the docs")
    parser.add_argument("--queries", action="store_true", help="a line per query")
    parser.add_argument("--floor", action="store_true", help="exit 1 below a floor")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr if args.json else sys.stdout)

    cases = load_set(args.set)
    started = time.monotonic()
    var = args.var.resolve() if args.var else Path(tempfile.mkdtemp(prefix="staffroom-relevance-"))
    try:
        setup_django(var)
        prepare_demo(log)
        resources = published_resources()
        unknown = unknown_keys(cases, resources)
        if unknown:
            log("The set names resources the demo does not hold:\n  " + "\n  ".join(unknown))
            return 2
        searching = time.monotonic()
        outcomes = [run_case(case, resources) for case in cases]
        search_seconds = time.monotonic() - searching
    finally:
        if not args.var:
            shutil.rmtree(var, ignore_errors=True)
    summary = summarise(outcomes)
    problems = below_floor(summary) if args.floor else []
    seconds = time.monotonic() - started
    if args.json:
        print(
            json.dumps(
                {
                    "date": date.today().isoformat(),
                    "machine": machine(),
                    "seconds": round(seconds, 1),
                    "summary": summary,
                    "floors": FLOORS,
                    "ceilings": CEILINGS,
                    "below_floor": problems,
                    "queries": [
                        {
                            **asdict(o.case),
                            **{k: v for k, v in asdict(o).items() if k != "case"},
                        }
                        for o in outcomes
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        if args.queries:
            print("\n".join(query_lines(outcomes)), end="\n\n")
        if args.markdown:
            print(
                f"`{COMMAND}` on {date.today().isoformat()}, {machine()}: "
                f"{len(cases)} queries, {len(resources)} published demo resources.\n"
            )
        print("\n".join(table(summary, markdown=args.markdown)))
        print(
            f"\n{len(cases)} queries in {search_seconds:.1f} s; {seconds:.0f} s in all.",
            *(["Below the floor:", *problems] if problems else []),
            sep="\n",
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
