"""A harvest run's report: what it met that it could not map, found odd or skipped (kept as the
run's report JSON and shown on the run's page)."""

from collections import Counter, defaultdict

MAX_REPORTED_TERMS = 200
MAX_REPORTED_SKIPS = 100
MAX_REPORTED_DUPLICATES = 100


class Report:
    """What a run met that it could not map or found odd, kept as the run's report JSON."""

    def __init__(self):
        self.pages = 0
        self.records = 0
        self.unmapped: dict[str, Counter] = defaultdict(Counter)
        self.missing: Counter = Counter()
        self.quirks: Counter = Counter()
        self.examples: dict[str, str] = {}
        self.skipped: list[dict] = []
        self.skip_reasons: Counter = Counter()
        # Records with the address of another resource: "joined" (recorded as a second origin
        # of a harvested resource) or "held" (a resource of its own, waiting for a moderator).
        self.duplicates: list[dict] = []
        self.duplicate_outcomes: Counter = Counter()

    def unmappable(self, kind: str, terms: list[str]) -> None:
        for term in terms:
            counter = self.unmapped[kind]
            if term in counter or len(counter) < MAX_REPORTED_TERMS:
                counter[term[:200]] += 1

    def quirk(self, name: str, identifier: str) -> None:
        self.quirks[name] += 1
        self.examples.setdefault(name, identifier)

    def lacking(self, name: str, identifier: str) -> None:
        self.missing[name] += 1
        self.examples.setdefault(f"missing {name}", identifier)

    def skip(self, identifier: str, reason: str) -> None:
        self.skip_reasons[reason] += 1
        if len(self.skipped) < MAX_REPORTED_SKIPS:
            self.skipped.append({"identifier": identifier[:500], "reason": reason})

    def duplicate(self, *, identifier: str, outcome: str, **details) -> None:
        """``identifier`` has the address of another resource (``details``: its source and
        address, the resource it became or joined, the other one with its first origin)."""
        self.duplicate_outcomes[outcome] += 1
        if len(self.duplicates) < MAX_REPORTED_DUPLICATES:
            self.duplicates.append(
                {
                    "identifier": identifier[:500],
                    "outcome": outcome,
                    **{
                        name: value[:500] if isinstance(value, str) else value
                        for name, value in details.items()
                    },
                }
            )

    def as_json(self) -> dict:
        return {
            "pages": self.pages,
            "records": self.records,
            "unmapped": {
                kind: dict(counter.most_common()) for kind, counter in self.unmapped.items()
            },
            "missing": dict(self.missing.most_common()),
            "quirks": dict(self.quirks.most_common()),
            "examples": self.examples,
            "skipped": self.skipped,
            "skip_reasons": dict(self.skip_reasons.most_common()),
            "duplicates": self.duplicates,
            "duplicate_outcomes": dict(self.duplicate_outcomes.most_common()),
        }
