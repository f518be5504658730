"""Search in a real browser: suggestions as you type, highlighted matches, live filters whose
counts follow each choice, and a saved search that carries the filters chosen live."""

import re

import pytest
from tests.browser.conftest import serious_violations, verified
from tests.factories import MemberFactory, ResourceFactory

from staffroom.search.models import SavedSearch
from staffroom.search.services import search_reindex

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def indexed():
    ResourceFactory(
        title="Breuken vergelijken met pizzapunten",
        description="Leerlingen vergelijken breuken met pizzapunten.",
        licence="cc-by",
        levels=["fl-lo-3"],
    )
    ResourceFactory(title="Breuken optellen", licence="cc-by-sa", levels=["fl-lo-4"])
    ResourceFactory(
        title="Fotosynthese in de klas",
        description="Planten maken suiker uit licht.",
        licence="cc-by",
        levels=["fl-so-1g-a"],
    )
    search_reindex()


def test_search_suggests_highlights_and_filters_live(page, indexed):
    # (Suggestions as you type: tests/browser/test_search_suggestions.py.)
    page.goto("/search/")
    page.locator("#search-q").fill("breuken")
    page.locator("#search-q").press("Enter")
    page.wait_for_url(re.compile(r"q=breuken"))
    assert page.locator(".result-count").inner_text().startswith("2")
    assert page.locator("h3 mark").first.inner_text().lower() == "breuken"
    assert serious_violations(page) == []

    # Choosing a licence updates results and counts without leaving the page; the other
    # licence stays on offer with what it would give.
    page.locator("#f-licence-cc-by-sa").check()
    page.wait_for_url(re.compile(r"licence=cc-by-sa"))
    page.locator(".result-count").filter(has_text=re.compile(r"^1 ")).wait_for()
    assert page.locator("label[for=f-licence-cc-by]").inner_text() == "CC BY 4.0 (1)"
    assert page.locator("#f-licence-cc-by-sa").evaluate(
        "element => element === document.activeElement"
    )


def test_a_live_filter_is_kept_when_the_search_is_saved(page, indexed):
    teacher = verified(MemberFactory(email="zoeker@example.org", language="en"))
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(teacher.email)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name=re.compile("Sign In", re.I)).click()
    page.goto("/search/?q=breuken")
    page.locator("#f-licence-cc-by").check()
    page.locator("form[action$='/save/'] input[name=licence]").wait_for(state="attached")
    page.get_by_role("button", name="Save this search").click()
    page.get_by_text("Search saved").wait_for()
    saved = SavedSearch.objects.get(member=teacher)
    assert (saved.query, saved.filters) == ("breuken", {"licence": "cc-by"})
