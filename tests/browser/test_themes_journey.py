"""Theme pages in a real browser: a staff member builds a theme with a resource, a question
and an external link; a teacher finds it through the search box's suggestions, follows it,
and is told when the staff member adds an event to it. The theme page passes axe."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from tests.browser.conftest import serious_violations, verified
from tests.browser.test_phone_layout import PHONE, log_in, overflowing
from tests.events.factories import EventFactory
from tests.factories import MemberFactory, ResourceFactory, StaffFactory
from tests.forum.factories import QuestionFactory

from staffroom.search import suggestions
from staffroom.themes.models import Theme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_for(chromium, live_server):
    """A browser of its own per person (English interface), so nobody logs the other out."""
    contexts = []

    def open_page():
        context = chromium.new_context(base_url=live_server.url, locale="en-GB")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def _add_item(page, kind: str, reference: str, title: str = "", note: str = "") -> None:
    page.get_by_label("What to add").select_option(kind)
    page.get_by_label("Number or address").fill(reference)
    if title:
        page.get_by_label("Title of an external link").fill(title)
    if note:
        page.get_by_label("Note (optional)").fill(note)
    page.get_by_role("button", name="Add the item").click()
    page.wait_for_load_state()
    assert page.locator(".messages").inner_text().strip().startswith("The item is added")


def test_a_theme_is_built_found_followed_and_grows(browser_for, live_server):
    suggestions.forget_published()
    staff = verified(StaffFactory(email="redactie@staffroom.test", language="en"))
    teacher = verified(
        MemberFactory(
            email="lotte@school.test",
            language="en",
            date_joined=timezone.now() - timedelta(days=100),
        )
    )
    resource = ResourceFactory(title="Planning a week of online lessons", levels=["fl-lo-3"])
    question = QuestionFactory(title="How do I keep a video call with 25 pupils calm?")
    webinar = EventFactory(title="Webinar: your first online lesson")

    # The staff member makes the theme and fills it, without any script.
    editor = browser_for()
    log_in(editor, staff.email)
    editor.goto("/themes/new/")
    editor.get_by_label("Title", exact=True).fill("Online lessons for beginners")
    editor.get_by_label("Introduction").fill("Everything to **start teaching online**.")
    editor.get_by_label("Status").select_option("published")
    editor.get_by_role("button", name="Save the theme").click()
    editor.wait_for_url(re.compile(r"/themes/online-lessons-for-beginners/edit/$"))
    editor.get_by_label("Heading").fill("Getting started")
    editor.get_by_role("button", name="Add the section").click()
    editor.wait_for_load_state()
    _add_item(editor, "resource", str(resource.pk), note="A ready-made week plan.")
    _add_item(editor, "question", live_server.url + question.get_absolute_url())
    _add_item(editor, "link", "https://tools.example/whiteboard", title="A free whiteboard")
    # The editors' page too: many small forms, each labelled.
    assert serious_violations(editor) == []
    theme = Theme.objects.get()
    assert [item.kind for item in theme.sections.get().items.all()] == [
        "resource",
        "question",
        "link",
    ]

    # A teacher types in the search box and picks the theme page from the suggestions.
    reader = browser_for()
    log_in(reader, teacher.email)
    reader.goto("/search/")
    reader.locator("#search-q").press_sequentially("online less", delay=40)
    option = reader.get_by_role("option", name="Online lessons for beginners")
    option.wait_for()
    option.click()
    reader.wait_for_url(re.compile(r"/themes/online-lessons-for-beginners/$"))
    assert reader.get_by_role("heading", level=1).inner_text() == "Online lessons for beginners"
    body = reader.locator("main").inner_text()
    assert "Planning a week of online lessons" in body and "A ready-made week plan." in body
    assert "A free whiteboard" in body and question.title in body
    assert serious_violations(reader) == []
    reader.goto("/themes/")
    assert serious_violations(reader) == []
    reader.go_back()

    reader.get_by_role("button", name="Follow this theme").click()
    reader.get_by_role("button", name="Stop following").wait_for()

    # The theme grows: the follower is told, the editor who added it is not.
    editor.goto("/themes/online-lessons-for-beginners/edit/")
    _add_item(editor, "event", live_server.url + webinar.get_absolute_url())
    reader.goto("/notifications/")
    expected = "New in the theme “Online lessons for beginners”: Webinar: your first online lesson"
    assert expected in reader.locator("main").inner_text()
    assert not staff.notifications.exists()

    # Nothing is wider than a phone's screen, for readers and for the editor.
    reader.set_viewport_size(PHONE)
    assert overflowing(reader, ["/themes/", theme.get_absolute_url()]) == []
    editor.set_viewport_size(PHONE)
    assert overflowing(editor, [f"/themes/{theme.slug}/edit/", "/themes/edit/"]) == []
