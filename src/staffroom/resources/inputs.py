"""What a contributor, a partner's API client or a harvested record says about a resource.

``ResourceInput`` is the one input of the resource services (drafts, submissions, proposed
edits). The contribution form, the API and the harvester each build one, and its cleaning
(keywords, whitespace) is done here once for all of them. Every field may be left out: a
draft keeps whatever was given, and an edit changes only what it names. ``NOT_GIVEN`` marks a
field that was left out; ``None`` or an empty value is an answer (e.g. "no source").
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from staffroom.accounts.models import Organisation
from staffroom.core.inputs import known_fields
from staffroom.curriculum.models import Level, ResourceType, Subject

from .models import Kind, Resource

MAX_KEYWORDS = 30
MAX_KEYWORD_LENGTH = 60


class NotGiven(enum.Enum):
    NOT_GIVEN = "not given"

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven.NOT_GIVEN


def clean_keywords(keywords: str | Sequence[str]) -> list[str]:
    """Keywords as a list: split on commas when typed as one text, trimmed, each once (case
    does not make a new keyword), at most 30 of at most 60 characters."""
    parts = keywords.split(",") if isinstance(keywords, str) else keywords
    seen: set[str] = set()
    cleaned: list[str] = []
    for keyword in (str(part).strip() for part in parts):
        if keyword and keyword.lower() not in seen:
            seen.add(keyword.lower())
            cleaned.append(keyword[:MAX_KEYWORD_LENGTH])
    return cleaned[:MAX_KEYWORDS]


@dataclass(kw_only=True)
class ResourceInput:
    title: str | NotGiven = NOT_GIVEN
    description: str | NotGiven = NOT_GIVEN
    language: str | NotGiven = NOT_GIVEN
    url: str | NotGiven = NOT_GIVEN
    levels: Sequence[Level] | NotGiven = NOT_GIVEN
    subjects: Sequence[Subject] | NotGiven = NOT_GIVEN
    resource_type: ResourceType | NotGiven | None = NOT_GIVEN
    keywords: str | Sequence[str] | NotGiven = NOT_GIVEN
    licence: str | NotGiven = NOT_GIVEN
    author_name: str | NotGiven = NOT_GIVEN
    attribution: str | NotGiven = NOT_GIVEN
    based_on: Resource | NotGiven | None = NOT_GIVEN
    accessibility_notes: str | NotGiven = NOT_GIVEN
    # Minutes in class; None: not known.
    duration: int | NotGiven | None = NOT_GIVEN
    kind: str | NotGiven = NOT_GIVEN
    # Publish as this partner organisation (its members only; checked by the form).
    organisation: Organisation | NotGiven | None = NOT_GIVEN

    def __post_init__(self) -> None:
        for name in ("title", "author_name", "attribution"):
            value = getattr(self, name)
            if isinstance(value, str):
                setattr(self, name, value.strip())
        for name in ("description", "accessibility_notes"):
            value = getattr(self, name)
            if isinstance(value, str):
                setattr(self, name, value.replace("\r\n", "\n"))
        if not isinstance(self.keywords, NotGiven):
            self.keywords = clean_keywords(self.keywords or [])
        if self.kind == "":
            self.kind = Kind.FILE
        if self.licence == "" or self.licence is None:
            # An empty choice is no answer: a draft keeps its licence.
            self.licence = NOT_GIVEN

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> ResourceInput:
        """From a form's cleaned data (or any mapping by field name); other keys are left
        out, so a form may hold more than the resource (files, a message)."""
        return cls(**known_fields(cls, values))

    @classmethod
    def of_resource(cls, resource: Resource) -> ResourceInput:
        """What ``resource`` holds now, for the fields a submission needs."""
        return cls(
            title=resource.title,
            description=resource.description,
            levels=list(resource.levels.all()),
            subjects=list(resource.subjects.all()),
            resource_type=resource.resource_type,
            kind=resource.kind,
            url=resource.url,
            licence=resource.licence,
            based_on=resource.based_on,
        )

    def given(self) -> dict[str, Any]:
        """The fields that were given, by name."""
        return {
            field.name: getattr(self, field.name)
            for field in fields(self)
            if getattr(self, field.name) is not NOT_GIVEN
        }

    def get(self, name: str, default: Any = None) -> Any:
        value = getattr(self, name)
        return default if value is NOT_GIVEN else value

    def leaving_out(self, *names: str) -> ResourceInput:
        return replace(self, **dict.fromkeys(names, NOT_GIVEN))

    def updated_with(self, other: ResourceInput) -> ResourceInput:
        """This input with what ``other`` gives on top."""
        return replace(self, **other.given())
