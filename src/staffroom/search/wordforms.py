"""Word forms the stemmer does not join: dictionary forms (lemmas) and the parts of Dutch and
German compounds.

Snowball stems "werkwoorden" to "werkwoor" but "werkwoord" to itself, and no stemmer knows
that "rekenoefeningen" is "reken" + "oefeningen". So a document carries, besides its text, the
lemmas of its words and the parts of its compounds (``document_variants``: the ``variants``
field of a search document), and a query word is searched as itself or its lemma, and a
compound as itself or all of its parts (``understanding.py``). Both sides are analysed by the
same stemmers afterwards, so "werkwoorden" finds "werkwoord" and the reverse, and
"rekenoefeningen" finds "reken oefeningen" and the reverse.

Lemmas come from simplemma's dictionaries; compounds are split with the spelling dictionary's
word frequencies (pyspellchecker): a long word becomes two known words, with a Dutch or German
linking letter between them where needed ("verkeer-s-veiligheid"). A common word is not split
("onderwijs" is not "onder" + "wijs"), nor into rare parts.
"""

from functools import cache, lru_cache

from staffroom.core.language import spellchecker

from .syntax import WORD

LEMMA_LANGUAGES = ("nl", "en", "fr", "de")
# Between the parts of a compound: "beoordeling-s-rubriek", "Verkehr-s-sicherheit".
LINKING = {"nl": ("", "s", "e", "en"), "de": ("", "s", "es", "n", "en", "er")}
MIN_COMPOUND = 8  # letters: shorter words are left whole
MIN_PART = 4  # letters per part
# A part must be a word the dictionary has seen this often (Dutch counts: "kringloop" 207,
# "rubriek" 272, a typo or a fragment far fewer; the German list counts from 50, and most
# words have just that); and a word seen as often as the second number is a word in its own
# right, not a compound to take apart ("onderwijs" 1,870 is not "onder" + "wijs").
THRESHOLDS = {"nl": (150, 1000), "de": (50, 100)}
# Long texts (file bodies) would give many variants that help little: only these many
# distinct words of a document are looked at, its title and description first.
MAX_WORDS = 5000


@cache
def _frequencies(language: str) -> dict[str, int]:
    return dict(spellchecker(language).word_frequency.items())


@lru_cache(maxsize=50_000)
def lemma(word: str, language: str) -> str:
    """The dictionary form of a lower-case ``word`` in ``language`` (itself if unknown)."""
    if language not in LEMMA_LANGUAGES or len(word) < 3 or not word.isalpha():
        return word
    from simplemma import lemmatize  # noqa: PLC0415 - its dictionaries load on first use

    return lemmatize(word, lang=language).lower()


@lru_cache(maxsize=50_000)
def compound_parts(word: str, language: str) -> tuple[str, ...]:
    """The two parts of a lower-case Dutch or German compound, the last one as written
    ("rekenoefeningen" -> ("reken", "oefeningen")); () when it is not one."""
    if language not in THRESHOLDS or len(word) < MIN_COMPOUND or not word.isalpha():
        return ()
    frequencies = _frequencies(language)
    min_part, max_compound = THRESHOLDS[language]
    if frequencies.get(word, 0) >= max_compound:
        return ()
    best: tuple[int, tuple[str, str]] | None = None
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        tail = word[cut:]
        tail_frequency = frequencies.get(tail, 0)
        if tail_frequency < min_part:
            continue
        for link in LINKING[language]:
            head = word[: cut - len(link)] if link else word[:cut]
            if link and not word[:cut].endswith(link):
                continue
            if len(head) < MIN_PART:
                continue
            head_frequency = frequencies.get(head, 0)
            if head_frequency < min_part:
                continue
            # The split whose rarer part is most common: "water|kringloop", not "waterkring|loop".
            score = min(head_frequency, tail_frequency)
            if best is None or score > best[0]:
                best = (score, (head, tail))
    return best[1] if best else ()


def word_variants(word: str, language: str) -> list[str]:
    """Other forms of one lower-case word that a search should treat as it: its lemma and its
    compound parts (and their lemmas)."""
    found = []
    base = lemma(word, language)
    if base != word:
        found.append(base)
    for part in compound_parts(word, language):
        found.append(part)
        if (part_lemma := lemma(part, language)) != part:
            found.append(part_lemma)
    return found


def document_variants(texts: list[str], language: str) -> str:
    """The ``variants`` of a document in ``language``: every other form of its words, once
    each, in the order they first occur (so compound parts stay side by side)."""
    if language not in LEMMA_LANGUAGES:
        return ""
    seen: set[str] = set()
    variants: dict[str, None] = {}
    for text in texts:
        for word in WORD.findall(text):
            word = word.lower()
            if word in seen:
                continue
            if len(seen) >= MAX_WORDS:
                return " ".join(variants)
            seen.add(word)
            for variant in word_variants(word, language):
                variants.setdefault(variant, None)
    return " ".join(variants)
