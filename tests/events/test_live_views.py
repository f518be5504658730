"""Presenter view and live Q&A pages: who may open what, posting with a kept text, votes and
presenter actions with and without JavaScript, the fragment, the CSV download and the
move-to-forum button; bad input is never a 500."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from staffroom.events.models import (
    EventQuestion,
    EventQuestionVote,
    Registration,
    RegistrationStatus,
)
from staffroom.forum.models import Question
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

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


@pytest.fixture
def setting():
    """A running event with a presenter, a confirmed registrant and a question."""
    event = running_event()
    presenter = established()
    event.presenters.add(presenter)
    registrant = RegistrationFactory(event=event).member
    question = LiveQuestionFactory(event=event)
    return event, presenter, registrant, question


def urls(event, question):
    return {
        "presenter": reverse("events:presenter", args=[event.pk]),
        "csv": reverse("events:presenter_csv", args=[event.pk]),
        "questions": reverse("events:questions", args=[event.pk]),
        "vote": reverse("events:question_vote", args=[event.pk, question.pk]),
        "answer": reverse("events:question_answer", args=[event.pk, question.pk]),
        "group": reverse("events:question_group", args=[event.pk, question.pk]),
        "hide": reverse("events:question_hide", args=[event.pk, question.pk]),
        "move": reverse("events:questions_move", args=[event.pk]),
    }


# --- permissions ---------------------------------------------------------------------------------


def test_visitors_are_sent_to_log_in(client, setting):
    event, _presenter, _registrant, question = setting
    for name, url in urls(event, question).items():
        response = client.post(url) if name not in ("presenter", "csv") else client.get(url)
        assert response.status_code == 302, name
        assert reverse("account_login") in response["Location"], name


def test_presenter_pages_are_for_presenters_and_staff_only(client, setting):
    event, presenter, registrant, question = setting
    found = urls(event, question)
    for member in (registrant, established()):
        client.force_login(member)
        assert client.get(found["presenter"]).status_code == 403
        assert client.get(found["csv"]).status_code == 403
        for name in ("answer", "group", "hide", "move"):
            assert client.post(found[name]).status_code == 403, name
    for member in (presenter, StaffFactory()):
        client.force_login(member)
        assert client.get(found["presenter"]).status_code == 200
        assert client.get(found["csv"]).status_code == 200


def test_the_live_page_is_for_confirmed_registrants_presenters_and_staff(client, setting):
    event, presenter, registrant, question = setting
    found = urls(event, question)
    waitlisted = RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED).member
    cancelled = RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED).member
    for member in (established(), waitlisted, cancelled):
        client.force_login(member)
        assert client.get(found["questions"]).status_code == 403
        assert client.post(found["vote"]).status_code == 403
        assert client.post(found["questions"], {"body": "Mag ik?"}).status_code == 403
    for member in (registrant, presenter, StaffFactory()):
        client.force_login(member)
        page = client.get(found["questions"]).content.decode()
        assert question.body in page


def test_bad_addresses_are_404(client, setting):
    event, presenter, _registrant, _question = setting
    client.force_login(presenter)
    for url in (
        f"/events/{event.pk}/questions/abc/vote/",
        "/events/abc/presenter/",
        "/events/abc/questions/",
        f"/events/{event.pk}/presenter/x.csv",
    ):
        assert client.post(url).status_code == 404, url
    other = LiveQuestionFactory()  # a question of another event
    url = reverse("events:question_vote", args=[event.pk, other.pk])
    assert client.post(url).status_code == 404
    assert client.get(reverse("events:presenter", args=[999999])).status_code == 404


def test_a_draft_event_stays_hidden(client):
    event = running_event(status="draft")
    member = RegistrationFactory(event=event).member
    client.force_login(member)
    assert client.get(reverse("events:questions", args=[event.pk])).status_code == 404


def test_the_event_page_shows_the_entry_points(client, setting):
    event, presenter, registrant, _question = setting
    client.force_login(registrant)
    page = client.get(event.get_absolute_url()).content.decode()
    assert reverse("events:questions", args=[event.pk]) in page
    assert reverse("events:presenter", args=[event.pk]) not in page
    client.force_login(presenter)
    page = client.get(event.get_absolute_url()).content.decode()
    assert reverse("events:presenter", args=[event.pk]) in page
    client.force_login(established())
    page = client.get(event.get_absolute_url()).content.decode()
    assert reverse("events:questions", args=[event.pk]) not in page


# --- posting -------------------------------------------------------------------------------------


def test_posting_a_question_then_empty_and_too_long_keep_the_text(client, setting):
    event, _presenter, registrant, question = setting
    url = urls(event, question)["questions"]
    client.force_login(registrant)
    response = client.post(url, {"body": "Werkt dit ook met Smartschool?"})
    assert response.status_code == 302
    assert EventQuestion.objects.filter(author=registrant, source="live").exists()
    response = client.post(url, {"body": "   "})
    assert response.status_code == 400
    assert "Write your question before posting." in response.content.decode()
    long = "Een lange vraag " + "x" * 1000
    response = client.post(url, {"body": long})
    assert response.status_code == 400
    page = response.content.decode()
    assert "at most 1000 characters" in page and long in page


def test_posting_refused_by_the_rate_keeps_the_text(client):
    event = running_event()
    newcomer = RegistrationFactory(event=event, member=MemberFactory()).member
    client.force_login(newcomer)
    url = reverse("events:questions", args=[event.pk])
    for n in range(3):
        assert client.post(url, {"body": f"Vraag {n}"}).status_code == 302
    response = client.post(url, {"body": "Mijn vierde vraag"})
    assert response.status_code == 400
    assert "Mijn vierde vraag" in response.content.decode()


def test_posting_is_closed_before_and_after_with_a_clear_message(client):
    early = EventFactory()  # in three days
    member = RegistrationFactory(event=early).member
    client.force_login(member)
    url = reverse("events:questions", args=[early.pk])
    page = client.get(url).content.decode()
    assert "15 minutes before the start" in page and 'name="body"' not in page
    response = client.post(url, {"body": "Al een vraag"})
    assert response.status_code == 400 and "15 minutes" in response.content.decode()
    assert not EventQuestion.objects.exists()

    ended = ended_event()
    asked = LiveQuestionFactory(event=ended)
    RegistrationFactory(event=ended, member=member)
    page = client.get(reverse("events:questions", args=[ended.pk])).content.decode()
    assert "The event has ended" in page and asked.body in page
    assert "data-live-refresh" not in page


def test_the_list_refreshes_while_the_event_runs_from_its_fragment(client, setting):
    event, _presenter, registrant, question = setting
    client.force_login(registrant)
    url = urls(event, question)["questions"]
    page = client.get(url).content.decode()
    assert 'data-live-refresh="10"' in page and f"{url}?fragment=list" in page
    fragment = client.get(url, {"fragment": "list"}).content.decode()
    assert question.body in fragment and "<html" not in fragment


# --- votes and presenter actions -----------------------------------------------------------------


def test_voting_without_javascript_toggles_and_comes_back(client, setting):
    event, _presenter, registrant, question = setting
    found = urls(event, question)
    client.force_login(registrant)
    response = client.post(found["vote"], {"next": found["questions"]})
    assert response.status_code == 302 and response["Location"] == found["questions"]
    question.refresh_from_db()
    assert question.vote_count == 1
    assert "Remove my vote" in client.get(found["questions"]).content.decode()
    client.post(found["vote"], {"vote": "remove"})
    question.refresh_from_db()
    assert question.vote_count == 0 and not EventQuestionVote.objects.exists()
    # An address elsewhere is not followed.
    response = client.post(found["vote"], {"next": "https://evil.example/"})
    assert response["Location"] == found["questions"]


def test_voting_with_fetch_gets_json_and_ones_own_is_refused(client, setting):
    event, _presenter, registrant, question = setting
    client.force_login(registrant)
    response = client.post(urls(event, question)["vote"], **FETCH)
    assert response.status_code == 200 and response.json()["ok"] is True
    own = LiveQuestionFactory(event=event, author=registrant)
    response = client.post(reverse("events:question_vote", args=[event.pk, own.pk]), **FETCH)
    assert response.status_code == 400
    assert "own question" in response.json()["message"]


def test_presenters_mark_answered_group_and_hide(client, setting):
    event, presenter, _registrant, question = setting
    found = urls(event, question)
    client.force_login(presenter)
    assert client.post(found["answer"], **FETCH).json()["ok"]
    client.post(found["group"], {"group": "Tools", "next": found["presenter"]})
    question.refresh_from_db()
    assert question.answered_at and question.group == "Tools"
    page = client.get(found["presenter"]).content.decode()
    assert "Tools" in page and '<option value="Tools">' in page
    response = client.post(found["group"], {"group": "x" * 200}, **FETCH)
    assert response.status_code == 400
    client.post(found["answer"], {"answered": "0"})
    client.post(found["hide"])
    question.refresh_from_db()
    assert question.answered_at is None and question.hidden_at
    assert question.body not in client.get(found["questions"]).content.decode()
    fragment = client.get(found["presenter"], {"fragment": "questions"}).content.decode()
    assert question.body in fragment and "Show again" in fragment


def test_the_presenter_view_lists_registrants_counts_and_questions(client, setting):
    event, presenter, registrant, _question = setting
    Registration.objects.filter(member=registrant).update(question="Wat met privacy?")
    client.force_login(presenter)
    page = client.get(reverse("events:presenter", args=[event.pk])).content.decode()
    assert escape(registrant.display_name) in page and "Wat met privacy?" in page
    assert registrant.email not in page
    client.force_login(StaffFactory())
    page = client.get(reverse("events:presenter", args=[event.pk])).content.decode()
    assert registrant.email in page


# --- CSV -----------------------------------------------------------------------------------------


def test_the_csv_download(client, setting):
    event, presenter, registrant, _question = setting
    Registration.objects.filter(member=registrant).update(question="=cmd|' /C calc'!A0")
    client.force_login(presenter)
    response = client.get(reverse("events:presenter_csv", args=[event.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Name,Status,Registered at")
    assert "'=cmd" in text and registrant.email not in text


# --- to the forum --------------------------------------------------------------------------------


def test_the_move_button_after_the_event(client):
    event = ended_event()
    presenter = established()
    event.presenters.add(presenter)
    question = LiveQuestionFactory(event=event, body="Waar vind ik de slides terug?")
    client.force_login(presenter)
    url = reverse("events:questions", args=[event.pk])
    assert "Move unanswered questions to the forum" in client.get(url).content.decode()
    response = client.post(reverse("events:questions_move", args=[event.pk]), follow=True)
    assert "1 question is now in the teachers&#x27; room." in response.content.decode()
    question.refresh_from_db()
    assert question.forum_question.author == question.author
    page = client.get(url).content.decode()
    assert question.forum_question.get_absolute_url() in page
    assert "Move unanswered questions to the forum" not in page
    response = client.post(reverse("events:questions_move", args=[event.pk]), follow=True)
    assert "no unanswered questions left" in response.content.decode()
    assert Question.objects.count() == 1


def test_the_move_button_is_refused_before_the_end(client, setting):
    event, presenter, _registrant, _question = setting
    client.force_login(presenter)
    response = client.post(reverse("events:questions_move", args=[event.pk]), follow=True)
    assert "once the event has ended" in response.content.decode()
    assert not Question.objects.exists()
