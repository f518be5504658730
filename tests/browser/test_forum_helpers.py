"""The forum's writing helpers in a real browser: similar questions appear while the title is
typed (a polite live region), and the "Link a resource" combobox is worked with the keyboard
(Up/Down, Enter, Escape) and adds the chosen resource to the answer."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.browser.conftest import serious_violations, verified
from tests.factories import MemberFactory, ResourceFactory
from tests.forum.factories import QuestionFactory

from staffroom.forum.models import Answer
from staffroom.search.services import search_reindex_all

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"


@pytest.fixture
def teacher(page):
    member = verified(
        MemberFactory(
            email="an@example.org",
            name="An Peeters",
            language="en",
            date_joined=timezone.now() - timedelta(days=200),
        )
    )
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign In", re.I)).click()
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/)"))
    return member


def test_similar_questions_appear_while_typing_the_title(page, teacher):
    existing = QuestionFactory(title="Hoe leg ik gelijknamige breuken uit aan mijn klas?")
    QuestionFactory(
        title="Klokkijken met halve uren in het tweede leerjaar", body="Welke oefeningen werken?"
    )
    search_reindex_all()
    page.goto(reverse("forum:ask"))
    box = page.locator("#similar-questions")
    assert box.get_attribute("aria-live") == "polite"
    page.get_by_label("Your question").press_sequentially(
        "Gelijknamige breuken uitleggen", delay=30
    )
    link = box.get_by_role("link", name=re.compile("gelijknamige breuken"))
    link.wait_for()
    assert link.get_attribute("href") == existing.get_absolute_url()
    assert "Klokkijken" not in box.inner_text()
    assert serious_violations(page) == []
    # Emptied, the title shows no suggestions any more.
    page.get_by_label("Your question").fill("")
    page.get_by_label("Your question").press("Space")
    box.locator("li").first.wait_for(state="detached")


def test_link_a_resource_with_the_keyboard(page, teacher):
    first = ResourceFactory(title="Breukenmuur om te knippen", download_count=20)
    second = ResourceFactory(title="Breukenmuur op de getallenlijn")
    ResourceFactory(title="Klokkijken met de grote wijzer")
    question = QuestionFactory(title="Hoe leg ik gelijknamige breuken uit?")
    search_reindex_all()
    page.goto(question.get_absolute_url())
    form = page.locator("#answer-form")
    picker = form.get_by_role("combobox", name=re.compile("Link a resource"))
    listbox_id = picker.get_attribute("aria-controls")
    listbox = page.locator(f"#{listbox_id}")
    assert listbox.get_attribute("role") == "listbox"
    assert picker.get_attribute("aria-expanded") == "false"

    picker.press_sequentially("breukenmuur", delay=30)
    listbox.get_by_role("option").nth(1).wait_for()
    assert picker.get_attribute("aria-expanded") == "true"
    titles = listbox.get_by_role("option").all_inner_texts()
    assert set(titles) == {first.title, second.title}
    # Escape closes; Down opens again and moves; Up wraps to the last option.
    picker.press("Escape")
    assert listbox.is_hidden() and picker.get_attribute("aria-expanded") == "false"
    picker.press("ArrowDown")
    active = picker.get_attribute("aria-activedescendant")
    assert page.locator(f"#{active}").inner_text() == titles[0]
    assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    picker.press("ArrowUp")
    active = picker.get_attribute("aria-activedescendant")
    assert page.locator(f"#{active}").inner_text() == titles[-1]
    picker.press("ArrowDown")
    picker.press("Enter")  # picks, does not submit the form
    assert page.url.endswith(question.get_absolute_url())
    chosen = first if titles[0] == first.title else second
    field = form.locator("textarea[name=resources]")
    assert field.input_value() == reverse("resources:detail_short", args=[chosen.pk])
    assert picker.input_value() == "" and listbox.is_hidden()
    assert serious_violations(page) == []

    form.get_by_label("Your answer").fill("Deze breukenmuur werkt goed in het derde leerjaar.")
    form.get_by_role("button", name="Post your answer").click()
    page.wait_for_load_state()
    answer = Answer.objects.get(question=question)
    assert list(answer.resources.all()) == [chosen]
