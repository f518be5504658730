"""One harvested record: its metadata mapped onto a resource's fields, and the resource created,
updated or taken offline through the resource lifecycle.

Each record is imported in its own transaction (see ``services.harvest_run``). The contributor
of harvested resources is a system member per organisation (``harvest_contributor``): it cannot
log in, and the organisation is who the resources are published under.
"""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from staffroom.accounts.models import Member, NotificationMail, Organisation, OrganisationMembership
from staffroom.interop.models.harvest import HarvestedRecord, HarvestRun, HarvestSource
from staffroom.resources import lifecycle
from staffroom.resources.inputs import ResourceInput
from staffroom.resources.licences import Licence
from staffroom.resources.metadata import snapshot, snapshot_from_data
from staffroom.resources.models import Kind, Resource, Status
from staffroom.resources.services import resource_save_draft

from . import mapping, rights
from .client import OAI
from .parse import HarvestedMetadata, parse_metadata
from .report import Report

# Nothing stated about rights: the work is under copyright, shared by its organisation.
DEFAULT_LICENCE = Licence.ALL_RIGHTS_RESERVED
MAX_KEYWORDS = 20


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

    licence = rights.map_licence(metadata.rights)
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


def import_record(
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


def identifier_of(record) -> str:
    return (record.findtext(f"{OAI}header/{OAI}identifier") or "(unknown)").strip()
