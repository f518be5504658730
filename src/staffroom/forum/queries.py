"""Reads of the teachers' room that pages, feeds and tasks share."""

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, F, IntegerField, Prefetch, Q, QuerySet, Value, When

from staffroom.accounts.models import Member
from staffroom.accounts.queries import Followed
from staffroom.curriculum.models import Level, Subject
from staffroom.curriculum.queries import filter_by_terms, level_by_code, subject_by_code
from staffroom.resources.models import ContentLanguage, Resource
from staffroom.search.queries import PER_PAGE, SearchPage, search_collection, search_resources

from .documents import ANSWERED, COLLECTION, OPEN, SOLVED
from .models import Answer, ForumExpert, Question, Vote

LISTS = ("recent", "unanswered", "popular")
SEARCH_SORTS = ("relevance", "newest", "popular")
STATES = (OPEN, ANSWERED, SOLVED)


@dataclass(frozen=True)
class QuestionFilters:
    """The level and subject filters of a list; unknown values are dropped, never an error."""

    level: Level | None = None
    subject: Subject | None = None

    @classmethod
    def from_query(cls, params: Mapping[str, Any]) -> "QuestionFilters":
        return cls(
            level=level_by_code(str(params.get("level", ""))[:60]),
            subject=subject_by_code(str(params.get("subject", ""))[:60]),
        )

    @property
    def active(self) -> bool:
        return bool(self.level or self.subject)

    def as_query(self) -> dict[str, str]:
        found = {}
        if self.level:
            found["level"] = self.level.code
        if self.subject:
            found["subject"] = self.subject.code
        return found


def _listed(queryset: QuerySet[Question]) -> QuerySet[Question]:
    """What a line of a question list shows, in a fixed number of queries."""
    return queryset.select_related("author").prefetch_related("levels", "subjects")


def questions_listed(list_name: str, filters: QuestionFilters) -> QuerySet[Question]:
    """The questions of a list: ``recent`` (latest activity first), ``unanswered`` (no answer
    yet, oldest waiting last), ``popular`` (most votes and answers). A level or subject
    includes its sub-terms and the other region's crosswalked terms."""
    queryset = Question.objects.filter(hidden_at=None)
    queryset = filter_by_terms(queryset, level=filters.level, subject=filters.subject)
    if list_name == "unanswered":
        queryset = queryset.filter(answer_count=0).order_by("-created_at", "-pk")
    elif list_name == "popular":
        queryset = queryset.annotate(
            votes_and_answers=F("vote_count") + F("answer_count")
        ).order_by("-votes_and_answers", "-active_at", "-pk")
    else:
        queryset = queryset.order_by("-active_at", "-pk")
    return _listed(queryset)


def question_detail(pk: int) -> Question | None:
    return (
        Question.objects.select_related("author", "accepted_answer")
        .prefetch_related(
            "levels",
            "subjects",
            Prefetch("resources", queryset=Resource.objects.published()),
        )
        .filter(pk=pk)
        .first()
    )


def expert_ids(member_ids: Iterable[int]) -> set[int]:
    """Which of these members answer as experts: staff, and members staff marked."""
    ids = set(member_ids)
    staff = Member.objects.filter(pk__in=ids, is_staff=True).values_list("pk", flat=True)
    marked = ForumExpert.objects.filter(member_id__in=ids).values_list("member_id", flat=True)
    return set(staff) | set(marked)


def is_forum_expert(member: Member | AnonymousUser) -> bool:
    if not member.is_authenticated:
        return False
    return member.is_staff or ForumExpert.objects.filter(member=member).exists()


def answers_for(question: Question, member: Member | AnonymousUser) -> list[Answer]:
    """The answers of a question, the accepted one first, then by votes and age; each with
    ``is_expert``, ``expertise`` and ``voted`` (whether ``member`` voted for it)."""
    answers: list[Answer] = list(
        question.answers.select_related("author")
        .prefetch_related(Prefetch("resources", queryset=Resource.objects.published()))
        .annotate(
            accepted=Case(
                When(pk=question.accepted_answer_id or 0, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("-accepted", "-vote_count", "created_at", "pk")
    )
    experts = expert_ids(answer.author_id for answer in answers)
    expertise = dict(
        ForumExpert.objects.filter(member_id__in=experts).values_list("member_id", "expertise")
    )
    voted: set[int] = set()
    if member.is_authenticated:
        voted = set(
            Vote.objects.filter(member=member, answer__question=question).values_list(
                "answer_id", flat=True
            )
        )
    for answer in answers:
        answer.is_expert = answer.author_id in experts
        answer.expertise = expertise.get(answer.author_id, "")
        answer.voted = answer.pk in voted
    return answers


def questions_linking(resource: Resource, limit: int = 5) -> list[Question]:
    """Questions that link ``resource``, in the question or in one of its answers (newest
    activity first)."""
    return list(
        Question.objects.filter(Q(resources=resource) | Q(answers__resources=resource))
        .distinct()
        .order_by("-active_at", "-pk")[:limit]
    )


def experts_listed() -> QuerySet[ForumExpert]:
    return ForumExpert.objects.select_related("member", "marked_by").order_by("member__name")


def members_matching(term: str, limit: int = 20) -> list[Member]:
    """Members whose name or email address holds ``term`` (the staff page's search)."""
    term = " ".join((term or "").split())[:100]
    if len(term) < 2:
        return []
    return list(
        Member.objects.filter(Q(name__icontains=term) | Q(email__icontains=term), is_active=True)
        .select_related("forum_expert")
        .order_by("name")[:limit]
    )


# --- search -----------------------------------------------------------------------------------


def search_filters_from(params: Mapping[str, Any]) -> dict[str, str]:
    """The known filters of the forum search in a query string (``state`` is the index's
    ``kind``); unknown names and values are dropped."""
    filters = {}
    if (code := str(params.get("level") or "")) and level_by_code(code):
        filters["level"] = code
    if (code := str(params.get("subject") or "")) and subject_by_code(code):
        filters["subject"] = code
    if (language := params.get("language")) in ContentLanguage.values:
        filters["language"] = language
    if (state := params.get("state")) in STATES:
        filters["kind"] = state
    return filters


def search_questions(
    text: str,
    filters: dict[str, str],
    page_number: int | str = 1,
    *,
    sort: str = "relevance",
    languages: tuple[str, ...] = ("nl", "en", "fr", "de"),
    region: str = "fl",
) -> SearchPage:
    """One page of questions matching ``text`` and ``filters``, searched as resources are
    (stems per language, accents, typos, phrases, exclusions, OR; highlights), with facet
    counts. Each question gets ``highlight``: its title and text with the matches marked."""
    found = search_collection(
        COLLECTION,
        text,
        filters,
        page_number,
        sort=sort,
        sorts=SEARCH_SORTS,
        languages=languages,
        region=region,
        per_page=PER_PAGE,
    )
    return found.filled_from(_listed(Question.objects.all()))


def questions_for_feed(member: Member, followed: Followed) -> QuerySet[Question]:
    """Questions asked by followed colleagues or about followed subjects (not one's own, not
    hidden), newest first: the forum's part of the personal feed."""
    wanted = Q(author_id__in=followed.member_ids)
    if followed.subject_ids:
        wanted |= Q(
            pk__in=Question.subjects.through.objects.filter(
                subject_id__in=followed.subject_ids
            ).values("question_id")
        )
    return _listed(
        Question.objects.filter(wanted, hidden_at=None)
        .exclude(author=member)
        .order_by("-created_at", "-pk")
    )


# --- helpers while writing: similar questions, resources to link ---------------------------

SIMILAR_LIMIT = 5
# Words too common in questions to say what one is about (short words are left out anyway).
_COMMON_WORDS = frozenset(
    [
        "mijn",
        "doen",
        "voor",
        "welke",
        "deze",
        "over",
        "zijn",
        "hebben",
        "kunnen",
        "jullie",
        "iemand",
        "goede",
        "heeft",
        "hoeveel",
        "waarom",
        "wanneer",
        "waar",
        "andere",
        "with",
        "what",
        "that",
        "your",
        "have",
        "does",
        "anyone",
        "good",
        "which",
        "when",
        "where",
        "about",
        "from",
        "this",
        "there",
        "their",
        "pour",
        "avec",
        "dans",
        "quel",
        "quelle",
        "comment",
        "sont",
        "mein",
        "eine",
        "einen",
        "wie",
        "welche",
    ]
)


def _significant_words(title: str) -> list[str]:
    words = [word.lower() for word in re.findall(r"\w{4,}", title)]
    return list(dict.fromkeys(word for word in words if word not in _COMMON_WORDS))[:8]


@dataclass(frozen=True)
class SimilarQuestions:
    questions: list[Question]
    # Those whose own title shares most of the typed title's words: shown before posting.
    strong: list[Question]


def similar_questions(
    title: str, *, region: str = "fl", languages: tuple[str, ...] = ("nl", "en", "fr", "de")
) -> SimilarQuestions:
    """Questions like the one being typed, from the forum search: any of the title's telling
    words (so a question put differently is found too), best matches first. A question is a
    strong match when its title holds at least half of those words (two at least)."""
    words = _significant_words(title)
    if not words:
        return SimilarQuestions([], [])
    found = search_questions(
        " OR ".join(words), {}, 1, languages=languages, region=region
    ).page.object_list[:SIMILAR_LIMIT]
    needed = max(min(2, len(words)), math.ceil(len(words) / 2))
    strong = []
    for question in found:
        pieces = getattr(question, "highlight", {}).get("title") or []
        matched = {str(piece).lower() for piece, hit in pieces if hit}
        if len(matched) >= needed:
            strong.append(question)
    return SimilarQuestions(list(found), strong)


def resources_to_link(text: str, *, region: str = "fl", limit: int = 8) -> list[Resource]:
    """Published resources for the forum editor's picker, found by the resource search (its
    stems, typos and ranking), best first."""
    if len(text.strip()) < 2:
        return []
    found = search_resources(text, {}, 1, region=region)
    return list(found.page.object_list[:limit])
