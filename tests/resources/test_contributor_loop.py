"""The contributor's loop: the notice on publication (with the moderator's corrections), the
place in the queue among the items the same moderators handle, deleting a draft and taking a
pending resource out of the queue."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from tests.factories import (
    DraftFactory,
    MemberFactory,
    ModerationItemFactory,
    ModeratorFactory,
    ResourceFactory,
    ResourceFileFactory,
)

from staffroom.accounts.models import NotificationMail
from staffroom.curriculum.models import Level, Subject
from staffroom.moderation import services
from staffroom.moderation.models import ModerationItem, Reason
from staffroom.moderation.queries import queue_position
from staffroom.notifications.messages import describe
from staffroom.notifications.models import Notification
from staffroom.resources.models import Resource, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    return ModeratorFactory(levels=[Level.objects.get(code="fl-lo")])


def _published_notices(member) -> list[Notification]:
    return list(member.notifications.filter(kind="resource_published"))


# --- 1. The notice on publication -------------------------------------------------------------


def test_publishing_tells_the_contributor_in_their_notifications(moderator):
    item = ModerationItemFactory(resource__title="Breuken vergelijken")
    contributor = item.resource.contributor
    services.moderation_item_publish(item=item, moderator=moderator)
    [notice] = _published_notices(contributor)
    assert describe(notice) == "Your resource “Breuken vergelijken” is published"
    assert notice.url == reverse("resources:mine") + f"#contribution-{item.resource.pk}"
    assert notice.read_at is None


def test_the_notice_names_the_fields_the_moderator_corrected(moderator):
    item = ModerationItemFactory(resource__title="Breukken vergelijken")
    services.moderation_item_publish(
        item=item,
        moderator=moderator,
        corrected={"title": "Breuken vergelijken", "licence": "cc-by-sa"},
    )
    [notice] = _published_notices(item.resource.contributor)
    assert describe(notice) == (
        "Your resource “Breuken vergelijken” is published, with corrections by the "
        "moderator: Title, Licence"
    )


def test_an_approved_edit_gets_its_own_notice(moderator):
    resource = ResourceFactory(title="Breuken")
    item = ModerationItemFactory(
        resource=resource, reason=Reason.EDIT, proposed={"title": "Breuken met pizza"}
    )
    services.moderation_item_publish(item=item, moderator=moderator)
    [notice] = _published_notices(resource.contributor)
    assert describe(notice) == "Your changes to “Breuken met pizza” are published"


def test_a_recheck_gives_no_publication_notice(moderator):
    item = ModerationItemFactory(resource=ResourceFactory(), reason=Reason.RECHECK)
    services.moderation_item_publish(item=item, moderator=moderator)
    assert _published_notices(item.resource.contributor) == []


@pytest.mark.parametrize(
    "preference", [NotificationMail.AT_ONCE, NotificationMail.DAILY, NotificationMail.NEVER]
)
def test_the_contributor_gets_one_mail_the_decision_mail_whatever_their_preference(
    moderator, preference, django_capture_on_commit_callbacks
):
    item = ModerationItemFactory(
        resource__title="Breukken", resource__contributor__notification_mail=preference
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.moderation_item_publish(
            item=item, moderator=moderator, corrected={"title": "Breuken"}
        )
    # (A first publication also earns a badge, whose notice is mailed as the member chose.)
    [decision_mail] = [message for message in mail.outbox if "is published" in message.subject]
    assert "Title: Breukken → Breuken" in decision_mail.body
    assert not any("Your resource" in message.body for message in mail.outbox)
    # The notice is not mailed again, at once or in the next digest.
    [notice] = _published_notices(item.resource.contributor)
    assert notice.mailed_at is not None


def test_the_notice_shows_in_the_inbox(client, moderator):
    item = ModerationItemFactory(resource__title="Breuken vergelijken")
    services.moderation_item_publish(item=item, moderator=moderator)
    client.force_login(item.resource.contributor)
    response = client.get(reverse("notifications:inbox"))
    assert "Your resource “Breuken vergelijken” is published" in response.content.decode()


# --- 2. The place in the queue ----------------------------------------------------------------


def _item(levels, subjects=("fl-wis",), *, age_days: int, **kwargs) -> ModerationItem:
    item = ModerationItemFactory(
        resource__levels=list(levels), resource__subjects=list(subjects), **kwargs
    )
    ModerationItem.objects.filter(pk=item.pk).update(
        created_at=timezone.now() - timedelta(days=age_days)
    )
    item.refresh_from_db()
    return item


def test_the_place_counts_only_what_the_same_moderators_handle():
    ModeratorFactory(levels=[Level.objects.get(code="fl-lo")])
    ModeratorFactory(levels=[Level.objects.get(code="fl-so")])
    # Older items for the other moderator's levels and subjects do not count.
    for age in (10, 9, 8):
        _item(["fl-so-1g"], ["fl-fra"], age_days=age)
    older_primary = _item(["fl-lo-4"], age_days=7)
    mine = _item(["fl-lo-3"], age_days=1)
    assert queue_position(older_primary) == 1
    assert queue_position(mine) == 2


def test_the_place_follows_the_crosswalk_of_the_moderators_scope():
    ModeratorFactory(levels=[Level.objects.get(code="fl-lo")])
    # "Groep 5" (the Netherlands) is the Flemish 3rd year: the same moderator handles it.
    dutch = _item(["nl-po-5"], age_days=3)
    flemish = _item(["fl-lo-3"], age_days=1)
    assert queue_position(dutch) == 1
    assert queue_position(flemish) == 2


def test_a_subject_moderator_counts_too():
    ModeratorFactory(subjects=[Subject.objects.get(code="fl-fra")])
    ModeratorFactory(levels=[Level.objects.get(code="fl-so")])
    _item(["fl-lo-3"], ["fl-wis"], age_days=5)  # neither moderator's
    french_primary = _item(["fl-lo-3"], ["fl-fra"], age_days=4)
    secondary_maths = _item(["fl-so-1g"], ["fl-wis"], age_days=3)
    french_secondary = _item(["fl-so-1g"], ["fl-fra"], age_days=1)
    # Both moderators look at the last one: what either of them handles and is older counts.
    assert queue_position(french_secondary) == 3
    assert queue_position(french_primary) == 1
    assert queue_position(secondary_maths) == 1


def test_rechecks_are_not_counted_and_have_no_place():
    ModeratorFactory(levels=[Level.objects.get(code="fl-lo")])
    rechecks = [
        _item(
            ["fl-lo-3"],
            age_days=10 - n,
            resource=ResourceFactory(levels=["fl-lo-3"]),
            reason=Reason.RECHECK,
        )
        for n in range(3)
    ]
    new = _item(["fl-lo-3"], age_days=1)
    assert queue_position(new) == 1
    assert queue_position(rechecks[0]) is None


def test_without_a_moderator_for_its_levels_every_older_contribution_counts():
    ModeratorFactory(levels=[Level.objects.get(code="fl-so")])
    _item(["fl-so-1g"], age_days=3)
    _item(["fl-lo-4"], age_days=2)
    nobodys = _item(["fl-ko"], ["fl-wis"], age_days=1)
    assert queue_position(nobodys) == 3


def test_my_contributions_show_the_place_among_the_same_moderators_items(client):
    ModeratorFactory(levels=[Level.objects.get(code="fl-lo")])
    ModeratorFactory(levels=[Level.objects.get(code="fl-so")])
    for age in range(20, 10, -1):
        _item(["fl-so-1g"], ["fl-fra"], age_days=age)
    _item(
        ["fl-lo-3"], age_days=5, resource=ResourceFactory(levels=["fl-lo-3"]), reason=Reason.RECHECK
    )
    item = _item(["fl-lo-3"], age_days=1)
    client.force_login(item.resource.contributor)
    page = client.get(reverse("resources:mine")).content.decode()
    assert "Place in the queue: 1" in page


# --- 3. Deleting a draft, withdrawing from the queue ------------------------------------------


def test_a_contributor_deletes_their_draft_and_its_files(
    client, django_capture_on_commit_callbacks
):
    draft = DraftFactory(title="Untitled draft")
    stored = ResourceFileFactory(resource=draft)
    name = stored.file.name
    assert default_storage.exists(name)
    client.force_login(draft.contributor)
    confirm = client.get(reverse("resources:delete_draft", args=[draft.pk]))
    assert confirm.status_code == 200
    assert "Delete the draft “Untitled draft”?" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("resources:delete_draft", args=[draft.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("resources:mine")
    assert not Resource.objects.filter(pk=draft.pk).exists()
    assert not default_storage.exists(name)


def test_the_delete_button_is_on_the_draft_and_in_my_contributions(client):
    draft = DraftFactory()
    client.force_login(draft.contributor)
    url = reverse("resources:delete_draft", args=[draft.pk])
    assert url in client.get(reverse("resources:mine")).content.decode()
    assert url in client.get(reverse("resources:edit", args=[draft.pk])).content.decode()
    assert url in client.get(draft.get_absolute_url()).content.decode()


@pytest.mark.parametrize("status", [Status.PENDING, Status.PUBLISHED, Status.CHANGES_REQUESTED])
def test_only_drafts_can_be_deleted(client, status):
    resource = DraftFactory(status=status)
    client.force_login(resource.contributor)
    assert client.get(reverse("resources:delete_draft", args=[resource.pk])).status_code == 404
    assert client.post(reverse("resources:delete_draft", args=[resource.pk])).status_code == 404
    assert Resource.objects.filter(pk=resource.pk).exists()


def test_only_ones_own_draft_can_be_deleted(client):
    draft = DraftFactory()
    client.force_login(MemberFactory())
    assert client.get(reverse("resources:delete_draft", args=[draft.pk])).status_code == 404
    assert client.post(reverse("resources:delete_draft", args=[draft.pk])).status_code == 404
    assert Resource.objects.filter(pk=draft.pk).exists()


def test_deleting_needs_a_login_and_a_post_to_delete(client):
    draft = DraftFactory()
    response = client.post(reverse("resources:delete_draft", args=[draft.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(draft.contributor)
    client.get(reverse("resources:delete_draft", args=[draft.pk]))
    assert Resource.objects.filter(pk=draft.pk).exists()


def test_a_contributor_withdraws_a_pending_resource_back_to_draft(client):
    item = ModerationItemFactory()
    resource = item.resource
    client.force_login(resource.contributor)
    page = client.get(reverse("resources:mine")).content.decode()
    url = reverse("resources:withdraw_from_queue", args=[resource.pk])
    assert url in page
    response = client.post(url)
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.status == Status.DRAFT
    assert not ModerationItem.objects.filter(resource=resource, decision="").exists()
    # A draft again: it can be deleted or submitted later.
    page = client.get(reverse("resources:mine")).content.decode()
    assert reverse("resources:delete_draft", args=[resource.pk]) in page


def test_a_moderator_deciding_a_withdrawn_item_is_told_so(client, moderator):
    item = ModerationItemFactory()
    client.force_login(item.resource.contributor)
    client.post(reverse("resources:withdraw_from_queue", args=[item.resource.pk]))
    with pytest.raises(services.AlreadyDecided, match="took this resource out of the queue"):
        services.moderation_item_publish(item=item, moderator=moderator)


def test_only_a_pending_resource_of_ones_own_can_be_withdrawn_from_the_queue(client):
    item = ModerationItemFactory()
    client.force_login(MemberFactory())
    url = reverse("resources:withdraw_from_queue", args=[item.resource.pk])
    assert client.post(url).status_code == 404
    published = ResourceFactory()
    client.force_login(published.contributor)
    response = client.post(reverse("resources:withdraw_from_queue", args=[published.pk]))
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED
    item.refresh_from_db()
    assert item.is_open
