"""Demo life in the teachers' room: questions Flemish and Dutch teachers ask each other, in
their own terminology (and a few in English), answered by colleagues, by two invited experts
and by the Staffroom team; some answers link demo resources, colleagues vote, askers accept.

Everything goes through the forum's services (counts, notices, points and the search index are
what the site would make of them); afterwards the dates are spread over the past months and the
points of accepted answers dated to their acceptance.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from staffroom.accounts.models import Member
from staffroom.curriculum.models import Level, Subject
from staffroom.forum.inputs import QuestionInput
from staffroom.forum.models import Answer, ForumExpert, Question
from staffroom.forum.services import answer_accept, answer_post, answer_vote, question_ask
from staffroom.recognition.models import PointEvent
from staffroom.recognition.rules import ANSWER_ACCEPTED
from staffroom.recognition.services import scores_recompute
from staffroom.resources.models import Resource, Status

from .content import load
from .people import DOMAIN


@dataclass(frozen=True)
class DemoAnswer:
    author: str  # the local part of a demo address
    body: str
    # Words of a demo resource's title to link (the first published one that has them).
    links: tuple[str, ...] = ()
    votes: int = 0


@dataclass(frozen=True)
class DemoQuestion:
    asker: str
    title: str
    body: str
    levels: tuple[str, ...]
    subjects: tuple[str, ...]
    tags: tuple[str, ...] = ()
    answers: tuple[DemoAnswer, ...] = ()
    accepted: int | None = None  # which answer the asker accepted
    links: tuple[str, ...] = ()


def _question(data: dict) -> DemoQuestion:
    answers = tuple(
        DemoAnswer(**answer | {"links": tuple(answer.get("links", ()))})
        for answer in data.get("answers", ())
    )
    return DemoQuestion(
        **data
        | {
            "levels": tuple(data["levels"]),
            "subjects": tuple(data["subjects"]),
            "tags": tuple(data.get("tags", ())),
            "answers": answers,
            "links": tuple(data.get("links", ())),
        }
    )


# data/forum.json: the demo teachers the Staffroom team invited as experts of the teachers'
# room, and the questions with their answers.
EXPERTS: dict[str, str] = load("forum")["experts"]
QUESTIONS = [_question(question) for question in load("forum")["questions"]]


def _members() -> dict[str, Member]:
    return {
        member.email.split("@")[0]: member
        for member in Member.objects.filter(email__endswith=f"@{DOMAIN}")
    }


def _resource_for(words: tuple[str, ...]) -> list[Resource]:
    query = Q()
    for word in words:
        query |= Q(title__icontains=word)
    found = Resource.objects.filter(query, status=Status.PUBLISHED).order_by("pk").first()
    return [found] if found else []


def build_forum(rng: random.Random, write) -> dict:
    """Ask, answer, vote and accept the demo questions; returns how many of each."""
    members = _members()
    staff = members["staff"]
    for local_part, expertise in EXPERTS.items():
        ForumExpert.objects.get_or_create(
            member=members[local_part], defaults={"expertise": expertise, "marked_by": staff}
        )
    voters = [member for key, member in members.items() if "." in key and key != "staff"]
    now = timezone.now()
    answers = votes = accepted = 0
    for age, spec in zip(
        sorted((rng.uniform(3, 240) for _ in QUESTIONS), reverse=True), QUESTIONS, strict=True
    ):
        asked_at = now - timedelta(days=age)
        question = question_ask(
            member=members[spec.asker],
            data=QuestionInput(
                title=spec.title,
                body=spec.body,
                levels=list(Level.objects.filter(code__in=spec.levels)),
                subjects=list(Subject.objects.filter(code__in=spec.subjects)),
                tags=list(spec.tags),
                resources=_resource_for(spec.links) if spec.links else [],
            ),
        )
        # Dated at once: the posting limits count what was posted in the last minutes.
        Question.objects.filter(pk=question.pk).update(created_at=asked_at, active_at=asked_at)
        answered_at = asked_at
        posted = []
        for demo in spec.answers:
            answered_at = min(answered_at + timedelta(hours=rng.uniform(2, 72)), now)
            answer = answer_post(
                member=members[demo.author],
                question=question,
                body=demo.body,
                resources=_resource_for(demo.links) if demo.links else [],
            )
            Answer.objects.filter(pk=answer.pk).update(created_at=answered_at)
            Question.objects.filter(pk=question.pk).update(active_at=answered_at)
            others = [v for v in voters if v.pk != answer.author_id]
            for voter in rng.sample(others, min(demo.votes, len(others))):
                answer_vote(member=voter, answer=answer)
            posted.append(answer)
            answers += 1
            votes += demo.votes
        if spec.accepted is not None:
            chosen = posted[spec.accepted]
            answer_accept(member=members[spec.asker], answer=chosen)
            PointEvent.objects.filter(kind=ANSWER_ACCEPTED, subject_id=chosen.pk).update(
                occurred_at=min(answered_at + timedelta(days=1), now)
            )
            accepted += 1
    scores_recompute()
    write(
        f"Teachers' room: {len(QUESTIONS)} questions, {answers} answers, {votes} votes, "
        f"{accepted} accepted, {len(EXPERTS)} experts."
    )
    return {"questions": len(QUESTIONS), "answers": answers}
