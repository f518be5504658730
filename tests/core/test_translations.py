"""The Dutch catalogue is complete: every message translated, none left fuzzy (a fuzzy one is
not used, so the page would show English), placeholders kept, and the compiled catalogue the
site reads says what the source says."""

import re
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "src" / "staffroom" / "locale"
PO = LOCALE / "nl" / "LC_MESSAGES" / "django.po"
MO = LOCALE / "nl" / "LC_MESSAGES" / "django.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)(?:\.\d+)?[sdf]")


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(PO))


def test_every_message_is_translated_and_none_is_fuzzy(catalogue):
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == [], f"untranslated (make messages, then translate): {untranslated}"
    assert fuzzy == [], f"fuzzy (check the translation, then drop the flag): {fuzzy}"


def _same_placeholders(source: str, translation: str) -> bool:
    return sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation))


def test_placeholders_are_kept(catalogue):
    wrong = []
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            # The singular form may say "one" instead of its count; the others keep them all.
            forms = [text for n, text in entry.msgstr_plural.items() if n > 0]
            source = entry.msgid_plural
        else:
            forms, source = [entry.msgstr], entry.msgid
        if not all(_same_placeholders(source, text) for text in forms):
            wrong.append(entry.msgid)
    assert wrong == []


def test_the_compiled_catalogue_is_up_to_date(catalogue):
    compiled = {(entry.msgctxt, entry.msgid): entry for entry in polib.mofile(str(MO))}
    stale = [
        entry.msgid
        for entry in catalogue.translated_entries()
        if (entry.msgctxt, entry.msgid) not in compiled
        or (compiled[(entry.msgctxt, entry.msgid)].msgstr != entry.msgstr)
    ]
    assert stale == [], f"django.mo is older than django.po: run make messages ({stale[:5]})"
