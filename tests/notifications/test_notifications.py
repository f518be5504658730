"""In-app notices: listed newest first, worded in the reader's language, marked read."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from staffroom.notifications import messages
from staffroom.notifications.models import Notification
from staffroom.notifications.services import (
    notifications_mark_read,
    notifications_prune,
    notify,
)
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _notice(member, title="Breuken", url="/resources/1/breuken/"):
    return notify(
        member=member,
        kind="saved_search_match",
        params={"query": "breuken", "title": title},
        url=url,
    )


def test_the_header_counts_unread_notices_and_the_inbox_lists_them(client):
    member = MemberFactory()
    _notice(member, "Eerste")
    _notice(member, "Tweede")
    _notice(MemberFactory(), "Van iemand anders")
    client.force_login(member)
    page = client.get(reverse("home")).content.decode()
    assert 'class="unread-count"' in page
    inbox = client.get(reverse("notifications:inbox"))
    assert [n.params["title"] for n in inbox.context["page"]] == ["Tweede", "Eerste"]
    client.post(reverse("notifications:inbox"))
    assert not member.notifications.filter(read_at__isnull=True).exists()
    assert 'class="unread-count"' not in client.get(reverse("home")).content.decode()


def test_a_notice_is_worded_when_read_in_the_readers_language():
    notice = _notice(MemberFactory())
    with translation.override("nl"):
        assert str(notice).startswith("Nieuw voor je bewaarde zoekopdracht")
    with translation.override("en"):
        assert str(notice).startswith("New for your saved search")


def test_only_ones_own_notices_open_and_only_to_this_site(client):
    member = MemberFactory()
    foreign = _notice(MemberFactory())
    outside = _notice(member, url="//example.com/phish")
    client.force_login(member)
    response = client.get(reverse("notifications:open", args=[foreign.pk]))
    assert response.url == reverse("notifications:inbox")
    foreign.refresh_from_db()
    assert foreign.read_at is None
    response = client.get(reverse("notifications:open", args=[outside.pk]))
    assert response.url == reverse("notifications:inbox")


def test_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_unknown_kinds_are_refused_and_old_read_notices_pruned():
    member = MemberFactory()
    with pytest.raises(ValueError):
        notify(member=member, kind="nope", params={})
    old = _notice(member)
    Notification.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timezone.timedelta(days=400)
    )
    unread_old = _notice(member)
    Notification.objects.filter(pk=unread_old.pk).update(
        created_at=timezone.now() - timezone.timedelta(days=400)
    )
    notifications_mark_read(member=member, ids=[old.pk])
    assert notifications_prune() == 1
    assert list(member.notifications.values_list("pk", flat=True)) == [unread_old.pk]


@pytest.fixture
def test_kind():
    yield "test_kind"
    messages.MESSAGES.pop("test_kind", None)


def test_apps_register_the_sentences_of_their_own_kinds(test_kind):
    """A kind nobody registered is refused; a registered one reads as its app words it
    (recognition registers its badges, named in the reader's language)."""
    member = MemberFactory()
    with pytest.raises(ValueError):
        notify(member=member, kind=test_kind, params={"title": "Breuken"})
    messages.register_message(test_kind, "Nieuw: %(title)s")
    assert str(notify(member=member, kind=test_kind, params={"title": "Breuken"})) == (
        "Nieuw: Breuken"
    )
    badge = notify(member=member, kind="badge_earned", params={"badge": "first-resource"})
    with translation.override("en"):
        assert str(badge) == "You earned a badge: First resource shared"
