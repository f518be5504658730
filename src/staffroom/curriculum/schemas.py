"""How vocabulary terms look in the JSON API, for every router that shows them."""

from ninja import Schema


class Term(Schema):
    """A vocabulary term: its code and its label in each language (nl, en, fr, de)."""

    code: str
    labels: dict[str, str]


def term_out(term) -> dict:
    """``term`` (a level, subject or resource type) as a ``Term``."""
    return {"code": term.code, "labels": dict(term.labels)}
