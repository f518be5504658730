"""Who may open the queue, and how it is routed: the moderator's own items first."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.timesince import timesince
from tests.factories import (
    MemberFactory,
    ModerationItemFactory,
    ModeratorFactory,
    StaffFactory,
)

from staffroom.curriculum.models import Level, Subject
from staffroom.moderation.models import ModerationItem
from staffroom.moderation.queries import queue_for_moderator, queue_position

pytestmark = pytest.mark.django_db


def _item(levels, subjects=("fl-wis",), *, age: timedelta, **kwargs) -> ModerationItem:
    item = ModerationItemFactory(
        resource__levels=list(levels), resource__subjects=list(subjects), **kwargs
    )
    # Half a minute more, so that the age shown cannot tick over while the test runs.
    age += timedelta(seconds=30)
    ModerationItem.objects.filter(pk=item.pk).update(created_at=timezone.now() - age)
    item.refresh_from_db()
    return item


@pytest.mark.parametrize(
    "url",
    [
        reverse("moderation:queue"),
        "/moderation/items/1/",
    ],
)
def test_a_visitor_is_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]


def test_a_teacher_gets_403_everywhere_in_moderation(client):
    item = ModerationItemFactory()
    client.force_login(MemberFactory())
    assert client.get(reverse("moderation:queue")).status_code == 403
    assert client.get(reverse("moderation:item", args=[item.pk])).status_code == 403
    response = client.post(
        reverse("moderation:item", args=[item.pk]), {"action": "publish", "title": "x"}
    )
    assert response.status_code == 403
    assert client.post(reverse("moderation:take", args=[item.pk])).status_code == 403
    assert client.post(reverse("moderation:rerun_checks", args=[item.pk])).status_code == 403
    item.refresh_from_db()
    assert item.is_open
    assert item.taken_by is None


def test_moderators_and_staff_open_the_queue(client):
    for member in (ModeratorFactory(), StaffFactory()):
        client.force_login(member)
        assert client.get(reverse("moderation:queue")).status_code == 200


def test_an_unknown_item_is_404(client):
    client.force_login(ModeratorFactory())
    assert client.get(reverse("moderation:item", args=[424242])).status_code == 404
    assert client.post(reverse("moderation:take", args=[424242])).status_code == 404


def test_the_queue_shows_the_moderators_items_first_each_with_its_age(client):
    moderator = ModeratorFactory(levels=[Level.objects.get(code="fl-lo")])
    old_other = _item(["fl-so-1g"], age=timedelta(days=9))
    old_mine = _item(["fl-lo-3"], age=timedelta(days=3, hours=2))
    crosswalked_mine = _item(["nl-po-7"], age=timedelta(hours=5))
    new_other = _item(["fl-ko-2"], age=timedelta(minutes=10))
    client.force_login(moderator)
    response = client.get(reverse("moderation:queue"))
    assert response.context["mine"] == [old_mine, crosswalked_mine]
    assert response.context["others"] == [old_other, new_other]
    page = response.content.decode()
    # Mine come before the others on the page too.
    assert page.index(old_mine.resource.title) < page.index(old_other.resource.title)
    with translation.override("en"):
        for item in (old_other, old_mine, crosswalked_mine, new_other):
            assert timesince(item.created_at) in page


def test_routing_by_subject_and_by_sub_level(client):
    moderator = ModeratorFactory(subjects=[Subject.objects.get(code="fl-fra")])
    french = _item(["fl-so-1g"], ["nl-fa"], age=timedelta(days=1))
    maths = _item(["fl-so-1g"], ["fl-wis"], age=timedelta(days=2))
    queue = list(queue_for_moderator(moderator))
    assert [(item, item.is_mine) for item in queue] == [(french, True), (maths, False)]


def test_a_moderator_without_levels_or_subjects_sees_everything_as_others(client):
    moderator = ModeratorFactory()
    first = _item(["fl-lo-3"], age=timedelta(days=2))
    second = _item(["fl-so-1g"], age=timedelta(days=1))
    client.force_login(moderator)
    response = client.get(reverse("moderation:queue"))
    assert response.context["mine"] == []
    assert response.context["others"] == [first, second]


def test_decided_items_leave_the_queue_and_positions_follow_age():
    first = _item(["fl-lo-3"], age=timedelta(days=3))
    second = _item(["fl-lo-3"], age=timedelta(days=2))
    third = _item(["fl-lo-3"], age=timedelta(days=1))
    assert [queue_position(item) for item in (first, second, third)] == [1, 2, 3]
    ModerationItem.objects.filter(pk=first.pk).update(decision="publish")
    assert list(queue_for_moderator(ModeratorFactory())) == [second, third]
    assert queue_position(third) == 2


def test_a_new_submission_is_routed_to_the_matching_moderator_only(
    django_capture_on_commit_callbacks,
):
    from staffroom.moderation.services import moderation_item_open

    primary = ModeratorFactory(levels=[Level.objects.get(code="nl-po")])
    secondary = ModeratorFactory(levels=[Level.objects.get(code="fl-so")])
    item = _item(["fl-lo-3"], age=timedelta(0))
    with django_capture_on_commit_callbacks(execute=True):
        moderation_item_open(resource=item.resource, reason="new")
    assert [i.is_mine for i in queue_for_moderator(primary)] == [True]
    assert [i.is_mine for i in queue_for_moderator(secondary)] == [False]


def test_the_queue_filters_by_reason_and_pages_fifty_at_a_time(client):
    moderator = ModeratorFactory(levels=[Level.objects.get(code="fl-lo")])
    new = _item(["fl-lo-3"], age=timedelta(days=1))
    recheck = _item(["fl-lo-3"], age=timedelta(hours=2), reason="recheck")
    client.force_login(moderator)
    response = client.get(reverse("moderation:queue"), {"reason": "recheck"})
    assert response.context["mine"] == [recheck]
    assert response.context["mine_total"] == 1
    # An unknown reason shows everything rather than an error.
    response = client.get(reverse("moderation:queue"), {"reason": "bogus"})
    assert response.context["mine"] == [new, recheck]

    for _ in range(50):
        _item(["nl-vo"], age=timedelta(minutes=1))
    first = client.get(reverse("moderation:queue"))
    assert len(first.context["mine"]) + len(first.context["others"]) == 50
    assert first.context["others_total"] == 50
    second = client.get(reverse("moderation:queue"), {"page": "2"})
    assert len(second.context["others"]) == 2


def test_a_moderator_never_sees_or_decides_their_own_contribution(client):
    from django.core.exceptions import PermissionDenied

    from staffroom.moderation.services import moderation_item_publish

    moderator = ModeratorFactory(levels=[Level.objects.get(code="fl-lo")])
    own = _item(["fl-lo-3"], age=timedelta(hours=1), resource__contributor=moderator)
    other = _item(["fl-lo-3"], age=timedelta(hours=2))
    assert list(queue_for_moderator(moderator)) == [other]
    with pytest.raises(PermissionDenied):
        moderation_item_publish(item=own, moderator=moderator)
    client.force_login(moderator)
    response = client.post(reverse("moderation:item", args=[own.pk]), {"action": "publish"})
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.is_open
