"""Previews of files: the first pages of PDFs and office files (through LibreOffice, in the
background), images, posters for audio and video, the resource page's "look inside" and the
cards' pictures; without LibreOffice office files show the start of their text."""

import io
import shutil
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from fpdf import FPDF
from PIL import Image
from tests.factories import (
    ResourceFactory,
    ResourceFileFactory,
    docx_bytes,
    odt_bytes,
    png_bytes,
    pptx_bytes,
)

from staffroom.curriculum.models import ResourceType
from staffroom.resources import analysis_sandbox, files, tasks
from staffroom.resources.models import Resource, ResourceFile, Status
from staffroom.resources.queries import published_resources
from staffroom.resources.services import resource_file_analyse

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
SOFFICE = shutil.which("soffice")


@pytest.fixture(autouse=True)
def _english_pages(client):
    """The pages' words in English (the site's default language is Dutch)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def libreoffice(settings):
    """LibreOffice as the office converter. CI installs it (.ci/run); a machine without it
    skips these tests with the reason, and CI fails on any skip."""
    if SOFFICE is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
        )
    settings.OFFICE_CONVERTER = SOFFICE
    return SOFFICE


def multipage_docx(pages: int) -> bytes:
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    for number in range(1, pages + 1):
        paragraph = document.add_paragraph(f"Breuken vergelijken, blad {number}.")
        if number < pages:
            paragraph.add_run().add_break(WD_BREAK.PAGE)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def multipage_pdf(pages: int) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.multi_cell(0, 8, f"Breuken vergelijken, blad {number}.")
    return bytes(pdf.output())


def _published_file(content: bytes, name: str, mime: str, **fields) -> ResourceFile:
    resource = ResourceFactory(kind="file", url="", title="Breuken vergelijken")
    return ResourceFileFactory(
        resource=resource,
        content=content,
        original_name=name,
        mime_type=mime,
        extracted_text="",
        analysed_at=None,
        **fields,
    )


def _image(field_file) -> Image.Image:
    with field_file.open("rb") as stream:
        image = Image.open(io.BytesIO(stream.read()))
        image.load()
    return image


# --- PDFs and images -----------------------------------------------------------------------


def test_a_pdf_gets_its_first_page_at_once_and_the_next_two_in_the_background(
    client, django_capture_on_commit_callbacks
):
    resource_file = _published_file(multipage_pdf(5), "werkblad.pdf", "application/pdf")
    with django_capture_on_commit_callbacks() as callbacks:
        resource_file_analyse(resource_file=resource_file)
    resource_file.refresh_from_db()
    assert resource_file.preview and resource_file.previewed_at is None
    assert not resource_file.preview_pages.exists()
    assert len(callbacks) == 1
    callbacks[0]()  # the task (run at once by the tests' task backend)
    resource_file.refresh_from_db()
    assert resource_file.previewed_at is not None
    assert _image(resource_file.preview).format == "JPEG"
    pages = list(resource_file.preview_pages.all())
    assert [page.number for page in pages] == [2, 3]
    assert all(_image(page.image).height <= files.PREVIEW_SIZE[1] for page in pages)

    resource = resource_file.resource
    page = client.get(resource.get_absolute_url())
    html = page.content.decode()
    assert "Look inside" in html
    for number in (1, 2, 3):
        url = reverse("resources:preview_page", args=[resource.pk, resource_file.pk, number])
        assert f'src="{url}" alt="Page {number} of werkblad.pdf"' in html
        image = client.get(url)
        assert image.status_code == 200
        assert image["Content-Type"] == "image/jpeg"
        assert image["Cache-Control"].startswith("public")
    missing = reverse("resources:preview_page", args=[resource.pk, resource_file.pk, 4])
    assert client.get(missing).status_code == 404


def test_an_image_is_its_own_preview(client):
    resource_file = _published_file(png_bytes(), "foto.png", "image/png")
    resource_file_analyse(resource_file=resource_file)
    resource_file.refresh_from_db()
    assert resource_file.preview and not resource_file.preview_pages.exists()
    html = client.get(resource_file.resource.get_absolute_url()).content.decode()
    assert 'alt="Preview of foto.png"' in html


def test_preview_pages_of_an_unpublished_resource_stay_private(
    client, django_capture_on_commit_callbacks
):
    resource_file = _published_file(multipage_pdf(2), "werkblad.pdf", "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        resource_file_analyse(resource_file=resource_file)
    Resource.objects.filter(pk=resource_file.resource_id).update(status=Status.DRAFT)
    url = reverse("resources:preview_page", args=[resource_file.resource_id, resource_file.pk, 2])
    assert client.get(url).status_code == 404


def test_a_rebuild_replaces_the_images_and_fills_in_missing_ones(
    django_capture_on_commit_callbacks,
):
    resource_file = _published_file(multipage_pdf(3), "werkblad.pdf", "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        resource_file_analyse(resource_file=resource_file)
    resource_file.refresh_from_db()
    old_names = [resource_file.preview.name] + [
        page.image.name for page in resource_file.preview_pages.all()
    ]
    storage = resource_file.preview.storage
    never = _published_file(multipage_pdf(2), "ander.pdf", "application/pdf")

    with django_capture_on_commit_callbacks(execute=True):
        call_command("previews", "rebuild", "--files-only", stdout=io.StringIO())

    resource_file.refresh_from_db()
    assert resource_file.preview and resource_file.preview_pages.count() == 2
    assert not any(storage.exists(name) for name in old_names)
    never.refresh_from_db()
    assert never.previewed_at is not None and never.preview_pages.count() == 1


# --- Office files through LibreOffice ------------------------------------------------------


def test_office_files_get_their_pages_in_the_background(
    libreoffice, client, django_capture_on_commit_callbacks
):
    """The analysis extracts the text at once and queues the conversion; the task converts
    the docx, the odt and the pptx in one LibreOffice run and renders their pages."""
    made = [
        _published_file(multipage_docx(4), "werkblad.docx", DOCX),
        _published_file(odt_bytes("Breuken vergelijken in odt."), "werkblad.odt", ODT),
        _published_file(pptx_bytes("Breuken vergelijken in dia's."), "dia.pptx", PPTX),
    ]
    enqueued = []
    for resource_file in made:
        with django_capture_on_commit_callbacks() as callbacks:
            resource_file_analyse(resource_file=resource_file)
        resource_file.refresh_from_db()
        assert resource_file.extracted_text  # the text does not wait for LibreOffice
        assert not resource_file.preview and resource_file.previewed_at is None
        enqueued += callbacks
    assert len(enqueued) == 3

    # The first task takes the others along; theirs then find nothing left to do.
    assert tasks.render_preview_pages.call(made[0].pk) == 3
    assert tasks.render_preview_pages.call(made[1].pk) == 0

    for resource_file in made:
        resource_file.refresh_from_db()
        assert resource_file.previewed_at is not None
        assert _image(resource_file.preview).format == "JPEG"
    docx_file = made[0]
    assert [page.number for page in docx_file.preview_pages.all()] == [2, 3]
    assert _image(made[2].preview).width > _image(made[2].preview).height  # a slide

    html = client.get(docx_file.resource.get_absolute_url()).content.decode()
    assert 'alt="Page 3 of werkblad.docx"' in html
    card = client.get(reverse("resources:browse")).content.decode()
    preview_url = reverse("resources:preview", args=[docx_file.resource_id, docx_file.pk])
    assert f'<img class="thumb" src="{preview_url}" alt=""' in card


def test_without_libreoffice_office_files_show_the_start_of_their_text(
    settings, client, django_capture_on_commit_callbacks
):
    settings.OFFICE_CONVERTER = ""
    resource_file = _published_file(
        docx_bytes("Naam: ______ Klas: ____ Vergelijk de breuken en kleur de grootste."),
        "werkblad.docx",
        DOCX,
    )
    with django_capture_on_commit_callbacks() as callbacks:
        resource_file_analyse(resource_file=resource_file)
    assert callbacks == []  # nothing queued for a converter that is not there
    resource_file.refresh_from_db()
    assert not resource_file.preview

    html = client.get(resource_file.resource.get_absolute_url()).content.decode()
    assert "Look inside" in html
    assert "The start of werkblad.docx:" in html
    assert "Vergelijk de breuken en kleur de grootste." in html
    assert "preview_page" not in html and "/pages/" not in html
    # The card shows the document icon.
    card = client.get(reverse("resources:browse")).content.decode()
    assert '<span class="type-icon"><svg' in card


def test_a_converter_setting_naming_no_program_degrades_too(settings):
    settings.OFFICE_CONVERTER = "/nonexistent/soffice"
    assert files.office_converter() == ""
    resource_file = _published_file(docx_bytes("Breuken"), "werkblad.docx", DOCX)
    assert files.render_office_previews([(resource_file.file.open("rb"), DOCX)])[0].pages == []


def test_a_text_excerpt_is_cut_at_a_word():
    text = "breuken " * 200
    excerpt = files.text_excerpt(text, 50)
    assert excerpt.endswith(" …") and len(excerpt) <= 52 and "breu …" not in excerpt


def test_a_converter_that_hangs_is_killed_at_the_deadline(settings, tmp_path):
    """The converter runs under the sandbox's limits: the deadline ends its whole session,
    and it saw the memory limit set before it started."""
    limit_file = tmp_path / "limit"
    hanging = tmp_path / "soffice"
    hanging.write_text(f"#!/bin/sh\nulimit -v > {limit_file}\nsleep 30 &\nsleep 30\n")
    hanging.chmod(0o755)
    settings.OFFICE_CONVERTER = str(hanging)
    settings.OFFICE_CONVERTER_SECONDS = 1
    settings.OFFICE_CONVERTER_MEMORY_MB = 700
    started = time.monotonic()
    analyses = files.render_office_previews([(io.BytesIO(docx_bytes("x")), DOCX)])
    assert time.monotonic() - started < 10
    assert analyses[0].pages == []
    assert analyses[0].problem == analysis_sandbox.TIME_LIMIT
    assert limit_file.read_text().strip() == str(700 * 1024)


# --- Audio, video and cards -----------------------------------------------------------------


@pytest.mark.parametrize(("mime", "icon"), [("audio/mpeg", "audio"), ("video/mp4", "video")])
def test_audio_and_video_get_a_poster_of_their_type(client, mime, icon):
    resource_file = _published_file(b"\x00" * 64, f"opname.{icon}", mime)
    html = client.get(resource_file.resource.get_absolute_url()).content.decode()
    assert 'class="look-inside-poster"' in html
    icon_svg = (
        (files.Path(__file__).parents[2] / "src/staffroom/templates/resources/icons")
        .joinpath(f"{icon}.svg")
        .read_text()
    )
    assert icon_svg.strip() in html


def test_cards_fetch_their_pictures_in_a_fixed_number_of_queries(client):
    def queries_for_listing() -> int:
        with CaptureQueriesContext(connection) as captured:
            resources = list(published_resources()[:50])
            for resource in resources:
                render_to_string("resources/_card_preview.html", {"resource": resource})
        return len(captured)

    ResourceFileFactory(resource=ResourceFactory(kind="file", url=""))
    ResourceFactory(kind="link")
    queries_for_listing()  # the vocabularies are loaded once per process
    few = queries_for_listing()
    for _ in range(4):
        ResourceFileFactory(resource=ResourceFactory(kind="file", url=""))
        ResourceFactory(kind="embed", url="https://www.youtube.com/watch?v=abcdefghijk")
    assert queries_for_listing() == few


def test_type_icons_by_kind_and_file_type():
    link = ResourceFactory(kind="link")
    assert link.type_icon() == "link"
    video = ResourceFactory(kind="embed", resource_type=ResourceType.objects.get(code="video"))
    assert video.type_icon() == "video"
    assert files.type_icon("application/vnd.ms-powerpoint") == "presentation"
    assert files.type_icon("application/vnd.oasis.opendocument.spreadsheet") == "spreadsheet"
    assert files.type_icon("image/webp") == "image"
    assert files.type_icon("application/pdf") == "document"


def test_the_card_picture_and_page_one_are_one_view(client, django_user_model):
    """``preview`` (the card's picture) answers as ``preview_page`` 1: the same image, the same
    caching, the same access (an unpublished resource's preview is not shown to others)."""
    resource_file = _published_file(multipage_pdf(2), "werkblad.pdf", "application/pdf")
    resource_file_analyse(resource_file=resource_file)
    args = [resource_file.resource_id, resource_file.pk]
    card = client.get(reverse("resources:preview", args=args))
    page = client.get(reverse("resources:preview_page", args=[*args, 1]))
    assert card.status_code == page.status_code == 200
    assert b"".join(card.streaming_content) == b"".join(page.streaming_content)
    assert card["Cache-Control"] == page["Cache-Control"] == "public, max-age=3600"
    Resource.objects.filter(pk=resource_file.resource_id).update(status=Status.PENDING)
    assert client.get(reverse("resources:preview", args=args)).status_code == 404
    assert client.get(reverse("resources:preview_page", args=[*args, 1])).status_code == 404
