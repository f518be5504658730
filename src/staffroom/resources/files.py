"""Uploaded files: typed by their content (never by their name), size-checked per kind, text
extracted for search and duplicate checks, and preview images rendered: the first pages of a
PDF, an image itself, and the first pages of an office file once LibreOffice has converted it
to PDF (in the background, when it is installed; see ``office_converter``)."""

import dataclasses
import hashlib
import io
import logging
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import analysis_sandbox

logger = logging.getLogger(__name__)

# Accepted content types, grouped by the size limit that applies to them.
ACCEPTED_TYPES = {
    "application/pdf": "document",
    "application/msword": "document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "document",
    "application/vnd.oasis.opendocument.text": "document",
    "application/vnd.ms-powerpoint": "document",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "document",
    "application/vnd.oasis.opendocument.presentation": "document",
    "application/vnd.ms-excel": "document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "document",
    "application/vnd.oasis.opendocument.spreadsheet": "document",
    "image/jpeg": "image",
    "image/png": "image",
    "image/gif": "image",
    "image/webp": "image",
    "audio/mpeg": "audio",
    "audio/ogg": "audio",
    "audio/x-wav": "audio",
    "audio/x-flac": "audio",
    "audio/mp4": "audio",
    "video/mp4": "video",
    "video/webm": "video",
    "video/quicktime": "video",
    "video/x-matroska": "video",
}
EXTENSIONS = {
    "application/pdf": ".pdf",
    "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.ms-powerpoint": ".ppt",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
    "application/vnd.oasis.opendocument.presentation": ".odp",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "audio/mpeg": ".mp3",
    "audio/ogg": ".ogg",
    "audio/x-wav": ".wav",
    "audio/x-flac": ".flac",
    "audio/mp4": ".m4a",
    "video/mp4": ".mp4",
    "video/webm": ".webm",
    "video/quicktime": ".mov",
    "video/x-matroska": ".mkv",
}


def extension_for(mime_type: str) -> str:
    return EXTENSIONS.get(mime_type, ".bin")


ACCEPTED_DESCRIPTION = (
    "pdf, doc(x), odt, ppt(x), odp, xls(x), ods, jpg, png, gif, webp, mp3, ogg, wav, mp4, webm"
)

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLE_TYPES = {
    b"W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t": "application/msword",
    b"P\x00o\x00w\x00e\x00r\x00P\x00o\x00i\x00n\x00t": "application/vnd.ms-powerpoint",
    b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k": "application/vnd.ms-excel",
}


def sniff_mime_type(head: bytes) -> str | None:
    """The content type of a file judged by its first bytes, or None when unknown."""
    if head.startswith(OLE_SIGNATURE):
        # Old Office formats share one container; the stream names tell them apart.
        for marker, mime in OLE_TYPES.items():
            if marker in head:
                return mime
        return None
    kind = filetype.guess(head)
    if kind is not None:
        return kind.mime
    return None


def _zip_mime_type(upload) -> str | None:
    """OOXML and ODF are zip files; read their manifest when the first bytes do not suffice."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                # Read a few bytes only: a crafted archive may inflate to gigabytes.
                with archive.open("mimetype") as entry:
                    mime = entry.read(100).decode("ascii", "replace").strip()
                return mime if mime in ACCEPTED_TYPES else None
            if "word/document.xml" in names:
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            if "ppt/presentation.xml" in names:
                return "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            if "xl/workbook.xml" in names:
                return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    except (zipfile.BadZipFile, OSError, UnicodeDecodeError):
        return None
    finally:
        upload.seek(0)
    return None


def _ole_mime_type(upload) -> str | None:
    """The old Office type of an OLE2 file whose directory lies beyond the sniffed head.

    Word and Excel often write the directory after the document's content; the header says
    where its first sector is, and that sector holds the names of the top-level streams.
    """
    try:
        upload.seek(0)
        header = upload.read(512)
        sector_size = 1 << int.from_bytes(header[30:32], "little")
        first_sector = int.from_bytes(header[48:52], "little")
        if sector_size not in (512, 4096) or first_sector >= 0xFFFFFFFA:
            return None
        upload.seek((first_sector + 1) * sector_size)
        directory = upload.read(sector_size)
    except (OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    for marker, mime in OLE_TYPES.items():
        if marker in directory:
            return mime
    return None


@dataclass
class CheckedUpload:
    upload: UploadedFile
    mime_type: str
    size: int
    sha256: str


class UploadRefused(Exception):
    """An upload that cannot be accepted; the message says why, in the member's language."""


def check_upload(upload) -> CheckedUpload:
    """Type ``upload`` by its content and check it against the size limit for its kind."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    mime = sniff_mime_type(head)
    if mime == "application/zip" or (mime is None and head.startswith(b"PK")):
        mime = _zip_mime_type(upload)
    elif mime is None and head.startswith(OLE_SIGNATURE):
        mime = _ole_mime_type(upload)
    if mime not in ACCEPTED_TYPES:
        raise UploadRefused(
            _("“%(name)s” is not a file type we accept (its content is not one of: %(types)s).")
            % {"name": upload.name, "types": ACCEPTED_DESCRIPTION}
        )
    group = ACCEPTED_TYPES[mime]
    limit_mb = settings.MAX_UPLOAD_MB[group]
    if upload.size > limit_mb * 1024 * 1024:
        raise UploadRefused(
            _("“%(name)s” is %(size).1f MB; files of this kind may be at most %(limit)d MB.")
            % {"name": upload.name, "size": upload.size / 1024 / 1024, "limit": limit_mb}
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(upload=upload, mime_type=mime, size=upload.size, sha256=digest.hexdigest())


# --- Text extraction and previews ---------------------------------------------------------

MAX_EXTRACTED_CHARS = 200_000
PREVIEW_SIZE = (480, 640)

# What a moderator reads when a file got no text or preview; stored as the code, shown in the
# reader's language.
ANALYSIS_NOTES = {
    analysis_sandbox.INFLATES_TOO_FAR: gettext_lazy(
        "Not analysed: the file would unpack to far more than its own size (a “zip bomb”)."
    ),
    analysis_sandbox.TOO_MANY_PIXELS: gettext_lazy(
        "No preview: the image has more pixels than we render."
    ),
    analysis_sandbox.PAGE_TOO_LARGE: gettext_lazy(
        "No preview: the first page is larger than a PDF page can normally be."
    ),
    analysis_sandbox.MEMORY_LIMIT: gettext_lazy(
        "Not analysed: reading the file needed more memory than allowed."
    ),
    analysis_sandbox.TIME_LIMIT: gettext_lazy(
        "Not analysed: reading the file took longer than allowed."
    ),
    analysis_sandbox.OUTPUT_LIMIT: gettext_lazy(
        "Not analysed: reading the file produced more output than allowed."
    ),
    analysis_sandbox.UNREADABLE: gettext_lazy(
        "The file could not be read completely; it may be damaged."
    ),
    analysis_sandbox.FAILED: gettext_lazy("The file could not be analysed."),
}


def analysis_note(problem: str) -> str:
    """A problem code of the analysis as moderators read it ("" for none)."""
    return str(ANALYSIS_NOTES.get(problem, "")) if problem else ""


@dataclass
class FileAnalysis:
    """What the sandboxed analysis of one file gave: text, a JPEG preview, or a problem."""

    text: str
    preview: bytes | None
    problem: str
    # The analysing process's peak memory (KiB); benchmarks and tests read it.
    peak_rss_kb: int
    # JPEGs of the first pages (the preview first); one for an image.
    pages: list[bytes] = field(default_factory=list)

    @property
    def note(self) -> str:
        """The problem in the reader's language, for moderators; "" when there was none."""
        return analysis_note(self.problem)


def analysis_limits() -> analysis_sandbox.Limits:
    """The limits a file is analysed under; memory and CPU time are settings."""
    memory_mb = settings.FILE_ANALYSIS_MEMORY_MB
    cpu_seconds = settings.FILE_ANALYSIS_CPU_SECONDS
    return analysis_sandbox.Limits(
        memory_bytes=memory_mb * 1024 * 1024,
        cpu_seconds=cpu_seconds,
        wall_seconds=cpu_seconds * 2,
        max_chars=MAX_EXTRACTED_CHARS,
        preview_size=PREVIEW_SIZE,
    )


def analyse_file(
    stream,
    mime_type: str,
    *,
    text: bool = True,
    preview: bool = True,
    limits: analysis_sandbox.Limits | None = None,
) -> FileAnalysis:
    """Extract the text of an uploaded file and render a preview of its first page or image,
    in a child process limited in memory, CPU time and output (see analysis_sandbox).

    A file refused for its limits, killed for exceeding them, or damaged gives no text and no
    preview and a ``problem`` code; the caller goes on either way.
    """
    wants_text = text and mime_type in TEXT_TYPES
    wants_preview = preview and (mime_type == "application/pdf" or mime_type.startswith("image/"))
    if not (wants_text or wants_preview):
        return FileAnalysis(text="", preview=None, problem="", peak_rss_kb=0)
    outcome = analysis_sandbox.run(
        stream,
        mime_type,
        text=wants_text,
        preview=wants_preview,
        limits=limits or analysis_limits(),
    )
    if outcome.problem:
        logger.warning(
            "Analysis of a %s file: %s (peak %d KiB) %s",
            mime_type,
            outcome.problem,
            outcome.peak_rss_kb,
            outcome.detail,
        )
    return FileAnalysis(
        text=outcome.text[:MAX_EXTRACTED_CHARS],
        preview=outcome.preview,
        problem=outcome.problem,
        peak_rss_kb=outcome.peak_rss_kb,
        pages=outcome.pages,
    )


TEXT_TYPES = frozenset(analysis_sandbox.EXTRACTORS)


def extract_text(stream, mime_type: str) -> str:
    """The readable text of a document, or "" for kinds without text or unreadable files."""
    return analyse_file(stream, mime_type, preview=False).text


def render_preview(stream, mime_type: str) -> bytes | None:
    """A JPEG thumbnail of the first page of a PDF or of an image; None for other kinds."""
    return analyse_file(stream, mime_type, text=False).preview


# --- Office files: previews through LibreOffice -------------------------------------------

OFFICE_TYPES = frozenset(
    mime
    for mime, group in ACCEPTED_TYPES.items()
    if group == "document" and mime != "application/pdf"
)
# Problems of the text analysis after which LibreOffice is not given the file either.
NOT_CONVERTED_AFTER = frozenset(
    {
        analysis_sandbox.INFLATES_TOO_FAR,
        analysis_sandbox.MEMORY_LIMIT,
        analysis_sandbox.TIME_LIMIT,
        analysis_sandbox.OUTPUT_LIMIT,
    }
)


def office_converter() -> str:
    """The LibreOffice program (``soffice``) that converts office files for previews, or ""
    when the OFFICE_CONVERTER setting is empty or names no program: office files then show
    the start of their text instead of pages."""
    path = settings.OFFICE_CONVERTER
    if path and not os.path.isabs(path):
        path = shutil.which(path) or ""
    return path if path and os.access(path, os.X_OK) else ""


def converter_limits() -> analysis_sandbox.ConverterLimits:
    seconds = settings.OFFICE_CONVERTER_SECONDS
    return analysis_sandbox.ConverterLimits(
        memory_bytes=settings.OFFICE_CONVERTER_MEMORY_MB * 1024 * 1024,
        cpu_seconds=seconds,
        wall_seconds=seconds,
    )


def converter_hidden_dirs() -> list[str]:
    """What the isolated converter must not see: the site's data (its files, its database),
    the worker's HOME and the shared temporary directories; the conversion's own directory
    stays visible (analysis_sandbox._hide)."""
    hidden = {
        str(settings.VAR_DIR),
        str(settings.MEDIA_ROOT),
        str(Path.home()),
        tempfile.gettempdir(),
    }
    hidden |= {"/tmp", "/var/tmp", "/dev/shm"}  # noqa: S108 (hidden, not used)
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3" and Path(database["NAME"]).is_absolute():
        hidden.add(str(Path(database["NAME"]).parent))
    return sorted(hidden)


def render_office_previews(files: list[tuple[BinaryIO, str]]) -> list[FileAnalysis]:
    """Page previews of office files, given as (stream, mime type): LibreOffice converts them
    all in one run, then each PDF is rendered like an uploaded one (analyse_file).

    A file LibreOffice cannot convert, or one of a run that ran out of time, gets no pages;
    a run that timed out is retried file by file, so one hostile file does not cost the
    others their preview. Without a converter every file comes back without pages.
    """
    nothing = [FileAnalysis(text="", preview=None, problem="", peak_rss_kb=0) for _ in files]
    converter = office_converter()
    if not converter or not files:
        return nothing
    limits = converter_limits()
    hidden = converter_hidden_dirs()
    with tempfile.TemporaryDirectory(prefix="staffroom-office-") as workdir:
        sources = []
        for index, (stream, mime_type) in enumerate(files):
            source = Path(workdir) / f"file{index}{extension_for(mime_type)}"
            stream.seek(0)
            with source.open("wb") as copy:
                shutil.copyfileobj(stream, copy)
            sources.append(source)
        batch = Path(workdir) / "batch"
        batch.mkdir()
        pdfs, problem = analysis_sandbox.office_to_pdf(
            sources, converter=converter, workdir=batch, limits=limits, hide=hidden
        )
        problems = [problem if pdf is None else "" for pdf in pdfs]
        if problem and len(sources) > 1:
            for index, source in enumerate(sources):
                if pdfs[index] is None:
                    alone = Path(workdir) / f"alone{index}"
                    alone.mkdir()
                    (pdf,), problems[index] = analysis_sandbox.office_to_pdf(
                        [source], converter=converter, workdir=alone, limits=limits, hide=hidden
                    )
                    pdfs[index] = pdf
        analyses = []
        for pdf, file_problem in zip(pdfs, problems, strict=True):
            if pdf is None:
                if file_problem:
                    logger.warning("Office conversion: %s", file_problem)
                analyses.append(
                    FileAnalysis(text="", preview=None, problem=file_problem, peak_rss_kb=0)
                )
                continue
            with pdf.open("rb") as stream:
                analyses.append(analyse_file(stream, "application/pdf", text=False))
    return analyses


# --- What a file looks like where it has no picture ---------------------------------------

TYPE_ICONS = {
    "application/pdf": "document",
    "application/msword": "document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "document",
    "application/vnd.oasis.opendocument.text": "document",
    "application/vnd.ms-powerpoint": "presentation",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "presentation",
    "application/vnd.oasis.opendocument.presentation": "presentation",
    "application/vnd.ms-excel": "spreadsheet",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "spreadsheet",
    "application/vnd.oasis.opendocument.spreadsheet": "spreadsheet",
}


def type_icon(mime_type: str) -> str:
    """The name of the icon (static/staffroom/icons/<name>.svg) for a file of ``mime_type``."""
    if mime_type in TYPE_ICONS:
        return TYPE_ICONS[mime_type]
    family = mime_type.split("/")[0]
    return family if family in ("image", "audio", "video") else "document"


def text_excerpt(text: str, length: int = 700) -> str:
    """The start of a file's text for its "look inside" box, cut at a word."""
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + " …"


# Pictures we take as a cover or a theme's image (and find behind a link).
PICTURE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})


def picture_jpeg(upload, size: tuple[int, int]) -> bytes:
    """An uploaded picture as a JPEG at most ``size``, typed by its content as every upload is
    and re-encoded in the analysis sandbox (no metadata such as a photo's location survives,
    a hostile image never reaches this process's decoder); ``ValidationError`` saying why when
    it is no picture we take or cannot be read."""
    name = getattr(upload, "name", "") or _("the file")
    upload.seek(0)
    mime_type = sniff_mime_type(upload.read(8192))
    upload.seek(0)
    if mime_type not in PICTURE_TYPES:
        raise ValidationError(
            _("“%(name)s” is not an image we accept: choose a JPEG, PNG, GIF or WebP file.")
            % {"name": name}
        )
    limit_mb = settings.MAX_UPLOAD_MB["image"]
    if upload.size > limit_mb * 1024 * 1024:
        raise ValidationError(
            _("“%(name)s” is %(size).1f MB; an image may be at most %(limit)d MB.")
            % {"name": name, "size": upload.size / 1024 / 1024, "limit": limit_mb}
        )
    limits = dataclasses.replace(analysis_limits(), preview_size=size)
    analysis = analyse_file(io.BytesIO(upload.read()), mime_type, text=False, limits=limits)
    if not analysis.preview:
        raise ValidationError(
            _("“%(name)s” could not be read as an image; it may be damaged or too large.")
            % {"name": name}
        )
    return analysis.preview
