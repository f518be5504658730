"""Recognition: points come from recorded events; scores and leaderboards derive from them,
and recomputing them from the events gives exactly what was kept live."""

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from staffroom.moderation.services import moderation_item_publish
from staffroom.recognition import rules
from staffroom.recognition.models import PointEvent, Score
from staffroom.recognition.queries import badges_of, leaderboard, points_of
from staffroom.recognition.services import record, reward_grant, scores_recompute
from staffroom.resources.feedback import rating_remove, rating_set
from tests.factories import (
    MemberFactory,
    ModerationItemFactory,
    ModeratorFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


def _scores() -> dict:
    return {(s.member_id, s.period): s.points for s in Score.objects.all()}


def test_sharing_rating_and_their_undoing_add_up_and_recompute_to_the_same(settings):
    teacher = MemberFactory(region="fl")
    first = ModerationItemFactory(resource__contributor=teacher)
    moderator = ModeratorFactory()
    moderation_item_publish(item=first, moderator=moderator)
    resource = first.resource
    assert points_of(teacher) == 10
    # Publishing an edit of the same resource earns nothing more.
    edit = ModerationItemFactory(resource=resource, reason="edit")
    moderation_item_publish(item=edit, moderator=moderator)
    assert points_of(teacher) == 10

    raters = MemberFactory.create_batch(3)
    rating_set(member=raters[0], resource=resource, stars=5)  # +3
    rating_set(member=raters[1], resource=resource, stars=4)  # +2
    rating_set(member=raters[2], resource=resource, stars=1)  # +0
    assert points_of(teacher) == 15
    rating_set(member=raters[1], resource=resource, stars=3)  # changed: +1 instead of +2
    rating_remove(member=raters[0], resource=resource)  # taken back: -3
    assert points_of(teacher) == 11
    # Events from another month count towards that month and all time.
    record(
        member=teacher,
        kind=rules.ANSWER_ACCEPTED,
        subject_id=77,
        at=datetime(2025, 3, 14, 10, tzinfo=UTC),
    )
    assert points_of(teacher, "2025-03") == 15
    assert points_of(teacher) == 26

    live = _scores()
    assert scores_recompute() == len(live)
    assert _scores() == live
    # Wreck the scores: the command rebuilds them from the events.
    Score.objects.update(points=999)
    output = StringIO()
    call_command("recognition", "recompute", stdout=output)
    assert _scores() == live
    assert "Recomputed" in output.getvalue()


def test_leaderboards_per_region_and_month():
    flemish, dutch, quiet = (
        MemberFactory(region="fl", name="An"),
        MemberFactory(region="nl", name="Sanne"),
        MemberFactory(region="fl", name="Piet"),
    )
    record(member=flemish, kind=rules.RESOURCE_PUBLISHED, subject_id=1)
    record(member=flemish, kind=rules.RESOURCE_PUBLISHED, subject_id=2)
    record(member=dutch, kind=rules.RESOURCE_PUBLISHED, subject_id=3)
    record(
        member=quiet,
        kind=rules.RESOURCE_PUBLISHED,
        subject_id=4,
        at=datetime(2024, 1, 5, tzinfo=UTC),
    )
    month = datetime.now(UTC).strftime("%Y-%m")
    assert [s.member for s in leaderboard(region="fl", period=month)] == [flemish]
    assert [s.member for s in leaderboard(region="fl", period="all")] == [flemish, quiet]
    assert [s.member for s in leaderboard(region="nl", period="all")] == [dutch]


def test_the_leaderboard_page_in_both_regions(client):
    record(member=MemberFactory(region="nl", name="Sanne"), kind="resource_published", subject_id=9)
    page = client.get(reverse("recognition:leaderboards"), {"region": "nl"}).content.decode()
    assert "Sanne" in page
    assert "Sanne" not in client.get(reverse("recognition:leaderboards")).content.decode()
    assert client.get(reverse("recognition:leaderboards"), {"region": "zz"}).status_code == 200


def test_badges_at_milestones_with_a_notice():
    teacher = MemberFactory()
    for pk in range(1, 11):
        record(member=teacher, kind=rules.RESOURCE_PUBLISHED, subject_id=pk)
    assert [badge.code for badge in badges_of(teacher)] == ["first-resource", "ten-resources"]
    with translation.override("en"):
        notices = [str(n) for n in teacher.notifications.filter(kind="badge_earned")]
    assert notices == [
        "You earned a badge: Ten resources shared",
        "You earned a badge: First resource shared",
    ]


def test_staff_grant_a_reward_shown_on_the_profile(client):
    member = MemberFactory()
    client.force_login(MemberFactory())
    response = client.post(reverse("recognition:grant", args=[member.pk]), {"title": "Tickets"})
    assert response.status_code == 403
    client.force_login(StaffFactory())
    response = client.post(
        reverse("recognition:grant", args=[member.pk]), {"title": "  "}, follow=True
    )
    assert "Say what the reward is." in response.content.decode()
    client.post(
        reverse("recognition:grant", args=[member.pk]),
        {"title": "Two tickets for the book fair", "message": "Thank you for your maths sheets!"},
    )
    page = client.get(member.get_absolute_url()).content.decode()
    assert "Two tickets for the book fair" in page and "Thank you for your maths sheets!" in page
    assert member.notifications.filter(kind="reward_granted").exists()
    with pytest.raises(PermissionDenied):
        reward_grant(staff=MemberFactory(), member=member, title="x")
    assert PointEvent.objects.count() == 0  # rewards are not points
