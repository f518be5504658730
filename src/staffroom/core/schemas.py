"""Schemas every JSON API router shares: errors and paging (domain-free)."""

from typing import Any

from ninja import Field, Schema

# Above this an offset is no page anyone reads, and databases refuse very large ones.
MAX_OFFSET = 100_000
MAX_LIMIT = 100
# Ids are 64-bit: larger numbers are answered 422 rather than reaching the database.
MAX_ID = 2**63 - 1


class Message(Schema):
    """An error with one message (401, 404, 409, 429)."""

    detail: str


class ErrorItem(Schema):
    loc: list[str | int] = Field(description="Where: e.g. ['body', 'payload', 'title'].")
    msg: str
    type: str


class ValidationErrors(Schema):
    """422: what was wrong, per field."""

    detail: list[ErrorItem]


class PageParams(Schema):
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description="How many results (at most 100).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many results to skip.")


def page_of(queryset, params: PageParams) -> dict[str, Any]:
    """``count`` and the slice of ``queryset`` that ``params`` asks for."""
    return {
        "count": queryset.count(),
        "limit": params.limit,
        "offset": params.offset,
        "items": list(queryset[params.offset : params.offset + params.limit]),
    }


READ_ERRORS = {422: ValidationErrors}
DETAIL_ERRORS = {404: Message, 422: ValidationErrors}
