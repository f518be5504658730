"""Language identification of what members write (py3langid: small, fast, offline)."""

import re
from functools import lru_cache

CONTENT_LANGUAGES = ("nl", "en", "fr", "de")
# A word: letters, with inner apostrophes or hyphens ("l'école", "e-mail").
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


def language_tag(code: str) -> str:
    """A Django language code as a BCP 47 tag for documents: "nl-be" becomes "nl-BE"."""
    language, _dash, country = code.partition("-")
    return f"{language}-{country.upper()}" if country else language


@lru_cache(maxsize=4)
def spellchecker(language: str):
    """pyspellchecker's dictionary for nl, en, fr or de (loaded once per process)."""
    from spellchecker import SpellChecker

    return SpellChecker(language=language, distance=1)


@lru_cache(maxsize=1)
def _identifier():
    """py3langid's model (read once per process, on first use)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """The most likely ISO 639-1 language of ``text`` and its probability (0-1)."""
    language, probability = _identifier().classify(text)
    return language, float(probability)


def guess_content_language(text: str) -> str:
    """nl, en, fr or de when the text is clearly one of them, else "other"; "" when too short."""
    if len(text.split()) < 4:
        return ""
    language, probability = detect_language(text)
    if language in CONTENT_LANGUAGES and probability > 0.5:
        return language
    return "other"
