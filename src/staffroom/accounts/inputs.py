"""What a member says about themselves, and what staff say about a partner organisation.

``ProfileInput`` is the input of ``member_update_profile``: the profile form, the sign-up form
and the region and language switches each build one. A field left as ``None`` was not given and
the profile keeps what it holds (a switch changes one field only); an empty text is an answer
("no town"), but an empty choice (region, language, mail) is none. ``OrganisationInput`` is the
input of ``organisation_create``. Both clean their texts here, once for every caller.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from staffroom.core.inputs import known_fields
from staffroom.curriculum.models import Level, Subject


def _text(value: str | None) -> str | None:
    return None if value is None else value.strip()


def _choice(value: str | None) -> str | None:
    return value or None


@dataclass(kw_only=True)
class ProfileInput:
    name: str | None = None
    town: str | None = None
    region: str | None = None
    language: str | None = None
    bio: str | None = None
    notification_mail: str | None = None
    profile_public: bool | None = None
    usage_history: bool | None = None
    levels: Iterable[Level] | None = None
    subjects: Iterable[Subject] | None = None

    def __post_init__(self) -> None:
        self.name = _text(self.name)
        self.town = _text(self.town)
        self.bio = _text(self.bio)
        self.region = _choice(self.region)
        self.language = _choice(self.language)
        self.notification_mail = _choice(self.notification_mail)

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> ProfileInput:
        """From a form's cleaned data (or any mapping by field name); other keys are left out."""
        return cls(**known_fields(cls, values))

    def given(self) -> dict[str, Any]:
        """The fields that were given, by name (levels and subjects included)."""
        return {
            field.name: getattr(self, field.name)
            for field in fields(self)
            if getattr(self, field.name) is not None
        }


@dataclass(kw_only=True)
class OrganisationInput:
    name: str
    description: str = ""
    website: str = ""

    def __post_init__(self) -> None:
        self.name = self.name.strip()
        self.description = self.description.strip()
        self.website = self.website.strip()

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> OrganisationInput:
        """From a form's cleaned data (or any mapping by field name); other keys are left out."""
        return cls(**known_fields(cls, values))
