"""Periodic re-checks: published resources return to the queue when their check is old."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from tests.factories import DraftFactory, ModeratorFactory, ResourceFactory

from staffroom.moderation import services
from staffroom.moderation.models import ModerationItem, Reason
from staffroom.moderation.services import moderation_recheck_due
from staffroom.resources.models import Status

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _checked(days_ago: int, **kwargs):
    return ResourceFactory(checked_at=NOW - timedelta(days=days_ago), **kwargs)


@override_settings(RECHECK_AFTER_DAYS=365)
def test_resources_checked_too_long_ago_are_queued_once(django_capture_on_commit_callbacks):
    stale = _checked(400)
    _checked(300)
    already_queued = _checked(500)
    ModerationItem.objects.create(resource=already_queued, reason=Reason.EDIT)
    _checked(800, status=Status.WITHDRAWN)
    DraftFactory(checked_at=NOW - timedelta(days=800))

    with django_capture_on_commit_callbacks(execute=True):
        assert moderation_recheck_due(now=NOW) == 1
    item = ModerationItem.objects.get(resource=stale)
    assert item.reason == Reason.RECHECK
    assert item.is_open
    assert ModerationItem.objects.filter(resource=already_queued).count() == 1
    # A re-check is no submission: the contributor gets no receipt.
    assert mail.outbox == []
    # The pre-checks ran for the moderator.
    item.refresh_from_db()
    assert item.checks_ran_at is not None

    assert moderation_recheck_due(now=NOW) == 0
    assert ModerationItem.objects.filter(reason=Reason.RECHECK).count() == 1


@override_settings(RECHECK_AFTER_DAYS=30)
def test_the_limit_comes_from_the_settings():
    recent = _checked(20)
    old = _checked(31)
    assert moderation_recheck_due(now=NOW) == 1
    assert ModerationItem.objects.filter(resource=old).exists()
    assert not ModerationItem.objects.filter(resource=recent).exists()


@override_settings(RECHECK_AFTER_DAYS=30)
def test_approving_a_recheck_renews_the_check_and_a_rejection_takes_it_offline():
    kept, dropped = _checked(40), _checked(40)
    moderation_recheck_due(now=NOW)
    moderator = ModeratorFactory()
    services.moderation_item_publish(
        item=ModerationItem.objects.get(resource=kept), moderator=moderator
    )
    kept.refresh_from_db()
    assert kept.status == Status.PUBLISHED
    assert kept.checked_at > NOW - timedelta(minutes=1)
    services.moderation_item_reject(
        item=ModerationItem.objects.get(resource=dropped),
        moderator=moderator,
        message="De link werkt niet meer.",
    )
    dropped.refresh_from_db()
    assert dropped.status == Status.REJECTED
    # Freshly checked: not due again.
    assert moderation_recheck_due(now=NOW) == 0


def test_an_edit_takes_over_an_open_recheck():
    resource = _checked(1000)
    moderation_recheck_due(now=NOW)
    item = services.moderation_item_open(
        resource=resource, reason=Reason.EDIT, proposed={"title": "Nieuw"}
    )
    assert ModerationItem.objects.filter(resource=resource).count() == 1
    assert (item.reason, item.proposed) == (Reason.EDIT, {"title": "Nieuw"})
