"""Notices by mail: at once, in a daily digest or never, as each member chooses; in the
member's language, each notice mailed once, every mail with a way to change or stop it."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language

from staffroom.notifications import messages
from staffroom.notifications.models import Notification
from staffroom.notifications.services import (
    notifications_mail_digest,
    notifications_mark_read,
    notify,
)
from staffroom.notifications.tasks import mail_digests, mail_notification
from staffroom.site.schedule import SCHEDULE
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

SETTINGS_URL = settings.SITE_URL + "/profile/"


def _rated(member, title="Breuken", url="/resources/7/breuken/", **kwargs):
    return notify(
        member=member,
        kind="resource_rated",
        params={"member": "Ann", "title": title, "stars": 5},
        url=url,
        **kwargs,
    )


def _to(member) -> list:
    return [message for message in mail.outbox if message.to == [member.email]]


def test_members_who_want_it_at_once_are_mailed_each_notice_once(
    django_capture_on_commit_callbacks,
):
    member = MemberFactory(notification_mail="at_once", name="Bert Claes")
    with django_capture_on_commit_callbacks(execute=True):
        notice = _rated(member, title="Breuken vergelijken")
    [message] = _to(member)
    assert message.subject == "Ann rated “Breuken vergelijken”: 5 ★"
    assert "Hello Bert Claes," in message.body
    assert f"{settings.SITE_URL}/resources/7/breuken/" in message.body
    # Every mail says where to change or stop it.
    assert SETTINGS_URL in message.body
    assert message.extra_headers["List-Unsubscribe"] == f"<{SETTINGS_URL}>"
    notice.refresh_from_db()
    assert notice.mailed_at is not None
    # A retried task sends nothing more, nor does the digest.
    assert mail_notification.call(notice.pk) is False
    assert notifications_mail_digest(member_id=member.pk) == 0
    assert len(_to(member)) == 1


def test_the_mail_is_in_the_members_language(monkeypatch, django_capture_on_commit_callbacks):
    # A sentence that says which language it was worded in.
    monkeypatch.setitem(
        messages.MESSAGES, "test_language", lambda params: f"worded in {get_language()}"
    )
    dutch = MemberFactory(notification_mail="at_once", language="nl", name="An")
    english = MemberFactory(notification_mail="at_once", language="en", name="Ed")
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        notify(member=dutch, kind="test_language", params={}, url="/")
    with django_capture_on_commit_callbacks(execute=True), translation.override("nl"):
        notify(member=english, kind="test_language", params={}, url="/")
    [to_dutch] = _to(dutch)
    [to_english] = _to(english)
    assert to_dutch.subject == "worded in nl-be"
    assert "Hallo An," in to_dutch.body and "Het Staffroomteam" in to_dutch.body
    assert to_english.subject == "worded in en"
    assert "Hello Ed," in to_english.body

    digest = MemberFactory(notification_mail="daily", language="nl", name="Dirk")
    notify(member=digest, kind="test_language", params={}, url="/")
    with translation.override("en"):
        assert notifications_mail_digest(member_id=digest.pk) == 1
    [message] = _to(digest)
    assert "worded in nl-be" in message.body and "Hallo Dirk," in message.body


def test_a_daily_digest_groups_the_notices_since_the_last_one_and_never_repeats_them():
    now = timezone.now()
    member = MemberFactory()
    assert member.notification_mail == "daily"  # the default
    first = _rated(member, title="Eerste", url="/resources/1/eerste/")
    second = _rated(member, title="Tweede", url="/resources/2/tweede/")
    seen = _rated(member, title="Al gelezen")
    notifications_mark_read(member=member, ids=[seen.pk])
    stale = _rated(member, title="Van lang geleden")
    Notification.objects.filter(pk=stale.pk).update(created_at=now - timedelta(days=30))
    other = MemberFactory()
    _rated(other, title="Voor iemand anders")
    assert not mail.outbox  # nothing is mailed at once to digest members

    assert mail_digests.call() == 2
    [message] = _to(member)
    assert message.subject == "Staffroom: 2 new notifications"
    body = message.body
    # Newest first, each with its link on this site.
    assert body.index("Tweede") < body.index("Eerste")
    assert f"{settings.SITE_URL}/resources/1/eerste/" in body
    # What was read in the app, or is weeks old, is not news any more.
    assert "Al gelezen" not in body and "Van lang geleden" not in body
    assert SETTINGS_URL in body
    assert message.extra_headers["List-Unsubscribe"] == f"<{SETTINGS_URL}>"
    assert len(_to(other)) == 1
    assert not member.notifications.filter(mailed_at=None).exists()

    # The next digest has only what came after this one; none when nothing came.
    mail.outbox.clear()
    assert mail_digests.call() == 0
    assert not mail.outbox
    third = _rated(member, title="Derde")
    assert mail_digests.call() == 1
    [message] = _to(member)
    assert message.subject == "Staffroom: 1 new notification"
    assert "Derde" in message.body and "Eerste" not in message.body
    assert {first.pk, second.pk, third.pk} <= set(
        member.notifications.exclude(mailed_at=None).values_list("pk", flat=True)
    )


def test_a_long_digest_lists_the_newest_and_points_to_the_rest(monkeypatch):
    from staffroom.notifications import services

    monkeypatch.setattr(services, "DIGEST_MAX_LISTED", 2)
    member = MemberFactory()
    for number in range(5):
        _rated(member, title=f"Werkblad {number}")
    assert notifications_mail_digest(member_id=member.pk) == 5
    [message] = _to(member)
    assert "Werkblad 4" in message.body and "Werkblad 3" in message.body
    assert "Werkblad 0" not in message.body
    assert "And 3 more in your notifications:" in message.body
    assert settings.SITE_URL + reverse("notifications:inbox") in message.body


def test_members_who_want_no_mail_get_none(django_capture_on_commit_callbacks):
    member = MemberFactory(notification_mail="never")
    with django_capture_on_commit_callbacks(execute=True):
        notice = _rated(member)
    mail_digests.call()
    assert not mail.outbox
    # Still in the app.
    assert member.notifications.get() == notice
    # Choosing a digest later does not bring back what came before.
    member.notification_mail = "daily"
    member.save()
    assert mail_digests.call() == 0


def test_saved_search_matches_are_not_mailed_a_second_time(django_capture_on_commit_callbacks):
    """search/tasks.py mails those itself; here they stay in the app only."""
    at_once = MemberFactory(notification_mail="at_once")
    daily = MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for member in (at_once, daily):
            notify(
                member=member,
                kind="saved_search_match",
                params={"query": "breuken", "title": "Breuken"},
                url="/resources/1/breuken/",
            )
        # Any caller that mails a notice itself says so.
        _rated(at_once, mail=False)
    assert mail_digests.call() == 0
    assert not mail.outbox


def test_a_member_who_switches_to_the_digest_gets_a_pending_notice_there(
    django_capture_on_commit_callbacks,
):
    member = MemberFactory(notification_mail="at_once")
    with django_capture_on_commit_callbacks() as callbacks:
        notice = _rated(member)
    member.notification_mail = "daily"
    member.save()
    for callback in callbacks:
        callback()
    assert not mail.outbox
    notice.refresh_from_db()
    assert notice.mailed_at is None
    assert mail_digests.call() == 1
    assert len(_to(member)) == 1


def test_inactive_members_get_no_mail(django_capture_on_commit_callbacks):
    daily = MemberFactory()
    _rated(daily)
    daily.is_active = False
    daily.save()
    assert mail_digests.call() == 0
    at_once = MemberFactory(notification_mail="at_once")
    with django_capture_on_commit_callbacks() as callbacks:
        _rated(at_once)
    at_once.is_active = False
    at_once.save()
    for callback in callbacks:
        callback()
    assert not mail.outbox


def test_the_digest_is_scheduled_daily():
    task_path, interval = SCHEDULE["notifications-digest"]
    assert task_path == "staffroom.notifications.tasks.mail_digests"
    assert interval == timedelta(days=1)


def test_members_choose_in_their_settings(client):
    member = MemberFactory(region="fl")
    client.force_login(member)
    page = client.get(reverse("accounts:profile_edit")).content.decode()
    assert 'name="notification_mail" value="at_once"' in page
    assert 'name="notification_mail" value="never"' in page
    data = {"name": member.name, "region": "fl", "language": "en"}
    client.post(reverse("accounts:profile_edit"), {**data, "notification_mail": "never"})
    member.refresh_from_db()
    assert member.notification_mail == "never"
    # Left out of a post, the choice stays; a made-up one is refused.
    client.post(reverse("accounts:profile_edit"), data)
    member.refresh_from_db()
    assert member.notification_mail == "never"
    response = client.post(
        reverse("accounts:profile_edit"), {**data, "notification_mail": "hourly"}
    )
    assert response.status_code == 200
    assert "notification_mail" in response.context["form"].errors
