"""Mapping harvested values onto our vocabularies: languages, levels, subjects, resource types
and licences. Each mapper returns what it matched and what it could not, so that the run's
report can list every term left unmapped (and how often), and nothing is silently dropped.

Matching is by code first, then by label (in any language of the term, compared without case,
accents or punctuation), then through the small tables below for vocabularies we know (NL-LOM's
Edurep vocabularies, IEEE LOM, DCMI types, ISCED). Where a label exists in both regions
("Hoger onderwijs", "Duits"), the region the record's vocabulary points to wins (Edurep: the
Netherlands), else Flanders. Licences are mapped in ``rights``.

Edurep's education levels are data (``data/edurep_levels.json``): every id of its VDEX
vocabulary, the same concept's OBK UUID and its Dutch label, each with our level codes. A
language is never guessed from a default: a record that states none (or one we cannot read)
gets "und" unless its text is long enough to tell.
"""

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from staffroom.core.language import CONTENT_LANGUAGES, WORD, detect_language
from staffroom.curriculum.models import DEFAULT_REGION, Level, ResourceType, Subject
from staffroom.curriculum.queries import levels_for_region, resource_types, subjects_for_region
from staffroom.resources.models import ContentLanguage

from .parse import OWN_VOCABULARY, Term

EDUREP_LEVELS = Path(__file__).resolve().parent / "data" / "edurep_levels.json"
UNDETERMINED = ContentLanguage.UNDETERMINED.value
OTHER_LANGUAGE = ContentLanguage.OTHER.value

# Language values repositories use, beyond ISO 639-1 codes.
LANGUAGES = {
    "nl": "nl", "dut": "nl", "nld": "nl", "dutch": "nl", "nederlands": "nl", "vlaams": "nl",
    "en": "en", "eng": "en", "english": "en", "engels": "en",
    "fr": "fr", "fre": "fr", "fra": "fr", "french": "fr", "frans": "fr", "francais": "fr",
    "de": "de", "ger": "de", "deu": "de", "german": "de", "duits": "de", "deutsch": "de",
    # ISO 639-2 "undetermined" (what our own exports say of a resource in no known language).
    "und": UNDETERMINED,
}  # fmt: skip
# Too little text to tell its language from: fewer words than this (or, in a script written
# without spaces, fewer letters than LETTERS_TO_DETECT), or a detection less sure than this.
WORDS_TO_DETECT = 12
# Other languages' ISO 639-1 codes and the ISO 639-2 codes repositories use for them: such a
# value is a language, just not one of ours ("other").
OTHER_LANGUAGE_CODES = {
    "zh", "zho", "chi", "es", "spa", "it", "ita", "pt", "por", "pl", "pol", "tr", "tur", "ar",
    "ara", "ru", "rus", "uk", "ukr", "ja", "jpn", "ko", "kor", "sv", "swe", "da", "dan", "no",
    "nor", "nb", "nob", "nn", "fi", "fin", "el", "ell", "gre", "cs", "ces", "cze", "hu", "hun",
    "ro", "ron", "rum", "bg", "bul", "hr", "hrv", "sr", "srp", "sk", "slk", "slo", "sl", "slv",
    "et", "est", "lv", "lav", "lt", "lit", "la", "lat", "fy", "fry", "af", "afr", "id", "ind",
    "hi", "hin", "fa", "fas", "per", "he", "heb", "ca", "cat", "eu", "eus", "baq", "gl", "glg",
    "ga", "gle", "cy", "cym", "wel", "is", "isl", "ice", "so", "som", "ti", "tir", "vi", "vie",
    "th", "tha", "ms", "msa", "may", "sw", "swa", "eo", "epo", "lb", "ltz", "mul",
}  # fmt: skip
LETTERS_TO_DETECT = 40
UNSPACED_SCRIPT = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
DETECTION_CERTAINTY = 0.9

# Level values beyond Edurep's vocabulary (whose ids, UUIDs and labels are in EDUREP_LEVELS):
# NL-LOM context values and common abbreviations.
LEVEL_ALIASES = {
    "bao": "nl-po", "basisonderwijs": "nl-po", "sbo": "nl-sp-sbo", "vso": "nl-sp-vso",
    "pro": "nl-pro", "ho": "nl-ho", "hogeronderwijs": "nl-ho",
    "kleuteronderwijs": "fl-ko", "lageronderwijs": "fl-lo",
    "secundaironderwijs": "fl-so", "volwassenenonderwijs": "fl-volw",
}  # fmt: skip
# Per-year values beyond Edurep's vocabulary: havo_3, vwo klas 5, groep 5, vmbo leerjaar 2. Not
# "kl": in Edurep's ids (vmbo_kl3) it is the kaderberoepsgerichte leerweg, not "klas".
YEAR_ID = re.compile(r"^(vmbo|havo|vwo|groep)[ _-]*(?:klas|leerjaar)?[ _-]*(\d)$")
# A vmbo leerweg, with or without its year: vmbo_kb, vmbo-bb-3, vmbo gt 4 (gt: gemengde and
# theoretische leerweg together, taught as one).
LEERWEG_ID = re.compile(r"^vmbo[ _-]*(bb|bl|kb|kl|gl|tl|gt)[ _-]*(\d)?$")
LEERWEGEN = {"bb": ["bb"], "bl": ["bb"], "kb": ["kb"], "kl": ["kb"], "gl": ["gl"], "tl": ["tl"],
             "gt": ["gl", "tl"]}  # fmt: skip
ISCED = re.compile(r"isced(?:[ _-]*(?:2011|2013|1997))?(?:[ _:-]*level)?[ _:-]*(\d{1,2})$")

# Dutch and English synonyms of our subject labels, as other vocabularies put them.
SUBJECT_ALIASES = {
    "nederlandsetaal": "nederlands", "engelsetaal": "engels", "fransetaal": "frans",
    "duitsetaal": "duits",
    "rekenen": "rekenenenwiskunde",
    "rekenenwiskunde": "rekenenenwiskunde", "math": "mathematics", "maths": "mathematics",
    "lo": "lichamelijkeopvoeding",
    "gym": "bewegingsonderwijsenlichamelijkeopvoeding", "ict": "informatica",
    "levensbeschouwelijkevorming": "levensbeschouwing", "godsdienst": "godsdienst",
}  # fmt: skip

# Resource types of NL-LOM (Edurep "learningresourcetype"), IEEE LOM and DCMI Type.
TYPE_ALIASES = {
    "openopdracht": "exercise", "geslotenopdracht": "exercise", "oefening": "exercise",
    "exercise": "exercise", "questionnaire": "exercise", "problemstatement": "exercise",
    "drillandpractice": "exercise", "simulatie": "interactive-exercise",
    "simulation": "interactive-exercise", "interactiveresource": "interactive-exercise",
    "informatiebron": "article", "webpagina": "article", "narrativetext": "article",
    "text": "article", "article": "article", "artikel": "article", "tekst": "article",
    "video": "video", "movingimage": "video", "videoopname": "video", "film": "video",
    "audio": "audio", "sound": "audio", "geluid": "audio", "podcast": "audio",
    "presentatie": "presentation", "slide": "presentation", "lecture": "presentation",
    "toets": "assessment", "exam": "assessment", "selfassessment": "assessment",
    "assessment": "assessment", "spel": "game", "game": "game", "educatiefspel": "game",
    "software": "application", "applicatie": "application", "app": "application",
    "lesplan": "lesson-plan", "handleiding": "lesson-plan", "lessonplan": "lesson-plan",
    "werkblad": "worksheet", "worksheet": "worksheet", "leerpad": "learning-path",
    "course": "learning-path", "cursus": "learning-path",
    # Zenodo's own resource types, which it sends next to the eu-repo one.
    "lesson": "lesson-plan", "publicationarticle": "article", "publicationbook": "article",
    "publicationsection": "article", "publicationreport": "article",
    "publicationworkingpaper": "article", "publicationpreprint": "article",
    "publicationthesis": "article", "publicationconferencepaper": "article",
    "poster": "presentation",
}  # fmt: skip
# The OpenAIRE / DRIVER publication types (info:eu-repo/semantics/...) that repositories
# (DSpace, Zenodo, Invenio, EPrints) put in dc:type: texts are articles to us, a lecture a
# presentation. Datasets, patents and "other" have no type of ours and are reported.
EU_REPO = "info:eu-repo/semantics/"
EU_REPO_TYPES = {
    "article": "article", "contributiontoperiodical": "article", "review": "article",
    "book": "article", "bookpart": "article", "annotation": "article", "report": "article",
    "workingpaper": "article", "preprint": "article", "conferenceobject": "article",
    "bachelorthesis": "article", "masterthesis": "article", "doctoralthesis": "article",
    "studentthesis": "article", "technicaldocumentation": "article", "lecture": "presentation",
    "conferencepaper": "article", "conferenceposter": "presentation",
}  # fmt: skip
# Values of the same vocabulary that say which version a text is, or its access: no type,
# and nothing left unmapped.
EU_REPO_NOT_TYPES = {
    "draft", "submittedversion", "acceptedversion", "publishedversion", "updatedversion",
    "openaccess", "closedaccess", "embargoedaccess", "restrictedaccess",
}  # fmt: skip


def normalise(text: str) -> str:
    """Lower case, without accents, spaces or punctuation: "Voortgezet Onderwijs" and
    "voortgezet-onderwijs" are the same label."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]", "", ascii_text)


@dataclass
class Mapped:
    terms: list = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)


def region_hint(terms: list[Term]) -> str:
    """Which region's terms a record's vocabularies speak of: Edurep's are Dutch."""
    for term in terms:
        if "edustandaard.nl" in term.source or "edurep" in term.source:
            return "nl"
    return ""


def _labels(term) -> set[str]:
    return {normalise(label) for label in term.labels.values() if label}


def _by_label(terms_of_region, key: str, region: str):
    """The term whose code or a label matches ``key``, preferring ``region``."""
    if not key:
        return None
    preferred = [region] if region else []
    preferred += [r for r in (DEFAULT_REGION, "nl", "fl") if r not in preferred]
    for candidate_region in preferred:
        for term in terms_of_region(candidate_region):
            if normalise(term.code) == key or key in _labels(term):
                return term
    return None


def _isced_level(code: str, region: str) -> Level | None:
    levels = levels_for_region(region or DEFAULT_REGION)
    for matches in (
        lambda level: level.isced == code,
        lambda level: level.isced.startswith(code),
        lambda level: code and level.isced == code[0],
    ):
        found = sorted((lv for lv in levels if matches(lv)), key=lambda lv: lv.depth)
        if found:
            return found[0]
    return None


@cache
def edurep_levels() -> dict[str, list[str]]:
    """Our level codes by each normalised id, OBK UUID and label of Edurep's vocabulary."""
    codes: dict[str, list[str]] = {}
    for entry in json.loads(EDUREP_LEVELS.read_text(encoding="utf-8"))["terms"]:
        for key in (entry["id"], entry["obk"], entry["label"]):
            if key:
                codes[normalise(key)] = entry["levels"]
    return codes


def _by_codes(codes: list[str]) -> list[Level]:
    by_code = {level.code: level for level in _all(Level)}
    return [by_code[code] for code in codes if code in by_code]


def _levels_for(term: Term, region: str) -> list[Level]:
    """Our levels for one level term: by its id, then its label (one term may name two of ours:
    vmbo_kl3 is the kaderberoepsgerichte leerweg and vmbo year 3)."""
    for raw in (term.value, term.label):
        key = normalise(raw)
        if not key:
            continue
        if key in edurep_levels():
            return _by_codes(edurep_levels()[key])
        found = _by_label(levels_for_region, key, region)
        if found:
            return [found]
        alias = LEVEL_ALIASES.get(key)
        if alias:
            return _by_codes([alias])
        leerweg = LEERWEG_ID.match(key)
        if leerweg:
            track, year = leerweg.groups()
            codes = [f"nl-vmbo-{code}" for code in LEERWEGEN[track]]
            return _by_codes(codes + ([f"nl-vmbo-{year}"] if year else []))
        year = YEAR_ID.match(raw.strip().lower())
        if year:
            stage, number = year.groups()
            code = f"nl-po-{number}" if stage == "groep" else f"nl-{stage}-{number}"
            found_levels = _by_codes([code])
            if found_levels:
                return found_levels
        isced = ISCED.search(raw.strip().lower()) or re.search(
            r"w3id\.org/kim/isced-2011/level_(\d)", raw
        )
        if isced:
            found = _isced_level(isced.group(1), region)
            if found:
                return [found]
    return []


def _all(model) -> list:
    if model is Level:
        return levels_for_region("fl") + levels_for_region("nl")
    return subjects_for_region("fl") + subjects_for_region("nl")


def _own_terms(terms: list[Term]) -> list[Term]:
    """The terms of a Staffroom's own vocabulary when the record has any (another Staffroom's
    export): its OBK terms, contexts and LOMv1.0 types only approximate them. Else all terms."""
    own = [term for term in terms if OWN_VOCABULARY.search(term.source)]
    return own or terms


def map_levels(terms: list[Term], region: str = "") -> Mapped:
    """Our levels for the record's level terms (classification and educational context). A
    term of Edurep's vocabulary may give two levels (vmbo_kl3: the leerweg and the year)."""
    mapped = Mapped()
    for term in _own_terms(terms):
        levels = _levels_for(term, region)
        if not levels:
            mapped.unmapped.append(str(term))
        for level in levels:
            if level not in mapped.terms:
                mapped.terms.append(level)
    return mapped


def map_subjects(terms: list[Term], region: str = "") -> Mapped:
    """Our subjects for the record's subject terms; DSpace's "a;b;c" subjects are split."""
    mapped = Mapped()
    for term in _own_terms(terms):
        found: Subject | None = None
        candidates = [term.value, term.label]
        for raw in candidates:
            for part in raw.split(";"):
                key = normalise(part)
                key = SUBJECT_ALIASES.get(key, key)
                found = _by_label(subjects_for_region, key, region)
                if found:
                    break
            if found:
                break
        if found is None:
            mapped.unmapped.append(str(term))
        elif found not in mapped.terms:
            mapped.terms.append(found)
    return mapped


def _eu_repo_type(raw: str, types: list[ResourceType]) -> ResourceType | bool | None:
    """Our type for an info:eu-repo/semantics value; False when the value says no type (a
    version or an access right); None for another value of that vocabulary."""
    name = normalise(raw.strip()[len(EU_REPO) :])
    if name in EU_REPO_NOT_TYPES:
        return False
    code = EU_REPO_TYPES.get(name)
    return next((kind for kind in types if kind.code == code), None) if code else None


def _type_for(term: Term, types: list[ResourceType]) -> ResourceType | bool | None:
    """Our type for one type term; False when the term says nothing about the type."""
    for raw in (term.value, term.label):
        key = normalise(raw)
        if not key:
            continue
        if raw.strip().lower().startswith(EU_REPO):
            found = _eu_repo_type(raw, types)
        else:
            found = next(
                (
                    kind
                    for kind in types
                    if normalise(kind.code) == key
                    or key in _labels(kind)
                    or (kind.hcrt_uri and raw.rstrip("/").endswith(kind.hcrt_uri.rsplit("/")[-1]))
                ),
                None,
            )
            if found is None and key in TYPE_ALIASES:
                found = next((kind for kind in types if kind.code == TYPE_ALIASES[key]), None)
        if found is not None:
            return found
    return None


def map_type(terms: list[Term]) -> Mapped:
    """Our resource type for the record's first mappable type term."""
    mapped = Mapped()
    types = resource_types()
    # A term of a Staffroom's own vocabulary of types says exactly what it is.
    for term in _own_terms(terms):
        found = _type_for(term, types)
        if found is None:
            mapped.unmapped.append(str(term))
        elif found is not False and not mapped.terms:
            mapped.terms.append(found)
    return mapped


def _enough_text(text: str) -> bool:
    """Whether ``text`` is long enough to tell its language: a dozen words, or forty letters of
    a script written without spaces between words (Chinese, Japanese, Thai)."""
    return (
        len(WORD.findall(text)) >= WORDS_TO_DETECT
        or len(UNSPACED_SCRIPT.findall(text)) >= LETTERS_TO_DETECT
    )


def language_of_text(text: str) -> str:
    """nl, en, fr or de when ``text`` is clearly in one of them, "other" when it is clearly in
    another language, "und" when there is too little text to tell or the detection is unsure."""
    text = " ".join((text or "").split())
    if not _enough_text(text):
        return UNDETERMINED
    language, probability = detect_language(text)
    if probability < DETECTION_CERTAINTY:
        return UNDETERMINED
    return language if language in CONTENT_LANGUAGES else OTHER_LANGUAGE


def map_language(values: list[str], text: str = "") -> Mapped:
    """Our content language for the record's first known language value. A record that gives
    none we know (nor any value naming a language of another kind) is never taken for Dutch:
    its ``text`` (title and description) tells when it is long enough, else it is "und"."""
    mapped = Mapped()
    for value in values:
        primary = re.split(r"[-_]", value.strip().lower())[0]
        code = LANGUAGES.get(primary) or LANGUAGES.get(normalise(value))
        if code is None and primary in OTHER_LANGUAGE_CODES:
            # A language, just not one of ours: Chinese, Spanish, ...
            code = OTHER_LANGUAGE
        if code is None:
            mapped.unmapped.append(value)
        elif not mapped.terms:
            mapped.terms.append(code)
    if not mapped.terms:
        mapped.terms.append(language_of_text(text))
    return mapped
