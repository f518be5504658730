"""Harvesting use-cases: run a harvest of a source, queue one, save a source's settings.

A run asks the source for the records changed since the last successful run (its first
response's responseDate, as OAI-PMH recommends), follows resumption tokens, and turns each
record into a link resource of the source's organisation:

- new records become resources, published at once and indexed, or, when the source is
  moderated, pending in the moderation queue;
- changed records update their resource (on a moderated source, a published resource gets a
  proposed edit for a moderator instead);
- deleted records take their resource offline (withdrawn) and out of the queue.

Each record is imported in its own transaction: a record that cannot be imported is skipped
and reported, and the run goes on. Only a failure of the repository itself (unreachable, HTTP
error, not OAI-PMH, an OAI-PMH error) ends the run, as failed with its message; the records
imported before it stay, and the next run starts again from the same point.

The contributor of harvested resources is a system member per organisation (see
``harvest_contributor``): it cannot log in, and the organisation is who the resources are
published under.
"""

import logging
import re
from collections import Counter, defaultdict
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from staffroom.accounts.models import Member, NotificationMail, Organisation, OrganisationMembership

# tasks imports this module: imported as a module, its tasks are looked up when called.
from staffroom.interop import tasks
from staffroom.interop.models.harvest import (
    HarvestedRecord,
    HarvestRun,
    HarvestSource,
    HarvestStatus,
)
from staffroom.resources import lifecycle
from staffroom.resources.inputs import ResourceInput
from staffroom.resources.licences import Licence
from staffroom.resources.metadata import snapshot, snapshot_from_data
from staffroom.resources.models import Kind, Resource, Status
from staffroom.resources.services import resource_save_draft

from . import mapping
from .client import OAI, HarvestError, list_record_pages
from .inputs import HarvestSourceInput
from .parse import HarvestedMetadata, parse_metadata

logger = logging.getLogger(__name__)

# Nothing stated about rights: the work is under copyright, shared by its organisation.
DEFAULT_LICENCE = Licence.ALL_RIGHTS_RESERVED
MAX_KEYWORDS = 20
MAX_REPORTED_TERMS = 200
MAX_REPORTED_SKIPS = 100
DATESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$")
# A run still marked running after this long died with its worker.
RUN_STALE_AFTER = timedelta(hours=6)


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
        }


# --- the system contributor -----------------------------------------------------------------


def harvest_contributor(organisation: Organisation) -> Member:
    """The member harvested resources of ``organisation`` are contributed by: one system
    account per organisation (a member of it, without a usable password, mail never), so that
    resources never depend on a person who may leave, and moderators' mails about harvested
    records go to one address the organisation's staff can route (HARVEST_CONTRIBUTOR_EMAIL)."""
    member_model = get_user_model()
    email = settings.HARVEST_CONTRIBUTOR_EMAIL.format(slug=organisation.slug).lower()
    member = member_model.objects.filter(email=email).first()
    if member is None:
        member = member_model(
            email=email,
            name=_("%(organisation)s (harvested)") % {"organisation": organisation.name},
            notification_mail=NotificationMail.NEVER,
        )
        member.name = member.name[:120]
        member.set_unusable_password()
        member.save()
    OrganisationMembership.objects.get_or_create(organisation=organisation, member=member)
    return member


# --- one record -----------------------------------------------------------------------------


def _fallback_title(metadata: HarvestedMetadata, identifier: str) -> str:
    first_sentence = re.split(r"(?<=[.!?])\s", metadata.description, maxsplit=1)[0]
    return first_sentence or metadata.url or identifier


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _resource_data(
    metadata: HarvestedMetadata, *, source: HarvestSource, identifier: str, report: Report
) -> dict:
    """The resource fields for ``metadata``; reports what is missing or unmappable."""
    for quirk in metadata.quirks:
        report.quirk(quirk, identifier)
    hint = mapping.region_hint(metadata.levels + metadata.subjects + metadata.types)

    title = metadata.title
    if not title:
        report.lacking("title", identifier)
        title = _fallback_title(metadata, identifier)
    if not metadata.description:
        report.lacking("description", identifier)

    language = mapping.map_language(metadata.languages)
    report.unmappable("languages", language.unmapped)
    if not metadata.languages:
        report.lacking("language", identifier)

    levels = mapping.map_levels(metadata.levels, hint)
    report.unmappable("levels", levels.unmapped)
    if not metadata.levels:
        report.lacking("levels", identifier)
    if metadata.age_ranges:
        # Ages are no level of ours: a moderator (or the source) has to say which.
        report.unmappable("age ranges", metadata.age_ranges)

    subjects = mapping.map_subjects(metadata.subjects, hint)
    report.unmappable("subjects", subjects.unmapped)
    if not metadata.subjects:
        report.lacking("subjects", identifier)

    kind = mapping.map_type(metadata.types)
    report.unmappable("resource types", kind.unmapped)
    if not metadata.types:
        report.lacking("resource type", identifier)

    licence = mapping.map_licence(metadata.rights)
    report.unmappable("licences", licence.unmapped)
    if not metadata.rights:
        report.lacking("licence", identifier)

    keywords: list[str] = []
    # Subjects we have no term for are still words a teacher searches for.
    for word in metadata.keywords + [str(term) for term in metadata.subjects]:
        word = _shorten(word.strip(), 100)
        if word and word not in keywords and len(keywords) < MAX_KEYWORDS:
            keywords.append(word)

    return {
        "kind": Kind.LINK,
        "organisation": source.organisation,
        "title": _shorten(title, 200),
        "description": metadata.description,
        "language": language.terms[0] if language.terms else "",
        "url": metadata.url,
        "levels": levels.terms,
        "subjects": subjects.terms,
        "resource_type": kind.terms[0] if kind.terms else None,
        "keywords": keywords,
        "licence": licence.terms[0] if licence.terms else DEFAULT_LICENCE,
        "author_name": _shorten("; ".join(dict.fromkeys(metadata.authors)), 200),
        "attribution": _shorten(metadata.publisher, 300),
        "duration": metadata.duration,
    }


def _values(data: dict) -> dict:
    values = snapshot_from_data(ResourceInput.from_values(data))
    if not values.get("language"):
        values.pop("language", None)
    return values


def _create(source: HarvestSource, data: dict, contributor) -> Resource:
    if not data["language"]:
        data = {key: value for key, value in data.items() if key != "language"}
    resource = resource_save_draft(
        contributor=contributor, data=ResourceInput.from_values(data), uploads=[]
    )
    if source.moderated:
        lifecycle.resource_submit_for_review(resource)
    else:
        # Published at once: the source was reviewed by staff when it was added unmoderated.
        # A source's first harvest (its whole backlog) is not announced, or members with a
        # saved search would get a notice for every old record at once.
        lifecycle.resource_publish(resource, announce=bool(source.harvested_until))
    return resource


def _update(source: HarvestSource, resource: Resource, data: dict, harvested) -> str:
    """Bring ``resource`` up to the record's new version; the outcome's name."""
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    values = _values(data)
    if resource.status == Status.REJECTED:
        return "rejected by a moderator"
    if resource.status == Status.HIDDEN or (
        resource.status == Status.WITHDRAWN and not harvested.deleted
    ):
        return "taken offline on Staffroom"
    if resource.status == Status.PUBLISHED and source.moderated:
        current = snapshot(resource)
        proposed = {field: value for field, value in values.items() if value != current.get(field)}
        if proposed:
            lifecycle.resource_propose_edit_for_review(resource, proposed=proposed)
        return "updated"
    resource.kind = Kind.LINK
    resource.organisation = source.organisation
    if resource.status == Status.PUBLISHED:
        lifecycle.resource_update_metadata(resource, values=values)
    elif source.moderated:
        lifecycle.resource_update_metadata(resource, values=values)
        # Back from a deletion, or an answer to "changes requested": a moderator looks again.
        if resource.status in (Status.WITHDRAWN, Status.CHANGES_REQUESTED, Status.DRAFT):
            lifecycle.resource_submit_for_review(resource)
    else:
        lifecycle.resource_publish(resource, values=values, announce=False)
    return "updated"


def _import_record(
    record, *, source: HarvestSource, run: HarvestRun, report: Report, contributor
) -> str:
    """Import one <record>; returns "created", "updated", "deleted" or "skipped"."""
    header = record.find(f"{OAI}header")
    identifier = (header.findtext(f"{OAI}identifier") if header is not None else "") or ""
    identifier = identifier.strip()
    datestamp = (header.findtext(f"{OAI}datestamp") or "").strip() if header is not None else ""
    if not identifier:
        report.skip("(none)", "record without an identifier")
        return "skipped"
    if len(identifier) > 500:
        report.skip(identifier, "identifier longer than 500 characters")
        return "skipped"
    with transaction.atomic():
        # Only the record's row is locked: PostgreSQL refuses FOR UPDATE on the nullable side
        # of the outer join that select_related("resource") would make.
        harvested = (
            HarvestedRecord.objects.select_for_update(of=("self",))
            .select_related("resource")
            .filter(source=source, identifier=identifier)
            .first()
        )
        if harvested is None:
            harvested = HarvestedRecord(source=source, identifier=identifier)
        resource = harvested.resource

        if header.get("status") == "deleted":
            changed = resource is not None and lifecycle.resource_unpublish_by_source(resource)
            harvested.deleted = True
            harvested.datestamp = datestamp[:30]
            harvested.save()
            if changed:
                return "deleted"
            report.skip(identifier, "deleted, and not online here")
            return "skipped"

        if (
            resource is not None
            and not harvested.deleted
            and datestamp
            and harvested.datestamp == datestamp
        ):
            report.skip_reasons["unchanged since the last run"] += 1
            return "skipped"
        metadata_element = record.find(f"{OAI}metadata")
        metadata = parse_metadata(metadata_element) if metadata_element is not None else None
        if metadata is None:
            report.skip(identifier, "no metadata in a format we read")
            return "skipped"
        data = _resource_data(metadata, source=source, identifier=identifier, report=report)
        if not data["url"]:
            report.lacking("web address", identifier)
            report.skip(identifier, "no web address")
            return "skipped"

        if resource is None:
            harvested.resource = _create(source, data, contributor)
            outcome = "created"
        else:
            outcome = _update(source, resource, data, harvested)
            if outcome != "updated":
                report.skip(identifier, outcome)
                outcome = "skipped"
        harvested.deleted = False
        harvested.datestamp = datestamp[:30]
        harvested.save()
        return outcome


# --- a run --------------------------------------------------------------------------------


def _claim_source(source: HarvestSource) -> HarvestRun | None:
    """Start a run unless another run of the source is still going (then None)."""
    with transaction.atomic():
        HarvestSource.objects.select_for_update().get(pk=source.pk)
        running = source.runs.filter(
            status=HarvestStatus.RUNNING, started_at__gt=timezone.now() - RUN_STALE_AFTER
        ).exists()
        if running:
            return None
        return HarvestRun.objects.create(source=source)


def harvest_run(*, source: HarvestSource, from_: str | None = None) -> HarvestRun:
    """Harvest ``source`` from ``from_`` (default: where the last successful run ended;
    empty: everything). Always returns the run, done or failed: no exception escapes for
    anything a repository sends."""
    run = _claim_source(source)
    if run is None:
        run = HarvestRun.objects.create(
            source=source,
            status=HarvestStatus.FAILED,
            error=_("Another harvest of this source is still running."),
            finished_at=timezone.now(),
        )
        return run
    report = Report()
    start = source.harvested_until if from_ is None else from_
    counts: Counter = Counter()
    until = ""
    try:
        contributor = harvest_contributor(source.organisation)
        pages = list_record_pages(
            source.base_url,
            metadata_prefix=source.metadata_prefix,
            from_=start,
            set_spec=source.set_spec,
        )
        for page in pages:
            until = until or page.response_date
            report.pages += 1
            for record in page.records:
                report.records += 1
                try:
                    outcome = _import_record(
                        record, source=source, run=run, report=report, contributor=contributor
                    )
                except Exception as error:  # one bad record never ends the run
                    logger.exception("Harvest of %s: record failed", source)
                    report.skip(_identifier_of(record), f"error: {type(error).__name__}: {error}")
                    outcome = "skipped"
                counts[outcome] += 1
            _save_counts(run, counts, report)
    except HarvestError as error:
        run.status = HarvestStatus.FAILED
        run.error = str(error)
    except Exception as error:
        logger.exception("Harvest of %s failed", source)
        run.status = HarvestStatus.FAILED
        run.error = f"{type(error).__name__}: {error}"
    else:
        run.status = HarvestStatus.DONE
        if until:
            HarvestSource.objects.filter(pk=source.pk).update(harvested_until=until[:30])
            source.harvested_until = until[:30]
    run.finished_at = timezone.now()
    _save_counts(run, counts, report, final=True)
    return run


def _identifier_of(record) -> str:
    return (record.findtext(f"{OAI}header/{OAI}identifier") or "(unknown)").strip()


def _save_counts(run: HarvestRun, counts: Counter, report: Report, *, final=False) -> None:
    run.created = counts["created"]
    run.updated = counts["updated"]
    run.deleted = counts["deleted"]
    run.skipped = counts["skipped"]
    run.report = report.as_json()
    fields = ["created", "updated", "deleted", "skipped", "report"]
    if final:
        fields += ["status", "error", "finished_at"]
    run.save(update_fields=fields)


# --- staff actions ----------------------------------------------------------------------------


def harvest_enqueue(*, staff: Member, source: HarvestSource, from_: str | None = None) -> None:
    """Have the worker harvest ``source`` (once this transaction commits)."""
    if not staff.is_staff:
        raise PermissionDenied
    if from_ is not None and from_ and not DATESTAMP.match(from_):
        raise ValidationError(_("Give the date as YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ."))
    transaction.on_commit(lambda: tasks.harvest_source.enqueue(source.pk, from_))


@transaction.atomic
def harvest_source_save(
    *, staff: Member, data: HarvestSourceInput, source: HarvestSource | None = None
) -> HarvestSource:
    """Create a source, or replace ``source``'s settings (staff only)."""
    if not staff.is_staff:
        raise PermissionDenied
    source = source or HarvestSource()
    source.name = data.name
    source.base_url = data.base_url
    source.metadata_prefix = data.metadata_prefix
    source.set_spec = data.set_spec
    source.organisation = data.organisation
    source.moderated = data.moderated
    source.active = data.active
    source.full_clean(exclude=["harvested_until"])
    source.save()
    return source
