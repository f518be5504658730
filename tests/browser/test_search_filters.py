"""The search filters in a real browser: checkboxes used with the keyboard alone update the
results and keep the focus, several values of a filter combine, chips remove a value, the
phone's filter drawer, the first result on a phone's first screen, and no serious axe issue
on a phone or a desktop."""

import re

import pytest
from tests.browser.conftest import serious_violations
from tests.factories import ResourceFactory

from staffroom.search.services import search_reindex

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def indexed():
    for number, (level, licence) in enumerate(
        [
            ("fl-lo-3", "cc-by"),
            ("fl-lo-3", "cc-by-sa"),
            ("fl-lo-4", "cc-by"),
            ("fl-lo-5", "cc-by-nd"),
            ("fl-so-1g-a", "cc-by"),
        ]
    ):
        ResourceFactory(
            title=f"Breuken vergelijken {number}",
            description="Leerlingen vergelijken breuken met pizzapunten.",
            levels=[level],
            licence=licence,
        )
    search_reindex()


def _tab_to(page, selector: str, limit: int = 80) -> str:
    """Press Tab until the focused element matches ``selector``; its id."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return page.evaluate("document.activeElement.id")
    raise AssertionError(f"Tab never reached {selector}")


def _count(page) -> str:
    return page.locator(".result-count").inner_text()


def test_checkboxes_and_chips_work_with_the_keyboard_alone(page, indexed):
    page.set_viewport_size(DESKTOP)
    page.goto("/search/?q=breuken")
    assert _count(page).startswith("5")
    # Tab to the first level, tick it with the space bar: the results follow, focus stays.
    first = _tab_to(page, "form.facets input[name=level]")
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"level="))
    page.locator(".result-count").filter(has_text=re.compile(r"^4 ")).wait_for()
    assert page.evaluate("document.activeElement.id") == first
    assert page.locator(f"#{first}").is_checked()
    # Untick it; open the branch's sub-levels with Enter and tick two of them: any of them
    # may match.
    page.keyboard.press("Space")
    page.locator(".result-count").filter(has_text=re.compile(r"^5 ")).wait_for()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    _tab_to(page, "#f-level-fl-lo-3")
    page.keyboard.press("Space")
    page.locator(".result-count").filter(has_text=re.compile(r"^2 ")).wait_for()
    assert page.evaluate("document.activeElement.id") == "f-level-fl-lo-3"
    _tab_to(page, "#f-level-fl-lo-4")
    page.keyboard.press("Space")
    page.locator(".result-count").filter(has_text=re.compile(r"^3 ")).wait_for()
    assert re.search(r"level=fl-lo-3&level=fl-lo-4|level=fl-lo-4&level=fl-lo-3", page.url)
    # The branch stayed open through both updates; its counts leave the level choice out.
    assert page.locator("#f-level-fl-bao-below").get_attribute("open") is not None
    assert "(1)" in page.locator("label[for=f-level-fl-lo-5]").inner_text()
    # A chip's remove link, reached with Tab and followed with Enter, drops that value only.
    _tab_to(page, ".active-filters .chip a")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.locator(".result-count").filter(has_text=re.compile(r"^[12] ")).wait_for()
    assert len(page.locator(".active-filters .chip").all()) == 1
    assert serious_violations(page) == []


def test_on_a_phone_the_first_result_comes_first_and_the_filters_in_a_drawer(page, indexed):
    page.set_viewport_size(PHONE)
    page.goto("/search/?q=breuken")
    title = page.locator(".card h3").first.bounding_box()
    assert title is not None
    assert title["y"] + title["height"] <= PHONE["height"], title
    drawer = page.locator("#filter-drawer")
    assert drawer.get_attribute("open") is None
    assert not page.locator("form.facets").is_visible()
    assert serious_violations(page) == []
    # The drawer opens from the keyboard; a ticked box updates the results and it stays open.
    _tab_to(page, "#filter-drawer > summary")
    page.keyboard.press("Enter")
    _tab_to(page, "form.facets input[type=checkbox]")
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"\?.*=.*&|level=|licence="))
    page.locator("#filter-drawer summary").filter(has_text="(1)").wait_for()
    assert drawer.get_attribute("open") is not None
    assert serious_violations(page) == []


def test_no_serious_axe_issue_with_filters_in_use(page, indexed):
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        page.goto("/search/?q=breuken&level=fl-lo-3&level=fl-lo-4&reuse=adapt&rating=1")
        page.locator(".active-filters").wait_for()
        assert serious_violations(page) == [], size


def test_without_javascript_the_form_submits_several_values(chromium, live_server, indexed):
    context = chromium.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport=DESKTOP
    )
    page = context.new_page()
    page.goto("/search/?q=breuken")
    # Wide screens show the panel without JavaScript (the drawer's content is styled open).
    assert page.locator("form.facets").is_visible()
    page.locator("#f-licence-cc-by").check()
    page.locator("#f-licence-cc-by-sa").check()
    page.locator("form.facets button[type=submit]").click()
    page.wait_for_url(re.compile(r"licence=cc-by&licence=cc-by-sa"))
    assert _count(page).startswith("4")
    context.close()
