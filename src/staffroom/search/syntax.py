"""What a teacher types into the search box, parsed once for every backend.

The syntax: words (all must match), "exact phrases", -exclusions (a word or a phrase) and OR
between two words or phrases; AND between words is allowed and changes nothing. Anything
else is text: stray operators, unbalanced quotes, colons or brackets never change the meaning
of a query and never fail. Lower-case "or" is an
ordinary word (French "or", Dutch "oranje"...).

Backends build their own queries from the parsed clauses; none parses the raw text itself, so
a query means the same in each.
"""

import re
from dataclasses import dataclass

# A run of letters or digits (any script): what both backends' tokenizers keep.
WORD = re.compile(r"[^\W_]+")
TOKEN = re.compile(r'-?"[^"]*"|\S+')
MAX_CLAUSES = 32
OR = "OR"
AND = "AND"


@dataclass(frozen=True)
class Clause:
    """One word, or the words of a phrase that must appear together and in this order."""

    words: tuple[str, ...]
    excluded: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class ParsedQuery:
    # Every group must match; within a group, any clause may (OR).
    groups: tuple[tuple[Clause, ...], ...] = ()
    # None of these may match.
    excluded: tuple[Clause, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.excluded

    @property
    def words(self) -> list[str]:
        """Every word that should match (for spelling suggestions and highlighting)."""
        return [word for group in self.groups for clause in group for word in clause.words]

    def __str__(self) -> str:
        def show(clause: Clause) -> str:
            text = f'"{clause.text}"' if clause.is_phrase else clause.text
            return f"-{text}" if clause.excluded else text

        parts = [" OR ".join(show(c) for c in group) for group in self.groups]
        parts += [show(c) for c in self.excluded]
        return " ".join(parts)


def parse(text: str) -> ParsedQuery:
    if text.count('"') % 2:
        # An unbalanced quote: the last one is dropped, the rest still pairs up.
        head, _quote, tail = text.rpartition('"')
        text = f"{head} {tail}"
    groups: list[list[Clause]] = []
    excluded: list[Clause] = []
    join_next = False
    for token in TOKEN.findall(text):
        if token == OR:
            join_next = bool(groups)
            continue
        if token == AND and groups:
            # All words must match anyway: "breuken AND procent" is "breuken procent".
            continue
        negated = token.startswith("-")
        words = tuple(WORD.findall(token))
        if not words:
            continue
        clause = Clause(words=words, excluded=negated)
        if negated:
            excluded.append(clause)
        elif join_next:
            groups[-1].append(clause)
        else:
            groups.append([clause])
        join_next = False
    return ParsedQuery(
        groups=tuple(tuple(group) for group in groups[:MAX_CLAUSES]),
        excluded=tuple(excluded[:MAX_CLAUSES]),
    )
