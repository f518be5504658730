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
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from staffroom.accounts.models import Organisation
from staffroom.core.inputs import known_fields
from staffroom.curriculum.models import Level, ResourceType, Subject

from .licences import NO_DERIVATIVES, remix_problem
from .models import ContentLanguage, Cost, Kind, Resource

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


def member_language_choices() -> list[tuple[str, Any]]:
    """The content languages a member may choose in a form: all but "not known", which only a
    harvested record gets (one that states no language we read, and too little text to tell)."""
    return [
        (code, label)
        for code, label in ContentLanguage.choices
        if code != ContentLanguage.UNDETERMINED
    ]


def cost_problems(
    cost: str, cost_note: str, free_from: date | None, free_until: date | None
) -> dict[str, str]:
    """What is wrong with a resource's cost, as {field: message}; empty when it holds
    together. A period needs its last day (the clock ends the offer after it), a paid
    resource its price, so that a teacher knows before clicking."""
    problems: dict[str, str] = {}
    if cost not in Cost.values:
        problems["cost"] = _("Choose whether it is free, free for a period or paid.")
    elif cost == Cost.FREE_UNTIL:
        if free_until is None:
            problems["free_until"] = _("Give the last day on which it is free.")
        elif free_from is not None and free_until < free_from:
            problems["free_until"] = _(
                "The last free day cannot come before the first: check both dates."
            )
    elif cost == Cost.PAID and not cost_note.strip():
        problems["cost_note"] = _(
            "Give the price or how to get one, e.g. “€ 3 per pupil a year” or “quote on request”."
        )
    return problems


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
    # Where the original lives when it came from elsewhere (a DOI, the source's page), and the
    # source's own rights statement where it names no licence we know (harvested records).
    source_url: str | NotGiven = NOT_GIVEN
    rights_statement: str | NotGiven = NOT_GIVEN
    based_on: Resource | NotGiven | None = NOT_GIVEN
    accessibility_notes: str | NotGiven = NOT_GIVEN
    # Minutes in class; None: not known.
    duration: int | NotGiven | None = NOT_GIVEN
    kind: str | NotGiven = NOT_GIVEN
    # Publish as this partner organisation (its members only; checked by the form).
    organisation: Organisation | NotGiven | None = NOT_GIVEN
    # What using it costs (a Cost value); the price or the conditions of an offer; the
    # period of a "free until" offer (None: open, or not a period).
    cost: str | NotGiven = NOT_GIVEN
    cost_note: str | NotGiven = NOT_GIVEN
    free_from: date | NotGiven | None = NOT_GIVEN
    free_until: date | NotGiven | None = NOT_GIVEN
    # The tool or resource this one is a manual for ("Handleiding voor ...").
    manual_for: Resource | NotGiven | None = NOT_GIVEN

    def __post_init__(self) -> None:
        for name in ("title", "author_name", "attribution", "cost_note", "source_url"):
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
        if self.cost == "" or self.cost is None:
            self.cost = NOT_GIVEN
        if self.cost in (Cost.FREE, Cost.PAID):
            # Only an offer has a period; dates left in a form after switching to "free" or
            # "paid" would otherwise make the clock end it.
            self.free_from = self.free_until = None

    def cost_problems(self) -> dict[str, str]:
        """What is wrong with the cost this input gives (see ``cost_problems``); nothing
        when it gives no cost."""
        if isinstance(self.cost, NotGiven):
            return {}
        return cost_problems(
            self.cost,
            self.get("cost_note") or "",
            self.get("free_from"),
            self.get("free_until"),
        )

    def remix_problems(self) -> dict[str, str]:
        """What the remix rules say against this input's licence for an adaptation of its
        ``based_on`` (``licences.remix_problem``), as {field: message}; nothing when it gives
        no original or no licence."""
        original, licence = self.get("based_on"), self.get("licence")
        if original is None or not licence:
            return {}
        problem = remix_problem(original.licence, licence)
        if problem is None:
            return {}
        # A source that allows no adaptation is the wrong choice of source, not of licence.
        return {"based_on" if original.licence in NO_DERIVATIVES else "licence": problem}

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
            cost=resource.cost,
            cost_note=resource.cost_note,
            free_from=resource.free_from,
            free_until=resource.free_until,
            manual_for=resource.manual_for,
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
