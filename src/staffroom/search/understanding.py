"""What a teacher's words mean, before the engine searches them.

- Curriculum words become filters: "groep 5", "3de leerjaar", "brugklas", "havo 4", "aso",
  "kleuters", "rekenen", "wiskunde"... in both regions' words, every label of the
  vocabularies and the aliases kept as data (``curriculum/data/search_terms.json``). They are
  not matched as loose words ("5" no longer matches "Primary year 5"), and the page shows each
  as a removable chip.
- Words teachers use for the same thing (``curriculum/data/synonyms.json``: klokkijken, klok
  lezen) are searched as any of them.
- A word is searched as itself or its dictionary form ("werkwoorden" or "werkwoord"), a Dutch
  or German compound as itself or all of its parts (``wordforms.py``).
- Stop words ("les over fotosynthese", "breuken and procent") are not required.

The result is still the query syntax of ``syntax.py`` (a query text both backends parse), plus
filters: nothing here is backend-specific. ``relaxed`` gives the query that needs all but one
of the teacher's words, for when all of them find too little.
"""

import json
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations, product

from staffroom.curriculum.queries import (
    VOCABULARY_CACHE_SECONDS,
    levels_for_region,
    subjects_for_region,
)
from staffroom.curriculum.vocabularies import DATA_DIR

from . import wordforms
from .syntax import MAX_CLAUSES, WORD, Clause, ParsedQuery, parse

MAX_PHRASE_WORDS = 6
# How much a synonym the teacher did not type counts, against the words they typed.
SYNONYM_WEIGHT = 0.5
ELISION = re.compile(r"(?<=\w)['’](?=\w)")
# Labels this short are too often something else ("Wo" is a level and a German word).
MIN_LABEL_LETTERS = 3


def fold(text: str) -> str:
    """Lower-case, accents off: how recognised words are compared."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _words(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(fold(text)))


@dataclass(frozen=True)
class Recognised:
    """Curriculum words found in the query: the words, and the codes they filter on."""

    facet: str
    codes: tuple[str, ...]
    words: str  # as the teacher typed them


@dataclass
class Understanding:
    # What remains to be matched as words, in the query syntax (expansions included).
    text: str
    # The recognised terms' filters (facet -> codes, any of which may match).
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    recognised: list[Recognised] = field(default_factory=list)
    # The teacher's own remaining words, each as the groups that match it (for relaxing).
    units: list[list[tuple[Clause, ...]]] = field(default_factory=list)
    # (word or phrase, weight): alternatives the teacher did not type, which count less.
    weights: dict[str, float] = field(default_factory=dict)
    excluded: tuple[Clause, ...] = ()

    def relaxed(self) -> str:
        """The query needing all but one of the teacher's words (any one of two): for every
        pair of words, one of them. "" when there is nothing to relax."""
        if len(self.units) < 2:
            return ""
        needed = 1 if len(self.units) == 2 else len(self.units) - 1
        groups: dict[frozenset[Clause], tuple[Clause, ...]] = {}
        for chosen in combinations(self.units, len(self.units) - needed + 1):
            # "Any of these words" as groups: every combination of one group per word.
            for picked in product(*chosen):
                merged = tuple(dict.fromkeys(clause for group in picked for clause in group))
                groups.setdefault(frozenset(merged), merged)
        if len(groups) > MAX_CLAUSES:
            return ""
        return str(ParsedQuery(groups=tuple(groups.values()), excluded=self.excluded))


@cache
def _aliases(region: str) -> dict[tuple[str, ...], tuple[str, tuple[str, ...]]]:
    """Folded words -> (facet, codes), from the data file: the entries of every region and
    those of ``region`` ("WO" is world orientation in Flanders, university in the
    Netherlands)."""
    data = json.loads((DATA_DIR / "search_terms.json").read_text(encoding="utf-8"))
    found: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = {}
    for facet, key in (("level", "levels"), ("subject", "subjects")):
        for entry in data[key]:
            if entry.get("region", region) != region:
                continue
            for words in entry["words"]:
                found[_words(words)] = (facet, tuple(entry["codes"]))
    return found


def _label_variants(label: str) -> list[tuple[str, ...]]:
    """A label's words, and without what it says in brackets ("Groep 1-2 (kleuters)")."""
    variants = [_words(label)]
    if "(" in label:
        variants.append(_words(label.split("(")[0]))
    return [words for words in variants if len("".join(words)) >= MIN_LABEL_LETTERS]


# region -> (built at, table): rebuilt as often as the vocabularies are reread.
_tables: dict[str, tuple[float, dict]] = {}


def _vocabulary(region: str) -> dict[tuple[str, ...], tuple[str, tuple[str, ...]]]:
    built_at, table = _tables.get(region, (0.0, {}))
    if not table or time.monotonic() - built_at > VOCABULARY_CACHE_SECONDS:
        table = _build_vocabulary(region)
        _tables[region] = (time.monotonic(), table)
    return table


def _build_vocabulary(region: str) -> dict[tuple[str, ...], tuple[str, tuple[str, ...]]]:
    """Every label of every level and subject (both regions, every language) and every alias,
    folded, -> (facet, codes). A label two terms share ("Wiskunde") filters on both."""
    found: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = {}
    for facet, terms in (
        ("level", [*levels_for_region("fl"), *levels_for_region("nl")]),
        ("subject", [*subjects_for_region("fl"), *subjects_for_region("nl")]),
    ):
        for term in terms:
            for label in term.labels.values():
                for words in _label_variants(label):
                    known = found.get(words)
                    if known is None or known[0] != facet:
                        found[words] = (facet, (term.code,))
                    elif term.code not in known[1]:
                        found[words] = (facet, (*known[1], term.code))
    found.update(_aliases(region))
    return found


@cache
def _synonym_data() -> dict:
    return json.loads((DATA_DIR / "synonyms.json").read_text(encoding="utf-8"))


@cache
def not_required() -> frozenset[str]:
    """Words a query does not need ("les over fotosynthese"), folded."""
    return frozenset(fold(word) for word in _synonym_data()["not_required"].split())


@cache
def _synonyms() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Folded words -> every entry of their synonym group (as words)."""
    data = _synonym_data()
    found: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    for group in data["groups"]:
        entries = tuple(dict.fromkeys(_words(entry) for entry in group))
        for entry in entries:
            found[entry] = entries
    return found


def _longest_match(words: list[str], start: int, table: dict) -> int:
    """How many words from ``start`` form the longest entry of ``table`` (0: none)."""
    for length in range(min(MAX_PHRASE_WORDS, len(words) - start), 0, -1):
        if tuple(words[start : start + length]) in table:
            return length
    return 0


def _word_groups(
    word: str, languages: tuple[str, ...], known: Callable[[str], bool]
) -> list[tuple[Clause, ...]]:
    """The groups that match one typed word: itself or its dictionary form; for a compound
    the index does not know as a word, itself or each of its parts ("kringloop" is searched
    as it is: the index knows it, and "kring" + "loop" would find electric circuits)."""
    folded = fold(word)
    alternatives = [word]
    parts: tuple[str, ...] = ()
    for language in languages:
        if (base := wordforms.lemma(folded, language)) != folded and base not in alternatives:
            alternatives.append(base)
        parts = parts or wordforms.compound_parts(folded, language)
    if parts and known(folded):
        parts = ()
    same = tuple(Clause(words=(alternative,)) for alternative in alternatives)
    if not parts:
        return [same]
    return [(*same, Clause(words=(part,))) for part in parts]


def _never_known(word: str) -> bool:
    return False


def understand(
    text: str,
    *,
    filters: dict[str, object] | None = None,
    languages: tuple[str, ...] = ("nl",),
    region: str = "fl",
    known: Callable[[str], bool] = _never_known,
) -> Understanding:
    """``text`` as the engine should search it. Curriculum words of a facet the search is
    already filtered on are left as words. Quoted phrases, OR and exclusions are kept as
    typed; the rest is read word by word. ``known`` says whether the index has a word."""
    filters = filters or {}
    # French elision: "cycle de l'eau" is the words "cycle de l eau", not a phrase "l eau".
    parsed = parse(ELISION.sub(" ", text))
    understanding = Understanding(text="", excluded=parsed.excluded)
    vocabulary = _vocabulary(region)
    synonyms = _synonyms()
    lemma_languages = tuple(dict.fromkeys((*languages, "nl")))
    # Runs of plain words (a group of one single-word clause) are read together; anything
    # else (a phrase, an OR group) is kept as it is.
    plain: list[str] = []

    def flush() -> None:
        words = [fold(word) for word in plain]
        position = 0
        while position < len(words):
            length = _longest_match(words, position, vocabulary)
            if length:
                facet, codes = vocabulary[tuple(words[position : position + length])]
                if facet not in filters or not filters[facet]:
                    typed = " ".join(plain[position : position + length])
                    understanding.recognised.append(Recognised(facet, codes, typed))
                    merged = understanding.filters.get(facet, ()) + codes
                    understanding.filters[facet] = tuple(dict.fromkeys(merged))
                    position += length
                    continue
            length = _longest_match(words, position, synonyms)
            if length:
                said = tuple(words[position : position + length])
                entries = synonyms[said]
                group = tuple(Clause(words=entry) for entry in entries)
                for entry in entries:
                    if entry != said:
                        # "water cycle" should rank the English resources first, the Dutch
                        # "waterkringloop" after them.
                        understanding.weights.setdefault(" ".join(entry), SYNONYM_WEIGHT)
                # Several words typed: each of them, anywhere, does as well as a synonym
                # ("tables de multiplication" finds "les tables de 6, 7 et 8 ... multiplier").
                loose = [word for word in said if word not in not_required()]
                unit = [(*group, Clause(words=(word,))) for word in loose if len(said) > 1]
                understanding.units.append(unit or [group])
                position += length
                continue
            word = plain[position]
            if words[position] not in not_required():
                understanding.units.append(_word_groups(word, lemma_languages, known))
            position += 1
        plain.clear()

    for group in parsed.groups:
        if len(group) == 1 and not group[0].is_phrase:
            plain.append(group[0].words[0])
            continue
        flush()
        understanding.units.append([group])
    flush()
    if not understanding.units and not understanding.recognised:
        # Only stop words: then they are what was asked for.
        understanding.units = [[group] for group in parsed.groups]
    groups = tuple(group for unit in understanding.units for group in unit)
    understanding.text = str(ParsedQuery(groups=groups, excluded=parsed.excluded))
    return understanding


def without_words(text: str, words: str) -> str:
    """``text`` with the first occurrence of ``words`` (a recognised term) taken out: where
    a chip's remove link goes."""
    wanted = _words(words)
    tokens = text.split()
    folded = [_words(token) for token in tokens]
    for start in range(len(tokens)):
        run: tuple[str, ...] = ()
        for end in range(start, len(tokens)):
            run += folded[end]
            if run == wanted:
                return " ".join(tokens[:start] + tokens[end + 1 :])
            if len(run) >= len(wanted):
                break
    return text
