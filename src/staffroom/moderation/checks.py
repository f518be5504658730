"""Automated pre-checks shown to the moderator, each with the evidence behind it.

A check returns {"code", "status": "ok" | "warning" | "problem", "message", "params",
"evidence": [...]}. The message is stored untranslated (a msgid and its parameters) and put
into the reader's language by ``describe_check``: the worker that runs the checks does not
know who will read them. Checks advise; the moderator decides.
"""

import difflib
import hashlib
import re

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from staffroom.core.language import WORD, detect_language, spellchecker
from staffroom.resources.licences import Licence, remix_problem
from staffroom.resources.models import Resource, ResourceFile, Status

SPELLING_LANGUAGES = {"nl", "en", "fr", "de"}


def _result(code: str, status: str, message: str, evidence=(), **params) -> dict:
    return {
        "code": code,
        "status": status,
        "message": message,
        "params": params,
        "evidence": list(evidence),
    }


SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)([^\W\d_]+)\b", re.UNICODE)


def check_spelling(resource: Resource) -> dict:
    """Unknown words in title and description, with the dictionary's best suggestion."""
    if resource.language not in SPELLING_LANGUAGES:
        return _result("spelling", "ok", gettext_noop("No spelling dictionary for this language."))
    checker = spellchecker(resource.language)
    text = f"{resource.title}. {resource.description}"
    # Capitalised words are mostly names and short words abbreviations, so both are skipped,
    # except a capitalised word that opens a sentence (the title's first word, for one).
    words = {word for word in WORD.findall(text) if len(word) > 3 and not word[0].isupper()}
    words |= {
        word.lower()
        for word in SENTENCE_START.findall(text)
        if len(word) > 3 and word[1:].islower()
    }
    unknown = sorted(checker.unknown(words))
    evidence = []
    for word in unknown[:20]:
        suggestion = checker.correction(word)
        if suggestion and suggestion != word:
            evidence.append({"word": word, "suggestion": suggestion})
    if not evidence:
        return _result("spelling", "ok", gettext_noop("No spelling mistakes found."))
    return _result(
        "spelling",
        "warning",
        gettext_noop("Possible spelling mistakes: %(count)d."),
        evidence,
        count=len(evidence),
    )


def check_language(resource: Resource) -> dict:
    """Compare the declared language with the one detected in the title, description and text."""
    sample = " ".join(
        [resource.title, resource.description]
        + [f.extracted_text[:2000] for f in resource.files.all()]
    )
    if len(sample.split()) < 5:
        return _result("language", "ok", gettext_noop("Too little text to detect the language."))
    detected, _score = detect_language(sample)
    declared = resource.language
    matches = detected == declared or (declared == "other" and detected not in SPELLING_LANGUAGES)
    evidence = [{"declared": declared, "detected": detected}]
    if matches:
        return _result(
            "language", "ok", gettext_noop("Declared language matches the text."), evidence
        )
    return _result(
        "language",
        "warning",
        gettext_noop("Declared “%(declared)s”, but the text looks like “%(detected)s”."),
        evidence,
        declared=declared,
        detected=detected,
    )


def check_licence(resource: Resource) -> dict:
    source = resource.based_on
    if source is None:
        return _result("licence", "ok", gettext_noop("Not based on another resource."))
    evidence = [{"source": source.pk, "title": source.title, "licence": source.licence}]
    if remix_problem(source.licence, resource.licence):
        # The explanation comes from the remix rules when the check is read.
        return _result(
            "licence",
            "problem",
            "",
            evidence,
            source_licence=source.licence,
            licence=resource.licence,
        )
    return _result(
        "licence", "ok", gettext_noop("The licence is compatible with the original's."), evidence
    )


def _normalised(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def check_duplicates(resource: Resource) -> dict:
    """Same web address (``core.web_address.url_key``), same file, the same text in another
    file, or a near-identical title elsewhere."""
    others = Resource.objects.exclude(pk=resource.pk).exclude(
        status__in=[Status.DRAFT, Status.REJECTED]
    )
    evidence = []
    if resource.url_key:
        for same in others.filter(url_key=resource.url_key).order_by("pk")[:10]:
            evidence.append({"reason": "same address", "resource": same.pk, "title": same.title})
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
    if not evidence:
        return _result("duplicates", "ok", gettext_noop("No likely duplicates."))
    return _result(
        "duplicates",
        "warning",
        gettext_noop("Possible duplicates: %(count)d."),
        evidence,
        count=len(evidence),
    )


def check_metadata(resource: Resource) -> dict:
    """Metadata that is missing or too thin to be found and judged by teachers."""
    evidence = []
    if len(resource.description) < 80:
        evidence.append(gettext_noop("The description is shorter than 80 characters."))
    if not resource.keywords:
        evidence.append(gettext_noop("No keywords."))
    if not resource.levels.exists():
        evidence.append(gettext_noop("No education level."))
    if not resource.subjects.exists():
        evidence.append(gettext_noop("No subject."))
    if resource.resource_type_id is None:
        evidence.append(gettext_noop("No resource type."))
    if resource.kind == "file" and not resource.files.exists():
        evidence.append(gettext_noop("No file attached."))
    if evidence:
        return _result("metadata", "warning", gettext_noop("Metadata could be richer."), evidence)
    return _result("metadata", "ok", gettext_noop("Metadata is complete."))


CHECK_TITLES = {
    "spelling": gettext_lazy("Spelling"),
    "language": gettext_lazy("Language"),
    "licence": gettext_lazy("Licence"),
    "duplicates": gettext_lazy("Duplicates"),
    "metadata": gettext_lazy("Metadata"),
}

DUPLICATE_REASONS = {
    "same address": gettext_lazy("same web address"),
    "same file": gettext_lazy("same file"),
    "same text": gettext_lazy("same text"),
    "similar title": gettext_lazy("similar title"),
}

CHECKS = (check_spelling, check_language, check_licence, check_duplicates, check_metadata)


def run_checks(resource: Resource) -> list[dict]:
    return [check(resource) for check in CHECKS]


def describe_check(check: dict) -> dict:
    """A stored check with its title, summary and text evidence in the active language."""
    params = check.get("params", {})
    if check["code"] == "licence" and check["status"] == "problem":
        summary = remix_problem(params["source_licence"], params["licence"]) or ""
    else:
        summary = _(check["message"]) % params if params else _(check["message"])
    evidence = check.get("evidence", [])
    if check["code"] == "metadata":
        evidence = [_(message) for message in evidence]
    elif check["code"] == "licence":
        evidence = [
            {**found, "licence_label": str(Licence(found["licence"]).label)} for found in evidence
        ]
    elif check["code"] == "duplicates":
        evidence = [
            {**found, "reason_label": str(DUPLICATE_REASONS.get(found["reason"], found["reason"]))}
            for found in evidence
        ]
    return {
        **check,
        "title": str(CHECK_TITLES.get(check["code"], check["code"])),
        "summary": summary,
        "evidence": evidence,
    }
