"""Search benchmark (issue 3): latency of the Tantivy backend at 200,000 resources.

Builds a synthetic corpus from the real vocabularies (levels, subjects, types of both
regions) with nl/en/fr/de text, indexes it into a temporary folder, and measures the median
and p95 latency of at least 200 queries of each kind (broad, mixed with filters, with typos),
each with every facet count, next to the raw engine query alone (the floor). Writes the
figures to docs/benchmarks.md.

    STAFFROOM_DEBUG=1 .venv/bin/python bench/search.py [--resources 200000] [--queries 200]

Not yet measured here: the PostgreSQL backend and the search page's requests per second
under the production server (both are issue 3 work still to do).
"""

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "staffroom.settings")
os.environ.setdefault("STAFFROOM_DEBUG", "1")

import django  # noqa: E402

django.setup()

import tantivy  # noqa: E402

from staffroom.search.backends.base import SearchRequest  # noqa: E402
from staffroom.search.backends.tantivy_backend import TantivyBackend  # noqa: E402

DATA = ROOT / "src/staffroom/curriculum/data"
# Everyday teaching words per language, from which titles and texts are drawn.
TEXTS = {
    "nl": """
        breuken rekenen lezen schrijven spelling werkwoorden tafels klok geld meten
        wegen fotosynthese planten dieren water kringloop klimaat energie verkeer gezond
        voeding geschiedenis oorlog europa kaart lezen programmeren robot muziek tekenen
        sport
    """,
    "en": """
        fractions reading writing spelling verbs times tables clock money measuring
        plants animals water cycle climate energy traffic healthy food history war
        europe map coding robot music drawing sport photosynthesis grammar vocabulary
    """,
    "fr": """
        fractions lecture écriture orthographe verbes conjugaison horloge argent mesurer
        plantes animaux eau cycle climat énergie circulation santé alimentation histoire
        guerre europe carte programmation musique dessin sport vocabulaire
    """,
    "de": """
        brüche lesen schreiben rechtschreibung verben einmaleins uhr geld messen
        pflanzen tiere wasser kreislauf klima energie verkehr gesundheit ernährung
        geschichte krieg europa karte programmieren musik zeichnen sport wortschatz
    """,
}
WORDS = {language: text.split() for language, text in TEXTS.items()}
LANGUAGE_WEIGHTS = [("nl", 0.62), ("en", 0.18), ("fr", 0.11), ("de", 0.09)]
LICENCES = ["cc0", "cc-by", "cc-by-sa", "cc-by-nc", "cc-by-nc-sa", "cc-by-nd", "cc-by-nc-nd"]


def vocabulary():
    levels = json.loads((DATA / "levels.json").read_text())
    subjects = json.loads((DATA / "subjects.json").read_text())
    types = json.loads((DATA / "resource_types.json").read_text())
    return levels, subjects, types


def corpus(count: int, rng: random.Random):
    levels, subjects, types = vocabulary()
    languages = [code for code, _ in LANGUAGE_WEIGHTS]
    weights = [weight for _, weight in LANGUAGE_WEIGHTS]
    for pk in range(1, count + 1):
        language = rng.choices(languages, weights)[0]
        words = WORDS[language]
        tagged_levels = rng.sample(levels, rng.randint(1, 3))
        tagged_subjects = rng.sample(subjects, rng.randint(1, 2))
        # Filter values as documents.py precomputes them: the term and its ancestors.
        level_codes = {level["code"] for level in tagged_levels} | {
            level["parent"] for level in tagged_levels if level["parent"]
        }
        subject_codes = {subject["code"] for subject in tagged_subjects}
        labels = [
            term["label"][lang] for term in tagged_levels + tagged_subjects for lang in ("nl", "en")
        ]
        yield {
            "id": pk,
            "language": language,
            "title": " ".join(rng.sample(words, 4)).capitalize(),
            "description": " ".join(rng.choices(words, k=30)),
            "keywords": " ".join(rng.sample(words, 3)),
            "author": f"Auteur {rng.randint(1, 20000)}",
            "body": " ".join(rng.choices(words, k=150)),
            "vocabulary": " ".join(labels),
            "level": sorted(level_codes),
            "subject": sorted(subject_codes),
            "type": rng.choice(types)["code"],
            "licence": rng.choice(LICENCES),
            "kind": rng.choices(["file", "link", "embed"], [0.8, 0.15, 0.05])[0],
            "publisher": f"member:{rng.randint(1, 20000)}",
            "published": rng.randint(1_500_000_000, 1_790_000_000),
            "downloads": int(rng.paretovariate(1.2)),
        }


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def queries(kind: str, count: int, rng: random.Random):
    levels, subjects, _types = vocabulary()
    for _ in range(count):
        language = rng.choice(list(WORDS))
        words = WORDS[language]
        if kind == "broad":
            yield SearchRequest(text=rng.choice(words), limit=20)
        elif kind == "mixed":
            yield SearchRequest(
                text=" ".join(rng.sample(words, 2)),
                filters={"level": rng.choice(levels)["code"], "licence": rng.choice(LICENCES)}
                if rng.random() < 0.7
                else {"subject": rng.choice(subjects)["code"]},
                limit=20,
            )
        else:
            yield SearchRequest(text=typo(rng.choice(words), rng), limit=20, fuzzy=1)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--resources", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    rng = random.Random(2020)

    folder = tempfile.mkdtemp(prefix="staffroom-bench-")
    backend = TantivyBackend(folder)
    started = time.perf_counter()
    batch = []
    for document in corpus(args.resources, rng):
        batch.append(document)
        if len(batch) == 20_000:
            backend.index_documents(batch)
            batch = []
    if batch:
        backend.index_documents(batch)
    build_seconds = time.perf_counter() - started
    print(f"indexed {args.resources} resources in {build_seconds:.0f} s")

    rows = []
    for kind in ("broad", "mixed", "typos"):
        full, floor, totals = [], [], []
        for request in queries(kind, args.queries, rng):
            searcher = backend._searcher()
            query = backend._query(request)
            t0 = time.perf_counter()
            searcher.search(query, limit=20)
            floor.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            result = backend.search(request)
            full.append((time.perf_counter() - t0) * 1000)
            totals.append(result.total)
        rows.append(
            (
                kind,
                statistics.median(full),
                percentile(full, 0.95),
                statistics.median(floor),
                percentile(floor, 0.95),
                statistics.median(totals),
            )
        )
        print(
            f"{kind:6} full p50 {rows[-1][1]:.1f} ms p95 {rows[-1][2]:.1f} ms | "
            f"engine p50 {rows[-1][3]:.1f} ms p95 {rows[-1][4]:.1f} ms | "
            f"median matches {rows[-1][5]:.0f}"
        )

    if args.no_write:
        return
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        "## Search: Tantivy backend",
        "",
        f"`STAFFROOM_DEBUG=1 .venv/bin/python bench/search.py --resources {args.resources} "
        f"--queries {args.queries}` on {date.today().isoformat()}, {machine}, "
        f"{tantivy.__version__}.",
        "",
        f"Synthetic corpus of {args.resources:,} resources from the real vocabularies "
        f"(nl/en/fr/de text, 1-3 levels and 1-2 subjects each); index built in "
        f'{build_seconds:.0f} s. "Full" is `TantivyBackend.search`: the page of 20 hits '
        'plus exact counts for all seven facets over every match. "Engine" is the raw '
        "query alone (the floor).",
        "",
        "| queries | full p50 | full p95 | engine p50 | engine p95 | median matches |",
        "|---|---|---|---|---|---|",
    ]
    for kind, p50, p95, e50, e95, matches in rows:
        lines.append(
            f"| {args.queries} {kind} | {p50:.1f} ms | {p95:.1f} ms | {e50:.1f} ms | "
            f"{e95:.1f} ms | {matches:.0f} |"
        )
    lines += ["", "Not measured yet: the PostgreSQL backend and the search page's throughput.", ""]
    target = ROOT / "docs/benchmarks.md"
    existing = target.read_text() if target.exists() else "# Benchmarks\n\n"
    marker = "## Search: Tantivy backend"
    if marker in existing:
        before, _, rest = existing.partition(marker)
        after = rest.split("\n## ", 1)
        existing = before + ("## " + after[1] if len(after) > 1 else "")
    target.write_text(existing.rstrip("\n") + "\n\n" + "\n".join(lines))
    print(f"written to {target}")


if __name__ == "__main__":
    main()
