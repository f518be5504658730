"""Public collections on a phone (390 px), without any script of ours doing the work: a teacher
saves a search result from its card, publishes the folder as a collection with a note, and a
visitor reads it. The pages fit the screen and pass axe."""

import re

import pytest
from tests.browser.conftest import serious_violations, verified
from tests.browser.test_phone_layout import PHONE, WIDEST, log_in
from tests.factories import MemberFactory, ResourceFactory

from staffroom.resources.models import Folder
from staffroom.search.services import search_reindex

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits_and_passes_axe(page) -> None:
    size = page.evaluate(WIDEST)
    assert size["scrollWidth"] <= PHONE["width"], size
    assert serious_violations(page) == []


def test_save_from_a_search_card_publish_and_read_on_a_phone(chromium, live_server):
    teacher = verified(MemberFactory(email="an@school.test", language="en", name="An Peeters"))
    ResourceFactory(title="Breuken vergelijken met pizza's")
    search_reindex()
    context = chromium.new_context(base_url=live_server.url, locale="en-GB", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        log_in(page, teacher.email)
        page.goto("/search/?q=breuken")
        card = page.locator("article.card", has_text="Breuken vergelijken")
        card.get_by_role("button", name="Save in Favourites").click()
        page.wait_for_load_state()
        assert "/search/?q=breuken" in page.url
        assert "Saved in “Favourites”." in page.locator(".messages").inner_text()
        _fits_and_passes_axe(page)

        folder = Folder.objects.get(member=teacher)
        page.goto(f"/resources/folders/{folder.pk}/")
        page.get_by_role("link", name=re.compile("Publish as a collection")).click()
        page.get_by_label("Description", exact=True).fill(
            "Fractions with **food**, for the 3rd year."
        )
        page.get_by_role("button", name="Save", exact=True).click()
        page.wait_for_load_state()
        page.get_by_label("Note", exact=True).fill("Start the lesson with this one.")
        page.get_by_role("button", name=re.compile("Save the note")).click()
        page.wait_for_load_state()
        page.get_by_role("button", name="Publish as a collection").click()
        page.wait_for_load_state()
        assert "The collection is public." in page.locator(".messages").inner_text()
        _fits_and_passes_axe(page)
    finally:
        context.close()

    visitor = chromium.new_context(base_url=live_server.url, locale="en-GB", viewport=PHONE)
    page = visitor.new_page()
    try:
        page.goto("/collections/")
        page.get_by_role("link", name="Favourites").click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", level=1).inner_text() == "Favourites"
        assert "Start the lesson with this one." in page.content()
        assert "A collection by An Peeters" in page.content()
        _fits_and_passes_axe(page)
    finally:
        visitor.close()
