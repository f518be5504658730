"""The search page's filter panel: a group of checkboxes per filter with what each option
would give, the level tree (each top-level branch collapsible), and the chips of the filters
in use, each with the address of the search without it.

Within a group several options may be ticked: any of them may match (reuse options: all
must hold). An option's count is what the search gives with it; for a filter in use, what
each value would give instead of the chosen ones (the search without that filter:
``queries._alternatives``), so ticking a second level adds about what its count says.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from staffroom.curriculum.queries import levels_for_region, resource_types, subjects_for_region
from staffroom.resources.licences import FACET_ORDER
from staffroom.resources.models import ContentLanguage, Cost, Kind

from .backends.base import REUSE, SEPARATOR, filter_values
from .facets import (
    ACCESSIBILITY_LABELS,
    DURATION_LABELS,
    FORMAT_LABELS,
    PICK_LABELS,
    REUSE_LABELS,
)
from .queries import RATINGS, filter_label, publisher_labels, rating_label

FACET_LABELS = {
    "level": gettext_lazy("Education level"),
    "subject": gettext_lazy("Subject"),
    "type": gettext_lazy("Type"),
    "format": gettext_lazy("File format"),
    "duration": gettext_lazy("Time in class"),
    REUSE: gettext_lazy("Reuse"),
    "licence": gettext_lazy("Licence"),
    "language": gettext_lazy("Language"),
    "kind": gettext_lazy("Kind"),
    "cost": gettext_lazy("Cost"),
    "publisher": gettext_lazy("Publisher"),
    "accessibility": gettext_lazy("Accessibility"),
    "pick": gettext_lazy("Moderators' picks"),
    "rating": gettext_lazy("Rating"),
}
# The groups in the order a teacher looks for them ("only": moderators' picks, accessibility).
GROUP_ORDER = (
    "level",
    "subject",
    "type",
    "format",
    "duration",
    REUSE,
    "licence",
    "cost",
    "only",
    "rating",
    "language",
    "kind",
    "publisher",
)
# Groups with more options than this scroll within the panel.
SCROLL_ABOVE = 10


@dataclass
class Option:
    name: str  # the filter (the checkbox's name)
    value: str
    label: str
    count: int
    selected: bool
    depth: int = 0

    @property
    def input_id(self) -> str:
        return f"f-{self.name}-{self.value}".replace(":", "-")


@dataclass
class Branch:
    """A top-level term with the terms below it (shown collapsed unless one is ticked)."""

    top: Option
    below: list[Option] = field(default_factory=list)

    @property
    def open(self) -> bool:
        return any(option.selected for option in self.below)

    @property
    def details_id(self) -> str:
        return f"{self.top.input_id}-below"


@dataclass
class Group:
    name: str
    label: str
    options: list[Option]
    # The level tree: the options by top-level branch.
    branches: list[Branch] = field(default_factory=list)
    # One choice only (the minimum rating: radio buttons with "any").
    single: bool = False

    @property
    def scrolls(self) -> bool:
        return len(self.options) > SCROLL_ABOVE and not self.branches

    @property
    def any_selected(self) -> bool:
        return any(option.selected for option in self.options)


def _options(
    name: str, choices, counts: Mapping[str, int], chosen: set[str], depths=None
) -> list[Option]:
    """The options of a filter with how many results each would give, and whether it is
    ticked; options with nothing to give are left out, unless ticked."""
    depth = depths or {}
    return [
        Option(name, code, str(label), counts.get(code, 0), code in chosen, depth.get(code, 0))
        for code, label in choices
        if counts.get(code) or code in chosen
    ]


def _tree(options: list[Option]) -> list[Branch]:
    branches: list[Branch] = []
    for option in options:
        if option.depth == 0 or not branches:
            branches.append(Branch(option))
        else:
            branches[-1].below.append(option)
    return branches


def facet_groups(
    facets: Mapping[str, Mapping[str, int]],
    filters: Mapping[str, str],
    min_rating: int,
    region: str,
) -> list[Group]:
    """The groups of the filter panel, in the order a teacher looks for them; groups with
    no option are left out."""
    chosen = {name: set(filter_values(value)) for name, value in filters.items()}
    publishers = dict.fromkeys(chosen.get("publisher", ()), 0) | dict(facets.get("publisher", {}))
    publisher_names = publisher_labels(publishers)
    levels = levels_for_region(region)
    subjects = subjects_for_region(region)
    choices = {
        "level": [(t.code, t.label) for t in levels],
        "subject": [(t.code, t.label) for t in subjects],
        "type": [(t.code, t.label) for t in resource_types()],
        "format": list(FORMAT_LABELS.items()),
        "duration": list(DURATION_LABELS.items()),
        REUSE: list(REUSE_LABELS.items()),
        # Each Creative Commons family with its versions together, newest first.
        "licence": [(choice.value, choice.label) for choice in FACET_ORDER],
        "language": ContentLanguage.choices,
        "kind": Kind.choices,
        "cost": Cost.choices,
        "publisher": [(key, publisher_names.get(key, key)) for key in publishers],
    }
    depths = {
        "level": {t.code: t.depth for t in levels},
        "subject": {t.code: 1 if t.parent_id else 0 for t in subjects},
    }
    groups = {}
    for name, options in choices.items():
        found = _options(
            name, options, facets.get(name, {}), chosen.get(name, set()), depths.get(name)
        )
        tree = _tree(found) if name == "level" else []
        groups[name] = Group(name, str(FACET_LABELS[name]), found, tree)
    # Two filters of one option each, shown together.
    only = [
        option
        for name, labels in (("pick", PICK_LABELS), ("accessibility", ACCESSIBILITY_LABELS))
        for option in _options(name, labels.items(), facets.get(name, {}), chosen.get(name, set()))
    ]
    groups["only"] = Group("only", _("Show only"), only)
    stars = [(value, rating_label(value)) for value in RATINGS]
    rated = _options("rating", stars, facets.get("rating", {}), {str(min_rating)} - {"0"})
    groups["rating"] = Group("rating", str(FACET_LABELS["rating"]), rated, single=True)
    return [groups[name] for name in GROUP_ORDER if groups[name].options]


@dataclass
class Chip:
    facet: str
    label: str
    url: str  # the search without this value


def _query(text: str, filters: Mapping[str, str], min_rating: int, sort: str) -> str:
    pairs = [("q", text)]
    for name, value in filters.items():
        pairs.extend((name, item) for item in filter_values(value))
    if min_rating:
        pairs.append(("rating", str(min_rating)))
    if sort != "relevance":
        pairs.append(("sort", sort))
    return "?" + urlencode(pairs)


def filter_chips(
    text: str, filters: Mapping[str, str], min_rating: int, sort: str, region: str
) -> tuple[list[Chip], str]:
    """A chip per filter value in use (the minimum rating one), each with the address of the
    search without it, and the address of the search without any filter ("" if none)."""
    chips = []
    for name, value in filters.items():
        values = filter_values(value)
        for item in values:
            rest = {**filters, name: SEPARATOR.join(v for v in values if v != item)}
            chips.append(
                Chip(
                    str(FACET_LABELS.get(name, name)),
                    filter_label(name, item, region) or item,
                    _query(text, {k: v for k, v in rest.items() if v}, min_rating, sort),
                )
            )
    if min_rating:
        chips.append(
            Chip(
                str(FACET_LABELS["rating"]),
                rating_label(str(min_rating)),
                _query(text, filters, 0, sort),
            )
        )
    return chips, _query(text, {}, 0, sort) if chips else ""


def selected_count(filters: Mapping[str, str], min_rating: int) -> int:
    """How many filter values are in use (what "Filters (n)" says)."""
    return sum(len(filter_values(value)) for value in filters.values()) + bool(min_rating)


def carried_pairs(filters: Mapping[str, str], min_rating: int) -> list[tuple[str, str]]:
    """The filters as (name, value) pairs, one per value: the hidden fields of the forms that
    carry them along (the search box, "Save this search")."""
    pairs = [(name, item) for name, value in filters.items() for item in filter_values(value)]
    return pairs + ([("rating", str(min_rating))] if min_rating else [])
