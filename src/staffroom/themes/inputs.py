"""What editors write about a theme, a section and an item.

The theme form, the section and item forms and the demo build these; they tidy what was
written, the services resolve references and check the rules (as ``ValidationError``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from staffroom.accounts.models import Member
from staffroom.core.inputs import known_fields
from staffroom.curriculum.models import Level, Subject

from .models import ItemKind, ThemeStatus


@dataclass(kw_only=True)
class ThemeInput:
    title: str
    # Made from the title when left empty.
    slug: str = ""
    # Markdown.
    introduction: str = ""
    image_description: str = ""
    levels: Sequence[Level] = ()
    subjects: Sequence[Subject] = ()
    status: str = ThemeStatus.DRAFT
    publish_from: datetime | None = None
    publish_until: datetime | None = None
    # Curators who may edit it too (its creator always may).
    editors: Sequence[Member] = ()

    def __post_init__(self) -> None:
        self.title = " ".join((self.title or "").split())
        self.slug = (self.slug or "").strip().lower()
        self.introduction = (self.introduction or "").strip()
        self.image_description = " ".join((self.image_description or "").split())

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> ThemeInput:
        return cls(**known_fields(cls, values))


@dataclass(kw_only=True)
class SectionInput:
    heading: str
    intro: str = ""

    def __post_init__(self) -> None:
        self.heading = " ".join((self.heading or "").split())
        self.intro = (self.intro or "").strip()

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> SectionInput:
        return cls(**known_fields(cls, values))


@dataclass(kw_only=True)
class ItemInput:
    """An item as typed: its kind and a reference (a resource's number or address, a
    question's or an event's address), or for an external link its address and title."""

    kind: str
    reference: str = ""
    url: str = ""
    link_title: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        self.kind = (self.kind or "").strip()
        self.reference = (self.reference or "").strip()
        self.url = (self.url or "").strip()
        self.link_title = " ".join((self.link_title or "").split())
        self.note = " ".join((self.note or "").split())
        if self.kind == ItemKind.LINK and not self.url:
            self.url, self.reference = self.reference, ""

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> ItemInput:
        return cls(**known_fields(cls, values))
