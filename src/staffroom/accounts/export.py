"""A member's copy of their data: a zip of JSON files plus the files they uploaded.

The member asks on their settings page (``data_export_request``); a task builds the zip
(``data_export_build``) and mails a signed link that works for DATA_EXPORT_DAYS; the clock
deletes the zip after that (``data_exports_expire``). What goes in is decided by
``member_data``: every relation to Member marked for export, so a new app's rows are in it.
"""

from __future__ import annotations

import json
import logging
import secrets
import shutil
import tempfile
import zipfile
from datetime import datetime, timedelta
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core import serializers, signing
from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from staffroom.core.mail import mail_member
from staffroom.security import events as security_events

from . import tasks
from .member_data import EXPORT_PARTS, member_relations
from .models import DataExport, Member

log = logging.getLogger(__name__)

DOWNLOAD_SALT = "staffroom.accounts.export"
# Fields never written into an export, whoever's they are: secrets that let someone act.
SECRET_FIELD_PARTS = ("password", "token", "secret", "key")
PROFILE_FIELDS = (
    "email",
    "name",
    "town",
    "region",
    "language",
    "bio",
    "notification_mail",
    "profile_public",
    "is_moderator",
    "is_staff",
    "date_joined",
    "last_login",
    "last_active_at",
)


class ExportRefused(Exception):
    """An export is already being prepared for this member."""


def _is_secret(name: str) -> bool:
    return any(part in name.lower() for part in SECRET_FIELD_PARTS)


def _rows(queryset: models.QuerySet) -> list[dict[str, Any]]:
    """Rows as plain dicts: every field except secrets, relations as ids."""
    model = queryset.model
    names = [
        field.name
        for field in model._meta.concrete_fields
        if not _is_secret(field.name) and not field.primary_key
    ]
    names += [field.name for field in model._meta.many_to_many if not _is_secret(field.name)]
    serialised = serializers.serialize("python", queryset.order_by("pk"), fields=names)
    rows = {row["pk"]: {"id": row["pk"], **row["fields"]} for row in serialised}
    # The serializer leaves out many-to-manys with a model of their own (a folder's resources).
    for field in model._meta.many_to_many:
        through = getattr(field.remote_field, "through", None)
        if _is_secret(field.name) or through is None or through._meta.auto_created:
            continue
        for row in queryset.prefetch_related(field.name):
            rows[row.pk][field.name] = sorted(r.pk for r in getattr(row, field.name).all())
    return list(rows.values())


def member_profile(member: Member) -> dict[str, Any]:
    profile: dict[str, Any] = {name: getattr(member, name) for name in PROFILE_FIELDS}
    profile["levels"] = sorted(member.levels.values_list("code", flat=True))
    profile["subjects"] = sorted(member.subjects.values_list("code", flat=True))
    return profile


def member_data(member: Member) -> dict[str, list[dict[str, Any]]]:
    """Everything exported about ``member``, by relation ("app.Model.field": rows)."""
    data: dict[str, list[dict[str, Any]]] = {}
    for relation in member_relations():
        if relation.export:
            data[relation.label] = _rows(relation.rows(member))
    return data


def _safe_name(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "._- " else "_" for c in name).strip(" .")
    return cleaned[:120] or "file"


def write_export(member: Member, destination) -> int:
    """Write ``member``'s zip to the open binary file ``destination``; returns the number
    of files of theirs included."""
    included = 0
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def add_json(name: str, value: Any) -> None:
            archive.writestr(
                name, json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
            )

        add_json("profile.json", member_profile(member))
        for label, rows in member_data(member).items():
            add_json(f"data/{label}.json", rows)
        for name, rows_of in EXPORT_PARTS.items():
            add_json(f"data/{name}.json", rows_of(member))
        for relation in member_relations():
            if not (relation.export and relation.files):
                continue
            for path, field_file in relation.files(relation.rows(member)):
                if not field_file:
                    continue
                parts = PurePosixPath(path).parts
                name = "/".join(["files", *(_safe_name(part) for part in parts)])
                try:
                    with (
                        field_file.open("rb") as source,
                        archive.open(name, "w", force_zip64=True) as target,
                    ):
                        shutil.copyfileobj(source, target, 1024 * 1024)
                except FileNotFoundError:
                    log.warning("export of member %s: %s is missing", member.pk, field_file.name)
                    continue
                included += 1
        archive.writestr(
            "README.txt",
            "Your data on Staffroom.\n\n"
            "profile.json: your profile. data/: one JSON file per kind of record that refers "
            "to you (app.Model.field), each row with its fields; relations are given as "
            "numbers. files/: the files you uploaded, by resource.\n",
        )
    return included


@transaction.atomic
def data_export_request(*, member: Member) -> DataExport:
    """Ask for a copy of ``member``'s data; built in the background and mailed as a link.
    Refused while an earlier request is still being prepared."""
    Member.objects.select_for_update().filter(pk=member.pk).first()
    if DataExport.objects.filter(member=member, status=DataExport.Status.PENDING).exists():
        raise ExportRefused
    export = DataExport.objects.create(member=member)
    security_events.record("data_export", member=member, export_id=export.pk)
    transaction.on_commit(lambda: tasks.build_data_export.enqueue(export.pk))
    return export


def download_token(export: DataExport) -> str:
    return signing.dumps(export.pk, salt=DOWNLOAD_SALT)


def export_from_token(token: str, *, member: Member) -> DataExport | None:
    """The ready export a download link names, if it is ``member``'s and not expired."""
    try:
        pk = signing.loads(
            token, salt=DOWNLOAD_SALT, max_age=timedelta(days=settings.DATA_EXPORT_DAYS)
        )
    except signing.BadSignature:
        return None
    return DataExport.objects.filter(
        pk=pk, member=member, status=DataExport.Status.READY, expires_at__gt=timezone.now()
    ).first()


def data_export_build(*, export_id: int) -> bool:
    """Build the zip of a requested export and mail the member its link. False when the
    request is gone or no longer waiting."""
    export = DataExport.objects.select_related("member").filter(pk=export_id).first()
    if export is None or export.status != DataExport.Status.PENDING:
        return False
    member = export.member
    try:
        with tempfile.TemporaryFile() as spool:
            write_export(member, spool)
            spool.seek(0)
            export.file.save(f"{export.pk}-{secrets.token_urlsafe(18)}.zip", File(spool))
    except Exception:
        log.exception("export %s failed", export.pk)
        DataExport.objects.filter(pk=export.pk).update(status=DataExport.Status.FAILED)
        raise
    now = timezone.now()
    export.status = DataExport.Status.READY
    export.size = export.file.size
    export.ready_at = now
    export.expires_at = now + timedelta(days=settings.DATA_EXPORT_DAYS)
    export.save(update_fields=["status", "size", "ready_at", "expires_at", "file"])
    mail_member(
        member,
        "accounts/email/export_ready",
        {
            "download_url": settings.SITE_URL
            + reverse("accounts:data_export_download", args=[download_token(export)]),
            "expires_at": export.expires_at,
        },
    )
    return True


def data_exports_expire(now: datetime | None = None) -> int:
    """Delete the zips of exports older than DATA_EXPORT_DAYS (and the records of exports
    that failed or expired long ago); returns how many zips were deleted."""
    now = now or timezone.now()
    deleted = 0
    expired = DataExport.objects.filter(status=DataExport.Status.READY, expires_at__lte=now)
    for export in expired:
        if export.file:
            export.file.delete(save=False)
        export.status = DataExport.Status.EXPIRED
        export.save(update_fields=["status", "file"])
        deleted += 1
    # A request that never finished (its worker died) is given up after the same time.
    stale = now - timedelta(days=settings.DATA_EXPORT_DAYS)
    DataExport.objects.filter(
        status__in=[DataExport.Status.PENDING, DataExport.Status.FAILED], created_at__lte=stale
    ).update(status=DataExport.Status.EXPIRED)
    return deleted
