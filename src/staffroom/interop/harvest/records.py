"""One harvested record: its metadata mapped onto a resource's fields, and the resource created,
updated or taken offline through the resource lifecycle.

Each record is imported in its own transaction (see ``services.harvest_run``). The contributor
of harvested resources is a system member per organisation (``harvest_contributor``): it cannot
log in, and the organisation is who the resources are published under.

Duplicates: a new record whose web address (``core.web_address.url_key``: scheme, "www.", a
trailing slash, tracking parameters do not count; a DOI is one address however it is written)
or DOI is that of a resource already harvested, from another source or another record of the
same source, in this run or before, makes no second resource: the record is linked to that
resource as a second origin (``HarvestedRecord.resource`` is shared). The first origin that is
still offered keeps the resource up to date; the others only keep their place, and a resource
goes offline only when none of its origins offers it any more. A record with the address of a
member's resource is never merged into it: it becomes a resource of its own that waits for a
moderator, whatever the source's setting, and moderation's duplicate check names the member's
resource. Both are listed in the run's report ("duplicates").

Attribution: the resource keeps the record's creators (its author) and the original's address
at the source (``source_url``: the record's DOI as a resolver address, else its web address),
so that the credit line names the makers and points to the original, not to our page.
"""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from staffroom.accounts.models import Member, NotificationMail, Organisation, OrganisationMembership
from staffroom.core.web_address import doi_of, doi_url, url_key
from staffroom.interop.models.harvest import HarvestedRecord, HarvestRun, HarvestSource
from staffroom.resources import lifecycle
from staffroom.resources.inputs import ResourceInput
from staffroom.resources.licences import Licence
from staffroom.resources.metadata import snapshot, snapshot_from_data
from staffroom.resources.models import ContentLanguage, Kind, Resource, Status
from staffroom.resources.services import resource_save_draft

from . import mapping, rights
from .client import OAI
from .parse import HarvestedMetadata, parse_metadata
from .report import Report

# Nothing stated about rights: the work is under copyright, shared by its organisation.
DEFAULT_LICENCE = Licence.ALL_RIGHTS_RESERVED
MAX_KEYWORDS = 20
# Access terms of the OpenAIRE guidelines ("info:eu-repo/semantics/openAccess") that Zenodo and
# DSpace put in dc:rights: they say who may read, not what a reader may do.
ACCESS_TERM = re.compile(r"^info:eu-repo/semantics/\w+$", re.I)
# LOM's copyrightAndOtherRestrictions values: whether rights are reserved, not a statement.
LOM_COPYRIGHT = {"yes", "no"}
# A resource with one of these statuses is no copy to keep apart from: it is offline for good
# (withdrawn, rejected) or a member's private draft.
NOT_A_COPY = (Status.WITHDRAWN, Status.REJECTED, Status.DRAFT)


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


def source_url(metadata: HarvestedMetadata) -> str:
    """The original's address at the source, as the attribution line cites it: the record's
    DOI as a resolver address (its web address or one of its identifiers; a dc:relation names
    another work, a version or a collection, and is not read), else its web address."""
    for value in [metadata.url, *metadata.identifiers]:
        if doi := doi_of(value):
            address = doi_url(doi)
            if len(address) <= 1000 and " " not in address:
                return address
    return metadata.url


def rights_statement(metadata: HarvestedMetadata) -> str:
    """The record's rights statements word for word, access terms and LOM's "yes" (rights
    are reserved) left out."""
    statements = [
        text
        for text in metadata.rights
        if not ACCESS_TERM.match(text.strip()) and text.strip().lower() not in LOM_COPYRIGHT
    ]
    return "\n".join(dict.fromkeys(statements))


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

    # Told from the text only where the record states none we read and the text is long enough.
    language = mapping.map_language(metadata.languages, f"{title}. {metadata.description}")
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
    chosen_licence = licence.terms[0] if licence.terms else DEFAULT_LICENCE
    creators = "; ".join(dict.fromkeys(metadata.authors))
    if not creators:
        report.lacking("creator", identifier)

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
        "licence": chosen_licence,
        # The makers are credited; a record that names none is credited to its publisher.
        "author_name": _shorten(creators or metadata.publisher, 200),
        # The credit line is made of title, author, the original's address and licence
        # (``resources.attribution``): no text of its own, which would replace it.
        "attribution": "",
        "source_url": source_url(metadata),
        "rights_statement": (
            rights_statement(metadata) if chosen_licence == Licence.SEE_SOURCE else ""
        ),
        "duration": metadata.duration,
    }


def _values(data: dict) -> dict:
    values = snapshot_from_data(ResourceInput.from_values(data))
    # A source that states no language never overrides the one a moderator chose.
    if values.get("language") in ("", ContentLanguage.UNDETERMINED):
        values.pop("language", None)
    return values


# --- duplicates ---------------------------------------------------------------------------


def _keys(url: str, original: str) -> set[str]:
    return {key for key in (url_key(url), url_key(original)) if key}


def _same_page(resource: Resource, data: dict) -> bool:
    """Whether ``data`` (a record's resource fields) describes ``resource``'s page."""
    return bool(_keys(resource.url, resource.source_url) & _keys(data["url"], data["source_url"]))


def _copies(data: dict, *, besides: Resource | None = None) -> list[Resource]:
    """Resources with the web address or the DOI of ``data``, oldest first: published, hidden
    or waiting for a moderator (not a member's private draft, nothing offline for good)."""
    keys = _keys(data["url"], data["source_url"])
    if not keys:
        return []
    same = Q(url_key__in=keys)
    if doi := doi_of(data["source_url"]):
        # A resource at the DOI's page that keeps the DOI as its original (DOIs know no case).
        same |= Q(source_url__iexact=doi_url(doi))
    found = Resource.objects.filter(same).exclude(status__in=NOT_A_COPY)
    if besides is not None:
        found = found.exclude(pk=besides.pk)
    return list(found.order_by("pk")[:20])


def _first_origin(resource: Resource) -> HarvestedRecord | None:
    """The record that keeps ``resource`` up to date: the oldest one its source still offers
    (the oldest of all when none is)."""
    return (
        HarvestedRecord.objects.filter(resource=resource)
        .select_related("source")
        .order_by("deleted", "pk")
        .first()
    )


def _other_origins(harvested: HarvestedRecord, resource: Resource):
    return HarvestedRecord.objects.filter(resource=resource, deleted=False).exclude(pk=harvested.pk)


def _keeps(harvested: HarvestedRecord, resource: Resource) -> bool:
    """Whether ``harvested`` is the origin that updates ``resource``: no record offered by its
    source came to it earlier."""
    return not _other_origins(harvested, resource).filter(pk__lt=harvested.pk).exists()


def _report_duplicate(
    report: Report,
    *,
    source: HarvestSource,
    identifier: str,
    data: dict,
    resource: Resource,
    copy: Resource,
    outcome: str,
) -> None:
    """List ``identifier`` (which became or joined ``resource``) as a duplicate of ``copy``."""
    origin = _first_origin(copy)
    report.duplicate(
        identifier=identifier,
        source=source.name,
        address=data["url"],
        resource=resource.pk,
        page=resource.get_absolute_url(),
        title=resource.title,
        copy=copy.pk,
        copy_page=copy.get_absolute_url(),
        copy_title=copy.title,
        copy_origin=f"{origin.source.name}: {origin.identifier}" if origin else "",
        outcome=outcome,
    )


# --- creating and updating -------------------------------------------------------------------


def _create(source: HarvestSource, data: dict, contributor, *, hold: bool = False) -> Resource:
    """A new resource of the record: published, or waiting for a moderator when the source is
    moderated or ``hold`` says so."""
    if not data["language"]:
        data = {key: value for key, value in data.items() if key != "language"}
    resource = resource_save_draft(
        contributor=contributor, data=ResourceInput.from_values(data), uploads=[]
    )
    if source.moderated or hold:
        lifecycle.resource_submit_for_review(resource)
    else:
        # Published at once: the source was reviewed by staff when it was added unmoderated.
        # A source's first harvest (its whole backlog) is not announced, or members with a
        # saved search would get a notice for every old record at once.
        lifecycle.resource_publish(resource, announce=bool(source.harvested_until))
    return resource


def _create_or_join(
    harvested: HarvestedRecord,
    *,
    source: HarvestSource,
    data: dict,
    contributor,
    report: Report,
    identifier: str,
) -> str:
    """The resource of a record new here: a harvested resource with the same address (of
    another source, or of another record of this one) takes the record as a second origin;
    else a new resource, held for a moderator if a member's resource has the address."""
    copies = _copies(data)
    harvested_ids = set(
        HarvestedRecord.objects.filter(resource__in=copies).values_list("resource_id", flat=True)
    )
    joined = next((copy for copy in copies if copy.pk in harvested_ids), None)
    if joined is not None:
        harvested.resource = joined
        _report_duplicate(
            report,
            source=source,
            identifier=identifier,
            data=data,
            resource=joined,
            copy=joined,
            outcome="joined",
        )
        report.skip(identifier, "same address as a harvested resource: recorded as its origin too")
        return "skipped"
    harvested.resource = _create(source, data, contributor, hold=bool(copies))
    if copies:
        _report_duplicate(
            report,
            source=source,
            identifier=identifier,
            data=data,
            resource=harvested.resource,
            copy=copies[0],
            outcome="held",
        )
    return "created"


def _update(
    source: HarvestSource,
    resource: Resource,
    data: dict,
    harvested,
    *,
    report: Report,
    identifier: str,
) -> str:
    """Bring ``resource`` up to the record's new version; the outcome's name."""
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    values = _values(data)
    if resource.status == Status.REJECTED:
        return "rejected by a moderator"
    if resource.status == Status.HIDDEN or (
        resource.status == Status.WITHDRAWN and not harvested.deleted
    ):
        return "taken offline on Staffroom"
    # Another resource has the address: this one is not published (again), nor moved onto
    # it, without a moderator, even from a trusted source.
    copies = _copies(data, besides=resource)
    held = bool(copies) and (resource.status != Status.PUBLISHED or not _same_page(resource, data))
    if held:
        _report_duplicate(
            report,
            source=source,
            identifier=identifier,
            data=data,
            resource=resource,
            copy=copies[0],
            outcome="held",
        )
    moderated = source.moderated or held
    if resource.status == Status.PUBLISHED and moderated:
        current = snapshot(resource)
        proposed = {field: value for field, value in values.items() if value != current.get(field)}
        if proposed:
            lifecycle.resource_propose_edit_for_review(resource, proposed=proposed)
        return "updated"
    resource.kind = Kind.LINK
    resource.organisation = source.organisation
    if resource.status == Status.PUBLISHED:
        lifecycle.resource_update_metadata(resource, values=values)
    elif moderated:
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
            # Offline only when no other origin offers it any more.
            shared = resource is not None and _other_origins(harvested, resource).exists()
            changed = (
                resource is not None
                and not shared
                and lifecycle.resource_unpublish_by_source(resource)
            )
            harvested.deleted = True
            harvested.datestamp = datestamp[:30]
            harvested.save()
            if changed:
                return "deleted"
            if shared:
                report.skip(identifier, "deleted, and still offered by another origin")
            else:
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

        if resource is not None and not _keeps(harvested, resource):
            if _same_page(resource, data):
                # A second origin: the first one still offered keeps the resource up to date.
                report.skip(identifier, "second origin of a resource another record keeps")
                harvested.deleted = False
                harvested.datestamp = datestamp[:30]
                harvested.save()
                return "skipped"
            # The record now describes another page: it gets a resource of its own.
            resource = None
        if resource is None:
            outcome = _create_or_join(
                harvested,
                source=source,
                data=data,
                contributor=contributor,
                report=report,
                identifier=identifier,
            )
        else:
            outcome = _update(
                source, resource, data, harvested, report=report, identifier=identifier
            )
            if outcome != "updated":
                report.skip(identifier, outcome)
                outcome = "skipped"
        harvested.deleted = False
        harvested.datestamp = datestamp[:30]
        harvested.save()
        return outcome


def identifier_of(record) -> str:
    return (record.findtext(f"{OAI}header/{OAI}identifier") or "(unknown)").strip()
