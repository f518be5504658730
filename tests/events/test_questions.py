"""Questions for the presenters (events/questions.py): registration questions kept in step,
grouping and ordering, votes (once, taken back, not one's own, a double click), the posting
window, the CSV export, and moving unanswered questions to the teachers' room."""

import csv
import io
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from staffroom.curriculum.models import Level, Subject
from staffroom.events import questions as qa
from staffroom.events import services
from staffroom.events.models import (
    EventQuestion,
    EventQuestionVote,
    QuestionSource,
    RegistrationStatus,
)
from staffroom.forum.inputs import QuestionInput
from staffroom.forum.models import Question
from staffroom.forum.queries import search_questions
from staffroom.forum.services import question_ask
from staffroom.notifications.models import Notification
from staffroom.search import documents
from staffroom.search.backends import reset_backend
from tests.events.factories import (
    EventFactory,
    LiveQuestionFactory,
    RegistrationFactory,
    ended_event,
    established,
    running_event,
)
from tests.factories import MemberFactory, StaffFactory

pytestmark = pytest.mark.django_db


def participant(event, **fields):
    return RegistrationFactory(event=event, **fields).member


# --- registration questions ---------------------------------------------------------------------


def test_a_registration_question_follows_the_registration():
    event, member = EventFactory(), established()
    services.register(member=member, event=event, question="  Werkt dit ook in het BuSO?  ")
    question = EventQuestion.objects.get(event=event)
    assert question.source == QuestionSource.REGISTRATION
    assert question.author == member and question.body == "Werkt dit ook in het BuSO?"
    assert question.registration.member == member

    services.register(member=member, event=event, question="Werkt dit ook in het kleuter?")
    question.refresh_from_db()
    assert question.body == "Werkt dit ook in het kleuter?"
    assert EventQuestion.objects.count() == 1

    services.register(member=member, event=event, question="")
    assert not EventQuestion.objects.exists()


def test_no_question_no_event_question():
    services.register(member=established(), event=EventFactory())
    assert not EventQuestion.objects.exists()


def test_a_cancelled_registrations_question_leaves_the_lists_and_comes_back():
    event, member = EventFactory(), established()
    services.register(member=member, event=event, question="Welke tools zijn gratis?")
    assert len(qa.questions_live(event)) == 1
    services.registration_cancel(member=member, event=event)
    assert qa.questions_live(event) == []
    assert qa.questions_grouped(event) == []
    assert not qa.movable_questions(event).exists()
    assert "Welke tools" not in qa.registrants_csv(event, StaffFactory())
    # Registering again brings it back (as one question, not two).
    services.register(member=member, event=event, question="Welke tools zijn gratis?")
    assert [q.body for q in qa.questions_live(event)] == ["Welke tools zijn gratis?"]


def test_a_waitlisted_registration_keeps_its_question():
    event = EventFactory(capacity=1)
    services.register(member=established(), event=event)
    waiting = services.register(member=established(), event=event, question="Komt er een opname?")
    assert waiting.status == RegistrationStatus.WAITLISTED
    assert EventQuestion.objects.get().registration == waiting


# --- reads ---------------------------------------------------------------------------------------


def test_questions_are_grouped_by_label_ungrouped_last_and_by_votes():
    event = EventFactory()
    few = LiveQuestionFactory(event=event, group="Tools", vote_count=1)
    many = LiveQuestionFactory(event=event, group="Tools", vote_count=5)
    loose = LiveQuestionFactory(event=event, vote_count=9)
    other = LiveQuestionFactory(event=event, group="assessment", vote_count=0)
    LiveQuestionFactory(event=event, group="Tools", hidden_at=timezone.now())
    grouped = qa.questions_grouped(event)
    assert [label for label, _questions in grouped] == ["assessment", "Tools", ""]
    assert grouped[1][1] == [many, few]
    assert grouped[0][1] == [other] and grouped[2][1] == [loose]
    assert qa.group_labels(event) == ["assessment", "Tools"]
    assert len(qa.questions_hidden(event)) == 1


def test_the_live_list_puts_answered_questions_last():
    event = EventFactory()
    answered = LiveQuestionFactory(event=event, vote_count=10, answered_at=timezone.now())
    open_ = LiveQuestionFactory(event=event, vote_count=1)
    assert qa.questions_live(event) == [open_, answered]


def test_counts_of_registrations():
    event = EventFactory()
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, attended_at=timezone.now())
    RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)
    RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)
    assert qa.registration_counts(event) == {"confirmed": 2, "waitlisted": 1, "attended": 1}


# --- votes ---------------------------------------------------------------------------------------


def test_a_vote_counts_once_and_can_be_taken_back():
    event = EventFactory()
    question = LiveQuestionFactory(event=event)
    voter = participant(event)
    assert qa.question_vote(member=voter, question=question) is True
    assert qa.question_vote(member=voter, question=question) is True  # a second click
    question.refresh_from_db()
    assert question.vote_count == 1 and EventQuestionVote.objects.count() == 1
    assert qa.questions_listed(event, voter).get().voted is True
    assert qa.question_vote(member=voter, question=question, up=False) is False
    assert qa.question_vote(member=voter, question=question, up=False) is False
    question.refresh_from_db()
    assert question.vote_count == 0 and not EventQuestionVote.objects.exists()


def test_registration_questions_can_be_voted_for():
    event, asker = EventFactory(), established()
    services.register(member=asker, event=event, question="Is er een certificaat?")
    question = EventQuestion.objects.get()
    qa.question_vote(member=participant(event), question=question)
    question.refresh_from_db()
    assert question.vote_count == 1


def test_no_vote_for_ones_own_question_nor_from_outside_nor_after_the_end():
    event = EventFactory()
    asker = participant(event)
    question = LiveQuestionFactory(event=event, author=asker)
    with pytest.raises(ValidationError, match="your own question"):
        qa.question_vote(member=asker, question=question)
    with pytest.raises(PermissionDenied):
        qa.question_vote(member=established(), question=question)
    waitlisted = participant(event, status=RegistrationStatus.WAITLISTED)
    with pytest.raises(PermissionDenied):
        qa.question_vote(member=waitlisted, question=question)
    with pytest.raises(ValidationError, match="ended"):
        qa.question_vote(
            member=participant(event), question=question, now=event.ends_at + timedelta(minutes=1)
        )
    question.refresh_from_db()
    assert question.vote_count == 0


def test_a_simultaneous_second_vote_hits_the_unique_constraint_and_counts_once():
    """Two clicks at once: the other request has inserted the vote row (and counts it); this
    one's insert fails on the constraint and must not count again."""
    event = EventFactory()
    question = LiveQuestionFactory(event=event)
    voter = participant(event)
    EventQuestionVote.objects.create(question=question, member=voter)  # the other request
    with mock.patch.object(
        EventQuestionVote.objects, "create", wraps=EventQuestionVote.objects.create
    ) as create:
        assert qa.question_vote(member=voter, question=question) is True
    assert create.call_count == 1  # it did try, and the constraint refused it
    question.refresh_from_db()
    assert question.vote_count == 0  # the other request's own update adds its one vote
    assert EventQuestionVote.objects.count() == 1


# --- posting -------------------------------------------------------------------------------------


def test_posting_is_open_from_15_minutes_before_the_start_until_the_end():
    event = EventFactory()
    member = participant(event)
    before = event.starts_at - timedelta(minutes=16)
    with pytest.raises(ValidationError, match="15 minutes"):
        qa.question_post(member=member, event=event, body="Te vroeg?", now=before)
    opened = event.starts_at - timedelta(minutes=15)
    posted = qa.question_post(member=member, event=event, body=" Net op tijd? ", now=opened)
    assert posted.body == "Net op tijd?" and posted.source == QuestionSource.LIVE
    with pytest.raises(ValidationError):
        qa.question_post(member=member, event=event, body="Te laat?", now=event.ends_at)
    assert qa.posting_open(event, event.ends_at - timedelta(seconds=1))
    assert not qa.posting_open(event, event.ends_at)


def test_posting_refuses_empty_too_long_and_outsiders():
    event = running_event()
    member = participant(event)
    with pytest.raises(ValidationError, match="Write your question"):
        qa.question_post(member=member, event=event, body="   ")
    with pytest.raises(ValidationError, match="1000"):
        qa.question_post(member=member, event=event, body="x" * 1001)
    qa.question_post(member=member, event=event, body="x" * 1000)
    with pytest.raises(PermissionDenied):
        qa.question_post(member=established(), event=event, body="Mag ik ook?")


def test_posting_follows_the_posting_rate():
    event = running_event()
    newcomer = participant(event, member=MemberFactory())  # a new account: 3 in 10 minutes
    for n in range(3):
        qa.question_post(member=newcomer, event=event, body=f"Vraag {n}")
    with pytest.raises(ValidationError, match="later"):
        qa.question_post(member=newcomer, event=event, body="Nog een vraag")


# --- presenters ----------------------------------------------------------------------------------


def test_presenters_group_answer_and_hide_others_may_not():
    presenter = established()
    event = EventFactory()
    event.presenters.add(presenter)
    question = LiveQuestionFactory(event=event)
    qa.question_group_set(member=presenter, question=question, group="  Digitale   tools ")
    qa.question_mark_answered(member=presenter, question=question)
    question.refresh_from_db()
    assert question.group == "Digitale tools"
    assert question.answered_at and question.answered_by == presenter
    qa.question_mark_answered(member=presenter, question=question, answered=False)
    qa.question_hide(member=StaffFactory(), question=question)
    question.refresh_from_db()
    assert question.answered_at is None and question.hidden_at
    with pytest.raises(ValidationError):
        qa.question_group_set(member=presenter, question=question, group="x" * 81)
    for use_case in (qa.question_mark_answered, qa.question_hide):
        with pytest.raises(PermissionDenied):
            use_case(member=participant(event), question=question)


# --- CSV -----------------------------------------------------------------------------------------


def rows_of(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_csv_defuses_formulas_and_shows_emails_to_staff_only():
    event = EventFactory()
    member = established(name='=HYPERLINK("http://evil")', email="juf@example.org")
    services.register(member=member, event=event, question="+cmd|' /C calc'!A0")
    question = EventQuestion.objects.get()
    question.group = "@groep"
    question.save()
    presenter = established()
    rows = rows_of(qa.registrants_csv(event, presenter))
    assert rows[0] == [
        "Name",
        "Status",
        "Registered at (Brussels time)",
        "Attended",
        "Question",
        "Group",
        "Votes",
    ]
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'
    assert rows[1][4] == "'+cmd|' /C calc'!A0" and rows[1][5] == "'@groep"
    assert "juf@example.org" not in qa.registrants_csv(event, presenter)
    staff_rows = rows_of(qa.registrants_csv(event, StaffFactory()))
    assert staff_rows[0][1] == "E-mail" and staff_rows[1][1] == "juf@example.org"


def test_the_csv_shows_brussels_time():
    event = EventFactory()
    registration = RegistrationFactory(
        event=event, registered_at=datetime(2026, 7, 1, 8, 30, tzinfo=UTC)
    )
    rows = rows_of(qa.registrants_csv(event, StaffFactory()))
    assert rows[1][3] == "2026-07-01 10:30"
    assert registration.member.display_name in rows[1][0]


# --- to the teachers' room -----------------------------------------------------------------------


@pytest.fixture
def search_index(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    reset_backend()
    documents.clear_caches()
    yield
    reset_backend()


def test_title_for_the_forum_is_shortened_sensibly():
    event = EventFactory(title="Breuken")
    assert qa.forum_title_for("Slides?", event) == "Slides? (Breuken)"
    assert len(qa.forum_title_for("?", EventFactory(title="X"))) >= 10
    long = "Hoe " + "differentiëren we " * 30 + "?"
    title = qa.forum_title_for(long, event)
    assert len(title) <= 200 and title.endswith("…") and not title.endswith(" …")
    assert qa.forum_title_for("Een  vraag\nover   breuken?", event) == "Een vraag over breuken?"


def test_unanswered_questions_move_to_the_forum_once(
    search_index, client, django_capture_on_commit_callbacks
):
    event = ended_event(title="Hoekenwerk in de kleuterklas", language="nl")
    event.levels.set([Level.objects.get(code="fl-lo-3")])
    event.subjects.set([Subject.objects.get(code="fl-wis")])
    presenter = established()
    event.presenters.add(presenter)
    # A new account that has just posted a lot: the move is not refused by its posting rate.
    asker = MemberFactory()
    for n in range(3):
        question_ask(member=asker, data=QuestionInput(title=f"Een vraag over planborden {n}"))
    with pytest.raises(ValidationError):
        question_ask(member=asker, data=QuestionInput(title="Nog een vraag over planborden"))
    moving = LiveQuestionFactory(event=event, author=asker, body="Hoe werk je met een kiesbord?")
    LiveQuestionFactory(event=event, answered_at=timezone.now())
    LiveQuestionFactory(event=event, hidden_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        moved = qa.questions_move_to_forum(member=presenter, event=event)
    assert moved == [moving]
    moving.refresh_from_db()
    forum_question = moving.forum_question
    assert forum_question.author == asker
    assert forum_question.title == "Hoe werk je met een kiesbord?"
    assert forum_question.language == "nl"
    assert "Hoe werk je met een kiesbord?" in forum_question.body
    assert event.get_absolute_url() in forum_question.body
    # Worded in the event's language (Dutch here), whoever moved it.
    with translation.override("nl"):
        asked = gettext("Asked during the webinar [%(title)s](%(url)s)").split("[")[0]
    assert f"{asked}[Hoekenwerk in de kleuterklas](" in forum_question.body
    assert list(forum_question.levels.values_list("code", flat=True)) == ["fl-lo-3"]
    assert list(forum_question.subjects.values_list("code", flat=True)) == ["fl-wis"]
    notice = Notification.objects.get(member=asker, kind="event_question_moved")
    assert notice.params == {"event": event.title, "title": forum_question.title}
    assert notice.url == forum_question.get_absolute_url()

    # Twice: nothing moves twice.
    assert qa.questions_move_to_forum(member=presenter, event=event) == []
    assert Question.objects.filter(author=asker, title__contains="kiesbord").count() == 1
    assert Notification.objects.filter(kind="event_question_moved").count() == 1

    # Found in the teachers' room: its list, its search, and the page names the webinar.
    assert forum_question.title in client.get(reverse("forum:recent")).content.decode()
    assert [q.title for q in search_questions("kiesbord", {}).page] == [forum_question.title]
    page = client.get(forum_question.get_absolute_url()).content.decode()
    with translation.override("nl"):
        origin = gettext("From the webinar")
    assert event.get_absolute_url() in page and origin in page


def test_moving_waits_for_the_end_and_is_for_presenters():
    event = running_event()
    presenter = established()
    event.presenters.add(presenter)
    LiveQuestionFactory(event=event)
    with pytest.raises(ValidationError, match="ended"):
        qa.questions_move_to_forum(member=presenter, event=event)
    with pytest.raises(PermissionDenied):
        qa.questions_move_to_forum(
            member=participant(event), event=event, now=event.ends_at + timedelta(hours=1)
        )
    assert not Question.objects.exists()


def test_two_identical_questions_of_one_asker_both_move(search_index):
    """Asked twice during the event (or twice alike): the forum's double-submit check is for
    someone posting now, not for questions moving from the event, so the move succeeds."""
    event = ended_event(title="Breuken")
    presenter = established()
    event.presenters.add(presenter)
    asker = established()
    first = LiveQuestionFactory(event=event, author=asker, body="Waar vind ik de slides?")
    second = LiveQuestionFactory(event=event, author=asker, body="Waar vind ik de slides?")
    moved = qa.questions_move_to_forum(member=presenter, event=event)
    assert sorted(q.pk for q in moved) == sorted([first.pk, second.pk])
    assert Question.objects.filter(author=asker, title__contains="slides").count() == 2
    # Someone posting now is still stopped from posting the same question twice.
    with pytest.raises(ValidationError, match="a moment ago"):
        question_ask(member=asker, data=QuestionInput(title=moved[0].forum_question.title))
