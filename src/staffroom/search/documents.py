"""What the search index holds for a resource: its text in its own language, the labels of its
vocabulary terms in both regions' terminology and every language, and filter values.

Filter values are precomputed for the hierarchy and the crosswalk: a resource tagged
"3de leerjaar" carries the codes of every level whose filter should find it ("3de leerjaar",
"lager onderwijs", "basisonderwijs", "groep 5", "primair onderwijs", ...), so a filter is one
exact term lookup in any backend.
"""

from functools import cache

from django.utils import timezone

from staffroom.curriculum.models import LabelledTerm, Level, Subject
from staffroom.curriculum.queries import level_by_code, matching_term_ids, subject_by_code
from staffroom.resources.links import resource_link_state
from staffroom.resources.models import Resource

from . import facets, ranking, wordforms
from .backends.base import REGIONS

CONTENT_LANGUAGES = ("nl", "en", "fr", "de")


@cache
def _filter_codes(model) -> dict[int, frozenset[str]]:
    """For each term id: the codes of all terms whose filter includes it (the inverse of
    ``matching_term_ids``). Vocabularies change only with a deployment, so this is cached
    for the process."""
    found: dict[int, set[str]] = {}
    for term in model.objects.all():
        for matched in matching_term_ids(term):
            found.setdefault(matched, set()).add(term.code)
    return {term_id: frozenset(codes) for term_id, codes in found.items()}


def clear_caches() -> None:
    _filter_codes.cache_clear()


def vocabulary(terms) -> dict[str, str]:
    """A document's ``vocabulary``: the labels of ``terms`` per language, so that each
    language's labels are stemmed as text in that language is ("Sociale vaardigheden" is
    found by "sociale vaardigheid", "Classical languages" by "classical language")."""
    found: dict[str, list[str]] = {}
    for term in terms:
        for language, label in term.labels.items():
            if label:
                found.setdefault(language, []).append(label)
    return {language: " ".join(labels) for language, labels in found.items()}


def _by_region(codes: set[str], facet: str) -> dict[str, list[str]]:
    return {
        f"{facet}_{region}": sorted(code for code in codes if code.startswith(f"{region}-"))
        for region in REGIONS
    }


def term_vocabulary(terms) -> dict[str, str]:
    """The labels of vocabulary terms and of their equivalents in the other region, per
    language (the vocabulary of a document tagged with them)."""
    return vocabulary(
        shown for term in terms for shown in (term, term.equivalent) if shown is not None
    )


def filter_terms(filters: dict[str, list[str]]) -> list[LabelledTerm]:
    """The terms whose filters find a document (from its level and subject filter fields):
    their labels make what is tagged "3de leerjaar" found by the words "lager onderwijs",
    "basisonderwijs" and "primair onderwijs" as by the filters, and Flemish primary
    "Wiskunde" by "rekenen"."""
    terms: list[LabelledTerm] = []
    for field, codes in filters.items():
        lookup = level_by_code if field.startswith("level") else subject_by_code
        terms.extend(term for code in codes if (term := lookup(code)))
    return terms


def term_filters(levels, subjects) -> dict[str, list[str]]:
    """The level and subject filter fields of a document tagged with these terms: the codes
    of every term whose filter finds it (hierarchy and crosswalk), per region."""
    level_codes = _filter_codes(Level)
    subject_codes = _filter_codes(Subject)
    level_filter = set().union(*(level_codes.get(level.pk, ()) for level in levels))
    subject_filter = set().union(*(subject_codes.get(subject.pk, ()) for subject in subjects))
    return {**_by_region(level_filter, "level"), **_by_region(subject_filter, "subject")}


def resource_document(resource: Resource, now=None) -> dict:
    """The search document of a published resource (plain Python values; the keys are
    described in ``backends/base.py``)."""
    levels = list(resource.levels.select_related("equivalent"))
    subjects = list(resource.subjects.select_related("equivalent"))
    body = " ".join(f.extracted_text for f in resource.files.all() if not f.pending)
    filters = term_filters(levels, subjects)
    terms = filter_terms(filters)
    if resource.resource_type:
        terms.append(resource.resource_type)
    publisher = (
        f"organisation:{resource.organisation_id}"
        if resource.organisation_id
        else f"member:{resource.contributor_id}"
    )
    multiplier = ranking.quality_multiplier(
        downloads=resource.download_count,
        rating_average=resource.rating_average,
        rating_count=resource.rating_count,
        picked=resource.picked_at is not None,
        published_at=resource.published_at,
        now=now or timezone.now(),
        link_state=resource_link_state(resource),
    )
    return {
        "id": resource.pk,
        "language": resource.language,
        "title": resource.title,
        # What the resource says about accessibility ("suits pupils with dyslexia") is searched
        # as its description is, and shown in the description's snippet where it matched.
        "description": "\n\n".join(
            text for text in (resource.description, resource.accessibility_notes) if text
        ),
        "keywords": " ".join(resource.keywords),
        "author": f"{resource.credited_author} {resource.publisher}",
        "body": body,
        "vocabulary": vocabulary(terms),
        # Its levels say which school system it was made for (its subjects if it has none).
        "tagged": sorted({term.region for term in levels or subjects}),
        "variants": wordforms.document_variants(
            [resource.title, resource.description, " ".join(resource.keywords)],
            resource.language,
        ),
        **filters,
        "type": resource.resource_type.code if resource.resource_type else "",
        "licence": resource.licence,
        "kind": resource.kind,
        # Free, free for a period (an offer) or paid: an ended offer is not in the index.
        "cost": resource.cost,
        "publisher": publisher,
        # Format, accessibility notes given, moderators' pick (``facets.py``).
        **facets.document_filters(resource),
        "published": int(resource.published_at.timestamp()) if resource.published_at else 0,
        "downloads": resource.download_count,
        "rating": resource.rating_average if resource.rating_count else 0.0,
        "rating_rank": ranking.rating_rank(resource.rating_average, resource.rating_count),
        "boost": ranking.boost(multiplier),
    }
