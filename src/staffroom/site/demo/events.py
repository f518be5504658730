"""Demo webinars and trainings: a few coming up (with colleagues registered and one full with
a waitlist), one past, and a partner's paid training, all made through the events services."""

import random
from datetime import timedelta

from django.utils import timezone

from staffroom.curriculum.models import Level, Subject
from staffroom.events.followup import feedback_save, materials_publish
from staffroom.events.inputs import EventInput
from staffroom.events.models import Event, EventQuestion
from staffroom.events.questions import (
    question_group_set,
    question_mark_answered,
    question_post,
    question_vote,
    questions_move_to_forum,
)
from staffroom.events.room import attendance_mark
from staffroom.events.services import event_create, event_publish, register

from .content import load

# data/events.json: the webinars (days from now, hour in Brussels, title, topic, level and
# subject codes, language, capacity), what registrants ask, the groups presenters sort those
# questions into, the questions asked live in the past webinar and its feedback comments.
WEBINARS: list[dict] = load("events")["webinars"]
QUESTIONS: list[str] = load("events")["registration_questions"]
GROUPS: list[str] = load("events")["groups"]
LIVE_QUESTIONS: list[str] = load("events")["live_questions"]
FEEDBACK_COMMENTS: list[str] = load("events")["feedback_comments"]


def _past(event: Event, starts) -> None:
    """A webinar made as a coming one (registration closes at the start) moved into the past,
    as time would have moved it."""
    Event.objects.filter(pk=event.pk).update(starts_at=starts, ends_at=starts + timedelta(hours=1))
    event.refresh_from_db()


def _presenters_at_work(rng: random.Random, event: Event, staff) -> None:
    """Registration questions grouped, and voted for by other registrants."""
    registrants = [r.member for r in event.registrations.filter(status="confirmed")]
    for question in EventQuestion.objects.filter(event=event):
        question_group_set(member=staff, question=question, group=rng.choice(GROUPS))
        for voter in rng.sample(registrants, min(len(registrants), rng.randint(0, 4))):
            if voter.pk != question.author_id:
                question_vote(member=voter, question=question)


def _after(rng: random.Random, event: Event, staff) -> None:
    """A past webinar: live questions (some answered, the rest moved to the teachers' room),
    attendance, recording and slides, feedback."""
    confirmed = list(event.registrations.filter(status="confirmed").select_related("member"))
    during = event.starts_at + timedelta(minutes=20)
    for registration, body in zip(rng.sample(confirmed, 4), LIVE_QUESTIONS, strict=True):
        question_post(member=registration.member, event=event, body=body, now=during)
    for question in EventQuestion.objects.filter(event=event):
        for voter in rng.sample(confirmed, 3):
            if voter.member_id != question.author_id:
                question_vote(member=voter.member, question=question, now=during)
    # Most were answered in the session; the rest continue in the teachers' room.
    asked = list(EventQuestion.objects.filter(event=event).order_by("pk"))
    for question in asked[:-3]:
        question_mark_answered(member=staff, question=question)
    questions_move_to_forum(member=staff, event=event)
    attended = [r for r in confirmed if rng.random() < 0.8]
    attendance_mark(member=staff, event=event, attended_ids=[r.pk for r in attended])
    materials_publish(
        member=staff,
        event=event,
        recording_url="https://video.staffroom.invalid/welbevinden-na-de-vakantie",
        slides_url="https://slides.staffroom.invalid/welbevinden-na-de-vakantie",
    )
    comments = list(FEEDBACK_COMMENTS)
    comments += [""] * (len(attended) - len(comments))
    for registration, comment in zip(attended, rng.sample(comments, len(attended)), strict=False):
        feedback_save(
            member=registration.member,
            event=event,
            rating=rng.choice([3, 4, 4, 5, 5]),
            usefulness=rng.choice([3, 4, 5, 5]),
            comment=comment,
        )


def build_events(rng: random.Random, cast, write) -> int:
    staff = cast.moderators.get("staff")
    if staff is None or not staff.is_staff:
        return 0
    now = timezone.localtime()
    made = 0
    for webinar in WEBINARS:
        days, title, capacity = webinar["days"], webinar["title"], webinar["capacity"]
        starts = (now + timedelta(days=days)).replace(
            hour=webinar["hour"], minute=0, second=0, microsecond=0
        )
        # A past webinar is made as a coming one first, so that colleagues can register.
        made_at = starts if days > 0 else now + timedelta(days=2)
        event = event_create(
            staff=staff,
            data=EventInput(
                kind="webinar",
                title=title,
                description=f"{title}. Een webinar met collega's uit de praktijk.",
                topic=webinar["topic"],
                starts_at=made_at,
                ends_at=made_at + timedelta(hours=1),
                capacity=capacity,
                language=webinar["language"],
                online=True,
                room_kind="external",
                external_url="https://meet.example.org/staffroom-demo",
                levels=list(Level.objects.filter(code__in=webinar["levels"])),
                subjects=list(Subject.objects.filter(code__in=webinar["subjects"])),
                presenters=[staff],
                presenter_names="Staffroomteam",
            ),
        )
        event_publish(staff=staff, event=event)
        made += 1
        # Colleagues register; the small one fills up and gets a waitlist.
        for teacher in rng.sample(cast.teachers, min(len(cast.teachers), capacity + 3, 15)):
            register(member=teacher, event=event, question=rng.choice(QUESTIONS))
        _presenters_at_work(rng, event, staff)
        if days < 0:
            _past(event, starts)
            _after(rng, event, staff)
    write(f"Events: {made} webinars.")
    return made
