"""Write use-cases of the teachers' room: asking, answering, voting, accepting, editing, and
marking experts.

Every function checks who may do it and raises ValidationError with a sentence for the member
when something cannot be done. Counts that lists sort on are kept in the same transaction;
the question's search entry is brought up to date when the transaction commits. Edits go
through ``question_edit`` and ``answer_edit`` only, so that edit history and moderation can
be added in one place.
"""

from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from staffroom.accounts.models import Member
from staffroom.core.language import guess_content_language
from staffroom.core.ratelimit import check_posting_rate
from staffroom.moderation.community import revision_keep
from staffroom.notifications.services import notify
from staffroom.recognition import rules
from staffroom.recognition import services as recognition
from staffroom.resources.models import ContentLanguage, Resource, Status
from staffroom.search.services import search_update_on_commit

from .documents import COLLECTION, plain_text
from .inputs import QuestionInput, clean_text
from .models import TITLE_MAX_LENGTH, Answer, ForumExpert, Question, Vote

MIN_TITLE_LENGTH = 10
# Within this time the same question by the same member is a repeated submit, not a new one.
DUPLICATE_WINDOW = timedelta(minutes=30)
MAX_BODY_LENGTH = 20_000
MAX_LINKED_RESOURCES = 10


def _index_on_commit(question: Question) -> None:
    search_update_on_commit(question.pk, collection=COLLECTION)


# --- checking what was written ------------------------------------------------------------------


def _check_title(title: str) -> str:
    if len(title) < MIN_TITLE_LENGTH:
        raise ValidationError(
            {
                "title": _("Ask your question in at least %(count)d characters.")
                % {"count": MIN_TITLE_LENGTH}
            }
        )
    if len(title) > TITLE_MAX_LENGTH:
        raise ValidationError(
            {"title": _("Keep the question itself to 200 characters; add details below.")}
        )
    return title


def _check_body(body: str, *, required: bool) -> str:
    if required and not body:
        raise ValidationError({"body": _("Write your answer before posting.")})
    if len(body) > MAX_BODY_LENGTH:
        raise ValidationError(
            {
                "body": _("The text can be at most %(count)d characters.")
                % {"count": MAX_BODY_LENGTH}
            }
        )
    return body


def _check_resources(resources: Iterable[Resource] | None) -> list[Resource]:
    linked = list(dict.fromkeys(resources or []))
    if len(linked) > MAX_LINKED_RESOURCES:
        raise ValidationError(
            {"resources": _("Link at most %(count)d resources.") % {"count": MAX_LINKED_RESOURCES}}
        )
    if any(resource.status != Status.PUBLISHED for resource in linked):
        raise ValidationError({"resources": _("Only published resources can be linked.")})
    return linked


def _check_not_posted_just_now(member: Member, title: str) -> None:
    """The same question by the same member within DUPLICATE_WINDOW is a second submit of the
    first, not a new question: refused with a message saying where the first one is."""
    earlier = (
        Question.objects.filter(
            author=member,
            title__iexact=title.strip(),
            created_at__gte=timezone.now() - DUPLICATE_WINDOW,
        )
        .order_by("-created_at")
        .first()
    )
    if earlier is not None:
        raise ValidationError(
            {
                "title": _(
                    "You posted this question a moment ago; it is at %(url)s. Change the "
                    "question to ask something else."
                )
                % {"url": earlier.get_absolute_url()}
            }
        )


def _language(data: QuestionInput, fallback: str) -> str:
    if data.language:
        return data.language
    guessed = guess_content_language(f"{data.title}. {plain_text(data.body)}")
    return guessed or fallback


# --- questions ------------------------------------------------------------------------------------


@transaction.atomic
def question_ask(*, member: Member, data: QuestionInput, check_rate: bool = True) -> Question:
    """Ask a question: ``data`` links published resources only; without a language it is
    guessed from the text. ``check_rate=False`` is for questions the member asked elsewhere
    earlier (an event's Q&A moving here): they are not posting now, so neither their posting
    limit nor the double-submit check applies."""
    # One post of a member at a time: a double click (or a second tab) waits here and then
    # finds the first question, instead of posting it twice.
    Member.objects.select_for_update().filter(pk=member.pk).first()
    title = _check_title(data.title)
    if check_rate:
        # Both checks are for a member posting now: questions moving from an event were
        # asked there (two alike by one asker are two questions, and refusing one would
        # stop the whole move on every try).
        _check_not_posted_just_now(member, title)
        check_posting_rate(member)
    body = _check_body(data.body, required=False)
    resources = _check_resources(data.resources)
    fallback = member.language if member.language in ContentLanguage.values else "nl"
    question = Question.objects.create(
        title=title,
        body=body,
        tags=list(data.tags),
        language=_language(data, fallback),
        author=member,
    )
    question.levels.set(data.levels)
    question.subjects.set(data.subjects)
    question.resources.set(resources)
    _index_on_commit(question)
    return question


@transaction.atomic
def question_edit(*, member: Member, question: Question, data: QuestionInput) -> Question:
    """The asker changes their question: ``data`` gives every field again, as when asking
    (start from ``QuestionInput.of_question`` to change a few)."""
    if question.author_id != member.pk:
        raise ValidationError(_("Only the member who asked a question can change it."))
    if question.hidden_at:
        raise ValidationError(_("A hidden question cannot be changed."))
    title = _check_title(data.title)
    body = _check_body(data.body, required=False)
    resources = _check_resources(data.resources)
    if (title, body) != (question.title, question.body):
        # What it said before stays on record for moderators.
        revision_keep(
            kind="question",
            object_id=question.pk,
            title=question.title,
            body=question.body,
            editor=member,
        )
    question.title = title
    question.body = body
    question.tags = list(data.tags)
    question.language = _language(data, question.language)
    question.edited_at = question.active_at = timezone.now()
    question.save()
    question.levels.set(data.levels)
    question.subjects.set(data.subjects)
    question.resources.set(resources)
    _index_on_commit(question)
    return question


# --- answers --------------------------------------------------------------------------------------


@transaction.atomic
def answer_post(
    *, member: Member, question: Question, body: str, resources: Iterable[Resource] = ()
) -> Answer:
    """Answer a question (Markdown, optionally linking published resources); the asker is
    told."""
    check_posting_rate(member)
    body = _check_body(clean_text(body), required=True)
    linked = _check_resources(resources)
    # Lock the question so that answers posted at the same time are all counted.
    Question.objects.select_for_update().filter(pk=question.pk).first()
    answer = Answer.objects.create(question=question, author=member, body=body)
    answer.resources.set(linked)
    Question.objects.filter(pk=question.pk).update(
        answer_count=Answer.objects.filter(question=question).count(), active_at=timezone.now()
    )
    question.refresh_from_db(fields=["answer_count", "active_at"])
    if question.author_id != member.pk:
        notify(
            member=question.author,
            kind="question_answered",
            params={"member": member.display_name, "title": question.title},
            url=answer.get_absolute_url(),
        )
    _index_on_commit(question)
    return answer


@transaction.atomic
def answer_edit(
    *, member: Member, answer: Answer, body: str, resources: Iterable[Resource] | None = None
) -> Answer:
    """The author changes their answer (and, when given, the resources it links)."""
    if answer.author_id != member.pk:
        raise ValidationError(_("Only its author can change an answer."))
    if answer.hidden_at:
        raise ValidationError(_("A hidden answer cannot be changed."))
    body = _check_body(clean_text(body), required=True)
    if body != answer.body:
        revision_keep(kind="answer", object_id=answer.pk, body=answer.body, editor=member)
    answer.body = body
    answer.edited_at = timezone.now()
    answer.save(update_fields=["body", "edited_at"])
    if resources is not None:
        answer.resources.set(_check_resources(resources))
    _index_on_commit(answer.question)
    return answer


@transaction.atomic
def answer_vote(*, member: Member, answer: Answer, up: bool = True) -> Answer:
    """Vote an answer up, or take one's vote back (``up=False``). One vote per member, not
    for one's own answer."""
    if answer.author_id == member.pk:
        raise ValidationError(_("You cannot vote for your own answer."))
    # Lock the answer, then its question, so that votes at the same time all count.
    Answer.objects.select_for_update().filter(pk=answer.pk).first()
    if up:
        Vote.objects.get_or_create(answer=answer, member=member)
    else:
        Vote.objects.filter(answer=answer, member=member).delete()
    answer.vote_count = answer.votes.count()
    Answer.objects.filter(pk=answer.pk).update(vote_count=answer.vote_count)
    question = Question.objects.select_for_update().get(pk=answer.question_id)
    total = question.answers.aggregate(votes=Sum("vote_count"))["votes"] or 0
    Question.objects.filter(pk=question.pk).update(vote_count=total)
    _index_on_commit(question)
    return answer


@transaction.atomic
def answer_accept(*, member: Member, answer: Answer) -> Question:
    """The asker accepts ``answer`` (replacing an answer accepted before). Its author earns
    the points of an accepted answer and is told; the points of the answer accepted before
    are taken back. Accepting one's own answer earns nothing."""
    question = Question.objects.select_for_update().get(pk=answer.question_id)
    if question.author_id != member.pk:
        raise ValidationError(_("Only the member who asked can accept an answer."))
    previous = question.accepted_answer
    if previous is not None and previous.pk == answer.pk:
        return question
    if previous is not None:
        _take_points_back(question, previous)
    question.accepted_answer = answer
    question.save(update_fields=["accepted_answer"])
    if answer.author_id != question.author_id:
        recognition.record(member=answer.author, kind=rules.ANSWER_ACCEPTED, subject_id=answer.pk)
        notify(
            member=answer.author,
            kind="answer_accepted",
            params={"member": member.display_name, "title": question.title},
            url=answer.get_absolute_url(),
        )
    _index_on_commit(question)
    return question


@transaction.atomic
def answer_unaccept(*, member: Member, question: Question) -> Question:
    """The asker takes their acceptance back: the question is open for a better answer."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.author_id != member.pk:
        raise ValidationError(_("Only the member who asked can accept an answer."))
    if question.accepted_answer is not None:
        _take_points_back(question, question.accepted_answer)
        question.accepted_answer = None
        question.save(update_fields=["accepted_answer"])
        _index_on_commit(question)
    return question


def _take_points_back(question: Question, answer: Answer) -> None:
    if answer.author_id != question.author_id:
        recognition.unrecord(member=answer.author, kind=rules.ANSWER_ACCEPTED, subject_id=answer.pk)


# --- experts --------------------------------------------------------------------------------------


def forum_expert_mark(*, staff: Member, member: Member, expertise: str = "") -> ForumExpert:
    """Staff mark a member as an expert (or change what they are an expert in)."""
    if not staff.is_staff:
        raise PermissionDenied
    expert, _created = ForumExpert.objects.update_or_create(
        member=member,
        defaults={"expertise": " ".join((expertise or "").split())[:120], "marked_by": staff},
    )
    return expert


def forum_expert_unmark(*, staff: Member, member: Member) -> None:
    """Staff take the expert mark back."""
    if not staff.is_staff:
        raise PermissionDenied
    ForumExpert.objects.filter(member=member).delete()
