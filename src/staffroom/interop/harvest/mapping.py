"""Mapping harvested values onto our vocabularies: languages, levels, subjects, resource types
and licences. Each mapper returns what it matched and what it could not, so that the run's
report can list every term left unmapped (and how often), and nothing is silently dropped.

Matching is by code first, then by label (in any language of the term, compared without case,
accents or punctuation), then through the small tables below for vocabularies we know (NL-LOM's
Edurep vocabularies, IEEE LOM, DCMI types, ISCED). Where a label exists in both regions
("Hoger onderwijs", "Duits"), the region the record's vocabulary points to wins (Edurep: the
Netherlands), else Flanders. Licences are mapped in ``rights``.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from staffroom.curriculum.models import DEFAULT_REGION, Level, ResourceType, Subject
from staffroom.curriculum.queries import levels_for_region, resource_types, subjects_for_region

from .parse import Term

# Language values repositories use, beyond ISO 639-1 codes.
LANGUAGES = {
    "nl": "nl", "dut": "nl", "nld": "nl", "dutch": "nl", "nederlands": "nl", "vlaams": "nl",
    "en": "en", "eng": "en", "english": "en", "engels": "en",
    "fr": "fr", "fre": "fr", "fra": "fr", "french": "fr", "frans": "fr", "francais": "fr",
    "de": "de", "ger": "de", "deu": "de", "german": "de", "duits": "de", "deutsch": "de",
}  # fmt: skip

# Edurep (NL-LOM) education level ids and context values, and common abbreviations.
LEVEL_ALIASES = {
    "po": "nl-po", "bao": "nl-po", "basisonderwijs": "nl-po", "primaironderwijs": "nl-po",
    "vo": "nl-vo", "voortgezetonderwijs": "nl-vo", "so": "nl-sp-so", "sbo": "nl-sp-sbo",
    "vso": "nl-sp-vso", "speciaalonderwijs": "nl-sp", "pro": "nl-pro",
    "bve": "nl-mbo", "mbo": "nl-mbo", "beroepsonderwijsenvolwasseneneducatie": "nl-mbo",
    "ho": "nl-ho", "hogeronderwijs": "nl-ho", "hbo": "nl-hbo", "wo": "nl-wo",
    "vmbobb": "nl-vmbo-bb", "vmbokb": "nl-vmbo-kb", "vmbogl": "nl-vmbo-gl", "vmbotl": "nl-vmbo-tl",
    "vmbogt": "nl-vmbo-tl", "kleuteronderwijs": "fl-ko", "lageronderwijs": "fl-lo",
    "secundaironderwijs": "fl-so", "volwassenenonderwijs": "fl-volw",
}  # fmt: skip
# Edurep's per-year ids: vmbo_kl2 / havo_3 / vwo_kl5 / groep_5 ("kl" is klas, the year).
YEAR_ID = re.compile(r"^(vmbo|havo|vwo|groep)[ _-]*(?:kl|klas|leerjaar)?[ _-]*(\d)$")
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


def _level_for(term: Term, region: str) -> Level | None:
    for raw in (term.value, term.label):
        key = normalise(raw)
        if not key:
            continue
        found = _by_label(levels_for_region, key, region)
        if found:
            return found
        alias = LEVEL_ALIASES.get(key)
        if alias:
            return next((lv for lv in _all(Level) if lv.code == alias), None)
        year = YEAR_ID.match(raw.strip().lower())
        if year:
            stage, number = year.groups()
            code = f"nl-po-{number}" if stage == "groep" else f"nl-{stage}-{number}"
            found = next((lv for lv in _all(Level) if lv.code == code), None)
            if found:
                return found
        isced = ISCED.search(raw.strip().lower()) or re.search(
            r"w3id\.org/kim/isced-2011/level_(\d)", raw
        )
        if isced:
            found = _isced_level(isced.group(1), region)
            if found:
                return found
    return None


def _all(model) -> list:
    if model is Level:
        return levels_for_region("fl") + levels_for_region("nl")
    return subjects_for_region("fl") + subjects_for_region("nl")


def map_levels(terms: list[Term], region: str = "") -> Mapped:
    """Our levels for the record's level terms (classification and educational context)."""
    mapped = Mapped()
    for term in terms:
        level = _level_for(term, region)
        if level is None:
            mapped.unmapped.append(str(term))
        elif level not in mapped.terms:
            mapped.terms.append(level)
    return mapped


def map_subjects(terms: list[Term], region: str = "") -> Mapped:
    """Our subjects for the record's subject terms; DSpace's "a;b;c" subjects are split."""
    mapped = Mapped()
    for term in terms:
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


def map_type(terms: list[Term]) -> Mapped:
    """Our resource type for the record's first mappable type term."""
    mapped = Mapped()
    types = resource_types()
    for term in terms:
        found: ResourceType | None = None
        for raw in (term.value, term.label):
            key = normalise(raw)
            if not key:
                continue
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
            if found:
                break
        if found is None:
            mapped.unmapped.append(str(term))
        elif not mapped.terms:
            mapped.terms.append(found)
    return mapped


def map_language(values: list[str]) -> Mapped:
    """Our content language for the record's first known language value."""
    mapped = Mapped()
    for value in values:
        primary = re.split(r"[-_]", value.strip().lower())[0]
        code = LANGUAGES.get(primary) or LANGUAGES.get(normalise(value))
        if code is None:
            mapped.unmapped.append(value)
        elif not mapped.terms:
            mapped.terms.append(code)
    return mapped
