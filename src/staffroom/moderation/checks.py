"""Automated pre-checks shown to the moderator, each with the evidence behind it.

A check returns {"code", "status": "ok" | "warning" | "problem", "summary", "evidence": [...]}.
Checks advise; the moderator decides.
"""

import difflib
import hashlib
import re
from functools import lru_cache

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from staffroom.core.language import detect_language
from staffroom.resources.licences import remix_problem
from staffroom.resources.models import Resource, ResourceFile, Status

SPELLING_LANGUAGES = {"nl", "en", "fr", "de"}
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


@lru_cache(maxsize=4)
def _spellchecker(language: str):
    from spellchecker import SpellChecker

    return SpellChecker(language=language, distance=1)


def check_spelling(resource: Resource) -> dict:
    """Unknown words in title and description, with the dictionary's best suggestion."""
    if resource.language not in SPELLING_LANGUAGES:
        return {
            "code": "spelling",
            "status": "ok",
            "summary": _("No spelling dictionary for this language."),
            "evidence": [],
        }
    checker = _spellchecker(resource.language)
    text = f"{resource.title} {resource.description}"
    # Capitalised words are mostly names; short words are mostly abbreviations.
    words = {word for word in WORD.findall(text) if len(word) > 3 and not word[0].isupper()}
    unknown = sorted(checker.unknown(words))
    evidence = []
    for word in unknown[:20]:
        suggestion = checker.correction(word)
        if suggestion and suggestion != word:
            evidence.append({"word": word, "suggestion": suggestion})
    return {
        "code": "spelling",
        "status": "warning" if evidence else "ok",
        "summary": (
            ngettext(
                "%(count)d possible spelling mistake.",
                "%(count)d possible spelling mistakes.",
                len(evidence),
            )
            % {"count": len(evidence)}
            if evidence
            else _("No spelling mistakes found.")
        ),
        "evidence": evidence,
    }


def check_language(resource: Resource) -> dict:
    """Compare the declared language with the one detected in the title, description and text."""
    sample = " ".join(
        [resource.title, resource.description]
        + [f.extracted_text[:2000] for f in resource.files.all()]
    )
    if len(sample.split()) < 5:
        return {
            "code": "language",
            "status": "ok",
            "summary": _("Too little text to detect the language."),
            "evidence": [],
        }
    detected, _score = detect_language(sample)
    declared = resource.language
    matches = detected == declared or (declared == "other" and detected not in SPELLING_LANGUAGES)
    return {
        "code": "language",
        "status": "ok" if matches else "warning",
        "summary": (
            _("Declared language matches the text.")
            if matches
            else _("Declared “%(declared)s”, but the text looks like “%(detected)s”.")
            % {"declared": declared, "detected": detected}
        ),
        "evidence": [{"declared": declared, "detected": detected}],
    }


def check_licence(resource: Resource) -> dict:
    source = resource.based_on
    if source is None:
        return {
            "code": "licence",
            "status": "ok",
            "summary": _("Not based on another resource."),
            "evidence": [],
        }
    problem = remix_problem(source.licence, resource.licence)
    return {
        "code": "licence",
        "status": "problem" if problem else "ok",
        "summary": problem or _("The licence is compatible with the original's."),
        "evidence": [
            {"source": source.pk, "title": source.title, "licence": source.get_licence_display()}
        ],
    }


def _normalised(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def check_duplicates(resource: Resource) -> dict:
    """Same file, the same text in another file, or a near-identical title elsewhere."""
    others = Resource.objects.exclude(pk=resource.pk).exclude(
        status__in=[Status.DRAFT, Status.REJECTED]
    )
    evidence = []
    files = list(resource.files.all())
    hashes = {f.sha256 for f in files}
    for match in ResourceFile.objects.filter(sha256__in=hashes, resource__in=others).select_related(
        "resource"
    )[:10]:
        evidence.append(
            {"reason": "same file", "resource": match.resource_id, "title": match.resource.title}
        )
    digests = {
        hashlib.sha256(_normalised(f.extracted_text).encode()).hexdigest()
        for f in files
        if len(f.extracted_text) > 200
    }
    title = _normalised(resource.title)
    words = sorted(title.split(), key=len, reverse=True)[:2]
    if words:
        candidates = others.filter(
            Q(*[Q(title__icontains=word) for word in words], _connector=Q.OR)
        ).prefetch_related("files")[:200]
        for candidate in candidates:
            ratio = difflib.SequenceMatcher(None, title, _normalised(candidate.title)).ratio()
            if ratio >= 0.9:
                evidence.append(
                    {"reason": "similar title", "resource": candidate.pk, "title": candidate.title}
                )
            for other_file in candidate.files.all():
                text = _normalised(other_file.extracted_text)
                if len(text) > 200 and hashlib.sha256(text.encode()).hexdigest() in digests:
                    evidence.append(
                        {"reason": "same text", "resource": candidate.pk, "title": candidate.title}
                    )
    unique = {(e["reason"], e["resource"]): e for e in evidence}
    evidence = list(unique.values())
    return {
        "code": "duplicates",
        "status": "warning" if evidence else "ok",
        "summary": (
            ngettext(
                "%(count)d possible duplicate.", "%(count)d possible duplicates.", len(evidence)
            )
            % {"count": len(evidence)}
            if evidence
            else _("No likely duplicates.")
        ),
        "evidence": evidence,
    }


def check_metadata(resource: Resource) -> dict:
    """Metadata that is missing or too thin to be found and judged by teachers."""
    evidence = []
    if len(resource.description) < 80:
        evidence.append(_("The description is shorter than 80 characters."))
    if not resource.keywords:
        evidence.append(_("No keywords."))
    if not resource.levels.exists():
        evidence.append(_("No education level."))
    if not resource.subjects.exists():
        evidence.append(_("No subject."))
    if resource.resource_type_id is None:
        evidence.append(_("No resource type."))
    if resource.kind == "file" and not resource.files.exists():
        evidence.append(_("No file attached."))
    return {
        "code": "metadata",
        "status": "warning" if evidence else "ok",
        "summary": _("Metadata could be richer.") if evidence else _("Metadata is complete."),
        "evidence": evidence,
    }


CHECK_TITLES = {
    "spelling": gettext_lazy("Spelling"),
    "language": gettext_lazy("Language"),
    "licence": gettext_lazy("Licence"),
    "duplicates": gettext_lazy("Duplicates"),
    "metadata": gettext_lazy("Metadata"),
}

CHECKS = (check_spelling, check_language, check_licence, check_duplicates, check_metadata)


def run_checks(resource: Resource) -> list[dict]:
    return [check(resource) for check in CHECKS]
