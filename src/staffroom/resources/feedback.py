"""Write use-cases for feedback on resources: ratings and replies.

Colleagues rate a published resource (1-5 stars, optionally "I used this with <level>") and
reply to it; the contributor, and the members of the publishing organisation, are told in the
app. A resource keeps its average and count (what search filters, sorts and ranks on), kept
here in the same transaction as the rating.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from staffroom.core.ratelimit import check_posting_rate
from staffroom.core.signals import post_revised
from staffroom.notifications.services import notify
from staffroom.recognition import rules
from staffroom.recognition import services as recognition

from . import lifecycle
from .models import Rating, Reply, Resource, Status

MAX_REPLY_LENGTH = 10_000


def _people_behind(resource: Resource) -> set:
    """Who hears about feedback: the contributor and the publishing organisation's members."""
    people = {resource.contributor}
    if resource.organisation is not None:
        people |= set(resource.organisation.members.all())
    return people


def _check_feedback_allowed(resource: Resource, member) -> None:
    if resource.status != Status.PUBLISHED:
        raise ValidationError(_("Only published resources can be rated or replied to."))


@transaction.atomic
def rating_set(*, member, resource: Resource, stars: int, used_with=None) -> Rating:
    """Rate a resource (or change one's rating). Not one's own."""
    _check_feedback_allowed(resource, member)
    if resource.contributor_id == member.pk:
        raise ValidationError(_("You cannot rate your own resource."))
    if stars not in range(1, 6):
        raise ValidationError(_("Choose from one to five stars."))
    rating, created = Rating.objects.update_or_create(
        resource=resource, member=member, defaults={"stars": stars, "used_with": used_with}
    )
    _recount(resource)
    recognition.record(
        member=resource.contributor,
        kind=rules.RATING_RECEIVED,
        subject_id=rating.pk,
        points=rules.rating_points(stars),
    )
    if created:
        for person in _people_behind(resource) - {member}:
            notify(
                member=person,
                kind="resource_rated",
                params={"member": member.display_name, "title": resource.title, "stars": stars},
                url=resource.get_absolute_url(),
            )
    return rating


@transaction.atomic
def rating_remove(*, member, resource: Resource) -> None:
    rating = Rating.objects.filter(resource=resource, member=member).first()
    if rating is not None:
        recognition.unrecord(
            member=resource.contributor, kind=rules.RATING_RECEIVED, subject_id=rating.pk
        )
        rating.delete()
    _recount(resource)


def _recount(resource: Resource) -> None:
    # Lock the resource row so that two ratings at once both count.
    Resource.objects.select_for_update().filter(pk=resource.pk).first()
    totals = resource.ratings.aggregate(average=Avg("stars"), count=Count("pk"))
    Resource.objects.filter(pk=resource.pk).update(
        rating_average=round(totals["average"] or 0, 2), rating_count=totals["count"]
    )
    lifecycle.resource_changed_on_commit(resource)


@transaction.atomic
def reply_post(*, member, resource: Resource, body: str, parent_id: int | None = None) -> Reply:
    """Reply to a resource, or answer a reply (an answer to an answer joins the same thread)."""
    _check_feedback_allowed(resource, member)
    body = (body or "").strip()
    check_posting_rate(member)
    if not body:
        raise ValidationError(_("Write something before posting."))
    if len(body) > MAX_REPLY_LENGTH:
        raise ValidationError(
            _("A reply can be at most %(count)d characters.") % {"count": MAX_REPLY_LENGTH}
        )
    parent = None
    if parent_id:
        parent = resource.replies.filter(pk=parent_id).select_related("author").first()
        if parent is None:
            raise ValidationError(_("The reply you answered no longer exists."))
        if parent.parent_id:
            parent = parent.parent
    reply = Reply.objects.create(resource=resource, author=member, parent=parent, body=body)
    told = {member}
    url = f"{resource.get_absolute_url()}#reply-{reply.pk}"
    if parent is not None and parent.author not in told:
        notify(
            member=parent.author,
            kind="reply_answered",
            params={"member": member.display_name, "title": resource.title},
            url=url,
        )
        told.add(parent.author)
    for person in _people_behind(resource) - told:
        notify(
            member=person,
            kind="resource_replied",
            params={"member": member.display_name, "title": resource.title},
            url=url,
        )
    return reply


@transaction.atomic
def reply_edit(*, member, reply: Reply, body: str) -> Reply:
    """The author changes their reply; what it said before is kept for moderators."""
    if reply.author_id != member.pk:
        raise ValidationError(_("Only its author can change a reply."))
    if reply.hidden_at:
        raise ValidationError(_("A hidden reply cannot be changed."))
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write something before posting."))
    if len(body) > MAX_REPLY_LENGTH:
        raise ValidationError(
            _("A reply can be at most %(count)d characters.") % {"count": MAX_REPLY_LENGTH}
        )
    if body != reply.body:
        post_revised.send(
            sender=Reply, kind="reply", object_id=reply.pk, body=reply.body, editor=member
        )
        reply.body = body
        reply.edited_at = timezone.now()
        reply.save(update_fields=["body", "edited_at"])
    return reply
