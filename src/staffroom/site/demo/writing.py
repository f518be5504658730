"""Titles, descriptions and document bodies composed from a topic and the generic phrases.

A body is a list of blocks ``(kind, text)``; ``documents`` renders the same blocks as PDF,
DOCX or ODT. Kinds: title, meta, line, h (heading), sub (bold lead-in), p, bullet, number, small.
"""

import random
import re
from dataclasses import dataclass
from urllib.parse import quote

from .content import load
from .topics import Text

Block = tuple[str, str]

# The generic parts of a teaching document, per language: headings, goals, lesson phases,
# tips and the lines around a topic's own text. ``{name}`` is the topic's name.
PHRASES = load("phrases")["phrases"]

SHEET_TYPES = {"worksheet", "exercise", "assessment", "interactive-exercise", "game"}
PLAN_TYPES = {"lesson-plan", "learning-path", "teacher-training"}
GERMAN_ARTICLES = ("der ", "die ", "das ")
# "Oefening of quiz", "Exercise or quiz": a title needs only the first half.
ALTERNATIVE = re.compile(r" (?:of|or|ou|oder) ")


def topic_label(text: Text, language: str) -> str:
    """The topic's name as it reads inside a sentence template of ``language``."""
    if language == "de" and text.name.startswith(GERMAN_ARTICLES):
        return text.name.split(" ", 1)[1]
    return text.name


def wiki_url(text: Text, language: str) -> str:
    return f"https://{language}.wikipedia.org/wiki/{quote(text.wiki, safe='_()')}"


def compose_title(
    rng: random.Random, text: Text, language: str, type_label: str, level_label: str
) -> str:
    """One of the topic's titles, sometimes with the type or the level added."""
    phrases = PHRASES[language]
    patterns = list(phrases["title_patterns"])
    if len(level_label) > 24:  # long official level names make clumsy titles
        patterns = [p for p in patterns if "{level}" not in p]
    pattern = rng.choices(patterns, weights=[4, 2, 2, 1][: len(patterns)])[0]
    type_label = ALTERNATIVE.split(type_label)[0]
    title = pattern.format(
        title=rng.choice(text.titles),
        level=level_label,
        type=type_label,
        type_lower=type_label.lower(),
    )
    return title[:200]


def compose_remix_title(
    rng: random.Random, original_title: str, language: str, level_label: str
) -> str:
    patterns = list(PHRASES[language]["remix_titles"])
    if len(level_label) > 24:
        patterns = patterns[:2]
    return rng.choice(patterns).format(title=original_title, level=level_label)[:200]


def compose_description(
    rng: random.Random,
    text: Text,
    language: str,
    level_label: str,
    *,
    organisation: str = "",
    remix_of: tuple[str, str] | None = None,
) -> str:
    """The topic's description with a sentence on level, organisation or original."""
    phrases = PHRASES[language]
    parts = []
    if remix_of:
        parts.append(phrases["remix_sentence"].format(title=remix_of[0], author=remix_of[1]))
    parts.append(text.description)
    if organisation:
        parts.append(phrases["org_sentence"].format(org=organisation))
    elif level_label:
        parts.append(rng.choice(phrases["level_sentence"]).format(level=level_label))
    return " ".join(parts)


@dataclass
class DocumentContext:
    """What a document says about itself besides the topic: labels, author, licence."""

    title: str
    language: str
    type_code: str
    type_label: str
    level_label: str
    subject_label: str
    author: str
    licence_label: str
    all_rights_reserved: bool = False


def document_blocks(
    rng: random.Random, text: Text, context: DocumentContext, *, teacher_notes: bool = False
) -> list[Block]:
    """A page or two of teaching material on ``text`` in the shape its type calls for."""
    phrases = PHRASES[context.language]
    name = topic_label(text, context.language)
    blocks: list[Block] = [
        (
            "title",
            phrases["notes_title"].format(title=context.title) if teacher_notes else context.title,
        ),
        (
            "meta",
            phrases["meta"].format(
                type=context.type_label, level=context.level_label, subject=context.subject_label
            ),
        ),
    ]
    if teacher_notes or context.type_code in PLAN_TYPES:
        blocks += _plan(rng, text, phrases, name)
    elif context.type_code in SHEET_TYPES:
        blocks += _sheet(rng, text, phrases, name, context.type_code == "assessment")
    else:
        blocks += _article(rng, text, phrases, name, context.language)
    footer = phrases["footer_arr" if context.all_rights_reserved else "footer"]
    blocks.append(("small", footer.format(author=context.author, licence=context.licence_label)))
    return blocks


def _fill(lines, name: str) -> list[str]:
    return [line.format(name=name) for line in lines]


def _sheet(rng, text: Text, phrases: dict, name: str, assessment: bool) -> list[Block]:
    tasks = list(text.tasks)
    rng.shuffle(tasks)
    tasks.append(rng.choice(_fill(phrases["extra_tasks"], name)))
    blocks: list[Block] = [
        ("line", phrases["name_line"]),
        ("p", text.intro),
        ("h", phrases["know"]),
    ]
    blocks += [("bullet", fact) for fact in text.facts]
    blocks.append(("h", phrases["tasks"]))
    total = 0
    for task in tasks:
        if assessment:
            points = rng.choice((2, 3, 4, 5))
            total += points
            task = f"{task} {phrases['points'].format(points=points)}"
        blocks.append(("number", task))
    if assessment:
        blocks.append(("p", phrases["score"].format(total=total)))
    blocks.append(("h", phrases["look_back"]))
    blocks += [("bullet", line) for line in _fill(phrases["self_check"], name)]
    blocks.append(("p", phrases["self_scale"]))
    return blocks


def _plan(rng, text: Text, phrases: dict, name: str) -> list[Block]:
    goals = _fill(phrases["goal_lines"], name)
    tips = rng.sample(_fill(phrases["tip_lines"], name), 2)
    blocks: list[Block] = [("p", text.intro), ("h", phrases["goals"])]
    blocks += [("bullet", goal) for goal in goals[: rng.choice((3, 4))]]
    blocks.append(("h", phrases["materials"]))
    blocks += [("bullet", line) for line in phrases["material_lines"][: rng.choice((3, 4))]]
    blocks += [
        ("h", phrases["course"]),
        ("sub", phrases["phase_intro"]),
        ("p", phrases["intro_question"].format(name=name)),
        ("sub", phrases["phase_core"]),
        ("p", phrases["core_text"]),
    ]
    blocks += [("bullet", fact) for fact in text.facts]
    blocks += [("number", task) for task in text.tasks]
    blocks += [
        ("sub", phrases["phase_close"]),
        ("p", phrases["close_text"]),
        ("h", phrases["differentiation"]),
    ]
    blocks += [("p", line) for line in phrases["diff_lines"][: rng.choice((2, 3))]]
    blocks.append(("h", phrases["tips"]))
    blocks += [("bullet", tip) for tip in tips]
    return blocks


def _article(rng, text: Text, phrases: dict, name: str, language: str) -> list[Block]:
    blocks: list[Block] = [("p", text.description), ("p", text.intro), ("h", phrases["key_points"])]
    blocks += [("p", fact) for fact in text.facts]
    blocks.append(("h", phrases["discuss"]))
    blocks += [("bullet", task) for task in rng.sample(text.tasks, 3)]
    blocks += [
        ("h", phrases["more"]),
        ("p", phrases["more_line"].format(url=wiki_url(text, language))),
    ]
    return blocks
