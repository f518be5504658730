"""Votes, answers and acceptances at the same moment, on a real database server: every vote
and answer is counted, and one acceptance stands with its points."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from staffroom.curriculum.models import Level, ResourceType, Subject
from staffroom.curriculum.queries import forget_vocabularies
from staffroom.curriculum.vocabularies import load_vocabularies
from staffroom.forum import services
from staffroom.forum.models import Question
from staffroom.recognition.models import PointEvent
from tests.factories import MemberFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite serialises all writers on one file, so two threads never "
            "race; run with DATABASE_URL=postgres://..."
        )
    if not ResourceType.objects.exists():
        load_vocabularies(Level, Subject, ResourceType)
        forget_vocabularies()


def _race(calls):
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = call()
        except Exception as error:  # the outcome under test, reported to the main thread
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def _members(count: int):
    joined = timezone.now() - timedelta(days=100)
    return [MemberFactory(date_joined=joined) for _ in range(count)]


def test_simultaneous_answers_and_votes_are_all_counted():
    asker, *others = _members(7)
    question = services.question_ask(
        member=asker, data={"title": "Wie heeft tips voor hoekenwerk?"}
    )
    outcomes = _race(
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
    outcomes = _race([lambda v=v: services.answer_vote(member=v, answer=answer) for v in voters])
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    answer.refresh_from_db()
    question.refresh_from_db()
    assert answer.vote_count == len(voters) == question.vote_count


def test_two_acceptances_at_once_leave_one_accepted_answer_with_its_points():
    asker, first_author, second_author = _members(3)
    question = services.question_ask(
        member=asker, data={"title": "Wie heeft tips voor hoekenwerk?"}
    )
    first = services.answer_post(member=first_author, question=question, body="Eerste tip.")
    second = services.answer_post(member=second_author, question=question, body="Tweede tip.")
    outcomes = _race(
        [
            lambda: services.answer_accept(member=asker, answer=first),
            lambda: services.answer_accept(member=asker, answer=second),
        ]
    )
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    question = Question.objects.get(pk=question.pk)
    events = list(PointEvent.objects.values_list("subject_id", flat=True))
    assert events == [question.accepted_answer_id]
