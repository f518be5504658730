"""A picker for levels and subjects: the terms of the viewer's region as nested checkbox groups.

Plain checkboxes in a fieldset per top-level term ("Basisonderwijs" > "Lager onderwijs" >
"1ste leerjaar"), so it works without JavaScript and reads well to a screen reader; with
JavaScript (static/staffroom/term_picker.js) a filter box narrows the list and the "selected"
count follows each tick.
"""

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import RegionalTerm
from .queries import terms_by_id


@dataclass
class TermNode:
    """One term of the picker with its checkbox (Django's option dict) and its sub-terms."""

    term: RegionalTerm
    option: dict[str, Any]
    children: list["TermNode"] = field(default_factory=list)


@dataclass
class TermBlock:
    """What the picker shows in turn: a group of a top-level term with sub-terms (a fieldset),
    or a run of top-level terms without any (one list)."""

    group: TermNode | None = None
    items: list[TermNode] = field(default_factory=list)


class TermPicker(forms.CheckboxSelectMultiple):
    """Checkboxes for a ``RegionalTermsField``'s choices, nested by the terms' hierarchy.

    The choices stay the field's (the region's terms, plus the other region's terms already
    chosen); the hierarchy and the unindented labels come from the terms themselves.
    """

    template_name = "curriculum/widgets/term_picker.html"

    def __init__(self, model: type[RegionalTerm], *, filter_label: str | Promise = "", **kwargs):
        super().__init__(**kwargs)
        self.model = model
        self.filter_label = filter_label

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.model = self.model
        return copy

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        flat = [
            option
            for _group, group_options, _index in context["widget"]["optgroups"]
            for option in group_options
        ]
        terms = terms_by_id(self.model)
        nodes: dict[int, TermNode] = {}
        for option in flat:
            term_id = _term_id(option["value"])
            term = terms.get(term_id) if term_id is not None else None
            if term is not None:
                option["label"] = term.label
                nodes[term.pk] = TermNode(term=term, option=option)
        roots: list[TermNode] = []
        for node in nodes.values():
            parent = nodes.get(node.term.parent_id) if node.term.parent_id else None
            (parent.children if parent is not None else roots).append(node)
        context["widget"]["blocks"] = _blocks(roots)
        chosen = [option["label"] for option in flat if option["selected"]]
        context["widget"]["selected_count"] = len(chosen)
        # Named under the count: in a long list the ticked terms may be scrolled out of view.
        context["widget"]["selected_labels"] = chosen
        context["widget"]["filter_label"] = self.filter_label or _("Filter the list")
        return context


def _term_id(value: Any) -> int | None:
    # ModelChoiceIteratorValue keeps the pk in .value; plain choices give the pk itself.
    raw = getattr(value, "value", value)
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _blocks(roots: list[TermNode]) -> list[TermBlock]:
    blocks: list[TermBlock] = []
    for node in roots:
        if node.children:
            blocks.append(TermBlock(group=node))
        elif blocks and blocks[-1].group is None:
            blocks[-1].items.append(node)
        else:
            blocks.append(TermBlock(items=[node]))
    return blocks
