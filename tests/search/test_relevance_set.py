"""The relevance set of bench/relevance.py is well-formed: enough queries of every kind, valid
categories, regions, languages and grades, and every judged resource one the demo makes.

(Whether the demo really holds each judged title is checked by bench/relevance.py itself, which
builds the demo: it stops with status 2 when the set names a resource the demo lacks.)"""

import importlib.util
import json
from collections import Counter
from functools import cache
from pathlib import Path

from staffroom.site.demo.content import load

ROOT = Path(__file__).resolve().parents[2]
SET_FILE = ROOT / "bench" / "relevance_set.json"


def _bench():
    """bench/relevance.py (a script, not a package), for the names it defines."""
    spec = importlib.util.spec_from_file_location("relevance", ROOT / "bench" / "relevance.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


LEVELS_FILE = ROOT / "src" / "staffroom" / "curriculum" / "data" / "levels.json"
TOPIC_FILES = ("maths", "science", "society", "languages", "life")

CATEGORIES = set(_bench().CATEGORIES)
KEYS = {"query", "region", "language", "category", "relevant", "note"}
# What reviewers of issue 13 saw fail; the set keeps them.
REVIEWED = {
    "rekenen groep 5",
    "groep 5",
    "brugklas",
    "aso",
    "kleuters",
    "havo 4",
    "Secundair onderwijs",
    "Lager onderwijs",
    "Groep 2",
    "klok lezen",
    "kleuters kleuren herkennen",
    "passe compose oefeningen",
    "rekenoefeningen",
    "tafeloefeningen",
    "kringloop",
    "water kringloop",
    "waterkringloop",
    "evaluatie rubric",
    "verkeersveiligheid fiets",
    "werkwoorden",
    "begrijpent lezen",
    "les over fotosynthese",
    "breuken AND procent",
    "dyslexie",
}


@cache
def relevance_set() -> list[dict]:
    return json.loads(SET_FILE.read_text(encoding="utf-8"))


@cache
def demo_titles() -> list[str]:
    """The titles the demo composes its resources' titles from (a resource's title is one of
    them, sometimes with its type, level or "adapted" added), its webinars' titles and those
    of its distance-learning resources."""
    titles = [
        title
        for name in TOPIC_FILES
        for topic in load(f"topics/{name}")
        for text in topic["texts"].values()
        for title in text["titles"]
    ]
    distance = [resource["title"] for resource in load("distance")["resources"]]
    return titles + [webinar["title"] for webinar in load("events")["webinars"]] + distance


def test_every_query_has_the_fields_and_values_the_bench_reads():
    for item in relevance_set():
        assert set(item) <= KEYS and KEYS - {"note"} <= set(item), item
        assert isinstance(item["query"], str) and item["query"].strip(), item
        assert item["region"] in {"fl", "nl"}, item
        assert item["language"] in {"nl", "en", "fr", "de"}, item
        assert item["category"] in CATEGORIES, item
        assert isinstance(item["relevant"], dict), item
        assert all(grade in (1, 2) for grade in item["relevant"].values()), item
        if item["category"] == "no-answer":
            assert not item["relevant"], item
        else:
            assert 2 in item["relevant"].values(), f"nothing should be on top: {item['query']}"
        if item["category"].startswith("language-"):
            assert item["language"] == item["category"].removeprefix("language-"), item


def test_the_set_is_large_and_covers_every_kind_of_query():
    items = relevance_set()
    assert len(items) >= 60
    categories = Counter(item["category"] for item in items)
    assert set(categories) == CATEGORIES
    assert categories["no-answer"] >= 8
    assert {item["region"] for item in items} == {"fl", "nl"}
    assert {item["language"] for item in items} == {"nl", "en", "fr", "de"}
    assert REVIEWED - {item["query"] for item in items} == set()


def test_no_query_is_judged_twice():
    seen = Counter((item["query"], item["region"], item["language"]) for item in relevance_set())
    assert [query for query, count in seen.items() if count > 1] == []


def test_every_judged_title_is_one_the_demo_makes():
    level_codes = {level["code"] for level in json.loads(LEVELS_FILE.read_text(encoding="utf-8"))}
    for item in relevance_set():
        for key in item["relevant"]:
            title, marker, levels = key.rpartition(" @ ")
            if not marker:
                title, levels = key, ""
            assert any(known in title for known in demo_titles()), f"{item['query']}: {key}"
            codes = [code for code in levels.split(",") if code]
            assert set(codes) <= level_codes, f"{item['query']}: {key}"
            assert codes == sorted(codes), f"levels in code order: {key}"
