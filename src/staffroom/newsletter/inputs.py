"""What staff write in a weekly issue, and what a partner books as a promotion.

``IssueInput`` is the input of ``issue_edit`` and ``PromotionRequestInput`` that of
``promotion_request``: the staff and partner forms and the demo build them. They tidy what was
written and refuse a line break in a one-line field (it would end up in a mail header); the
services check who may do it and the rules (a booking is for a later date, at
the price of the day).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from staffroom.accounts.models import Organisation
from staffroom.curriculum.models import Level, Subject


def single_line(value: str) -> None:
    """Refuse a line break in a field that becomes a mail header or a one-line title.

    A browser sends none from a one-line box, a crafted request can: in a subject it would
    make every message of a mailing fail (Django refuses such headers).
    """
    if value and len(value.splitlines()) > 1:
        raise ValidationError(_("Keep this to one line: remove the line break."), code="line_break")


def _single_lines(data: object, *names: str) -> None:
    errors = {}
    for name in names:
        try:
            single_line(getattr(data, name))
        except ValidationError as error:
            errors[name] = error.error_list
    if errors:
        raise ValidationError(errors)


@dataclass(kw_only=True)
class IssueInput:
    """A weekly issue as staff write it (every field is given again on each edit)."""

    # Empty: "Staffroom this week" with the date.
    subject: str = ""
    editorial_title: str = ""
    # Markdown.
    editorial: str = ""
    # None: the issue keeps the moment it is scheduled for.
    send_at: datetime | None = None

    def __post_init__(self) -> None:
        self.subject = (self.subject or "").strip()
        self.editorial_title = (self.editorial_title or "").strip()
        self.editorial = (self.editorial or "").strip()
        _single_lines(self, "subject", "editorial_title")

    @classmethod
    def from_form(cls, cleaned_data: Mapping[str, Any]) -> IssueInput:
        """From the issue form's cleaned data."""
        return cls(
            subject=cleaned_data.get("subject", ""),
            editorial_title=cleaned_data.get("editorial_title", ""),
            editorial=cleaned_data.get("editorial", ""),
            send_at=cleaned_data.get("send_at"),
        )


@dataclass(kw_only=True)
class PromotionRequestInput:
    """A partner's booking: what to show, on which date, to which teachers."""

    organisation: Organisation
    # A PromotionKind: a block in the weekly issue, or a dedicated mailing.
    kind: str
    date: date
    title: str
    # Markdown.
    body: str
    link: str = ""
    # Empty: both regions; no levels or subjects: every level or subject.
    region: str = ""
    levels: Sequence[Level] = ()
    subjects: Sequence[Subject] = ()

    def __post_init__(self) -> None:
        self.title = (self.title or "").strip()
        self.body = (self.body or "").strip()
        self.link = (self.link or "").strip()
        self.region = self.region or ""
        self.levels = list(self.levels or ())
        self.subjects = list(self.subjects or ())
        _single_lines(self, "title")

    @classmethod
    def from_form(cls, cleaned_data: Mapping[str, Any]) -> PromotionRequestInput:
        """From the booking form's cleaned data."""
        return cls(
            organisation=cleaned_data["organisation"],
            kind=cleaned_data["kind"],
            date=cleaned_data["date"],
            title=cleaned_data["title"],
            body=cleaned_data["body"],
            link=cleaned_data.get("link", ""),
            region=cleaned_data.get("region", ""),
            levels=cleaned_data.get("levels") or (),
            subjects=cleaned_data.get("subjects") or (),
        )
