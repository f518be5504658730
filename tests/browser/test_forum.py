"""The teachers' room in a real browser: a teacher asks, a colleague answers with a resource,
an expert's answer carries the mark, the asker accepts; "unanswered" lists the question only
until it has an answer; a follower of the subject sees the question in their feed."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from tests.browser.conftest import serious_violations, verified
from tests.factories import MemberFactory, ResourceFactory

from staffroom.accounts.services import follow_create
from staffroom.curriculum.models import Subject
from staffroom.forum.models import ForumExpert, Question
from staffroom.recognition import rules
from staffroom.recognition.models import PointEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"


def member(email: str, name: str):
    return verified(
        MemberFactory(
            email=email,
            name=name,
            language="en",
            date_joined=timezone.now() - timedelta(days=200),
        )
    )


def log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign In", re.I)).click()
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/)"))


def log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()


def unanswered_titles(page) -> list[str]:
    page.goto("/forum/unanswered/")
    return page.locator(".question-row h3 a").all_inner_texts()


def test_ask_answer_with_a_resource_expert_mark_and_accept(page):
    asker = member("an@example.org", "An Peeters")
    colleague = member("jan@example.org", "Jan de Vries")
    expert = member("els@example.org", "Els Janssens")
    ForumExpert.objects.create(member=expert, expertise="Rekendidactiek")
    resource = ResourceFactory(title="Breukenmuur om te knippen")
    # A Dutch colleague follows her own "Rekenen/wiskunde", the crosswalk of Flemish "Wiskunde".
    follower = member("sanne@example.org", "Sanne de Vries")
    follow_create(follower=follower, target=Subject.objects.get(code="nl-rw"))

    # The teacher finds the teachers' room in the main navigation and asks.
    log_in(page, asker.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Teachers' room").click()
    page.get_by_role("link", name="Ask a question").click()
    assert serious_violations(page) == []
    page.get_by_label("Your question").fill("Hoe leg ik gelijknamige breuken uit?")
    page.get_by_label("Details").fill(
        "Mijn leerlingen van het derde leerjaar haken af bij **gelijknamige breuken**."
    )
    page.get_by_label(re.compile(r"^\s*Primary year 3$")).check()
    page.get_by_label(re.compile(r"^\s*Mathematics$")).first.check()
    page.get_by_label("Tags").fill("breuken, rekenen")
    page.get_by_role("button", name="Post your question").click()
    page.get_by_role("heading", name="Hoe leg ik gelijknamige breuken uit?").wait_for()
    question = Question.objects.get()
    assert page.locator(".question-body strong").inner_text() == "gelijknamige breuken"
    assert serious_violations(page) == []
    assert unanswered_titles(page) == [question.title]
    assert serious_violations(page) == []
    page.goto("/forum/search/?q=breuk")
    assert page.locator(".question-row h3 mark").first.inner_text().lower() == "breuken"
    assert serious_violations(page) == []
    log_out(page)

    # The follower of the subject finds the question in her feed.
    log_in(page, follower.email)
    page.goto("/feed/")
    page.get_by_role("link", name="Hoe leg ik gelijknamige breuken uit?").wait_for()
    assert serious_violations(page) == []
    log_out(page)

    # A colleague answers and links a resource by its address.
    log_in(page, colleague.email)
    page.goto(question.get_absolute_url())
    page.get_by_label("Your answer").fill("Laat ze eerst knippen en leggen, dan pas rekenen.")
    page.get_by_label("Link resources (optional)").fill(
        f"{page.url.split('/forum/')[0]}{resource.get_absolute_url()}"
    )
    page.get_by_role("button", name="Post your answer").click()
    answer = page.locator(".forum-answer").filter(has_text="Jan de Vries")
    answer.get_by_role("link", name="Breukenmuur om te knippen").wait_for()
    assert answer.locator(".badge.expert").count() == 0
    assert unanswered_titles(page) == []
    log_out(page)

    # An expert answers: the answer carries the expert mark.
    log_in(page, expert.email)
    page.goto(question.get_absolute_url())
    page.get_by_label("Your answer").fill("Werk met het staafmodel: het maakt de noemer zichtbaar.")
    page.get_by_role("button", name="Post your answer").click()
    expert_answer = page.locator(".forum-answer").filter(has_text="Els Janssens")
    assert expert_answer.locator(".badge.expert").inner_text() == "Expert: Rekendidactiek"
    assert serious_violations(page) == []
    log_out(page)

    # The asker accepts the colleague's answer: it comes first, marked, and earns points.
    log_in(page, asker.email)
    page.goto(question.get_absolute_url())
    page.locator(".forum-answer").filter(has_text="Jan de Vries").get_by_role(
        "button", name="Accept this answer"
    ).click()
    page.get_by_text("You accepted this answer").wait_for()
    first = page.locator(".forum-answer").first
    assert "Jan de Vries" in first.inner_text()
    assert first.locator(".badge.accepted").count() == 1
    assert serious_violations(page) == []
    assert PointEvent.objects.filter(member=colleague, kind=rules.ANSWER_ACCEPTED).count() == 1
    question.refresh_from_db()
    assert question.accepted_answer.author == colleague
    # The resource's page lists the question linking it.
    page.goto(resource.get_absolute_url())
    page.get_by_role("link", name="Hoe leg ik gelijknamige breuken uit?").wait_for()
