"""Suggestions in a real browser: the search boxes are ARIA 1.2 comboboxes with a grouped
listbox, worked with the keyboard; a level suggestion leads to the filtered search."""

import re

import pytest
from tests.browser.conftest import serious_violations
from tests.factories import ResourceFactory

from staffroom.search import suggestions
from staffroom.search.services import search_reindex

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def indexed():
    ResourceFactory(title="Breuken vergelijken met pizzapunten", levels=["fl-lo-3"])
    ResourceFactory(title="Breuken optellen", levels=["fl-lo-4"], download_count=10)
    search_reindex()
    suggestions.forget_published()
    yield
    suggestions.forget_published()


@pytest.fixture
def page(chromium, live_server):
    """A Flemish teacher's browser: Dutch, Flanders' terms."""
    context = chromium.new_context(base_url=live_server.url, locale="nl-BE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _aria(locator, *names: str) -> dict[str, str | None]:
    return {name: locator.get_attribute(name) for name in names}


def test_arrow_to_a_level_and_enter_applies_its_filter(page, indexed):
    page.goto("/search/")
    box = page.locator("#search-q")
    assert _aria(box, "role", "aria-autocomplete", "aria-expanded", "aria-controls") == {
        "role": "combobox",
        "aria-autocomplete": "list",
        "aria-expanded": "false",
        "aria-controls": "search-q-suggestions",
    }
    listbox = page.locator("#search-q-suggestions")
    assert listbox.get_attribute("role") == "listbox"
    assert listbox.get_attribute("aria-label")
    assert listbox.is_hidden()

    box.press_sequentially("breuken 3de leer", delay=40)
    option = page.get_by_role("option", name="3de leerjaar", exact=True)
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    # Grouped: each group is labelled by its heading; levels come first.
    groups = listbox.locator("[role=group]")
    first = groups.first
    heading = page.locator(f"#{first.get_attribute('aria-labelledby')}")
    assert heading.inner_text().lower() == "onderwijsniveaus"
    assert first.locator("[role=option]").first.inner_text() == "3de leerjaar"
    # The polite status says how many there are.
    status = page.locator("#search-q-suggestions ~ [role=status]")
    assert re.match(r"\d+ sugges", status.inner_text())
    assert box.get_attribute("aria-activedescendant") is None
    assert serious_violations(page) == []

    box.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active == first.locator("[role=option]").first.get_attribute("id")
    assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    # Down and up again land on the same option; focus never leaves the box.
    box.press("ArrowDown")
    box.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == active
    assert box.evaluate("element => element === document.activeElement")

    box.press("Enter")
    page.wait_for_url(re.compile(r"level=fl-lo-3"))
    assert "q=breuken" in page.url
    assert page.locator(".result-count").inner_text().startswith("1")
    assert page.get_by_role("link", name=re.compile("Breuken vergelijken")).first.is_visible()


def test_escape_and_a_click_elsewhere_close_and_enter_without_an_option_searches(page, indexed):
    page.goto("/")
    box = page.locator("#site-q")
    box.press_sequentially("breu", delay=40)
    page.get_by_role("option", name="Breuken optellen").wait_for()
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert box.input_value() == "breu"  # the first Escape only closes
    box.press("ArrowDown")  # opens again on the first option
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-activedescendant") == "site-q-suggestions-0"
    page.mouse.click(5, 500)
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-activedescendant") is None

    box.focus()
    box.press("Enter")  # no option active: the search as typed
    page.wait_for_url(re.compile(r"/search/\?q=breu$"))


def test_the_popup_fits_a_phone_screen(chromium, live_server, indexed):
    context = chromium.new_context(
        base_url=live_server.url, locale="nl-BE", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/")
    page.locator("#site-q").press_sequentially("breu", delay=40)
    page.get_by_role("option", name="Breuken optellen").wait_for()
    popup = page.locator("#site-q-suggestions").bounding_box()
    assert popup is not None
    assert popup["x"] >= 0 and popup["x"] + popup["width"] <= 390
    # Picked with a tap, a title opens the resource.
    page.get_by_role("option", name="Breuken optellen").click()
    page.wait_for_url(re.compile(r"/resources/\d+/breuken-optellen/"))
    context.close()
