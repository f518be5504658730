"""The content bank's lesson topics: forty of them, each written out in Dutch, English, French
and German (data/topics/*.json), with where it fits in the Flemish and Dutch curricula."""

from dataclasses import dataclass, field

from .content import load

LANGUAGES = ("nl", "en", "fr", "de")
# The topic files in the order the demo draws from them (the order fixes what a seed gives).
TOPIC_FILES = ("maths", "science", "society", "languages", "life")


@dataclass(frozen=True)
class Text:
    """One topic in one language: enough to title, describe and fill a page or two."""

    name: str
    titles: tuple[str, ...]
    description: str
    intro: str
    facts: tuple[str, ...]
    tasks: tuple[str, ...]
    keywords: tuple[str, ...]
    wiki: str  # the Wikipedia article on the topic in this language (for link resources)


@dataclass(frozen=True)
class Topic:
    """A lesson topic: where it fits in both regions' curricula, and its text per language.

    ``fl`` and ``nl`` are the subject codes of each region; a pair means (primary, secondary)
    where the regions name the subject differently at those stages.
    """

    key: str
    bands: tuple[str, ...]
    fl: str | tuple[str, str]
    nl: str | tuple[str, str]
    types: tuple[str, ...]
    texts: dict[str, Text] = field(default_factory=dict)

    def subject_code(self, region: str, band: str) -> str:
        code = self.fl if region == "fl" else self.nl
        if isinstance(code, tuple):
            return code[0] if band in PRIMARY_BANDS else code[1]
        return code


PRIMARY_BANDS = {"ko", "lo1", "lo2", "bu"}

# Level codes per band and region: a resource is tagged with one or two codes of one band.
BANDS: dict[str, dict[str, tuple[str, ...]]] = {
    "ko": {"fl": ("fl-ko-1", "fl-ko-2", "fl-ko-3"), "nl": ("nl-po-1", "nl-po-2")},
    "lo1": {"fl": ("fl-lo-1", "fl-lo-2", "fl-lo-3"), "nl": ("nl-po-3", "nl-po-4", "nl-po-5")},
    "lo2": {"fl": ("fl-lo-4", "fl-lo-5", "fl-lo-6"), "nl": ("nl-po-6", "nl-po-7", "nl-po-8")},
    "so1": {
        "fl": ("fl-so-1g-a", "fl-so-1g-b"),
        "nl": ("nl-vmbo-1", "nl-vmbo-2", "nl-havo-1", "nl-havo-2", "nl-vwo-1", "nl-vwo-2"),
    },
    "so2": {
        "fl": ("fl-so-2g-ds", "fl-so-2g-df", "fl-so-2g-am"),
        "nl": ("nl-vmbo-3", "nl-vmbo-4", "nl-havo-3", "nl-vwo-3", "nl-havo-4"),
    },
    "so3": {
        "fl": ("fl-so-3g-ds", "fl-so-3g-df", "fl-so-3g-am"),
        "nl": ("nl-havo-5", "nl-vwo-5", "nl-vwo-6", "nl-mbo-3"),
    },
    "volw": {"fl": ("fl-volw",), "nl": ("nl-volw", "nl-mbo-2")},
    "bu": {"fl": ("fl-bu-bao",), "nl": ("nl-sp-sbo",)},
}


def _subject(code: str | list[str]) -> str | tuple[str, str]:
    return code if isinstance(code, str) else (code[0], code[1])


def _text(data: dict) -> Text:
    return Text(
        name=data["name"],
        titles=tuple(data["titles"]),
        description=data["description"],
        intro=data["intro"],
        facts=tuple(data["facts"]),
        tasks=tuple(data["tasks"]),
        keywords=tuple(data["keywords"]),
        wiki=data["wiki"],
    )


def _topic(data: dict) -> Topic:
    return Topic(
        key=data["key"],
        bands=tuple(data["bands"]),
        fl=_subject(data["fl"]),
        nl=_subject(data["nl"]),
        types=tuple(data["types"]),
        texts={language: _text(text) for language, text in data["texts"].items()},
    )


TOPICS: list[Topic] = [_topic(item) for name in TOPIC_FILES for item in load(f"topics/{name}")]
