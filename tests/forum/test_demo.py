"""The demo's teachers' room: questions of both regions (and in English) with answers, votes,
accepted answers, experts and linked resources, made through the forum's services."""

from io import StringIO

import pytest
from django.core.management import call_command

from staffroom.forum.models import Answer, ForumExpert, Question
from staffroom.recognition.models import PointEvent, Score
from staffroom.recognition.services import scores_recompute
from staffroom.site.demo.distance import DATA as DISTANCE
from staffroom.site.demo.forum import QUESTIONS

pytestmark = pytest.mark.django_db


def test_the_demo_fills_the_teachers_room():
    output = StringIO()
    call_command("demo", "--resources", "40", stdout=output)
    assert f"Teachers' room: {len(QUESTIONS)} questions" in output.getvalue()
    # The demo's questions, three that the past webinar moved to the teachers' room, and
    # those about distance learning.
    assert Question.objects.count() == len(QUESTIONS) + 3 + len(DISTANCE["questions"])
    assert Question.objects.filter(answer_count=0).exists()  # some still wait
    assert set(Question.objects.values_list("language", flat=True)) == {"nl", "en"}
    assert {code[:2] for code in Question.objects.values_list("levels__code", flat=True)} == {
        "fl",
        "nl",
    }
    for question in Question.objects.all():
        assert question.answer_count == question.answers.count()
        assert question.vote_count == sum(a.vote_count for a in question.answers.all())
        assert question.created_at <= question.active_at
    accepted = Question.objects.exclude(accepted_answer=None)
    assert accepted.count() >= 8
    assert PointEvent.objects.filter(kind="answer_accepted").count() == accepted.count()
    assert ForumExpert.objects.count() == 2
    assert Answer.objects.filter(author__forum_expert__isnull=False).exists()
    assert Answer.objects.filter(author__is_staff=True).exists()
    assert Answer.objects.exclude(resources=None).exists()
    live = set(Score.objects.values_list("member_id", "period", "points"))
    scores_recompute()
    assert set(Score.objects.values_list("member_id", "period", "points")) == live
