"""Questions for the presenters: those sent with a registration and those asked live during
the event. Who may take part, the posting window, votes, the presenters' grouping, answering
and hiding, the registrants' list and its CSV export, and moving the unanswered questions to
the teachers' room afterwards.

A registration's question lives on as an ``EventQuestion`` (source "registration") that
follows ``Registration.question``. When a registration is cancelled its question is kept but
left out of every list, vote and move (``questions_listed``): registering again brings it back
with its votes, and nothing that was answered or moved is lost.

``vote_count`` moves with F() expressions next to the unique vote row, so two clicks at once
never count twice.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, QuerySet, Value
from django.db.models.functions import Greatest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from staffroom.accounts.models import Member
from staffroom.core.ratelimit import check_posting_rate
from staffroom.core.spreadsheet import csv_text
from staffroom.curriculum.wording import interface_language
from staffroom.forum.inputs import QuestionInput
from staffroom.forum.models import TITLE_MAX_LENGTH
from staffroom.forum.services import MIN_TITLE_LENGTH, question_ask
from staffroom.notifications.services import notify

from .models import (
    EVENT_TIME_ZONE,
    GROUP_MAX_LENGTH,
    Event,
    EventKind,
    EventQuestion,
    EventQuestionVote,
    EventStatus,
    QuestionSource,
    Registration,
    RegistrationStatus,
)
from .queries import is_presenter

BODY_MAX_LENGTH = 1000
# Registrants may post from this long before the start until the end.
POSTING_OPENS_BEFORE = timedelta(minutes=15)


# --- who and when ---------------------------------------------------------------------------------


def is_confirmed_registrant(member: Member | AnonymousUser, event: Event) -> bool:
    return (
        member.is_authenticated
        and Registration.objects.filter(
            event=event, member=member, status=RegistrationStatus.CONFIRMED
        ).exists()
    )


def may_take_part(member: Member | AnonymousUser, event: Event) -> bool:
    """Confirmed registrants, presenters and staff read, ask and vote in the live Q&A."""
    return is_presenter(member, event) or is_confirmed_registrant(member, event)


def posting_opens_at(event: Event):
    return event.starts_at - POSTING_OPENS_BEFORE


def posting_open(event: Event, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return event.status == EventStatus.PUBLISHED and posting_opens_at(event) <= now < event.ends_at


def voting_open(event: Event, now: datetime | None = None) -> bool:
    """Votes count before and during the event, registration questions included."""
    now = now or timezone.now()
    return event.status == EventStatus.PUBLISHED and now < event.ends_at


def has_ended(event: Event, now: datetime | None = None) -> bool:
    return event.ends_at <= (now or timezone.now())


def is_running(event: Event, now: datetime | None = None) -> bool:
    """From the opening of the questions until the end: when the list refreshes by itself."""
    return posting_open(event, now)


# --- registration questions -----------------------------------------------------------------------


def registration_question_sync(registration: Registration) -> EventQuestion | None:
    """Keep the registration's EventQuestion in step with its question text: created when a
    question is given, its body updated when changed, deleted when emptied."""
    body = (registration.question or "").strip()
    existing = EventQuestion.objects.filter(registration=registration).first()
    if not body:
        if existing is not None:
            existing.delete()
        return None
    if existing is None:
        return EventQuestion.objects.create(
            event_id=registration.event_id,
            author_id=registration.member_id,
            registration=registration,
            source=QuestionSource.REGISTRATION,
            body=body,
            created_at=registration.registered_at or timezone.now(),
        )
    if existing.body != body:
        existing.body = body
        existing.save(update_fields=["body"])
    return existing


# --- reads ----------------------------------------------------------------------------------------


def questions_listed(
    event: Event, member: Member | AnonymousUser | None = None, *, include_hidden: bool = False
) -> QuerySet[EventQuestion]:
    """The event's questions, most votes first; without those of cancelled registrations.
    ``voted`` says whether ``member`` voted for each one."""
    questions = (
        EventQuestion.objects.filter(event=event)
        .exclude(registration__status=RegistrationStatus.CANCELLED)
        .select_related("author", "forum_question")
    )
    if not include_hidden:
        questions = questions.filter(hidden_at=None)
    if member is not None and member.is_authenticated:
        questions = questions.annotate(
            voted=Exists(EventQuestionVote.objects.filter(question=OuterRef("pk"), member=member))
        )
    else:
        questions = questions.annotate(voted=Value(False))
    return questions.order_by("-vote_count", "created_at", "pk")


def questions_live(
    event: Event, member: Member | AnonymousUser | None = None
) -> list[EventQuestion]:
    """What the live page lists: open questions by votes, then the answered ones."""
    questions = list(questions_listed(event, member))
    return [q for q in questions if not q.answered_at] + [q for q in questions if q.answered_at]


def questions_grouped(
    event: Event, member: Member | AnonymousUser | None = None
) -> list[tuple[str, list[EventQuestion]]]:
    """Visible questions under their group label (alphabetical, ungrouped last), each group
    by votes."""
    groups: dict[str, list[EventQuestion]] = {}
    for question in questions_listed(event, member):
        groups.setdefault(question.group, []).append(question)
    labels = sorted((label for label in groups if label), key=str.casefold)
    if "" in groups:
        labels.append("")
    return [(label, groups[label]) for label in labels]


def questions_hidden(event: Event):
    return questions_listed(event, include_hidden=True).exclude(hidden_at=None)


def group_labels(event: Event) -> list[str]:
    labels = set(
        EventQuestion.objects.filter(event=event).exclude(group="").values_list("group", flat=True)
    )
    return sorted(labels, key=str.casefold)


def registrants_of(event: Event):
    """Confirmed and waitlisted registrations, in the order they came, with their question."""
    return (
        Registration.objects.filter(event=event)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("member", "event_question")
        .order_by("registered_at", "pk")
    )


def registration_counts(event: Event) -> dict[str, int]:
    registrations = Registration.objects.filter(event=event)
    return {
        "confirmed": registrations.filter(status=RegistrationStatus.CONFIRMED).count(),
        "waitlisted": registrations.filter(status=RegistrationStatus.WAITLISTED).count(),
        "attended": registrations.exclude(attended_at=None).count(),
    }


def _brussels(moment) -> str:
    return moment.astimezone(EVENT_TIME_ZONE).strftime("%Y-%m-%d %H:%M") if moment else ""


def registrants_csv(event: Event, viewer: Member) -> str:
    """The registrants as CSV text (with a BOM, for spreadsheets): e-mail addresses only for
    staff; cells that would start a formula are defused with an apostrophe."""
    with_email = viewer.is_staff
    header = [_("Name")]
    if with_email:
        header.append(_("E-mail"))
    header += [
        _("Status"),
        _("Registered at (Brussels time)"),
        _("Attended"),
        _("Question"),
        _("Group"),
        _("Votes"),
    ]
    rows = []
    for registration in registrants_of(event):
        question = getattr(registration, "event_question", None)
        row = [registration.member.display_name]
        if with_email:
            row.append(registration.member.email)
        row += [
            registration.get_status_display(),
            _brussels(registration.registered_at),
            _brussels(registration.attended_at),
            question.body if question else registration.question,
            question.group if question else "",
            question.vote_count if question else 0,
        ]
        rows.append(row)
    return csv_text(header, rows)


# --- writes ---------------------------------------------------------------------------------------


def _check_presenter(member, event: Event) -> None:
    if not is_presenter(member, event):
        raise PermissionDenied


@transaction.atomic
def question_post(
    *, member: Member, event: Event, body: str, now: datetime | None = None
) -> EventQuestion:
    """A registrant asks a question during the event (from 15 minutes before the start)."""
    if not may_take_part(member, event):
        raise PermissionDenied
    now = now or timezone.now()
    if not posting_open(event, now):
        raise ValidationError(
            _("Questions can be asked from 15 minutes before the start until the end.")
        )
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise ValidationError(_("Write your question before posting."))
    if len(body) > BODY_MAX_LENGTH:
        raise ValidationError(
            _("A question has at most %(count)d characters.") % {"count": BODY_MAX_LENGTH}
        )
    check_posting_rate(member, now)
    return EventQuestion.objects.create(
        event=event, author=member, source=QuestionSource.LIVE, body=body, created_at=now
    )


def _question_for(question: EventQuestion) -> EventQuestion:
    """The question as stored now; one of a cancelled registration is not there any more."""
    fresh = (
        EventQuestion.objects.select_related("event", "registration")
        .filter(pk=question.pk)
        .exclude(registration__status=RegistrationStatus.CANCELLED)
        .first()
    )
    if fresh is None:
        raise ValidationError(_("This question is no longer there."))
    return fresh


@transaction.atomic
def question_vote(
    *, member: Member, question: EventQuestion, up: bool = True, now: datetime | None = None
) -> bool:
    """Vote for a question (``up``) or take the vote back; return whether the member's vote
    stands. Once per member, never for one's own question, before and during the event."""
    question = _question_for(question)
    event = question.event
    if not may_take_part(member, event):
        raise PermissionDenied
    if question.author_id == member.pk:
        raise ValidationError(_("You cannot vote for your own question."))
    if not voting_open(event, now):
        raise ValidationError(_("Voting is closed: the event has ended."))
    if question.hidden_at:
        raise ValidationError(_("This question is no longer there."))
    counted = EventQuestion.objects.filter(pk=question.pk)
    if not up:
        removed, _kinds = EventQuestionVote.objects.filter(
            question=question, member=member
        ).delete()
        if removed:
            counted.update(vote_count=Greatest(F("vote_count") - 1, 0))
        return False
    try:
        with transaction.atomic():
            EventQuestionVote.objects.create(question=question, member=member)
    except IntegrityError:
        return True  # already voted (a second click, or one a moment ago): counted once
    counted.update(vote_count=F("vote_count") + 1)
    return True


@transaction.atomic
def question_mark_answered(
    *, member: Member, question: EventQuestion, answered: bool = True
) -> EventQuestion:
    """Presenters mark a question answered (or not answered after all)."""
    question = _question_for(question)
    _check_presenter(member, question.event)
    if answered and not question.answered_at:
        question.answered_at, question.answered_by = timezone.now(), member
    elif not answered:
        question.answered_at, question.answered_by = None, None
    question.save(update_fields=["answered_at", "answered_by"])
    return question


@transaction.atomic
def question_group_set(*, member: Member, question: EventQuestion, group: str) -> EventQuestion:
    """Presenters file a question under a short free label (empty: ungrouped)."""
    question = _question_for(question)
    _check_presenter(member, question.event)
    group = " ".join((group or "").split())
    if len(group) > GROUP_MAX_LENGTH:
        raise ValidationError(
            _("A group label has at most %(count)d characters.") % {"count": GROUP_MAX_LENGTH}
        )
    question.group = group
    question.save(update_fields=["group"])
    return question


@transaction.atomic
def question_hide(*, member: Member, question: EventQuestion, hidden: bool = True) -> EventQuestion:
    """Presenters hide a question from the lists (off-topic, a duplicate), or show it again."""
    question = _question_for(question)
    _check_presenter(member, question.event)
    question.hidden_at = (question.hidden_at or timezone.now()) if hidden else None
    question.save(update_fields=["hidden_at"])
    return question


# --- to the teachers' room ------------------------------------------------------------------------


def forum_title_for(body: str, event: Event) -> str:
    """The forum title a question gets: its text on one line, cut at a word and marked with
    an ellipsis when longer than the forum allows; a very short one gets the event's title."""
    limit = TITLE_MAX_LENGTH
    text = " ".join(body.split())
    title = text
    if len(title) < MIN_TITLE_LENGTH:
        title = f"{text} ({event.title})"
    if len(title) < MIN_TITLE_LENGTH:
        title = _("A question from “%(event)s”: %(text)s") % {"event": event.title, "text": text}
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-") + "…"


def movable_questions(event: Event):
    """Unanswered, visible questions not moved yet."""
    return questions_listed(event).filter(answered_at=None, forum_question=None)


@transaction.atomic
def questions_move_to_forum(
    *, member: Member, event: Event, now: datetime | None = None
) -> list[EventQuestion]:
    """After the event, each unanswered question becomes a question in the teachers' room in
    the name of its asker, linking back to the event; the asker is told. Running it again
    moves nothing twice (the event row is locked while moving)."""
    _check_presenter(member, event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not has_ended(event, now):
        raise ValidationError(_("Questions move to the teachers' room once the event has ended."))
    event_url = settings.SITE_URL + event.get_absolute_url()
    levels, subjects = list(event.levels.all()), list(event.subjects.all())
    moved = []
    # Square brackets in the title would end the Markdown link text early.
    link_values = {"title": event.title.replace("[", "(").replace("]", ")"), "url": event_url}
    # Worded in the event's language, as the question itself is, whoever moves it.
    with translation.override(interface_language(event.language)):
        if event.kind == EventKind.TRAINING:
            link = _("Asked during the training [%(title)s](%(url)s)") % link_values
        else:
            link = _("Asked during the webinar [%(title)s](%(url)s)") % link_values
    for question in movable_questions(event):
        forum_question = question_ask(
            member=question.author,
            data=QuestionInput(
                title=forum_title_for(question.body, event),
                body=f"{question.body}\n\n{link}",
                levels=levels,
                subjects=subjects,
                language=event.language,
            ),
            # The asker posted during the event, not now: their posting limit does not apply.
            check_rate=False,
        )
        EventQuestion.objects.filter(pk=question.pk).update(forum_question=forum_question)
        question.forum_question = forum_question
        notify(
            member=question.author,
            kind="event_question_moved",
            params={"event": event.title, "title": forum_question.title},
            url=forum_question.get_absolute_url(),
        )
        moved.append(question)
    return moved


def has_movable_questions(event: Event) -> bool:
    return movable_questions(event).exists()
