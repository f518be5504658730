"""How text is analysed for search, shared by both backends so that they match alike: split
on anything but letters and digits, drop words over 40 characters, lower-case, fold accents,
and stem by the resource's language (Tantivy's Snowball stemmers; the PostgreSQL backend uses
these same analysers rather than PostgreSQL's older Snowball, which stems half the Dutch
words differently)."""

import tantivy

STEMMERS = {"nl": "dutch", "en": "english", "fr": "french", "de": "german"}
OTHER = "other"
LANGUAGES = (*STEMMERS, OTHER)


def analyzer(language: str):
    """The analyser of ``language`` (nl, en, fr, de; anything else: not stemmed)."""
    builder = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
    )
    if language in STEMMERS:
        builder = builder.filter(tantivy.Filter.stemmer(STEMMERS[language]))
    return builder.build()


def analysed_as(language: str) -> str:
    """Which analysis a resource in ``language`` gets."""
    return language if language in STEMMERS else OTHER
