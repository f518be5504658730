"""Load the curriculum vocabularies from the project's own data files (curriculum/data/*.json).

The loader upserts by code, so running it again after editing a data file updates labels and
the crosswalk without touching resources that use the terms. It takes the model classes as
arguments so that the data migration can pass its historical models.
"""

import json
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_vocabulary(name: str) -> list[dict[str, Any]]:
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))


# The model classes are typed Any: the data migration passes historical models, which the type
# checker does not know.
def _load_regional(model: Any, entries: list[dict[str, Any]], *, with_isced: bool) -> int:
    by_code: dict[str, Any] = {}
    for position, entry in enumerate(entries):
        parent = by_code.get(entry["parent"]) if entry.get("parent") else None
        defaults: dict[str, Any] = {
            "region": entry["region"],
            "labels": entry["label"],
            "position": position,
            "parent": parent,
        }
        if with_isced:
            defaults["isced"] = entry["isced"]
            defaults["depth"] = 0 if parent is None else parent.depth + 1
        term, _ = model.objects.update_or_create(code=entry["code"], defaults=defaults)
        by_code[term.code] = term
    # The crosswalk points across regions, so it is set once every term exists.
    for entry in entries:
        equivalent = by_code.get(entry["equivalent"]) if entry.get("equivalent") else None
        model.objects.filter(code=entry["code"]).update(equivalent=equivalent)
    return len(entries)


def load_vocabularies(level_model: Any, subject_model: Any, type_model: Any) -> dict[str, int]:
    """Create or update levels, subjects and resource types; return how many of each."""
    counts = {
        "levels": _load_regional(level_model, read_vocabulary("levels"), with_isced=True),
        "subjects": _load_regional(subject_model, read_vocabulary("subjects"), with_isced=False),
    }
    types = read_vocabulary("resource_types")
    for position, entry in enumerate(types):
        type_model.objects.update_or_create(
            code=entry["code"],
            defaults={
                "labels": entry["label"],
                "position": position,
                "hcrt_uri": entry.get("hcrt") or "",
                "oeh_uri": entry.get("oeh") or "",
            },
        )
    counts["types"] = len(types)
    return counts
