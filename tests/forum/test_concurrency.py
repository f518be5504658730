"""Votes, answers and acceptances at the same moment, on a real database server: every vote
and answer is counted, and one acceptance stands with its points."""

from datetime import timedelta

import pytest
from django.utils import timezone

from staffroom.forum import services
from staffroom.forum.inputs import QuestionInput
from staffroom.forum.models import Question
from staffroom.recognition.models import PointEvent
from tests.concurrency import race, require_postgres_with_vocabularies
from tests.factories import MemberFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_with_vocabularies():
    require_postgres_with_vocabularies()


def _members(count: int):
    joined = timezone.now() - timedelta(days=100)
    return [MemberFactory(date_joined=joined) for _ in range(count)]


def test_simultaneous_answers_and_votes_are_all_counted():
    asker, *others = _members(7)
    question = services.question_ask(
        member=asker, data=QuestionInput(title="Wie heeft tips voor hoekenwerk?")
    )
    outcomes = race(
        [
            lambda member=member: services.answer_post(
                member=member, question=question, body=f"Tip van {member.pk}"
            )
            for member in others
        ]
    )
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    question.refresh_from_db()
    assert question.answer_count == 6
    answer = question.answers.first()
    voters = [m for m in [asker, *others] if m.pk != answer.author_id]
    outcomes = race([lambda v=v: services.answer_vote(member=v, answer=answer) for v in voters])
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    answer.refresh_from_db()
    question.refresh_from_db()
    assert answer.vote_count == len(voters) == question.vote_count


def test_two_acceptances_at_once_leave_one_accepted_answer_with_its_points():
    asker, first_author, second_author = _members(3)
    question = services.question_ask(
        member=asker, data=QuestionInput(title="Wie heeft tips voor hoekenwerk?")
    )
    first = services.answer_post(member=first_author, question=question, body="Eerste tip.")
    second = services.answer_post(member=second_author, question=question, body="Tweede tip.")
    outcomes = race(
        [
            lambda: services.answer_accept(member=asker, answer=first),
            lambda: services.answer_accept(member=asker, answer=second),
        ]
    )
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    question = Question.objects.get(pk=question.pk)
    events = list(PointEvent.objects.values_list("subject_id", flat=True))
    assert events == [question.accepted_answer_id]
