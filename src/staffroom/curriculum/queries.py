"""Reads over the curriculum vocabularies, in the viewer's regional terminology."""

import time
from collections.abc import Iterable
from functools import cache
from typing import Any, TypeVar

from django.db.models import ManyToManyField, Model, QuerySet

from .models import LabelledTerm, Level, RegionalTerm, ResourceType, Subject
from .vocabularies import read_vocabulary

TermT = TypeVar("TermT", bound=LabelledTerm)
RegionalT = TypeVar("RegionalT", bound=RegionalTerm)
ModelT = TypeVar("ModelT", bound=Model)

VOCABULARY_CACHE_SECONDS = 300
# model -> (read at, terms). Vocabularies change only when a deployment loads new ones; each
# process rereads them every few minutes. Kept in the process, not in the shared cache: every
# page needs them, and unpickling ~200 terms per request costs more than the page itself.
_loaded: dict[type[LabelledTerm], tuple[float, list[Any]]] = {}


def _terms(model: type[TermT]) -> list[TermT]:
    read_at, terms = _loaded.get(model, (0.0, None))
    if terms is None or time.monotonic() - read_at > VOCABULARY_CACHE_SECONDS:
        queryset = model._default_manager.order_by("position")
        if model is not ResourceType:
            queryset = queryset.select_related("equivalent")
        terms = list(queryset)
        _loaded[model] = (time.monotonic(), terms)
    return terms


def terms_by_id(model: type[TermT]) -> dict[int, TermT]:
    """Every level (or subject, or type) by id, as kept in memory."""
    return {term.pk: term for term in _terms(model)}


def forget_vocabularies() -> None:
    """Read the vocabularies again on next use (after loading new ones, and in tests)."""
    _loaded.clear()


def levels_for_region(region: str) -> list[Level]:
    """The levels a teacher of ``region`` chooses from, in display order (with ``depth``)."""
    return [level for level in _terms(Level) if level.region == region]


def subjects_for_region(region: str) -> list[Subject]:
    return [subject for subject in _terms(Subject) if subject.region == region]


def resource_types() -> list[ResourceType]:
    return _terms(ResourceType)


def terms_in_region(terms: Iterable[RegionalT], region: str) -> list[RegionalT]:
    """Name ``terms`` as a viewer of ``region`` does: crosswalked and without duplicates."""
    seen: set[int] = set()
    named: list[RegionalT] = []
    for term in terms:
        shown = term.in_region(region)
        if shown.pk not in seen:
            seen.add(shown.pk)
            named.append(shown)
    return named


def matching_term_ids(term: RegionalTerm) -> set[int]:
    """Ids of the terms a filter on ``term`` includes.

    The term and all its sub-terms (also those a data file places under it besides their
    parent: "Havo 1" is in "Onderbouw vo", ``also_under`` in levels.json), plus the terms of
    the other region that the crosswalk maps onto them (and theirs onto those), so that
    "groep 5" finds what is tagged "3de leerjaar".
    """
    terms = _terms(type(term))
    by_code = {candidate.code: candidate.pk for candidate in terms}
    children: dict[int | None, list[int]] = {}
    for candidate in terms:
        children.setdefault(candidate.parent_id, []).append(candidate.pk)
        for broader in _also_under(type(term)).get(candidate.code, ()):
            if broader in by_code:
                children.setdefault(by_code[broader], []).append(candidate.pk)
    selected: set[int] = set()
    stack = [term.pk]
    while stack:
        current = stack.pop()
        if current not in selected:
            selected.add(current)
            stack.extend(children.get(current, []))
    crosswalked = {t.pk for t in terms if t.equivalent_id in selected}
    crosswalked |= {t.equivalent_id for t in terms if t.pk in selected and t.equivalent_id}
    return selected | crosswalked


@cache
def _also_under(model: type[LabelledTerm]) -> dict[str, tuple[str, ...]]:
    """code -> the codes of the broader terms it also belongs to (data files, per model)."""
    names: dict[type[LabelledTerm], str] = {Level: "levels", Subject: "subjects"}
    name = names.get(model)
    if name is None:
        return {}
    return {
        entry["code"]: tuple(entry["also_under"])
        for entry in read_vocabulary(name)
        if entry.get("also_under")
    }


def filter_by_terms(
    queryset: QuerySet[ModelT], *, level: Level | None = None, subject: Subject | None = None
) -> QuerySet[ModelT]:
    """The rows of ``queryset`` tagged (in its ``levels`` and ``subjects``) with a term that a
    filter on ``level`` and on ``subject`` includes: sub-terms and the other region's
    crosswalked terms (``matching_term_ids``).

    One subquery on the link table per filter rather than a join: a join per matching term
    would repeat rows, and multiply any count annotated afterwards.
    """
    filters: tuple[tuple[str, RegionalTerm | None], ...] = (
        ("levels", level),
        ("subjects", subject),
    )
    for name, term in filters:
        if term is None:
            continue
        field = queryset.model._meta.get_field(name)
        if not isinstance(field, ManyToManyField) or field.remote_field.through is None:
            raise TypeError(f"{queryset.model.__name__}.{name} is not a list of terms")
        links = field.remote_field.through._default_manager.filter(
            **{f"{field.m2m_reverse_field_name()}_id__in": matching_term_ids(term)}
        )
        queryset = queryset.filter(pk__in=links.values(f"{field.m2m_field_name()}_id"))
    return queryset


def level_by_code(code: str) -> Level | None:
    return next((level for level in _terms(Level) if level.code == code), None)


def subject_by_code(code: str) -> Subject | None:
    return next((subject for subject in _terms(Subject) if subject.code == code), None)


def resource_type_by_code(code: str) -> ResourceType | None:
    return next((kind for kind in _terms(ResourceType) if kind.code == code), None)


def indentation(term: RegionalTerm) -> str:
    """Non-breaking spaces that indent a term by its depth in option and checkbox lists
    (HTML would collapse ordinary spaces)."""
    depth = getattr(term, "depth", None)
    if depth is None:
        depth = 1 if term.parent_id else 0
    return "\u00a0" * 3 * depth
