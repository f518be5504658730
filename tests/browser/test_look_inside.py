""" "Look inside" on a phone, without JavaScript: the first pages of a PDF as images with their
page numbers in the alt text, and (no LibreOffice) the start of a .docx's text; nothing wider
than the screen, no serious accessibility violation."""

import pytest
from tests.browser.conftest import serious_violations
from tests.factories import ResourceFactory, ResourceFileFactory, docx_bytes
from tests.resources.test_previews import DOCX, multipage_pdf

from staffroom.resources.services import resource_file_analyse

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 390, "height": 844}


def _resource_with(content: bytes, name: str, mime: str):
    resource = ResourceFactory(kind="file", url="", title="Breuken vergelijken")
    resource_file = ResourceFileFactory(
        resource=resource, content=content, original_name=name, mime_type=mime
    )
    # Committed at once here: the pages' task runs too (the tests' immediate task backend).
    resource_file_analyse(resource_file=resource_file)
    return resource


def test_look_inside_on_a_phone(chromium, live_server, settings):
    settings.OFFICE_CONVERTER = ""
    pdf = _resource_with(
        multipage_pdf(4), "richtingscoefficient-oefeningen-blad.pdf", "application/pdf"
    )
    docx = _resource_with(
        docx_bytes("Naam: ______________ Klas: ____ " + "Richtingscoëfficiënt " * 40),
        "werkblad.docx",
        DOCX,
    )
    context = chromium.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(pdf.get_absolute_url())
        pages = page.locator(".look-inside img")
        assert pages.count() == 3
        for number in (1, 2, 3):
            image = page.get_by_alt_text(
                f"Page {number} of richtingscoefficient-oefeningen-blad.pdf"
            )
            image.scroll_into_view_if_needed()
            assert image.evaluate("img => img.complete && img.naturalWidth > 0")
            assert image.bounding_box()["width"] <= PHONE["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert serious_violations(page) == []

        page.goto(docx.get_absolute_url())
        text = page.locator(".look-inside-text")
        assert "Richtingscoëfficiënt" in text.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert serious_violations(page) == []
    finally:
        context.close()
