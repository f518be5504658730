"""Uploaded files: typed by their content (never by their name), size-checked per kind, text
extracted for search and duplicate checks, and a preview image rendered for PDFs and images."""

import hashlib
import io
import logging
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

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


# --- Text extraction -------------------------------------------------------------------------

MAX_EXTRACTED_CHARS = 200_000


def _pdf_text(stream) -> str:
    from pypdf import PdfReader

    reader = PdfReader(stream)
    return "\n".join((page.extract_text() or "") for page in reader.pages[:200])


def _docx_text(stream) -> str:
    import docx

    document = docx.Document(stream)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _pptx_text(stream) -> str:
    from pptx import Presentation

    parts = []
    for slide in Presentation(stream).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
    return "\n".join(parts)


def _xlsx_text(stream) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(stream, read_only=True, data_only=True)
    parts = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            parts.append(" ".join(str(value) for value in row if value is not None))
    return "\n".join(parts)


def _odf_text(stream) -> str:
    from odf import teletype
    from odf.namespaces import TEXTNS
    from odf.opendocument import load

    blocks = {(TEXTNS, "h"), (TEXTNS, "p")}

    def walk(node):
        # Headings and paragraphs in document order (nested ones belong to their parent).
        for child in node.childNodes:
            if getattr(child, "qname", None) in blocks:
                yield teletype.extractText(child)
            elif child.nodeType == child.ELEMENT_NODE:
                yield from walk(child)

    return "\n".join(walk(load(stream).body))


EXTRACTORS = {
    "application/pdf": _pdf_text,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _docx_text,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": _pptx_text,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": _xlsx_text,
    "application/vnd.oasis.opendocument.text": _odf_text,
    "application/vnd.oasis.opendocument.presentation": _odf_text,
    "application/vnd.oasis.opendocument.spreadsheet": _odf_text,
}


# Office files are zip archives; one that inflates beyond this is not read (a zip bomb).
MAX_UNZIPPED_BYTES = 300 * 1024 * 1024


def _unzips_safely(stream) -> bool:
    try:
        with zipfile.ZipFile(stream) as archive:
            total = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return True  # not a zip: the extractor judges it
    finally:
        stream.seek(0)
    return total <= MAX_UNZIPPED_BYTES


def extract_text(stream, mime_type: str) -> str:
    """The readable text of a document, or "" for kinds without text or unreadable files."""
    extractor = EXTRACTORS.get(mime_type)
    if extractor is None:
        return ""
    if not _unzips_safely(stream):
        logger.warning("Not extracting a %s file that would inflate too far", mime_type)
        return ""
    try:
        text = extractor(stream)
    except Exception:  # a damaged upload must not stop the pipeline; it is logged instead
        logger.warning("Text extraction failed for a %s file", mime_type, exc_info=True)
        return ""
    return " ".join(text.split())[:MAX_EXTRACTED_CHARS]


# --- Previews --------------------------------------------------------------------------------

PREVIEW_SIZE = (480, 640)


def render_preview(stream, mime_type: str) -> bytes | None:
    """A JPEG thumbnail of the first page of a PDF or of an image; None for other kinds."""
    from PIL import Image

    try:
        if mime_type == "application/pdf":
            import pypdfium2

            pdf = pypdfium2.PdfDocument(stream.read())
            try:
                image = pdf[0].render(scale=1).to_pil()
            finally:
                pdf.close()
        elif mime_type.startswith("image/"):
            image = Image.open(stream)
            image.load()
        else:
            return None
        image = image.convert("RGB")
        image.thumbnail(PREVIEW_SIZE)
        output = io.BytesIO()
        # JPEG keeps a page preview around 20-40 KB where PNG takes 80-230 KB.
        image.save(output, format="JPEG", quality=80, optimize=True)
        return output.getvalue()
    except Exception:  # previews are a nicety; a file that cannot be rendered gets none
        logger.warning("Preview rendering failed for a %s file", mime_type, exc_info=True)
        return None
