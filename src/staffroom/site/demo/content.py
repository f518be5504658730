"""The demo's content bank: topics, phrases, people and posts kept as JSON under ``data/``.

The files are data only (texts in four languages, curriculum codes, addresses); the modules
beside this one turn them into the dataclasses they work with.
"""

import json
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def load(name: str) -> Any:
    """The parsed ``data/<name>.json`` (``name`` may hold a subfolder: "topics/maths")."""
    resource = files(__package__).joinpath("data", *f"{name}.json".split("/"))
    return json.loads(resource.read_text(encoding="utf-8"))
