"""Write use-cases for resources: drafts, submission, edits, files and downloads.

Views, the API, tasks and commands all call these; each runs in one transaction and enqueues
slow work (text extraction, previews, mail) only once that transaction has committed.
"""

import dataclasses
from collections.abc import Sequence
from datetime import timedelta
from functools import partial
from typing import BinaryIO, cast

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from staffroom.accounts.models import Member, Organisation
from staffroom.core.language import guess_content_language

from . import files as file_handling
from . import lifecycle, link_pictures, tasks
from .files import CheckedUpload
from .inputs import ResourceInput
from .licences import NO_DERIVATIVES, Licence, remix_problem
from .metadata import apply_snapshot, snapshot, snapshot_from_data
from .models import Kind, PreviewPage, Resource, ResourceFile, Status


def resource_submission_errors(
    data: ResourceInput,
    *,
    has_files: bool,
    organisation: Organisation | None = None,
    resource: Resource | None = None,
) -> dict[str, str]:
    """What stops ``data`` from going to moderation, as {field: message}; empty when complete.

    The same rules hold for the web forms, the API and the harvester.
    """
    errors: dict[str, str] = {}
    if _is_untitled(data.get("title")):
        errors["title"] = _("Give the resource a title.")
    if len((data.get("description") or "").strip()) < 20:
        errors["description"] = _(
            "Describe the resource in at least a sentence (20 characters or more)."
        )
    if not data.get("levels"):
        errors["levels"] = _("Choose at least one education level.")
    if not data.get("subjects"):
        errors["subjects"] = _("Choose at least one subject.")
    if not data.get("resource_type"):
        errors["resource_type"] = _("Choose the type of resource.")
    kind = data.get("kind") or Kind.FILE
    if kind == Kind.FILE and not has_files:
        errors["files"] = _("Add at least one file, or choose a web link instead.")
    if kind in (Kind.LINK, Kind.EMBED) and not data.get("url"):
        errors["url"] = _("Give the web address of the resource.")
    licence = data.get("licence")
    if not licence:
        errors["licence"] = _("Choose a licence.")
    elif licence == Licence.ALL_RIGHTS_RESERVED and organisation is None:
        errors["licence"] = _(
            "“All rights reserved” is only for partner organisations publishing their own "
            "content. Choose a Creative Commons licence."
        )
    based_on = data.get("based_on")
    if based_on is not None and resource is not None and based_on.pk == resource.pk:
        errors["based_on"] = _("A resource cannot be based on itself.")
    elif based_on is not None and licence:
        problem = remix_problem(based_on.licence, licence)
        if problem:
            # A source that allows no adaptation is the wrong choice of source, not of licence.
            errors["based_on" if based_on.licence in NO_DERIVATIVES else "licence"] = problem
    manual_for = data.get("manual_for")
    if manual_for is not None and resource is not None and manual_for.pk == resource.pk:
        errors["manual_for"] = _("A resource cannot be a manual for itself.")
    errors.update(data.cost_problems())
    return errors


def _untitled_placeholders() -> set[str]:
    names = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.add(_("Untitled draft"))
    return names


def _is_untitled(title: str | None) -> bool:
    """No title, or only the placeholder a draft gets when none was typed (in any language)."""
    title = (title or "").strip()
    return not title or title in _untitled_placeholders()


def _attach_uploads(
    resource: Resource, uploads: Sequence[CheckedUpload], *, pending: bool = False
) -> list[ResourceFile]:
    attached = []
    for checked in uploads:
        name = checked.upload.name or "upload"
        resource_file = ResourceFile(
            resource=resource,
            pending=pending,
            original_name=name[:255],
            mime_type=checked.mime_type,
            size=checked.size,
            sha256=checked.sha256,
        )
        resource_file.file.save(name, checked.upload, save=False)
        resource_file.save()
        attached.append(resource_file)
    if attached:
        ids = [resource_file.pk for resource_file in attached]
        transaction.on_commit(lambda: [tasks.analyse_resource_file.enqueue(pk) for pk in ids])
    return attached


def _set_fields(resource: Resource, data: ResourceInput) -> None:
    given = data.given()
    for field in ("kind", "organisation"):
        if field in given:
            setattr(resource, field, given[field])
    values = snapshot_from_data(data)
    if not values.get("title"):
        # Not typed, or not valid (too long): the draft keeps its title or gets a placeholder,
        # which does not count as a title when the draft is submitted.
        values["title"] = resource.title or _("Untitled draft")
    if not values.get("language"):
        values.pop("language", None)
    if "language" not in values and resource.submitted_at is None:
        # The simple form does not ask; the text tells until the first submission, after
        # which the moderator's judgement stands.
        guessed = guess_content_language(
            f"{values.get('title', resource.title)}. "
            f"{values.get('description', resource.description)}"
        )
        if guessed:
            values["language"] = guessed
    apply_snapshot(resource, values)


@transaction.atomic
def resource_save_draft(
    *,
    contributor: Member,
    data: ResourceInput,
    uploads: Sequence[CheckedUpload],
    resource: Resource | None = None,
) -> Resource:
    """Create or update a draft with whatever ``data`` holds; files are kept straight away.

    A draft needs nothing but a contributor, so an incomplete form never loses its uploads.
    """
    if resource is None:
        resource = Resource(contributor=contributor)  # a draft
    else:
        if resource.contributor_id != contributor.pk:
            raise PermissionDenied
        resource = Resource.objects.select_for_update().get(pk=resource.pk)
        if resource.status not in lifecycle.EDITABLE_STATUSES:
            raise ValidationError(_("This resource is no longer a draft."))
        if resource.status == Status.PENDING:
            lifecycle.resource_back_to_draft(resource)
    _set_fields(resource, data)
    _attach_uploads(resource, uploads)
    return resource


@transaction.atomic
def resource_submit(*, resource: Resource, contributor: Member):
    """Send a complete draft to moderation; raises ValidationError listing what is missing."""
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    if resource.contributor_id != contributor.pk:
        raise PermissionDenied
    if resource.status not in lifecycle.EDITABLE_STATUSES:
        raise ValidationError(_("This resource has already been submitted."))
    errors = resource_submission_errors(
        ResourceInput.of_resource(resource),
        has_files=resource.files.exists(),
        organisation=resource.organisation,
        resource=resource,
    )
    if errors:
        raise ValidationError(errors)
    return lifecycle.resource_submit_for_review(resource)


@transaction.atomic
def resource_propose_edit(
    *,
    resource: Resource,
    contributor: Member,
    data: ResourceInput,
    uploads: Sequence[CheckedUpload],
):
    """Record an edit of a published resource for moderation; the published version stays
    visible unchanged until a moderator accepts the edit, new files included.

    The edit replaces any earlier pending proposal: the edit form starts from it."""
    if resource.contributor_id != contributor.pk:
        raise PermissionDenied
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    merged = ResourceInput.of_resource(resource).updated_with(data)
    errors = resource_submission_errors(
        merged,
        has_files=resource.files.exists() or bool(uploads),
        organisation=resource.organisation,
        resource=resource,
    )
    if errors:
        raise ValidationError(errors)
    current = snapshot(resource)
    proposed = {
        field: value
        for field, value in snapshot_from_data(data).items()
        if value != current.get(field)
    }
    if not proposed and not uploads and not resource.files.filter(pending=True).exists():
        raise ValidationError(_("Nothing changed: there is nothing to send for review."))
    _attach_uploads(resource, uploads, pending=True)
    return lifecycle.resource_propose_edit_for_review(resource, proposed=proposed)


@transaction.atomic
def resource_remove_file(*, resource: Resource, contributor: Member, file_id: int) -> None:
    if resource.contributor_id != contributor.pk:
        raise PermissionDenied
    if resource.status not in lifecycle.EDITABLE_STATUSES:
        raise ValidationError(_("Files of a published resource cannot be removed here."))
    resource_file = resource.files.filter(pk=file_id).first()
    if resource_file is not None:
        stored = resource_file.file
        resource_file.delete()
        transaction.on_commit(lambda: stored.delete(save=False))


@transaction.atomic
def resource_withdraw(*, resource: Resource, member: Member) -> None:
    """The contributor (or staff) takes a resource offline or out of the queue; it can be
    edited and submitted again later. A rejection is final and cannot be withdrawn."""
    if resource.contributor_id != member.pk and not member.is_staff:
        raise PermissionDenied
    # Lock order resource, then item: the same as publishing, so the two cannot deadlock.
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    if resource.status not in lifecycle.WITHDRAWABLE_STATUSES:
        raise ValidationError(_("This resource cannot be taken offline."))
    lifecycle.resource_withdraw(resource, by=member)


@transaction.atomic
def resource_set_pick(*, resource: Resource, moderator: Member, picked: bool) -> None:
    """A moderator marks a published resource as a pick (a badge, and a higher place in
    search) or takes the mark away. Not one's own: a pick is a colleague's recommendation."""
    if not (moderator.is_moderator or moderator.is_staff):
        raise PermissionDenied
    if resource.contributor_id == moderator.pk:
        raise ValidationError(_("You cannot pick your own resource."))
    if picked and resource.status != Status.PUBLISHED:
        raise ValidationError(_("Only published resources can be picked."))
    resource.picked_at = timezone.now() if picked else None
    resource.picked_by = moderator if picked else None
    resource.save(update_fields=["picked_at", "picked_by", "updated_at"])
    lifecycle.resource_changed_on_commit(resource)


def resource_record_download(*, resource: Resource) -> None:
    """Count a download or a visit; an atomic increment, so concurrent clicks all count."""
    Resource.objects.filter(pk=resource.pk).update(download_count=F("download_count") + 1)


def resource_file_analyse(*, resource_file: ResourceFile) -> None:
    """Extract the text of a file and render its first page (the card's picture), in one
    limited child process (run by the worker). A file over the limits or damaged keeps why,
    for moderators.

    The pages for "look inside" come later, from a task of their own below other work: a
    PDF's next pages, or an office file's pages once LibreOffice has converted it (seconds a
    file); the text (search, moderation's checks) should not wait for them."""
    mime_type = resource_file.mime_type
    limits = dataclasses.replace(file_handling.analysis_limits(), preview_pages=1)
    with resource_file.file.open("rb") as stream:
        analysis = file_handling.analyse_file(stream, mime_type, limits=limits)
    resource_file.extracted_text = analysis.text
    resource_file.analysis_problem = analysis.problem
    resource_file.analysed_at = timezone.now()
    resource_file.save(update_fields=["extracted_text", "analysis_problem", "analysed_at"])
    if mime_type in file_handling.OFFICE_TYPES:
        more_pages = bool(file_handling.office_converter()) and (
            analysis.problem not in file_handling.NOT_CONVERTED_AFTER
        )
    else:
        more_pages = mime_type == "application/pdf" and bool(analysis.pages)
        _store_pages(resource_file, analysis.pages, complete=not more_pages)
    if more_pages:
        pk = resource_file.pk
        transaction.on_commit(lambda: tasks.render_preview_pages.enqueue(pk))


# How many office files one LibreOffice run converts: starting it takes about 2 s, each
# further file a few tenths (docs/benchmarks.md).
OFFICE_BATCH = 10


def office_claim_expires() -> timedelta:
    """How long a claim holds: longer than the longest conversion (one run of a batch and,
    after a timeout, each file alone, every one to its deadline), plus a margin."""
    return timedelta(seconds=settings.OFFICE_CONVERTER_SECONDS * (OFFICE_BATCH + 1) + 60)


def office_files_claim(*, first: ResourceFile) -> list[ResourceFile]:
    """Claim ``first`` and other office files still waiting for their pages, to convert
    together; returns the files claimed (``first`` first, when it was free), none of which
    another task holds. With several workers each task so converts different files.

    The claim is ``preview_started_at``: the update only takes rows still unclaimed (or
    whose claim is stale), so two tasks never get the same row, also where the database
    cannot skip locked rows (SQLite serialises writers instead)."""
    now = timezone.now()
    free = Q(preview_started_at=None) | Q(preview_started_at__lt=now - office_claim_expires())
    waiting = (
        ResourceFile.objects.filter(
            free,
            previewed_at=None,
            analysed_at__isnull=False,
            mime_type__in=file_handling.OFFICE_TYPES,
        )
        .exclude(analysis_problem__in=file_handling.NOT_CONVERTED_AFTER)
        .order_by("pk")
    )
    with transaction.atomic():
        candidates = waiting
        if connection.features.has_select_for_update_skip_locked:
            # Rows another task is claiming right now are passed over, not waited for.
            candidates = waiting.select_for_update(skip_locked=True)
        ids = list(candidates.filter(pk=first.pk).values_list("pk", flat=True))
        ids += list(
            candidates.exclude(pk=first.pk).values_list("pk", flat=True)[: OFFICE_BATCH - len(ids)]
        )
        waiting.filter(pk__in=ids).update(preview_started_at=now)
        claimed = {
            resource_file.pk: resource_file
            for resource_file in ResourceFile.objects.filter(
                pk__in=ids, preview_started_at=now
            ).defer("extracted_text")
        }
    return [claimed[pk] for pk in ids if pk in claimed]


def resource_files_render_office_previews(*, resource_files: Sequence[ResourceFile]) -> int:
    """Convert office files to PDF with LibreOffice (one run for all) and store their first
    pages; returns how many got pages. Without LibreOffice nothing changes: their pages
    show the start of their text instead."""
    if not file_handling.office_converter() or not resource_files:
        return 0
    streams = [resource_file.file.open("rb") for resource_file in resource_files]
    try:
        analyses = file_handling.render_office_previews(
            [
                # A stored file opened is a File proxy over a binary stream.
                (cast(BinaryIO, stream), resource_file.mime_type)
                for stream, resource_file in zip(streams, resource_files, strict=True)
            ]
        )
    finally:
        for stream in streams:
            stream.close()
    for resource_file, analysis in zip(resource_files, analyses, strict=True):
        if analysis.problem and not resource_file.analysis_problem:
            resource_file.analysis_problem = analysis.problem
            resource_file.save(update_fields=["analysis_problem"])
        _store_pages(resource_file, analysis.pages)
    return sum(1 for analysis in analyses if analysis.pages)


def resource_file_rebuild_preview(*, resource_file: ResourceFile) -> None:
    """Render the pages of a PDF or image (again, for ``staffroom previews rebuild``); office
    files go through ``resource_files_render_office_previews``."""
    with resource_file.file.open("rb") as stream:
        analysis = file_handling.analyse_file(stream, resource_file.mime_type, text=False)
    _store_pages(resource_file, analysis.pages)


@transaction.atomic
def _store_pages(resource_file: ResourceFile, pages: list[bytes], *, complete: bool = True) -> None:
    """Replace a file's preview pages (the first is the card's picture) and, when ``complete``,
    mark it previewed; the old images are deleted once the new ones are committed."""
    locked = ResourceFile.objects.select_for_update().filter(pk=resource_file.pk).first()
    if locked is None:
        return  # deleted meanwhile (a draft thrown away while LibreOffice ran)
    old_preview = locked.preview
    # Their images go with them (preview_image_delete_with_row, after the commit).
    locked.preview_pages.all().delete()
    resource_file.preview = ""
    if pages:
        resource_file.preview.save(f"{resource_file.pk}.jpg", ContentFile(pages[0]), save=False)
    resource_file.previewed_at = timezone.now() if complete else None
    resource_file.save(update_fields=["preview", "previewed_at"])
    for number, page in enumerate(pages[1:], start=2):
        preview_page = PreviewPage(resource_file=resource_file, number=number)
        preview_page.image.save(f"{resource_file.pk}-{number}.jpg", ContentFile(page), save=False)
        preview_page.save()
    if old_preview:
        transaction.on_commit(partial(old_preview.storage.delete, str(old_preview.name)))


def resource_fetch_picture(*, resource: Resource) -> bool:
    """Look up the picture of a link or embed (oEmbed, og:image) and store it scaled down;
    True when it has one. A failure leaves it without (the card shows its type icon), and
    is remembered for this address so the worker does not ask again on every change."""
    if not settings.LINK_PICTURES:
        return False  # switched off: for the task and ``previews rebuild`` as for publication
    url = resource.url
    if resource.kind == Kind.FILE or not url:
        return False
    picture = link_pictures.fetch_picture(url)
    with transaction.atomic():
        locked = Resource.objects.select_for_update().filter(pk=resource.pk).first()
        if locked is None or locked.url != url:
            return False  # gone, or its address changed while fetching: that one is next
        old = locked.picture.name if locked.picture else ""
        locked.picture = ""
        if picture:
            locked.picture.save(f"{locked.pk}.jpg", ContentFile(picture), save=False)
        locked.picture_source = url
        locked.picture_checked_at = timezone.now()
        # Not through save(): a picture is not an edit (updated_at, the lifecycle's hooks).
        Resource.objects.filter(pk=locked.pk).update(
            picture=locked.picture.name or "",
            picture_source=url,
            picture_checked_at=locked.picture_checked_at,
        )
        if old:
            storage = locked.picture.storage
            transaction.on_commit(partial(storage.delete, old))
    resource.picture = locked.picture
    return bool(picture)


def resource_picture_follow_change(sender, *, resource_id: int, **kwargs) -> None:
    """Receiver of the lifecycle's ``resource_changed``: a link or embed whose address has no
    picture looked up yet gets one fetched by the worker."""
    if not settings.LINK_PICTURES:
        return

    def enqueue() -> None:
        waiting = (
            Resource.objects.filter(pk=resource_id, kind__in=(Kind.LINK, Kind.EMBED))
            .exclude(url="")
            .exclude(url=F("picture_source"))
            .exists()
        )
        if waiting:
            tasks.fetch_resource_picture.enqueue(resource_id)

    transaction.on_commit(enqueue)


def preview_image_delete_with_row(sender, *, instance, **kwargs) -> None:
    """Receiver of ``post_delete`` for preview pages and resources: their derived image is
    deleted from storage once the deletion is committed."""
    field_file = instance.image if isinstance(instance, PreviewPage) else instance.picture
    if field_file:
        transaction.on_commit(partial(field_file.storage.delete, str(field_file.name)))


def previews_rebuild(*, missing_only: bool = False, files: bool = True, pictures: bool = True):
    """Render every file's preview pages again (office files through LibreOffice, in batches)
    and fetch the pictures of links and embeds again: previews are derived data, and this
    rebuilds them from the stored files (``staffroom previews rebuild``). With
    ``missing_only``, only files never previewed and links never looked up.

    Yields (what, done, total) as it goes, for a progress bar."""
    if files:
        waiting = ResourceFile.objects.order_by("pk")
        if missing_only:
            waiting = waiting.filter(previewed_at=None)
        ids = list(waiting.values_list("pk", flat=True))
        office: list[ResourceFile] = []
        for done, pk in enumerate(ids, start=1):
            resource_file = ResourceFile.objects.defer("extracted_text").filter(pk=pk).first()
            if resource_file is None:
                continue
            if resource_file.mime_type in file_handling.OFFICE_TYPES:
                if resource_file.analysis_problem not in file_handling.NOT_CONVERTED_AFTER:
                    office.append(resource_file)
            elif resource_file.mime_type == "application/pdf" or resource_file.mime_type.startswith(
                "image/"
            ):
                resource_file_rebuild_preview(resource_file=resource_file)
            if len(office) >= OFFICE_BATCH or (office and done == len(ids)):
                resource_files_render_office_previews(resource_files=office)
                office = []
            yield "files", done, len(ids)
    if pictures:
        linked = Resource.objects.filter(kind__in=(Kind.LINK, Kind.EMBED)).exclude(url="")
        if missing_only:
            linked = linked.exclude(url=F("picture_source"))
        ids = list(linked.order_by("pk").values_list("pk", flat=True))
        for done, pk in enumerate(ids, start=1):
            resource = Resource.objects.filter(pk=pk).first()
            if resource is not None:
                resource_fetch_picture(resource=resource)
            yield "pictures", done, len(ids)
