"""The forum in the community's hands: questions and answers can be reported and hidden,
edits keep their history, and questions reach the feeds of those who follow their subject or
their asker."""

from dataclasses import replace

import pytest
from django.urls import reverse

from staffroom.accounts.services import follow_create
from staffroom.curriculum.models import Subject
from staffroom.forum.inputs import QuestionInput
from staffroom.forum.queries import QuestionFilters, questions_listed
from staffroom.forum.services import answer_edit, question_edit
from staffroom.moderation.community import report_file, reports_resolve
from staffroom.moderation.models import Revision
from tests.factories import MemberFactory, ModeratorFactory
from tests.forum.factories import AnswerFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def _recent():
    return list(questions_listed("recent", QuestionFilters()))


def test_a_reported_question_is_hidden_from_lists_and_shows_the_reason(client):
    question = QuestionFactory(title="Koop mijn cursus")
    report_file(reporter=MemberFactory(), kind="question", object_id=question.pk, reason="spam")
    reports_resolve(
        moderator=ModeratorFactory(),
        kind="question",
        object_id=question.pk,
        hide=True,
        note="Reclame",
    )
    assert question not in _recent()
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Reclame" in page and "Mijn leerlingen haken af" not in page
    assert question.author.notifications.filter(kind="content_hidden").exists()


def test_an_answer_can_be_reported_through_its_page_and_hidden(client):
    answer = AnswerFactory(body="Dit is beledigend")
    client.force_login(MemberFactory())
    page = client.get(answer.question.get_absolute_url()).content.decode()
    assert reverse("moderation:report", args=["answer", answer.pk]) in page
    client.post(
        reverse("moderation:report", args=["answer", answer.pk]),
        {"reason": "offensive", "next": answer.question.get_absolute_url()},
    )
    reports_resolve(
        moderator=ModeratorFactory(),
        kind="answer",
        object_id=answer.pk,
        hide=True,
        note="Niet collegiaal",
    )
    page = client.get(answer.question.get_absolute_url()).content.decode()
    assert "Niet collegiaal" in page and "Dit is beledigend" not in page


def test_edits_of_questions_and_answers_keep_what_they_said():
    question = QuestionFactory(title="Oude titel")
    question_edit(
        member=question.author,
        question=question,
        data=replace(QuestionInput.of_question(question), title="Nieuwe titel"),
    )
    answer = AnswerFactory(body="Eerste antwoord")
    answer_edit(member=answer.author, answer=answer, body="Beter antwoord")
    kept = {(r.kind, r.title or r.body) for r in Revision.objects.all()}
    assert kept == {("question", "Oude titel"), ("answer", "Eerste antwoord")}


def test_followers_of_a_subject_or_of_the_asker_see_the_question_in_their_feed(client):
    follower, fan, stranger = MemberFactory(), MemberFactory(), MemberFactory()
    asker = MemberFactory(name="Lien Wouters")
    # Following the Dutch "Rekenen/wiskunde" covers the Flemish "Wiskunde" it crosswalks to.
    follow_create(follower=follower, target=Subject.objects.get(code="nl-rw"))
    follow_create(follower=fan, target=asker)
    QuestionFactory(title="Hoe leer ik de klok?", author=asker, subjects=["fl-wis"])
    hidden = QuestionFactory(title="Verborgen vraag", author=asker, subjects=["fl-wis"])
    hidden.hidden_at = hidden.created_at
    hidden.save()
    for member in (follower, fan):
        client.force_login(member)
        feed = client.get(reverse("accounts:feed")).content.decode()
        assert "Hoe leer ik de klok?" in feed
        assert "Verborgen vraag" not in feed
    client.force_login(stranger)
    assert "Hoe leer ik de klok?" not in client.get(reverse("accounts:feed")).content.decode()
    client.force_login(asker)  # one's own questions are not news
    assert "Hoe leer ik de klok?" not in client.get(reverse("accounts:feed")).content.decode()
