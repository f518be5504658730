"""Reads over members, organisations, follows and the personal feed."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any, Protocol, overload

from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from staffroom.curriculum.models import Subject
from staffroom.curriculum.queries import matching_term_ids, subject_by_code, terms_by_id

from .models import Follow, Member, Organisation

# --- Counts on the member and organisation lists ------------------------------------------
#
# What members and organisations did in other apps is counted by those apps: each registers
# an annotation (an aggregate over the row's relations) in its AppConfig.ready(), shown by the
# roles page and the organisations list under the same name. Resources, for instance:
#
#     register_list_count(
#         "published_count",
#         member=Count("resources", filter=Q(resources__status=Status.PUBLISHED)),
#         organisation=Count("resources", filter=Q(resources__status=Status.PUBLISHED)),
#     )
#
# Aggregates over two different relations multiply each other's rows: a second count over
# another relation should be a subquery.

MEMBER_COUNTS: dict[str, Any] = {}
ORGANISATION_COUNTS: dict[str, Any] = {}


def register_list_count(name: str, *, member: Any = None, organisation: Any = None) -> None:
    """Add (or replace, by name) a count to the rows of the member and organisation lists."""
    if member is not None:
        MEMBER_COUNTS[name] = member
    if organisation is not None:
        ORGANISATION_COUNTS[name] = organisation


def members_for_roles_page(term: str = "") -> QuerySet[Member]:
    members = Member.objects.annotate(**MEMBER_COUNTS).prefetch_related("organisations")
    if term:
        members = members.filter(Q(name__icontains=term) | Q(email__icontains=term))
    return members.order_by("name")


def organisations_listed() -> QuerySet[Organisation]:
    return Organisation.objects.annotate(**ORGANISATION_COUNTS).order_by("name")


# --- Follows -----------------------------------------------------------------------------

# What a member can follow.
FollowTarget = Member | Organisation | Subject


def follow_field(target: object) -> str:
    """Which column of ``Follow`` holds ``target``: "member", "organisation" or "subject"."""
    if isinstance(target, Member):
        return "member"
    if isinstance(target, Organisation):
        return "organisation"
    if isinstance(target, Subject):
        return "subject"
    raise TypeError(f"Members cannot follow a {type(target).__name__}")


def follow_target(kind: str, key: str) -> FollowTarget | None:
    """What the follow button names: an active member by id, an organisation by slug or a
    subject by code; None when there is no such thing."""
    if kind == "member":
        if not (key.isdigit() and len(key) < 12):
            return None
        return Member.objects.filter(pk=int(key), is_active=True).first()
    if kind == "organisation":
        return Organisation.objects.filter(slug=key).first()
    if kind == "subject":
        return subject_by_code(key)
    return None


def follow_key(target: FollowTarget) -> str:
    """The part of the follow address that names ``target`` (see ``follow_target``)."""
    if isinstance(target, Organisation):
        return target.slug
    if isinstance(target, Subject):
        return target.code
    follow_field(target)  # a member, or TypeError for what cannot be followed
    return str(target.pk)


def is_following(member: Member | AnonymousUser, target: FollowTarget) -> bool:
    if not member.is_authenticated:
        return False
    return Follow.objects.filter(follower=member, **{follow_field(target): target}).exists()


def followers_count(target: FollowTarget) -> int:
    return Follow.objects.filter(**{follow_field(target): target}).count()


@dataclass
class Following:
    """What a member follows, for the "What I follow" page."""

    members: list[Member] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    subjects: list[Subject] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.members or self.organisations or self.subjects)


def following_of(member: Member) -> Following:
    following = Following()
    subjects = terms_by_id(Subject)
    for follow in Follow.objects.filter(follower=member).select_related("member", "organisation"):
        if follow.member is not None:
            following.members.append(follow.member)
        elif follow.organisation is not None:
            following.organisations.append(follow.organisation)
        elif follow.subject_id in subjects:
            following.subjects.append(subjects[follow.subject_id])
    following.members.sort(key=lambda member: member.display_name.casefold())
    following.organisations.sort(key=lambda organisation: organisation.name.casefold())
    following.subjects.sort(key=lambda subject: subject.position)
    return following


@dataclass(frozen=True)
class Followed:
    """Ids of what a member follows, subjects widened to what a filter on them finds (their
    sub-subjects and the other region's crosswalked subjects): what feed sources select on."""

    member_ids: frozenset[int] = frozenset()
    organisation_ids: frozenset[int] = frozenset()
    subject_ids: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.member_ids or self.organisation_ids or self.subject_ids)


def followed_by(member: Member) -> Followed:
    member_ids: set[int] = set()
    organisation_ids: set[int] = set()
    subject_ids: set[int] = set()
    subjects = terms_by_id(Subject)
    for member_id, organisation_id, subject_id in Follow.objects.filter(
        follower=member
    ).values_list("member_id", "organisation_id", "subject_id"):
        if member_id:
            member_ids.add(member_id)
        elif organisation_id:
            organisation_ids.add(organisation_id)
        elif subject_id in subjects:
            subject_ids |= matching_term_ids(subjects[subject_id])
    return Followed(frozenset(member_ids), frozenset(organisation_ids), frozenset(subject_ids))


class FollowedWork(Protocol):
    """What ``followers_of_resource`` reads of a resource (a model of a higher app)."""

    @property
    def contributor_id(self) -> int | None: ...

    @property
    def organisation_id(self) -> int | None: ...

    @property
    def subjects(self) -> Any: ...


def followers_of_resource(resource: FollowedWork) -> set[int]:
    """Ids of the active members who follow the resource's contributor, its organisation or
    one of its subjects (a followed subject covers its sub-subjects and crosswalk), without
    the contributor."""
    tagged = set(resource.subjects.values_list("pk", flat=True))
    subjects = terms_by_id(Subject)
    # A handful of subjects are followed; which of them cover this resource is worked out on
    # the vocabulary each process keeps in memory.
    followed_subjects = (
        Follow.objects.exclude(subject=None)
        .order_by()
        .values_list("subject_id", flat=True)
        .distinct()
    )
    covering = [
        subject_id
        for subject_id in followed_subjects
        if subject_id in subjects and matching_term_ids(subjects[subject_id]) & tagged
    ]
    targets = Q(member_id=resource.contributor_id)
    if resource.organisation_id:
        targets |= Q(organisation_id=resource.organisation_id)
    if covering:
        targets |= Q(subject_id__in=covering)
    followers = set(
        Follow.objects.filter(targets, follower__is_active=True).values_list(
            "follower_id", flat=True
        )
    )
    followers.discard(resource.contributor_id)
    return followers


# --- The personal feed ---------------------------------------------------------------------
#
# The feed merges what several apps publish. Each app registers a source: a function giving
# the member's items as a queryset ordered newest first by ``date_field``, and the template
# that shows one item (it receives ``item``; render an ``<article class="card">`` to sit among
# resource cards). Resources registers the published resources; the forum, for instance,
# registers its questions in its AppConfig.ready():
#
#     from staffroom.accounts.queries import register_feed_source
#
#     register_feed_source(
#         "forum-questions",
#         items=questions_for_feed,        # (member, followed: Followed) -> QuerySet
#         date_field="created_at",
#         template="forum/_feed_question.html",
#     )
#
# ``followed`` holds the ids of the members, organisations and subjects (widened) followed.


@dataclass(frozen=True)
class FeedSource:
    name: str
    items: Callable[[Member, Followed], QuerySet]
    date_field: str
    template: str


FEED_SOURCES: dict[str, FeedSource] = {}


def register_feed_source(
    name: str,
    *,
    items: Callable[[Member, Followed], QuerySet],
    date_field: str,
    template: str,
) -> None:
    """Add (or replace, by name) a source of feed items; see the comment above."""
    FEED_SOURCES[name] = FeedSource(name, items, date_field, template)


_LONG_AGO = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class FeedEntry:
    item: object
    at: datetime
    template: str


class Feed:
    """The entries of every source merged newest first. Countable and sliceable, so
    ``Paginator`` pages it: page n takes the first n pages' worth from each source (which is
    ordered by date) and merges them; people read the first pages of a feed."""

    def __init__(self, streams: list[tuple[FeedSource, QuerySet]]):
        self.streams = streams

    @cached_property
    def _count(self) -> int:
        return sum(queryset.count() for _source, queryset in self.streams)

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> FeedEntry: ...

    @overload
    def __getitem__(self, index: slice) -> list[FeedEntry]: ...

    def __getitem__(self, index: int | slice) -> FeedEntry | list[FeedEntry]:
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        stop = index.stop if index.stop is not None else self._count
        entries: list[tuple[datetime, str, int, FeedEntry]] = []
        for source, queryset in self.streams:
            for item in queryset[:stop]:
                at = getattr(item, source.date_field) or _LONG_AGO
                entries.append((at, source.name, item.pk, FeedEntry(item, at, source.template)))
        entries.sort(key=lambda entry: entry[:3], reverse=True)
        return [entry[-1] for entry in entries][index]


def feed_for(member: Member) -> Feed:
    """What is new from everything ``member`` follows, newest first (never their own)."""
    followed = followed_by(member)
    if not followed:
        return Feed([])
    return Feed([(source, source.items(member, followed)) for source in FEED_SOURCES.values()])


# --- Profiles and the member's data -----------------------------------------------------


def member_is_confirmed(member: Member) -> bool:
    """False for a sign-up whose address was never confirmed (its page is never shown);
    accounts made by staff or commands, without an address record, count as confirmed."""
    addresses = EmailAddress.objects.filter(user=member)
    return not addresses.exists() or addresses.filter(verified=True).exists()


def member_page_of(public_id: str) -> Member | None:
    """The member whose page is at ``public_id``: active and confirmed, or the former-member
    account; None otherwise (the page answers 404)."""
    member = Member.objects.filter(public_id=public_id).first()
    if member is None or member.is_former_member:
        return member
    if not member.is_active or not member_is_confirmed(member):
        return None
    return member
