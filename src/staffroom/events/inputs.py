"""What staff write about a webinar, and a partner about a training.

``EventInput`` is the one input of ``event_create``, ``event_edit`` and ``training_submit``:
the event form and the demo build one. It tidies what was written; the services decide who
may set what (a partner chooses neither the kind, nor presenters with an account, nor the
online room) and check the rules (an event ends after it starts).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from staffroom.accounts.models import Member, Organisation
from staffroom.core.inputs import known_fields
from staffroom.curriculum.models import Level, Subject

from .models import EventKind, RoomKind

TEXT_FIELDS = (
    "title",
    "description",
    "topic",
    "presenter_names",
    "external_url",
    "price",
    "location",
    "registration_url",
)


@dataclass(kw_only=True)
class EventInput:
    title: str
    starts_at: datetime
    ends_at: datetime
    kind: str = EventKind.WEBINAR
    # Markdown.
    description: str = ""
    topic: str = ""
    levels: Sequence[Level] = ()
    subjects: Sequence[Subject] = ()
    # Presenters with an account, and others as free text.
    presenters: Sequence[Member] = ()
    presenter_names: str = ""
    # None: no limit.
    capacity: int | None = None
    language: str = "nl"
    online: bool = True
    room_kind: str = RoomKind.NONE
    external_url: str = ""
    # Trainings: the partner organisation that offers it, its price, place and own sign-up.
    organisation: Organisation | None = None
    price: str = ""
    location: str = ""
    registration_url: str = ""

    def __post_init__(self) -> None:
        for name in TEXT_FIELDS:
            setattr(self, name, (getattr(self, name) or "").strip())
        self.levels = list(self.levels or ())
        self.subjects = list(self.subjects or ())
        self.presenters = list(dict.fromkeys(self.presenters or ()))

    @classmethod
    def from_form(cls, cleaned_data: Mapping[str, Any]) -> EventInput:
        """From the event form's cleaned data. A partner's form has no kind, presenters or
        room: those keep their defaults, and the services keep them for partners anyway."""
        return cls(**known_fields(cls, cleaned_data))
