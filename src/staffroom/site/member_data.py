"""What each app's rows that refer to a member become on export and deletion.

Accounts runs export and deletion (``staffroom.accounts.member_data``, ``.deletion``,
``.export``) but may not import the apps above it; this module, at the top, names their
relations with a policy, and does what is particular to resources and the forum: drafts
and withdrawn work go, published resources stay under "former member" (or are withdrawn when
the member asks and the licence lets them), and the search index and OAI-PMH records are told.
A relation to Member that nobody names makes the completeness test fail.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models import QuerySet

from staffroom.accounts.member_data import DeletionContext, Policy, register_member_relation
from staffroom.forum.documents import COLLECTION as QUESTIONS
from staffroom.resources.lifecycle import resource_changed_on_commit
from staffroom.resources.models import Resource, ResourceFile, Status
from staffroom.resources.review import resource_changed
from staffroom.search.services import search_update_on_commit


def resource_withdrawable(resource: Resource, member) -> bool:
    """Whether a member leaving may take a published resource with them: not when it is
    published for an organisation (its work, not theirs alone), nor when another member's
    published adaptation builds on it (the licence let them, and their page credits it)."""
    if resource.organisation_id is not None:
        return False
    return not (
        Resource.objects.filter(based_on=resource, status=Status.PUBLISHED)
        .exclude(contributor=member)
        .exists()
    )


def _delete_resource(resource: Resource) -> None:
    stored = []
    for resource_file in resource.files.all():
        stored += [f for f in (resource_file.file, resource_file.preview) if f]
    resource_id = resource.pk
    resource.delete()
    for field_file in stored:
        transaction.on_commit(partial(field_file.storage.delete, str(field_file.name)))
    # The index and OAI-PMH (a "deleted" record) drop what no longer exists.
    resource_changed.send(sender=Resource, resource_id=resource_id, announce=False)


def resources_of_leaving_member(rows: QuerySet, context: DeletionContext) -> None:
    """Published (and hidden-after-report) resources stay under "former member", the
    member's name taken out of the credits; the rest (drafts, pending, rejected, withdrawn)
    is deleted with its files; with ``withdraw``, what the licence lets go is deleted too."""
    name = (context.member.name or "").strip().lower()
    kept = withdrawn = dropped = 0
    for resource in rows.select_for_update():
        online = resource.status in (Status.PUBLISHED, Status.HIDDEN)
        if not online:
            _delete_resource(resource)
            dropped += 1
            continue
        if context.withdraw and resource_withdrawable(resource, context.member):
            _delete_resource(resource)
            withdrawn += 1
            continue
        resource.contributor = context.former
        if name and resource.author_name.strip().lower() == name:
            resource.author_name = ""
        if name and name in resource.attribution.lower():
            resource.attribution = ""
        resource.save(update_fields=["contributor", "author_name", "attribution", "updated_at"])
        resource_changed_on_commit(resource)
        kept += 1
    context.summary.update(
        {"resources_kept": kept, "resources_withdrawn": withdrawn, "resources_dropped": dropped}
    )


def questions_of_leaving_member(rows: QuerySet, context: DeletionContext) -> None:
    ids = list(rows.values_list("pk", flat=True))
    context.summary["questions_kept"] = rows.update(author=context.former)
    for question_id in ids:
        search_update_on_commit(question_id, collection=QUESTIONS)


def answers_of_leaving_member(rows: QuerySet, context: DeletionContext) -> None:
    question_ids = set(rows.values_list("question_id", flat=True))
    context.summary["answers_kept"] = rows.update(author=context.former)
    for question_id in question_ids:
        search_update_on_commit(question_id, collection=QUESTIONS)


def _resource_files(rows: QuerySet):
    for resource_file in ResourceFile.objects.filter(resource__in=rows).order_by("pk"):
        yield f"{resource_file.resource_id}/{resource_file.original_name}", resource_file.file


E, K, D = Policy.ERASE, Policy.KEEP, Policy.DETACH

# label, policy, exported
RELATIONS = [
    ("resources.Resource.picked_by", D, False),
    ("resources.Rating.member", D, True),
    ("resources.Reply.author", K, True),
    ("resources.Folder.member", E, True),
    ("resources.Folder.featured_by", D, False),
    ("resources.FolderFollow.member", E, True),
    ("moderation.ModerationItem.taken_by", D, False),
    ("moderation.ModerationItem.decided_by", D, False),
    ("moderation.Report.reporter", E, True),
    ("moderation.Report.resolved_by", D, False),
    ("moderation.Revision.edited_by", D, False),
    ("search.SavedSearch.member", E, True),
    ("notifications.Notification.member", E, True),
    ("recognition.PointEvent.member", E, True),
    ("recognition.Score.member", E, True),
    ("recognition.Reward.member", E, True),
    ("recognition.Reward.granted_by", D, False),
    ("forum.Vote.member", E, True),
    ("forum.ForumExpert.member", E, True),
    ("forum.ForumExpert.marked_by", D, False),
    ("events.Event.created_by", D, False),
    ("events.Event.presenters", E, True),
    ("events.Registration.member", E, True),
    ("events.CalendarToken.member", E, False),
    ("events.EventQuestion.author", E, True),
    ("events.EventQuestion.answered_by", D, False),
    ("events.EventQuestionVote.member", E, True),
    ("events.EventFeedback.member", E, True),
    ("newsletter.NewsletterPreference.member", E, True),
    ("newsletter.Mailing.created_by", D, False),
    ("newsletter.Delivery.member", E, True),
    ("newsletter.PromotionOrder.requested_by", D, False),
    ("newsletter.PromotionOrder.decided_by", D, False),
    ("api.ApiToken.created_by", D, False),
    ("api.ApiToken.revoked_by", D, False),
    # The member's own sign-ins and account changes: in their download, gone with the account
    # (the deletion itself is recorded without a member).
    ("security.SecurityEvent.member", E, True),
]


def register() -> None:
    """Called from ``SiteConfig.ready``."""
    for label, policy, exported in RELATIONS:
        register_member_relation(label, policy, export=exported)
    register_member_relation(
        "resources.Resource.contributor",
        Policy.KEEP,
        handler=resources_of_leaving_member,
        files=_resource_files,
    )
    register_member_relation(
        "forum.Question.author", Policy.KEEP, handler=questions_of_leaving_member
    )
    register_member_relation("forum.Answer.author", Policy.KEEP, handler=answers_of_leaving_member)
