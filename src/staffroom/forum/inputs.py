"""What a member writes when asking a question in the teachers' room.

``QuestionInput`` is the one input of ``question_ask`` and ``question_edit``: the ask form,
an event's Q&A moving to the forum and the demo each build one. It tidies what was written
(whitespace, tags, repeated links); the services decide whether it may be posted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from staffroom.curriculum.models import Level, Subject
from staffroom.resources.models import ContentLanguage, Resource

from .models import Question

MAX_TAGS = 10
MAX_TAG_LENGTH = 40


def clean_text(text: str | None) -> str:
    """Markdown as stored: one kind of line break, no blank lines around it."""
    return (text or "").replace("\r\n", "\n").strip()


def clean_tags(tags: Iterable[object] | None) -> list[str]:
    """Tags as stored: trimmed, without duplicates (ignoring case), at most MAX_TAGS."""
    seen: set[str] = set()
    cleaned: list[str] = []
    for tag in tags or []:
        text = " ".join(str(tag).split()).strip("#")[:MAX_TAG_LENGTH]
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            cleaned.append(text)
    return cleaned[:MAX_TAGS]


@dataclass(kw_only=True)
class QuestionInput:
    """A question as asked, or as its asker changes it (an edit gives every field again)."""

    title: str
    # Markdown.
    body: str = ""
    levels: Sequence[Level] = ()
    subjects: Sequence[Subject] = ()
    tags: Sequence[str] = ()
    # Published resources the question is about; the services refuse others.
    resources: Sequence[Resource] = ()
    # Empty: guessed from the text.
    language: str = ""

    def __post_init__(self) -> None:
        self.title = " ".join((self.title or "").split())
        self.body = clean_text(self.body)
        self.levels = list(self.levels or ())
        self.subjects = list(self.subjects or ())
        self.tags = clean_tags(self.tags)
        self.resources = list(dict.fromkeys(self.resources or ()))
        if self.language not in ContentLanguage.values:
            self.language = ""

    @classmethod
    def from_form(cls, cleaned_data: Mapping[str, Any]) -> QuestionInput:
        """From the question form's cleaned data."""
        return cls(
            title=cleaned_data.get("title", ""),
            body=cleaned_data.get("body", ""),
            levels=cleaned_data.get("levels") or (),
            subjects=cleaned_data.get("subjects") or (),
            tags=cleaned_data.get("tags") or (),
            resources=cleaned_data.get("resources") or (),
            language=cleaned_data.get("language") or "",
        )

    @classmethod
    def of_question(cls, question: Question) -> QuestionInput:
        """What ``question`` says now: the start of an edit. Links to resources that are
        no longer published are left out (they could not be linked again)."""
        return cls(
            title=question.title,
            body=question.body,
            levels=list(question.levels.all()),
            subjects=list(question.subjects.all()),
            tags=question.tags,
            resources=list(question.resources.published()),
            language=question.language,
        )
