"""The OAI-PMH records: derived from the resources, kept in ``OaiRecord``.

A published resource has a record whose digest covers what a harvester can see of it (its
metadata in every registered format and its sets); the datestamp moves only when that digest
changes. A resource that is no longer published (withdrawn, removed, or deleted from the
database) keeps its record, marked deleted with a new datestamp: the repository's deleted
records are persistent. ``oai_records_rebuild`` recomputes everything from the resources in
chunks. A record's sets are also rows of ``OaiRecordSet`` carrying its datestamp: written with
the record, in the same transaction, whenever its sets or datestamp change.
"""

import hashlib
import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from lxml import etree

from staffroom.interop.formats import FORMATS
from staffroom.interop.models import OaiRecord, OaiRecordSet
from staffroom.interop.parts import terms_of
from staffroom.resources.models import Resource, ResourceFile

from . import tasks, tokens
from .sets import set_specs_for

logger = logging.getLogger(__name__)

CHUNK = 500


def repository_domain() -> str:
    """The host name of SITE_URL: the namespace part of our OAI identifiers."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def oai_identifier(resource_id: int) -> str:
    return f"oai:{repository_domain()}:resource/{resource_id}"


def resource_id_for(identifier: str) -> int | None:
    """The resource id an OAI identifier of ours names, None if it is not one of ours."""
    prefix = f"oai:{repository_domain()}:resource/"
    if not identifier.startswith(prefix):
        return None
    number = identifier[len(prefix) :]
    # Only the canonical spelling: "resource/01" names no record (one item, one identifier).
    if not number.isascii() or not number.isdigit() or len(number) > 18:
        return None
    if number != str(int(number)):
        return None
    return int(number)


def datestamp_now() -> datetime:
    """Now, to the second: the repository's granularity."""
    return tokens.now().replace(microsecond=0)


def resources_for_records(resource_ids: Iterable[int]) -> dict[int, Resource]:
    """The published resources among ``resource_ids``, with what the serializers read
    (terms, type, contributor, organisation, public files) fetched in a fixed number of
    queries."""
    queryset = (
        Resource.objects.published()
        .filter(pk__in=list(resource_ids))
        .select_related("resource_type", "contributor", "organisation")
        .prefetch_related(
            "levels",
            "subjects",
            Prefetch(
                "files",
                queryset=ResourceFile.objects.filter(pending=False).defer("extracted_text"),
                to_attr="listed_files",
            ),
        )
        .with_terms()
        .order_by()
    )
    return {resource.pk: resource for resource in queryset}


def record_specs(resource: Resource) -> list[str]:
    return set_specs_for(
        resource,
        terms_of(resource, "levels"),
        terms_of(resource, "subjects"),
        resource.organisation.slug if resource.organisation else None,
    )


def metadata_digest(resource: Resource, specs: list[str]) -> str:
    """SHA-256 over the canonical XML of the resource in every format, and its sets."""
    digest = hashlib.sha256()
    for prefix in sorted(FORMATS):
        element = FORMATS[prefix].serialize(resource)
        digest.update(prefix.encode() + b"\0")
        digest.update(etree.tostring(element, method="c14n"))
    digest.update("\n".join(specs).encode())
    return digest.hexdigest()


def _sync_chunk(resource_ids: list[int], *, stamp: datetime) -> dict[str, int]:
    resources = resources_for_records(resource_ids)
    records = {r.resource_id: r for r in OaiRecord.objects.filter(resource_id__in=resource_ids)}
    created, changed = [], []
    for resource_id in resource_ids:
        resource = resources.get(resource_id)
        record = records.get(resource_id)
        if resource is not None:
            specs = record_specs(resource)
            digest = metadata_digest(resource, specs)
            if record is None:
                created.append(
                    OaiRecord(
                        resource_id=resource_id, datestamp=stamp, digest=digest, set_specs=specs
                    )
                )
            elif record.deleted or record.digest != digest or record.set_specs != specs:
                record.deleted, record.digest, record.set_specs = False, digest, specs
                record.datestamp = stamp
                changed.append(record)
        elif record is not None and not record.deleted:
            # Kept forever as a deleted record, still in its sets.
            record.deleted, record.digest, record.datestamp = True, "", stamp
            changed.append(record)
    if created:
        OaiRecord.objects.bulk_create(created, batch_size=CHUNK)
    if changed:
        OaiRecord.objects.bulk_update(
            changed, ["deleted", "digest", "set_specs", "datestamp"], batch_size=CHUNK
        )
    _sync_set_rows(created, changed, stamp=stamp)
    return {
        "created": len(created),
        "updated": sum(1 for record in changed if not record.deleted),
        "deleted": sum(1 for record in changed if record.deleted),
    }


def _sync_set_rows(created: list[OaiRecord], changed: list[OaiRecord], *, stamp: datetime):
    """Keep ``OaiRecordSet`` in step with the records just created or changed (all given the
    datestamp ``stamp``): rows for new specs, none for specs left, the new datestamp on all."""
    rows = [
        OaiRecordSet(record=record, spec=spec, datestamp=stamp)
        for record in created
        for spec in record.set_specs
    ]
    if changed:
        ids = [record.pk for record in changed]
        stored: dict[int, dict[str, int]] = {}
        for pk, record_id, spec in OaiRecordSet.objects.filter(record_id__in=ids).values_list(
            "pk", "record_id", "spec"
        ):
            stored.setdefault(record_id, {})[spec] = pk
        left: list[int] = []
        for record in changed:
            have, want = stored.get(record.pk, {}), set(record.set_specs)
            left += [pk for spec, pk in have.items() if spec not in want]
            rows += [
                OaiRecordSet(record=record, spec=spec, datestamp=stamp)
                for spec in sorted(want - have.keys())
            ]
        if left:
            OaiRecordSet.objects.filter(pk__in=left).delete()
        OaiRecordSet.objects.filter(record_id__in=ids).update(datestamp=stamp)
    if rows:
        OaiRecordSet.objects.bulk_create(rows, batch_size=CHUNK)


def oai_records_sync(*, resource_ids: Iterable[int]) -> dict[str, int]:
    """Bring the records of ``resource_ids`` up to date: create, update (new datestamp only
    when the digest changed) or mark deleted. Returns counts of created/updated/deleted."""
    ids = sorted(set(resource_ids))
    totals = {"created": 0, "updated": 0, "deleted": 0}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        for attempt in range(2):
            try:
                with transaction.atomic():
                    counts = _sync_chunk(chunk, stamp=datestamp_now())
                break
            except IntegrityError:
                # Another process created one of these records meanwhile: read them again.
                if attempt:
                    raise
        for key, value in counts.items():
            totals[key] += value
    return totals


def oai_record_sync(*, resource_id: int) -> None:
    """Bring one resource's record up to date (called whenever its search document is)."""
    oai_records_sync(resource_ids=[resource_id])


def oai_records_rebuild(*, progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Recompute every record from the resources, a chunk at a time (memory stays flat):
    published resources get or keep their record; records of resources no longer published
    (or no longer there) become deleted. Returns counts of created/updated/deleted."""
    totals = {"created": 0, "updated": 0, "deleted": 0}

    def add(counts):
        for key, value in counts.items():
            totals[key] += value

    published = Resource.objects.published().order_by("pk").values_list("pk", flat=True)
    total = published.count()
    done, last = 0, 0
    while chunk := list(published.filter(pk__gt=last)[:CHUNK]):
        add(oai_records_sync(resource_ids=chunk))
        last = chunk[-1]
        done += len(chunk)
        if progress:
            progress(done, total)
    # Records still offered whose resource is no longer published.
    live = OaiRecord.objects.filter(deleted=False).order_by("pk")
    last = 0
    while rows := list(live.filter(pk__gt=last).values_list("pk", "resource_id")[:CHUNK]):
        last = rows[-1][0]
        ids = [resource_id for _pk, resource_id in rows]
        still = set(Resource.objects.published().filter(pk__in=ids).values_list("pk", flat=True))
        gone = [resource_id for resource_id in ids if resource_id not in still]
        if gone:
            add(oai_records_sync(resource_ids=gone))
    return totals


def earliest_datestamp() -> datetime | None:
    return OaiRecord.objects.order_by("datestamp", "pk").values_list("datestamp", flat=True).first()


def oai_follow_resource_change(sender, *, resource_id: int, **kwargs) -> None:
    """Receiver of the resource lifecycle's ``resource_changed`` (connected in
    ``InteropConfig.ready``): refresh the resource's record once this commits. Robust: a
    failure to enqueue it must not undo the change (the daily rebuild repairs drift)."""
    transaction.on_commit(lambda: tasks.update_oai_record.enqueue(resource_id), robust=True)
