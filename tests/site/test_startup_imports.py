"""A web process loads what serving pages needs, not every library the project uses.

The file parsers, the language model, the spelling dictionaries and the PDF library (with
numpy and Pillow) cost about 90 MiB per process together; they load on first use (see the
PLC0415 allow-list in pyproject.toml). A top-level import of one of them anywhere on the way
from the settings to the URL configuration would load them in every web and worker process.
"""

import json
import os
import subprocess
import sys

HEAVY = (
    "numpy",
    "PIL",
    "fpdf",
    "pypdf",
    "pypdfium2",
    "docx",
    "pptx",
    "openpyxl",
    "odf",
    "spellchecker",
    "py3langid",
)

PROBE = """
import json, sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
import staffroom.newsletter.sending, staffroom.search.tasks, staffroom.moderation.tasks
print(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] in %r)))
"""


def test_serving_pages_loads_no_heavy_library(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "staffroom.settings",
        "STAFFROOM_DEBUG": "1",
        "STAFFROOM_VAR": str(tmp_path),
    }
    env.pop("PYTHONSTARTUP", None)
    found = subprocess.run(
        [sys.executable, "-c", PROBE % (HEAVY,)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    loaded = json.loads(found.stdout.strip().splitlines()[-1])
    assert loaded == [], f"loaded at start-up: {sorted({name.split('.')[0] for name in loaded})}"
