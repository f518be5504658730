"""Demo notices: what a member of a site that has run for three years finds under
"Notifications" when they first sign in: a handful of recent ones unread, the older ones read.

The services the demo goes through notify as things happen, and they all happen at the moment
the demo is built: hundreds of "rated", "published" and badge notices dated today, about 100
unread per member, and the follow-up tasks (followers told of every publication) would add more
once the worker starts. Here, as the site would have done it at the time:

- followers are told of the publications of the last weeks, and contributors of the replies
  of the last weeks (the demo dates replies after creating them, so their service was not used);
- every notice is dated when what it tells happened (a rating has no date of its own: its
  notice falls between the resource's publication and now);
- of each member's notices of the last ``RECENT`` days the newest ``UNREAD_AT_MOST`` stay
  unread, at most ``UNREAD_OF_A_KIND`` of each kind; the rest were read within a day or two,
  and the daily digest of their day mailed them (a notice of the last day still waits for the
  next digest, as on a live site);
- read notices the clock would have removed by now (``notifications_prune``) are removed.
"""

import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import datetime, timedelta

from staffroom.events.models import Event, EventQuestion
from staffroom.forum.models import Answer
from staffroom.notifications.models import Notification
from staffroom.notifications.services import notifications_prune, notify
from staffroom.recognition.models import PointEvent
from staffroom.recognition.rules import ANSWER_ACCEPTED, BADGES
from staffroom.resources.follows import followers_notify_published
from staffroom.resources.models import Reply, Resource

RECENT = timedelta(days=14)
UNREAD_AT_MOST = 6
UNREAD_OF_A_KIND = 2
DIGEST_AFTER = timedelta(days=1)

_CONTRIBUTION = re.compile(r"#contribution-(\d+)$")
_ANSWER = re.compile(r"#answer-(\d+)$")


def settle_notices(now: datetime, write: Callable[[str], object]) -> dict:
    """Tell what the last weeks would have told, date every notice, leave the recent ones
    unread; returns how many notices are unread and read."""
    rng = random.Random("demo notices")  # noqa: S311 (made-up dates); apart from the content's
    _tell_followers(now)
    _tell_of_replies(now)
    notices = list(Notification.objects.order_by("pk"))
    _date(notices, now, rng)
    _read_older(notices, now, rng)
    Notification.objects.bulk_update(notices, ["created_at", "read_at", "mailed_at"], 500)
    notifications_prune(now)
    unread = Notification.objects.filter(read_at=None).count()
    read = Notification.objects.exclude(read_at=None).count()
    write(f"Notifications: {unread} recent ones unread, {read} older ones read.")
    return {"notices_unread": unread}


def _tell_followers(now: datetime) -> None:
    for resource in Resource.objects.published().filter(published_at__gte=now - RECENT):
        followers_notify_published(resource=resource)


def _tell_of_replies(now: datetime) -> None:
    """The notices ``reply_post`` gives, for the replies of the last weeks."""
    recent = (
        Reply.objects.filter(created_at__gte=now - RECENT)
        .select_related("resource", "author", "parent")
        .order_by("created_at", "pk")
    )
    for reply in recent:
        resource = reply.resource
        url = f"{resource.get_absolute_url()}#reply-{reply.pk}"
        params = {"member": reply.author.display_name, "title": resource.title}
        told = {reply.author_id}
        if reply.parent is not None and reply.parent.author_id not in told:
            notify(member=reply.parent.author, kind="reply_answered", params=params, url=url)
            told.add(reply.parent.author_id)
        if resource.contributor_id not in told:
            notify(member=resource.contributor, kind="resource_replied", params=params, url=url)


class _Moments:
    """When what each kind of notice tells happened, looked up once for all notices."""

    def __init__(self, now: datetime, rng: random.Random):
        self.now, self.rng = now, rng
        self.resources = {
            resource.get_absolute_url(): resource
            for resource in Resource.objects.exclude(published_at=None)
        }
        self.published = {resource.pk: resource for resource in self.resources.values()}
        self.answers = dict(Answer.objects.values_list("pk", "created_at"))
        self.accepted = dict(
            PointEvent.objects.filter(kind=ANSWER_ACCEPTED).values_list("subject_id", "occurred_at")
        )
        self.events = {event.get_absolute_url(): event for event in Event.objects.all()}
        self.moved = {
            question.forum_question.get_absolute_url(): question.event
            for question in EventQuestion.objects.exclude(forum_question=None).select_related(
                "forum_question", "event"
            )
            if question.forum_question is not None
        }
        self.replies = dict(Reply.objects.values_list("pk", "created_at"))
        self._badges: dict[tuple[int, str], datetime] = {}

    def when(self, notice: Notification) -> datetime | None:
        kind, url = notice.kind, notice.url
        if kind == "resource_published":
            found = _CONTRIBUTION.search(url)
            resource = self.published.get(int(found.group(1))) if found else None
            return resource.published_at if resource else None
        if kind == "followed_published":
            resource = self.resources.get(url)
            return resource.published_at if resource else None
        if kind == "resource_rated":
            resource = self.resources.get(url)
            if resource is None or resource.published_at is None:
                return None
            return resource.published_at + (self.now - resource.published_at) * self.rng.random()
        if kind in ("resource_replied", "reply_answered"):
            return self.replies.get(int(url.rsplit("#reply-", 1)[-1]))
        if kind in ("question_answered", "answer_accepted"):
            found = _ANSWER.search(url)
            answer_id = int(found.group(1)) if found else 0
            table = self.accepted if kind == "answer_accepted" else self.answers
            return table.get(answer_id)
        if kind.startswith("event_"):
            event = self.events.get(url) or self.moved.get(url)
            if event is None:
                return None
            if kind == "event_materials_published":
                return event.ends_at + timedelta(days=1)
            return event.ends_at + timedelta(minutes=30) if event.ends_at < self.now else None
        if kind == "badge_earned":
            return self.badge(notice.member_id, notice.params.get("badge", ""))
        return None

    def badge(self, member_id: int, code: str) -> datetime | None:
        """When the member's points of the badge's kind reached its count."""
        for badge, _name, counted, needed in BADGES:
            if badge == code:
                moments = list(
                    PointEvent.objects.filter(member_id=member_id, kind=counted)
                    .order_by("occurred_at")
                    .values_list("occurred_at", flat=True)[needed - 1 : needed]
                )
                return moments[0] if moments else None
        return None


def _date(notices: list[Notification], now: datetime, rng: random.Random) -> None:
    moments = _Moments(now, rng)
    for notice in notices:
        when = moments.when(notice)
        # Not known (a kind added later): read long enough ago not to count as news.
        notice.created_at = min(when, now) if when is not None else now - 2 * RECENT


def _read_older(notices: list[Notification], now: datetime, rng: random.Random) -> None:
    by_member: defaultdict[int, list[Notification]] = defaultdict(list)
    for notice in notices:
        by_member[notice.member_id].append(notice)
    for own in by_member.values():
        own.sort(key=lambda notice: (notice.created_at, notice.pk), reverse=True)
        unread: set[int] = set()
        of_kind: Counter[str] = Counter()
        for notice in own:
            if notice.created_at < now - RECENT or len(unread) == UNREAD_AT_MOST:
                break
            # A mix, as a member who signs in now and then finds it: not six ratings in a row.
            if of_kind[notice.kind] < UNREAD_OF_A_KIND:
                unread.add(notice.pk)
                of_kind[notice.kind] += 1
        for notice in own:
            if notice.pk in unread:
                notice.read_at = None
            else:
                notice.read_at = min(notice.created_at + timedelta(hours=rng.uniform(1, 48)), now)
            digest = notice.created_at + DIGEST_AFTER
            # Mail owes nothing for a notice read, one whose digest went out, or one its kind
            # does not mail; a notice of the last day waits for the next digest.
            if notice.mailed_at is not None or notice.read_at is not None or digest <= now:
                notice.mailed_at = min(digest, now)
