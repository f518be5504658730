"""Reads of the newsletter: what an issue holds for a profile, recipients, progress, archive.

An issue's content for a member depends only on their ``Profile`` (language, region, levels,
subjects, whether they take promotions), so a sending run composes it once per profile and
reuses it for every member who shares it. Every content query is bounded by the issue's week,
so the archive shows what was sent, whatever has been published since.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

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


@dataclass
class Edition:
    """What one issue holds for one profile."""

    resources: list
    questions: list
    webinars: list
    promotions: list

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


def _expand(model, ids) -> set[int]:
    """The terms, their sub-terms and their crosswalk equivalents (as the search filters do)."""
    terms = terms_by_id(model)
    expanded: set[int] = set()
    for term_id in ids:
        if term_id in terms:
            expanded |= matching_term_ids(terms[term_id])
    return expanded


def _tagged(queryset, through, field: str, ids: set[int]):
    """``queryset`` narrowed to rows tagged with one of ``ids`` (a subquery: no repeated rows)."""
    return queryset.filter(
        pk__in=through.objects.filter(**{f"{field}_id__in": ids}).values(
            through._meta.get_field(queryset.model._meta.model_name).attname
        )
    )


def new_resources_for(profile: Profile, until: datetime, limit: int = RESOURCES_PER_ISSUE):
    """Resources published in the week before ``until`` for the profile's levels and subjects;
    without a profile, the best of the week."""
    resources = Resource.objects.published().filter(
        published_at__gt=until - timedelta(days=7), published_at__lte=until
    )
    if profile.level_ids:
        resources = _tagged(
            resources, Resource.levels.through, "level", _expand(Level, profile.level_ids)
        )
    if profile.subject_ids:
        resources = _tagged(
            resources, Resource.subjects.through, "subject", _expand(Subject, profile.subject_ids)
        )
    return list(
        resources.select_related("contributor", "organisation", "resource_type")
        .with_terms()
        # Picks first on every database (PostgreSQL sorts NULL first when descending).
        .order_by(
            F("picked_at").desc(nulls_last=True),
            "-rating_average",
            "-download_count",
            "-published_at",
        )[:limit]
    )


def open_questions_for(profile: Profile, until: datetime, limit: int = QUESTIONS_PER_ISSUE):
    """Forum questions in the profile's subjects (else levels) that still wait for an answer."""
    questions = Question.objects.filter(
        answer_count=0,
        hidden_at__isnull=True,
        created_at__gt=until - OPEN_QUESTION_AGE,
        created_at__lte=until,
    )
    if profile.subject_ids:
        questions = _tagged(
            questions, Question.subjects.through, "subject", _expand(Subject, profile.subject_ids)
        )
    elif profile.level_ids:
        questions = _tagged(
            questions, Question.levels.through, "level", _expand(Level, profile.level_ids)
        )
    return list(questions.select_related("author").order_by("-created_at", "-pk")[:limit])


def upcoming_webinars_for(profile: Profile, since: datetime, limit: int = WEBINARS_PER_ISSUE):
    """Published webinars in the next three weeks: those for the profile's levels, and those for
    every level."""
    events = Event.objects.filter(
        status=EventStatus.PUBLISHED,
        kind=EventKind.WEBINAR,
        starts_at__gt=since,
        starts_at__lte=since + WEBINAR_HORIZON,
    )
    if profile.level_ids:
        matching = Event.levels.through.objects.filter(
            level_id__in=_expand(Level, profile.level_ids)
        ).values("event_id")
        events = events.filter(Q(pk__in=matching) | Q(levels=None)).distinct()
    return list(events.order_by("starts_at", "pk")[:limit])


def promotion_blocks_for(profile: Profile, week: date | None) -> list[PromotionOrder]:
    """Booked newsletter blocks of ``week`` whose audience includes the profile."""
    if not profile.promotions or week is None:
        return []
    return [order for order in booked_blocks(week) if audience_includes(order, profile)]


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


def edition_for(mailing: Mailing, profile: Profile) -> Edition:
    moment = issue_moment(mailing)
    return Edition(
        resources=new_resources_for(profile, moment),
        questions=open_questions_for(profile, moment),
        webinars=upcoming_webinars_for(profile, moment),
        promotions=promotion_blocks_for(profile, mailing.week),
    )


# --- recipients ---


def subscribers(kind: str = MailingKind.ISSUE):
    """Active members with a verified address who take the weekly newsletter (or, for a
    promotional mailing, promotions), minus suppressed addresses."""
    Member = get_user_model()
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


def profiles_of(member_ids: list[int]) -> dict[int, Profile]:
    """Profiles of a chunk of members, in four queries whatever the chunk's size."""
    Member = get_user_model()
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
        )
        for pk, language, region in rows
    }


def preference_of(member) -> NewsletterPreference:
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


def run_is_active(mailing: Mailing, now=None) -> bool:
    """Whether a sender of this mailing did something lately (else the clock restarts it)."""
    from django.conf import settings

    now = now or timezone.now()
    since = now - timedelta(seconds=settings.NEWSLETTER_CLAIM_TIMEOUT)
    if mailing.recipients_ready_at is None:
        return bool(mailing.started_at and mailing.started_at > since)
    return Delivery.objects.filter(
        Q(claimed_at__gt=since) | Q(sent_at__gt=since), mailing=mailing
    ).exists()


def recent_errors(mailing: Mailing, limit: int = 20):
    return list(
        Delivery.objects.filter(mailing=mailing, status=DeliveryStatus.FAILED)
        .exclude(error="")
        .order_by("-pk")
        .values("email", "error")[:limit]
    )


def mailings_for_staff():
    return Mailing.objects.select_related("promotion__organisation").order_by("-pk")


def archived_issues():
    return Mailing.objects.filter(kind=MailingKind.ISSUE, status=MailingStatus.SENT).order_by(
        "-started_at", "-pk"
    )


def orders_for_staff():
    return PromotionOrder.objects.select_related("organisation", "requested_by").order_by(
        "status", "date", "pk"
    )


def orders_of(member):
    return PromotionOrder.objects.filter(organisation__members=member).select_related(
        "organisation"
    )
