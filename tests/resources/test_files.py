"""Uploads are typed by their content, size-checked per kind, their text extracted and a
preview rendered."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image
from tests.factories import (
    ResourceFileFactory,
    docx_bytes,
    ods_bytes,
    odt_bytes,
    ole_bytes,
    pdf_bytes,
    png_bytes,
    pptx_bytes,
    xlsx_bytes,
)

from staffroom.resources import files
from staffroom.resources.files import UploadRefused, check_upload, extract_text, render_preview
from staffroom.resources.models import ResourceFile
from staffroom.resources.services import resource_file_analyse

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _zip_bytes() -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("readme.txt", "not a document")
    return output.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("werkblad.pdf", pdf_bytes(), "application/pdf"),
        ("foto.png", png_bytes(), "image/png"),
        ("tekst.docx", docx_bytes("Breuken"), DOCX),
        ("dia.pptx", pptx_bytes("Breuken"), PPTX),
        ("tabel.xlsx", xlsx_bytes("Breuken"), XLSX),
        ("tekst.odt", odt_bytes("Breuken"), ODT),
        ("tabel.ods", ods_bytes("Breuken"), ODS),
        # Typing is by content: whatever the name says, these are what they contain.
        ("foto.docx", png_bytes(), "image/png"),
        ("werkblad", pdf_bytes(), "application/pdf"),
        ("tekst.pdf", docx_bytes("Breuken"), DOCX),
    ],
)
def test_accepted_files_are_typed_by_their_content(name, content, mime):
    checked = check_upload(_upload(name, content))
    assert checked.mime_type == mime
    assert checked.size == len(content)
    import hashlib

    assert checked.sha256 == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("les.pdf", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
        ("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 512),
        ("archief.pdf", _zip_bytes()),
        ("leeg.pdf", b""),
        ("tekst.docx", b"Gewone tekst, geen Word-bestand."),
        ("script.odt", b"#!/bin/sh\nrm -rf /\n"),
    ],
)
def test_disguised_or_unknown_files_are_refused_with_their_name(name, content):
    with pytest.raises(UploadRefused) as refused:
        check_upload(_upload(name, content))
    assert f"“{name}”" in str(refused.value)
    assert "not a file type we accept" in str(refused.value)


def test_a_zip_with_a_foreign_mimetype_entry_is_refused():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
    with pytest.raises(UploadRefused):
        check_upload(_upload("boek.odt", output.getvalue()))


@override_settings(MAX_UPLOAD_MB={"document": 1, "image": 20, "audio": 1, "video": 1})
def test_oversized_files_are_refused_by_the_limit_of_their_kind():
    big_pdf = pdf_bytes() + b"\n%" + b"0" * (1024 * 1024 + 10)
    with pytest.raises(UploadRefused) as refused:
        check_upload(_upload("groot.pdf", big_pdf))
    assert "“groot.pdf” is 1.0 MB" in str(refused.value)
    assert "at most 1 MB" in str(refused.value)
    # The same size is fine for a kind with a higher limit.
    image = io.BytesIO()
    Image.effect_noise((700, 700), 100).convert("RGB").save(image, format="PNG")
    assert len(image.getvalue()) > 1024 * 1024
    assert check_upload(_upload("foto.png", image.getvalue())).mime_type == "image/png"


# --- Old Office (OLE2 compound files) -------------------------------------------------------


@pytest.mark.parametrize(
    ("stream", "mime"),
    [
        ("WordDocument", "application/msword"),
        ("Workbook", "application/vnd.ms-excel"),
        ("PowerPoint Document", "application/vnd.ms-powerpoint"),
    ],
)
def test_old_office_files_are_told_apart_by_their_stream_names(stream, mime):
    assert check_upload(_upload("oud.bin", ole_bytes(stream))).mime_type == mime


def test_old_office_file_with_its_directory_far_into_the_file_is_recognised():
    # Real .doc files often keep the directory after the document's text, beyond the first
    # kilobytes that are sniffed.
    content = ole_bytes("WordDocument", directory_sector=40)
    assert len(content) > 16 * 1024
    assert check_upload(_upload("verslag.doc", content)).mime_type == "application/msword"


def test_an_ole_container_that_is_no_office_document_is_refused():
    with pytest.raises(UploadRefused):
        check_upload(_upload("thumbs.doc", ole_bytes("Catalog")))


# --- Text extraction --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "mime"),
    [
        (pdf_bytes("Breuken vergelijken met pizzapunten"), "application/pdf"),
        (docx_bytes("Breuken vergelijken met pizzapunten"), DOCX),
        (pptx_bytes("Breuken vergelijken met pizzapunten"), PPTX),
        (xlsx_bytes("Breuken vergelijken", "met pizzapunten"), XLSX),
        (odt_bytes("Breuken vergelijken met pizzapunten"), ODT),
        (ods_bytes("Breuken vergelijken met pizzapunten"), ODS),
    ],
)
def test_text_is_extracted_from_documents(content, mime):
    assert extract_text(io.BytesIO(content), mime) == "Breuken vergelijken met pizzapunten"


def test_docx_tables_are_extracted_too():
    import docx

    document = docx.Document()
    document.add_paragraph("Inleiding")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "teller"
    table.rows[0].cells[1].text = "noemer"
    output = io.BytesIO()
    document.save(output)
    assert extract_text(io.BytesIO(output.getvalue()), DOCX) == "Inleiding teller noemer"


def test_kinds_without_text_and_damaged_files_give_empty_text():
    assert extract_text(io.BytesIO(png_bytes()), "image/png") == ""
    assert extract_text(io.BytesIO(b"%PDF-1.4 broken"), "application/pdf") == ""
    assert extract_text(io.BytesIO(b"PK\x03\x04broken"), DOCX) == ""


def test_extracted_text_is_capped(monkeypatch):
    monkeypatch.setattr(files, "MAX_EXTRACTED_CHARS", 10)
    assert extract_text(io.BytesIO(docx_bytes("een twee drie vier")), DOCX) == "een twee d"


# --- Previews ---------------------------------------------------------------------------------


def _image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    return image


def test_pdf_preview_is_an_image_of_the_first_page_within_the_preview_size():
    image = _image(render_preview(io.BytesIO(pdf_bytes()), "application/pdf"))
    assert image.width <= files.PREVIEW_SIZE[0]
    assert image.height <= files.PREVIEW_SIZE[1]
    # An A4 page keeps its portrait shape.
    assert image.height > image.width


def test_image_preview_is_a_thumbnail_of_the_image():
    image = _image(render_preview(io.BytesIO(png_bytes()), "image/png"))
    assert image.size == (40, 30)
    red, green, blue = image.getpixel((20, 15))
    assert abs(red - 200) < 10 and green < 45 and blue < 45


def test_no_preview_for_other_kinds_or_unreadable_files():
    assert render_preview(io.BytesIO(docx_bytes("x")), DOCX) is None
    assert render_preview(io.BytesIO(b"not an image"), "image/png") is None
    assert render_preview(io.BytesIO(b"%PDF-1.4 broken"), "application/pdf") is None


@pytest.mark.django_db
def test_analysing_a_stored_file_saves_its_text_and_preview():
    resource_file = ResourceFileFactory(extracted_text="", analysed_at=None)
    resource_file_analyse(resource_file=resource_file)
    stored = ResourceFile.objects.get(pk=resource_file.pk)
    assert stored.extracted_text.startswith("Breuken vergelijken")
    assert stored.analysed_at is not None
    assert stored.preview.name.endswith(".jpg")
    with stored.preview.open("rb") as preview:
        assert _image(preview.read()).width <= files.PREVIEW_SIZE[0]
