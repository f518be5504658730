"""Reads of the newsletter: what an issue holds for a profile, recipients, progress, archive.

An issue's content for a member depends only on their ``Profile`` (language, region, levels,
subjects, whether they take promotions), so a sending run composes it once per profile and
reuses it for every member who shares it. Every content query is bounded by the issue's week,
so the archive shows what was sent, whatever has been published since.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TypedDict

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db.models import Count, Exists, F, Model, OuterRef, Q, QuerySet
from django.utils import timezone

from staffroom.accounts.models import Member
from staffroom.curriculum.models import Level, Subject
from staffroom.curriculum.queries import matching_term_ids, terms_by_id
from staffroom.events.models import EVENT_TIME_ZONE, Event, EventKind, EventStatus
from staffroom.forum.models import Question
from staffroom.resources.models import Resource

from .models import (
    Delivery,
    DeliveryStatus,
    Mailing,
    MailingKind,
    MailingStatus,
    NewsletterPreference,
    OrderStatus,
    PromotionKind,
    PromotionOrder,
    SuppressedAddress,
)

RESOURCES_PER_ISSUE = 6
QUESTIONS_PER_ISSUE = 3
WEBINARS_PER_ISSUE = 3
WEBINAR_HORIZON = timedelta(days=21)
OPEN_QUESTION_AGE = timedelta(days=30)
# Orders that staff agreed to and that have not gone out yet.
BOOKED = (OrderStatus.APPROVED, OrderStatus.INVOICED, OrderStatus.PAID)


@dataclass(frozen=True)
class Profile:
    language: str
    region: str
    level_ids: frozenset[int]
    subject_ids: frozenset[int]
    promotions: bool = True
    # Whose profile it is (0: a visitor), so that an issue never recommends a member's own
    # resource or question back to them.
    member_id: int = 0


@dataclass
class Edition:
    """What one issue holds for one profile."""

    resources: list
    questions: list
    webinars: list
    promotions: list
    # "For your classes in the coming weeks": chosen per member by the recommender a higher
    # app registers (compose.register_recommender); items have ``resource``, ``reason`` and
    # ``key``. Not part of ``is_empty``: an issue goes out for what is new this week.
    recommended: list = field(default_factory=list)
    # Theme pages that fit the member's classes, from the source a higher app registers
    # (compose.register_theme_blocks); items have ``title``, ``url``, ``summary`` and ``key``.
    themes: list = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.resources or self.questions or self.webinars)


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def issue_moment(mailing: Mailing) -> datetime:
    """The moment an issue's content is taken at: when it went (or goes) out."""
    if mailing.started_at:
        return mailing.started_at
    if mailing.send_at:
        return mailing.send_at
    if mailing.week:
        return datetime.combine(mailing.week, time(7), tzinfo=EVENT_TIME_ZONE)
    return timezone.now()


class WeekContent:
    """Everything an issue can hold, read once: this week's resources (best first), open
    questions, coming webinars and booked blocks, each with the term ids it is tagged with.

    An issue reaches many members; choosing each one's part from this in memory costs
    microseconds, where asking the database for each member costs milliseconds.
    """

    def __init__(self, moment: datetime, week: date | None) -> None:
        self.moment = moment
        self._expanded: dict[tuple[type, frozenset[int]], frozenset[int]] = {}
        resources = list(
            Resource.objects.published()
            .filter(published_at__gt=moment - timedelta(days=7), published_at__lte=moment)
            .select_related("contributor", "organisation", "resource_type")
            .with_terms()
            # Picks first on every database (PostgreSQL sorts NULL first when descending).
            .order_by(
                F("picked_at").desc(nulls_last=True),
                "-rating_average",
                "-download_count",
                "-published_at",
                "pk",
            )
        )
        self.resources = [
            (
                resource,
                frozenset(term.pk for term in resource.listed_levels),
                frozenset(term.pk for term in resource.listed_subjects),
            )
            for resource in resources
        ]
        questions = list(
            Question.objects.filter(
                answer_count=0,
                hidden_at__isnull=True,
                created_at__gt=moment - OPEN_QUESTION_AGE,
                created_at__lte=moment,
            )
            .select_related("author")
            .order_by("-created_at", "-pk")
        )
        question_levels = _tags(Question.levels.through, "question", "level", questions)
        question_subjects = _tags(Question.subjects.through, "question", "subject", questions)
        self.questions = [
            (question, question_levels[question.pk], question_subjects[question.pk])
            for question in questions
        ]
        webinars = list(
            Event.objects.filter(
                status=EventStatus.PUBLISHED,
                kind=EventKind.WEBINAR,
                starts_at__gt=moment,
                starts_at__lte=moment + WEBINAR_HORIZON,
            ).order_by("starts_at", "pk")
        )
        webinar_levels = _tags(Event.levels.through, "event", "level", webinars)
        self.webinars = [(event, webinar_levels[event.pk]) for event in webinars]
        self.blocks = booked_blocks(week) if week else []

    def expanded(self, model: type[Level] | type[Subject], ids: frozenset[int]) -> frozenset[int]:
        """``ids`` with what they reach (see ``_expand``), worked out once per set."""
        key = (model, ids)
        found = self._expanded.get(key)
        if found is None:
            found = self._expanded[key] = frozenset(_expand(model, ids))
        return found

    def edition(self, profile: Profile) -> Edition:
        """What the issue holds for ``profile``: resources for its levels and subjects (the best
        of the week without them), open questions in its subjects (else its levels), webinars
        for its levels or for every level, booked blocks whose audience includes it. Never the
        member's own resources or questions: they know those already."""
        levels = self.expanded(Level, profile.level_ids)
        subjects = self.expanded(Subject, profile.subject_ids)
        resources = [
            resource
            for resource, level_ids, subject_ids in self.resources
            if resource.contributor_id != profile.member_id or not profile.member_id
            if (not profile.level_ids or level_ids & levels)
            and (not profile.subject_ids or subject_ids & subjects)
        ][:RESOURCES_PER_ISSUE]
        others = [
            row
            for row in self.questions
            if not profile.member_id or row[0].author_id != profile.member_id
        ]
        if profile.subject_ids:
            questions = [q for q, _levels, subject_ids in others if subject_ids & subjects]
        elif profile.level_ids:
            questions = [q for q, level_ids, _subjects in others if level_ids & levels]
        else:
            questions = [q for q, _levels, _subjects in others]
        webinars = [
            event
            for event, level_ids in self.webinars
            if not profile.level_ids or not level_ids or level_ids & levels
        ]
        promotions = (
            [order for order in self.blocks if audience_includes(order, profile)]
            if profile.promotions
            else []
        )
        return Edition(
            resources=resources,
            questions=questions[:QUESTIONS_PER_ISSUE],
            webinars=webinars[:WEBINARS_PER_ISSUE],
            promotions=promotions,
        )


def _tags(
    through: type[Model], owner: str, field: str, rows: Iterable[Model]
) -> dict[int, frozenset[int]]:
    """The term ids each row is tagged with, in one query."""
    tags: dict[int, set[int]] = {row.pk: set() for row in rows}
    links = through._default_manager.filter(**{f"{owner}_id__in": list(tags)})
    for owner_id, term_id in links.values_list(f"{owner}_id", f"{field}_id"):
        tags[owner_id].add(term_id)
    return {pk: frozenset(ids) for pk, ids in tags.items()}


def _expand(model: type[Level] | type[Subject], ids: Iterable[int]) -> set[int]:
    """What a member's terms reach: each term with its sub-terms and crosswalk equivalents (as
    the search filters do), and the broader terms of all those: something for "lager
    onderwijs" is for a teacher of the 3de leerjaar, and of groep 5 (its equivalent), too."""
    terms = terms_by_id(model)
    expanded: set[int] = set()
    for term_id in ids:
        if term_id in terms:
            expanded |= matching_term_ids(terms[term_id])
    for term_id in list(expanded):
        parent_id = terms[term_id].parent_id
        while parent_id in terms and parent_id not in expanded:
            expanded.add(parent_id)
            parent_id = terms[parent_id].parent_id
    return expanded


def booked_blocks(week: date) -> list[PromotionOrder]:
    return list(
        PromotionOrder.objects.filter(
            kind=PromotionKind.BLOCK,
            status__in=BOOKED,
            date__gte=week,
            date__lt=week + timedelta(days=7),
        )
        .select_related("organisation")
        .prefetch_related("levels", "subjects")
        .order_by("created_at", "pk")
    )


def audience_includes(order: PromotionOrder, profile: Profile) -> bool:
    """An empty audience part means everyone; levels and subjects match through the crosswalk."""
    if order.region and order.region != profile.region:
        return False
    level_ids = {level.pk for level in order.levels.all()}
    if level_ids and not _expand(Level, level_ids) & set(profile.level_ids):
        return False
    subject_ids = {subject.pk for subject in order.subjects.all()}
    return not subject_ids or bool(_expand(Subject, subject_ids) & set(profile.subject_ids))


def week_content(mailing: Mailing) -> WeekContent:
    return WeekContent(issue_moment(mailing), mailing.week)


def edition_for(mailing: Mailing, profile: Profile) -> Edition:
    """What ``mailing`` holds for one profile (a preview, the archive); runs use WeekContent."""
    return week_content(mailing).edition(profile)


# --- recipients ---


def subscribers(kind: str = MailingKind.ISSUE) -> QuerySet[Member]:
    """Active members with a verified address who take the weekly newsletter (or, for a
    promotional mailing, promotions), minus suppressed addresses."""
    refused = "weekly" if kind == MailingKind.ISSUE else "promotions"
    # The address we send to must be the verified one, not just any of the member's addresses.
    verified = EmailAddress.objects.filter(
        user=OuterRef("pk"), email__iexact=OuterRef("email"), verified=True
    )
    suppressed = SuppressedAddress.objects.filter(email__iexact=OuterRef("email"))
    return (
        Member.objects.filter(is_active=True)
        .filter(Exists(verified))
        .exclude(Exists(suppressed))
        .exclude(pk__in=NewsletterPreference.objects.filter(**{refused: False}).values("member_id"))
    )


def recipients_of(mailing: Mailing) -> QuerySet[Member]:
    """Who a mailing goes to: the subscribers of its kind, and for a dedicated promotion only
    those in the order's audience. The send prepares its deliveries from this query and the
    confirmation page counts it, so the count staff confirm is the audience that gets it."""
    members = subscribers(mailing.kind)
    if mailing.kind == MailingKind.PROMOTION and mailing.promotion:
        members = members_in_audience(mailing.promotion, members)
    return members


def members_in_audience(order: PromotionOrder, members: QuerySet[Member]) -> QuerySet[Member]:
    """Those of ``members`` an order's audience (region, levels, subjects) takes in: the
    recipients of a dedicated mailing, and a partner's figures on who a block reached."""
    members = members.filter(region=order.region) if order.region else members
    level_ids = list(order.levels.values_list("pk", flat=True))
    if level_ids:
        members = members.filter(levels__in=_expand(Level, set(level_ids))).distinct()
    subject_ids = list(order.subjects.values_list("pk", flat=True))
    if subject_ids:
        members = members.filter(subjects__in=_expand(Subject, set(subject_ids))).distinct()
    return members


def audience_count(mailing: Mailing) -> int:
    """How many members a mailing would reach if it started now (an issue skips those with
    nothing new for them, so it may send fewer)."""
    return recipients_of(mailing).count()


def profiles_of(member_ids: list[int]) -> dict[int, Profile]:
    """Profiles of a chunk of members, in four queries whatever the chunk's size."""
    rows = Member.objects.filter(pk__in=member_ids).values_list("pk", "language", "region")
    levels: dict[int, set[int]] = {}
    for member_id, level_id in Member.levels.through.objects.filter(
        member_id__in=member_ids
    ).values_list("member_id", "level_id"):
        levels.setdefault(member_id, set()).add(level_id)
    subjects: dict[int, set[int]] = {}
    for member_id, subject_id in Member.subjects.through.objects.filter(
        member_id__in=member_ids
    ).values_list("member_id", "subject_id"):
        subjects.setdefault(member_id, set()).add(subject_id)
    refusing = set(
        NewsletterPreference.objects.filter(member_id__in=member_ids, promotions=False).values_list(
            "member_id", flat=True
        )
    )
    return {
        pk: Profile(
            language=language or "nl",
            region=region or "fl",
            level_ids=frozenset(levels.get(pk, ())),
            subject_ids=frozenset(subjects.get(pk, ())),
            promotions=pk not in refusing,
            member_id=pk,
        )
        for pk, language, region in rows
    }


def preference_of(member: Member) -> NewsletterPreference:
    """The member's choices (the defaults, unsaved, when they made none)."""
    return NewsletterPreference.objects.filter(member=member).first() or NewsletterPreference(
        member=member
    )


# --- staff: progress, list, archive ---


@dataclass
class Progress:
    total: int
    sent: int
    failed: int
    skipped: int
    waiting: int

    @property
    def remaining(self) -> int:
        return self.waiting

    @property
    def percent(self) -> int:
        return round(100 * (self.total - self.waiting) / self.total) if self.total else 0


def progress_of(mailing: Mailing) -> Progress:
    """How far a mailing's run is, counted from its deliveries."""
    counts = dict(
        Delivery.objects.filter(mailing=mailing)
        .values_list("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    sent = counts.get(DeliveryStatus.SENT, 0)
    failed = counts.get(DeliveryStatus.FAILED, 0)
    skipped = counts.get(DeliveryStatus.SKIPPED, 0)
    waiting = counts.get(DeliveryStatus.PENDING, 0) + counts.get(DeliveryStatus.SENDING, 0)
    return Progress(
        total=sent + failed + skipped + waiting,
        sent=sent,
        failed=failed,
        skipped=skipped,
        waiting=waiting,
    )


def run_is_active(mailing: Mailing, now: datetime | None = None) -> bool:
    """Whether a sender of this mailing did something lately (else the clock restarts it)."""
    now = now or timezone.now()
    since = now - timedelta(seconds=settings.NEWSLETTER_CLAIM_TIMEOUT)
    if mailing.recipients_ready_at is None:
        return bool(mailing.started_at and mailing.started_at > since)
    return Delivery.objects.filter(
        Q(claimed_at__gt=since) | Q(sent_at__gt=since), mailing=mailing
    ).exists()


class FailedDelivery(TypedDict):
    email: str
    error: str


def recent_errors(mailing: Mailing, limit: int = 20) -> list[FailedDelivery]:
    """The latest failed deliveries' addresses and errors, for staff."""
    return list(
        Delivery.objects.filter(mailing=mailing, status=DeliveryStatus.FAILED)
        .exclude(error="")
        .order_by("-pk")
        .values("email", "error")[:limit]
    )


def mailings_for_staff() -> QuerySet[Mailing]:
    """Every mailing, newest first."""
    return Mailing.objects.select_related("promotion__organisation").order_by("-pk")


def archived_issues() -> QuerySet[Mailing]:
    """Weekly issues that were sent, latest first: the archive."""
    return Mailing.objects.filter(kind=MailingKind.ISSUE, status=MailingStatus.SENT).order_by(
        "-started_at", "-pk"
    )


def orders_for_staff() -> QuerySet[PromotionOrder]:
    """Every promotion order, by status and date."""
    return PromotionOrder.objects.select_related("organisation", "requested_by").order_by(
        "status", "date", "pk"
    )


def orders_of(member: Member) -> QuerySet[PromotionOrder]:
    """The promotion orders of the member's organisations."""
    return PromotionOrder.objects.filter(organisation__members=member).select_related(
        "organisation"
    )
