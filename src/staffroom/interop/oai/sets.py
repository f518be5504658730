"""OAI-PMH sets: a two-level hierarchy by education level, subject, language, resource type
and publisher ("level:fl-lo-3", "subject:fl-wis", "language:nl", "type:worksheet",
"publisher:organisation-<slug>", "publisher:member-<id>").

A record belongs to the sets of its terms, of every broader term above them (a record tagged
"level:fl-lo-3" is also in "level:fl-lo" and "level:fl-bao": the curriculum's ``parent``
chain, and the broader terms a data file adds with ``also_under``) and of their kinds
("level", ...), so that a harvest of a broader set includes what its narrower sets hold. The
specs are stored on the record (``OaiRecord.set_specs``, shown in its header) and as one row
per (set, record) in ``OaiRecordSet`` with the record's datestamp, also once it is deleted: a
set's list pages through the index (spec, datestamp, record), as fast for a rare set as for a
broad one. A set without records is not listed.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import islice

from staffroom.accounts.models import Member, Organisation
from staffroom.curriculum.models import Level, ResourceType, Subject
from staffroom.curriculum.queries import terms_by_id
from staffroom.curriculum.vocabularies import read_vocabulary
from staffroom.interop.models import OaiRecordSet
from staffroom.resources.models import ContentLanguage, Resource

KINDS = {
    "level": "Education level",
    "subject": "Subject",
    "language": "Language",
    "type": "Resource type",
    "publisher": "Publisher",
}
REGIONS = {"fl": "Flanders", "nl": "the Netherlands"}
LANGUAGE_NAMES = {
    "nl": "Dutch (Nederlands)",
    "en": "English (Engels)",
    "fr": "French (Frans)",
    "de": "German (Duits)",
    "other": "Other language (andere taal)",
    "und": "Language not known (taal onbekend)",
}


@dataclass(frozen=True)
class OaiSet:
    spec: str
    name: str


def organisation_spec(slug: str) -> str:
    return f"publisher:organisation-{slug}"


def member_spec(member_id: int) -> str:
    return f"publisher:member-{member_id}"


@cache
def also_under(kind: str) -> dict[str, tuple[str, ...]]:
    """code -> the codes of the broader terms a data file places it under besides its parent
    ("nl-havo-1" is also in "nl-vo-ob")."""
    return {
        entry["code"]: tuple(entry["also_under"])
        for entry in read_vocabulary({"level": "levels", "subject": "subjects"}[kind])
        if entry.get("also_under")
    }


def with_broader(
    codes: Iterable[str], parents: dict[str, str | None], extra: dict[str, tuple[str, ...]]
) -> set[str]:
    """``codes`` and every code above them: ``parents`` (code -> parent code) followed up,
    ``extra`` (code -> more broader codes) too. Unknown codes are kept, without ancestors."""
    found: set[str] = set()
    stack = list(codes)
    while stack:
        code = stack.pop()
        if code in found:
            continue
        found.add(code)
        parent = parents.get(code)
        if parent:
            stack.append(parent)
        stack.extend(broader for broader in extra.get(code, ()) if broader in parents)
    return found


def _parents(model) -> dict[str, str | None]:
    terms = terms_by_id(model)
    return {
        term.code: (terms[term.parent_id].code if term.parent_id in terms else None)
        for term in terms.values()
    }


def term_specs(kind: str, codes: Iterable[str]) -> list[str]:
    """The specs of the terms ``codes`` of ``kind`` ("level", "subject") and of every broader
    term, sorted."""
    model = Level if kind == "level" else Subject
    return sorted(
        f"{kind}:{code}" for code in with_broader(codes, _parents(model), also_under(kind))
    )


def set_specs_for(resource, levels, subjects, organisation_slug: str | None) -> list[str]:
    """The sets a published resource is in, broader ones included, in a stable order."""
    specs = ["level", *term_specs("level", (term.code for term in levels))]
    specs += ["subject", *term_specs("subject", (term.code for term in subjects))]
    specs += ["language", f"language:{resource.language}"]
    if resource.resource_type_id:
        specs += ["type", f"type:{resource.resource_type.code}"]
    specs.append("publisher")
    if organisation_slug:
        specs.append(organisation_spec(organisation_slug))
    else:
        specs.append(member_spec(resource.contributor_id))
    return list(dict.fromkeys(specs))


def _labelled_name(kind: str, term, region: str | None = None) -> str:
    labels = term.labels or {}
    english = labels.get("en") or labels.get("nl") or term.code
    dutch = labels.get("nl")
    name = f"{KINDS[kind]}{f' ({REGIONS[region]})' if region else ''}: {english}"
    return f"{name} ({dutch})" if dutch and dutch != english else name


def _vocabulary_sets() -> Iterator[OaiSet]:
    for kind in KINDS:
        yield OaiSet(kind, KINDS[kind])
    for level in Level.objects.order_by("region", "position", "pk"):
        yield OaiSet(f"level:{level.code}", _labelled_name("level", level, level.region))
    for subject in Subject.objects.order_by("region", "position", "pk"):
        yield OaiSet(f"subject:{subject.code}", _labelled_name("subject", subject, subject.region))
    for code in ContentLanguage.values:
        yield OaiSet(f"language:{code}", f"Language: {LANGUAGE_NAMES.get(code, code)}")
    for resource_type in ResourceType.objects.order_by("position", "pk"):
        yield OaiSet(f"type:{resource_type.code}", _labelled_name("type", resource_type))


def _publishing_members():
    return (
        Member.objects.filter(
            pk__in=Resource.objects.published()
            .filter(organisation__isnull=True)
            .values("contributor_id")
            .distinct()
        )
        .order_by("pk")
        .values_list("pk", "name")
    )


def _candidate_sets() -> Iterator[OaiSet]:
    yield from _vocabulary_sets()
    for slug, name in Organisation.objects.order_by("slug").values_list("slug", "name"):
        yield OaiSet(organisation_spec(slug), f"Publisher: {name}")
    # Members only where they publish in their own name: a list that grows with the site,
    # hence ListSets pages through it.
    for pk, name in _publishing_members().iterator(chunk_size=2000):
        yield OaiSet(member_spec(pk), f"Publisher: {name or f'member {pk}'}")


def set_has_records(spec: str) -> bool:
    """Whether set ``spec`` holds a record (deleted ones count: a harvest of it lists them)."""
    return OaiRecordSet.objects.filter(spec=spec).exists()


def _all_sets() -> Iterator[OaiSet]:
    """Every set with records, in a stable order: one probe of the (spec, ...) index each."""
    return (oai_set for oai_set in _candidate_sets() if set_has_records(oai_set.spec))


def sets_page(offset: int, size: int) -> tuple[list[OaiSet], bool]:
    """``size`` sets from ``offset`` on, and whether more follow."""
    found = list(islice(_all_sets(), offset, offset + size + 1))
    return found[:size], len(found) > size


def sets_count() -> int:
    return sum(1 for _ in _all_sets())


def set_rows(spec: str):
    """The ``OaiRecordSet`` rows of set ``spec``: filter them on ``datestamp`` and page them in
    (datestamp, record) order, which the index (spec, datestamp, record) serves directly."""
    return OaiRecordSet.objects.filter(spec=spec)
