"""A webinar in a real browser: a teacher registers with a question and gets the confirmation
with an .ics; the join button appears 15 minutes before the start and leads into the
BigBlueButton room (the local fake server); during the webinar she posts a live question that
a colleague upvotes; afterwards the presenter moves it to the teachers' room, where it keeps
its author and a link back to the webinar."""

import re
from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone
from tests.browser.conftest import serious_violations, verified
from tests.events.factories import EventFactory
from tests.factories import MemberFactory

from staffroom.events import room
from staffroom.events.models import EVENT_TIME_ZONE, Event, EventQuestion, Registration
from staffroom.forum.models import Question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"


def member(email: str, name: str):
    return verified(
        MemberFactory(
            email=email, name=name, language="en", date_joined=timezone.now() - timedelta(days=200)
        )
    )


def log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign In", re.I)).click()
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/)"))


def move_event(event: Event, starts_in: timedelta) -> None:
    """Time passes: the event now starts ``starts_in`` from now (negative: it has started)."""
    starts = timezone.now() + starts_in
    Event.objects.filter(pk=event.pk).update(starts_at=starts, ends_at=starts + timedelta(hours=1))


def test_register_join_ask_vote_and_move_to_the_forum(
    page, chromium, live_server, bbb_server, mailoutbox
):
    teacher = member("an@example.org", "An Peeters")
    colleague = member("jan@example.org", "Jan de Vries")
    presenter = member("els@example.org", "Els Janssens")
    event = EventFactory(
        title="Breuken visueel maken",
        room_kind="bbb",
        starts_at=(timezone.now() + timedelta(minutes=40)).replace(second=0, microsecond=0),
        ends_at=(timezone.now() + timedelta(minutes=100)).replace(second=0, microsecond=0),
    )
    event.presenters.set([presenter])

    # Register with a question for the presenters.
    log_in(page, teacher.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Events").click()
    page.get_by_role("link", name=event.title).click()
    page.get_by_label("A question for the presenters (optional)").fill(
        "Werkt dit ook met een breukenmuur?"
    )
    page.get_by_role("button", name="Register").click()
    page.get_by_text("You are registered: your place is confirmed.").wait_for()
    assert serious_violations(page) == []

    # The confirmation mail carries the event as an .ics in Brussels time.
    confirmation = next(m for m in mailoutbox if teacher.email in m.to)
    ics = next(content for name, content, _type in confirmation.attachments if name == "event.ics")
    vevent = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    starts = vevent.decoded("DTSTART")
    assert starts == event.starts_at.astimezone(EVENT_TIME_ZONE)
    assert str(starts.tzinfo) == "Europe/Brussels"
    assert str(vevent["SUMMARY"]) == event.title

    # 40 minutes before the start: no join button yet, but the page says when it comes.
    join = page.get_by_role("button", name="Join the webinar")
    assert join.count() == 0
    opens = room.join_opens_at(event).astimezone(EVENT_TIME_ZONE).strftime("%H:%M")
    page.get_by_text(re.compile(f"appears here from .*{opens}")).wait_for()

    # 16 minutes before: still none. 15 minutes before: there it is.
    move_event(event, timedelta(minutes=16))
    page.reload()
    assert join.count() == 0
    move_event(event, timedelta(minutes=14, seconds=50))
    page.reload()
    join.click()
    page.wait_for_url(re.compile(re.escape(bbb_server.api_url) + "join"))
    assert page.locator("#who").inner_text() == "An Peeters (VIEWER)"
    # BigBlueButton now lists her in the room: polling marks her attended.
    assert room.attendance_poll() == 1
    assert Registration.objects.get(member=teacher).attendance_source == "bbb"

    # During the webinar she asks a live question...
    move_event(event, -timedelta(minutes=5))
    page.goto(event.get_absolute_url())
    page.get_by_role("link", name="Questions and live Q&A").click()
    page.get_by_label("Your question").fill("Hoe differentieer ik voor snelle rekenaars?")
    page.get_by_role("button", name="Post your question").click()
    live = page.locator(".event-question", has_text="snelle rekenaars")
    live.wait_for()
    assert serious_violations(page) == []
    question = EventQuestion.objects.get(source="live")

    # ...and a registered colleague votes it up (without a page reload: the list updates).
    Registration.objects.create(
        event=event,
        member=colleague,
        status="confirmed",
        registered_at=timezone.now(),
        confirmed_at=timezone.now(),
    )
    other = chromium.new_context(base_url=live_server.url).new_page()
    log_in(other, colleague.email)
    other.goto(f"/events/{event.pk}/questions/")
    other.locator(f"#vote-{question.pk}").click()
    other.locator(f"#question-{question.pk} .votes strong").filter(has_text="1").wait_for()
    assert EventQuestion.objects.get(pk=question.pk).vote_count == 1
    other.context.close()

    # After the webinar the presenter moves the unanswered questions to the teachers' room.
    move_event(event, -timedelta(hours=2))
    page.get_by_role("button", name="Log out").click()
    log_in(page, presenter.email)
    page.goto(event.get_absolute_url())
    page.get_by_role("link", name="Presenter view").click()
    assert serious_violations(page) == []
    page.goto(f"/events/{event.pk}/questions/")
    page.get_by_role("button", name="Move unanswered questions to the forum").click()
    page.get_by_role("link", name="Continued in the teachers' room").first.wait_for()
    moved = Question.objects.get(title__contains="snelle rekenaars")
    assert moved.author == teacher
    assert event.get_absolute_url() in moved.body

    # In the teachers' room the question is hers and points back to the webinar.
    page.locator(f"#question-{question.pk} a", has_text="Continued in the teachers' room").click()
    page.get_by_role("heading", name=re.compile("snelle rekenaars")).wait_for()
    page.get_by_role("link", name=event.title).first.wait_for()
    assert teacher.display_name in page.locator("main").inner_text()
