"""OAI-PMH sets: a two-level hierarchy by education level, subject, language, resource type
and publisher ("level:fl-lo-3", "subject:fl-wis", "language:nl", "type:worksheet",
"publisher:organisation-<slug>", "publisher:member-<id>").

A record belongs to the sets of its terms and to their parents ("level", ...), so that a
harvest of a parent set includes its subsets; the specs are stored on the record
(``OaiRecord.set_specs``), also once it is deleted.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from django.db import connection
from django.db.models import TextField, Value
from django.db.models.functions import Cast, StrIndex

from staffroom.accounts.models import Member, Organisation
from staffroom.curriculum.models import Level, ResourceType, Subject
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
}


@dataclass(frozen=True)
class OaiSet:
    spec: str
    name: str


def organisation_spec(slug: str) -> str:
    return f"publisher:organisation-{slug}"


def member_spec(member_id: int) -> str:
    return f"publisher:member-{member_id}"


def set_specs_for(resource, levels, subjects, organisation_slug: str | None) -> list[str]:
    """The sets a published resource is in, parents first, in a stable order."""
    specs = ["level", *sorted(f"level:{term.code}" for term in levels)]
    specs += ["subject", *sorted(f"subject:{term.code}" for term in subjects)]
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


def _all_sets() -> Iterator[OaiSet]:
    yield from _vocabulary_sets()
    for slug, name in Organisation.objects.order_by("slug").values_list("slug", "name"):
        yield OaiSet(organisation_spec(slug), f"Publisher: {name}")
    # Members only where they publish in their own name: a list that grows with the site,
    # hence ListSets pages through it.
    for pk, name in _publishing_members().iterator(chunk_size=2000):
        yield OaiSet(member_spec(pk), f"Publisher: {name or f'member {pk}'}")


def sets_page(offset: int, size: int) -> tuple[list[OaiSet], bool]:
    """``size`` sets from ``offset`` on, and whether more follow."""
    found = list(islice(_all_sets(), offset, offset + size + 1))
    return found[:size], len(found) > size


def sets_count() -> int:
    vocabulary = sum(1 for _ in _vocabulary_sets())
    return vocabulary + Organisation.objects.count() + _publishing_members().count()


def filter_by_set(records, spec: str):
    """The ``OaiRecord`` rows of ``records`` that are in set ``spec``.

    PostgreSQL: jsonb containment (``@>``). SQLite has no JSON containment lookup, so it looks
    for the quoted spec in the stored JSON text with instr() (case-sensitive, unlike LIKE): a
    scan, which the keyset order on (datestamp, id) keeps short per page for common sets. A
    link table of (set, record) with an index would make rare sets fast on both.
    """
    if connection.vendor == "postgresql":
        return records.filter(set_specs__contains=[spec])
    found = StrIndex(Cast("set_specs", TextField()), Value(json.dumps(spec)))
    return records.alias(in_set=found).filter(in_set__gt=0)
