"""Following teachers, partner organisations and subjects, and the personal feed it fills."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from tests.factories import (
    DraftFactory,
    MemberFactory,
    ModerationItemFactory,
    ModeratorFactory,
    OrganisationFactory,
    ResourceFactory,
)

from staffroom.accounts import queries
from staffroom.accounts.models import Follow
from staffroom.accounts.services import follow_create, follow_delete
from staffroom.curriculum.models import Subject
from staffroom.moderation.models import Reason
from staffroom.moderation.services import moderation_item_publish
from staffroom.notifications.models import Notification
from staffroom.resources.models import Resource, Status

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _subject(code: str) -> Subject:
    return Subject.objects.get(code=code)


def _follow_url(kind: str, key) -> str:
    return reverse("accounts:follow", args=[kind, str(key)])


def test_a_member_follows_and_unfollows_a_colleague_from_their_profile(client):
    me, colleague = MemberFactory(), MemberFactory(name="Ann Peeters")
    client.force_login(me)
    profile = colleague.get_absolute_url()
    page = client.get(profile)
    assert page.context["followers"] == 0
    assert f'action="{_follow_url("member", colleague.pk)}"' in page.content.decode()
    assert "0 followers" in page.content.decode()

    response = client.post(_follow_url("member", colleague.pk), {"next": profile})
    assert response.status_code == 302 and response.url == profile
    assert Follow.objects.filter(follower=me, member=colleague).count() == 1
    # A second click (or a second tab) changes nothing.
    client.post(_follow_url("member", colleague.pk), {"next": profile})
    assert Follow.objects.filter(follower=me, member=colleague).count() == 1
    page = client.get(profile).content.decode()
    assert "1 follower" in page and 'value="unfollow"' in page

    client.post(_follow_url("member", colleague.pk), {"action": "unfollow", "next": profile})
    assert not Follow.objects.filter(follower=me).exists()
    assert client.get(profile).context["followers"] == 0


def test_organisations_and_subjects_are_followed_from_their_pages(client):
    me = MemberFactory(region="nl")
    organisation = OrganisationFactory(name="Uitgeverij Krijt")
    client.force_login(me)
    organisation_page = reverse("accounts:organisation", args=[organisation.slug])
    assert 'value="follow"' in client.get(organisation_page).content.decode()
    client.post(_follow_url("organisation", organisation.slug), {"next": organisation_page})
    assert client.get(organisation_page).context["followers"] == 1

    # The browse page filtered on a subject offers to follow that subject, named as the
    # viewer's region names it, and brings the member back to the whole page (not the
    # fragment that live filtering fetched).
    fragment = client.get(reverse("resources:browse"), {"subject": "fl-wis", "fragment": "results"})
    html = fragment.content.decode()
    assert _follow_url("subject", "fl-wis") in html
    assert "Follow Mathematics" in html
    assert 'name="next" value="/resources/?subject=fl-wis"' in html
    response = client.post(_follow_url("subject", "fl-wis"), {"next": "/resources/?subject=fl-wis"})
    assert response.url == "/resources/?subject=fl-wis"
    assert "Unfollow Mathematics" in client.get("/resources/?subject=fl-wis").content.decode()
    unfiltered = client.get(reverse("resources:browse"))
    assert unfiltered.context["follow_subject"] is None
    assert _follow_url("subject", "fl-wis") not in unfiltered.content.decode()

    following = client.get(reverse("accounts:following"))
    assert following.context["following"].organisations == [organisation]
    assert [s.code for s in following.context["following"].subjects] == ["fl-wis"]
    assert "Uitgeverij Krijt" in following.content.decode()


def test_no_one_follows_themselves(client):
    me = MemberFactory()
    with pytest.raises(ValidationError):
        follow_create(follower=me, target=me)
    client.force_login(me)
    response = client.post(_follow_url("member", me.pk), follow=True)
    assert "You cannot follow yourself." in response.content.decode()
    assert not Follow.objects.exists()
    # Nor is there a button on one's own profile; the database refuses it too.
    assert 'value="follow"' not in client.get(me.get_absolute_url()).content.decode()
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(follower=me, member=me)


def test_a_follow_has_exactly_one_target():
    me, other = MemberFactory(), MemberFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(follower=me)
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(follower=me, member=other, subject=_subject("fl-wis"))
    with pytest.raises(TypeError):
        follow_create(follower=me, target=ResourceFactory())


def test_following_needs_a_login_a_post_and_a_real_target(client):
    colleague = MemberFactory()
    page = client.get(colleague.get_absolute_url()).content.decode()
    login = f'href="{reverse("account_login")}?next={colleague.get_absolute_url()}"'
    assert login in page
    assert 'value="follow"' not in page
    response = client.post(_follow_url("member", colleague.pk))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    client.force_login(MemberFactory())
    assert client.get(_follow_url("member", colleague.pk)).status_code == 405
    for kind, key in (
        ("member", "987654"),
        ("member", "99999999999999999999"),
        ("member", "abc"),
        ("organisation", "nobody"),
        ("subject", "no-such-subject"),
        ("resource", "1"),
    ):
        assert client.post(_follow_url(kind, key)).status_code == 404
    assert client.post(_follow_url("member", MemberFactory(is_active=False).pk)).status_code == 404
    # Only addresses on this site are followed back.
    response = client.post(_follow_url("member", colleague.pk), {"next": "https://evil.example/"})
    assert response.url == colleague.get_absolute_url()
    assert follow_delete(follower=colleague, target=colleague) is False


def _published(days_ago: float, **kwargs) -> Resource:
    return ResourceFactory(published_at=NOW - timedelta(days=days_ago), **kwargs)


def test_the_feed_shows_what_is_new_from_everything_followed_newest_first(client):
    me = MemberFactory()
    teacher, stranger = MemberFactory(), MemberFactory()
    organisation = OrganisationFactory()
    follow_create(follower=me, target=teacher)
    follow_create(follower=me, target=organisation)
    # A followed subject covers its sub-subjects and the Dutch crosswalked subjects.
    follow_create(follower=me, target=_subject("fl-natw"))

    by_teacher = _published(1, contributor=teacher, subjects=["fl-wis"])
    for_organisation = _published(3, contributor=stranger, organisation=organisation)
    in_biology = _published(2, contributor=stranger, subjects=["fl-bio"])
    dutch_science = _published(5, contributor=stranger, subjects=["nl-mn"])
    old_by_teacher = _published(40, contributor=teacher)
    # Not in the feed: unpublished, unrelated, and one's own work in a followed subject.
    ResourceFactory(contributor=teacher, status=Status.PENDING, published_at=None)
    DraftFactory(contributor=teacher)
    _published(0.5, contributor=stranger, subjects=["fl-wis"])
    _published(0.5, contributor=me, subjects=["fl-natw"])

    client.force_login(me)
    response = client.get(reverse("accounts:feed"))
    assert [entry.item for entry in response.context["page"]] == [
        by_teacher,
        in_biology,
        for_organisation,
        dutch_science,
        old_by_teacher,
    ]
    html = response.content.decode()
    assert by_teacher.title in html and 'class="card"' in html


def test_the_feed_is_paginated_and_empty_until_one_follows(client, django_assert_max_num_queries):
    me, teacher = MemberFactory(), MemberFactory()
    client.force_login(me)
    empty = client.get(reverse("accounts:feed"))
    assert list(empty.context["page"]) == []
    assert "Nothing here yet" in empty.content.decode()

    resources = [_published(day, contributor=teacher) for day in range(25)]
    follow_create(follower=me, target=teacher)
    first = client.get(reverse("accounts:feed"))
    assert [entry.item for entry in first.context["page"]] == resources[:20]
    second = client.get(reverse("accounts:feed"), {"page": "2"})
    assert [entry.item for entry in second.context["page"]] == resources[20:]
    assert client.get(reverse("accounts:feed"), {"page": "x"}).context["page"].number == 1
    # Cards come in a fixed number of queries, however many there are.
    with django_assert_max_num_queries(25):
        client.get(reverse("accounts:feed"))


def test_the_feed_needs_a_login_and_is_linked_in_the_header(client):
    response = client.get(reverse("accounts:feed"))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert reverse("accounts:feed") not in client.get(reverse("home")).content.decode()
    client.force_login(MemberFactory())
    assert f'href="{reverse("accounts:feed")}"' in client.get(reverse("home")).content.decode()


def test_other_apps_add_their_items_to_the_feed(monkeypatch):
    """A source registered by another app (the forum) is merged with resources by date."""
    me, teacher = MemberFactory(), MemberFactory()
    follow_create(follower=me, target=teacher)
    newer, older = _published(1, contributor=teacher), _published(9, contributor=teacher)
    colleague = MemberFactory()
    monkeypatch.setattr(queries, "FEED_SOURCES", dict(queries.FEED_SOURCES))

    def members_joined(member, followed):
        assert followed.member_ids == {teacher.pk}
        return type(colleague).objects.filter(pk=colleague.pk).order_by("-date_joined")

    type(colleague).objects.filter(pk=colleague.pk).update(date_joined=NOW - timedelta(days=5))
    queries.register_feed_source(
        "joined", items=members_joined, date_field="date_joined", template="x.html"
    )
    feed = queries.feed_for(me)
    assert len(feed) == 3
    entries = feed[0:3]
    assert [entry.item.pk for entry in entries] == [newer.pk, colleague.pk, older.pk]
    assert [entry.template for entry in entries][1] == "x.html"
    assert [entry.item.pk for entry in feed[1:2]] == [colleague.pk]


def _publish(item, moderator=None):
    moderation_item_publish(item=item, moderator=moderator or ModeratorFactory())


def test_publishing_tells_each_follower_once_and_never_the_contributor(
    django_capture_on_commit_callbacks,
):
    contributor = MemberFactory(name="Ann Peeters")
    organisation = OrganisationFactory(name="Uitgeverij Krijt")
    item = ModerationItemFactory(
        resource__title="Fotosynthese",
        resource__contributor=contributor,
        resource__organisation=organisation,
        resource__subjects=["fl-bio"],
    )
    of_everything = MemberFactory()
    for target in (contributor, organisation, _subject("fl-natw")):
        follow_create(follower=of_everything, target=target)
    of_the_organisation = MemberFactory()
    follow_create(follower=of_the_organisation, target=organisation)
    dutch_biology = MemberFactory(region="nl")
    follow_create(follower=dutch_biology, target=_subject("nl-bio"))
    of_mathematics = MemberFactory()
    follow_create(follower=of_mathematics, target=_subject("fl-wis"))
    gone = MemberFactory()
    follow_create(follower=gone, target=contributor)
    gone.is_active = False
    gone.save()
    # The contributor follows the subject they teach: not told about their own resource.
    follow_create(follower=contributor, target=_subject("fl-bio"))

    with django_capture_on_commit_callbacks(execute=True):
        _publish(item)
    notices = Notification.objects.filter(kind="followed_published")
    assert sorted(notices.values_list("member_id", flat=True)) == sorted(
        [of_everything.pk, of_the_organisation.pk, dutch_biology.pk]
    )
    notice = notices.get(member=of_everything)
    assert str(notice) == "New from Uitgeverij Krijt: “Fotosynthese”"
    assert notice.url == item.resource.get_absolute_url()

    # Running the fan-out again (a retried task) tells nobody twice.
    from staffroom.resources.tasks import notify_followers_of_publication

    assert notify_followers_of_publication.call(item.resource_id) == 0
    assert notices.count() == 3


def test_only_new_publications_are_announced(django_capture_on_commit_callbacks):
    contributor, follower = MemberFactory(), MemberFactory()
    follow_create(follower=follower, target=contributor)
    resource = ResourceFactory(contributor=contributor)
    edit = ModerationItemFactory(resource=resource, reason=Reason.EDIT)
    with django_capture_on_commit_callbacks(execute=True):
        _publish(edit)
    assert not Notification.objects.filter(kind="followed_published").exists()
    # A resource that is no longer published is not announced by a late task.
    from staffroom.resources.tasks import notify_followers_of_publication

    withdrawn = ResourceFactory(contributor=contributor, status=Status.WITHDRAWN)
    assert notify_followers_of_publication.call(withdrawn.pk) == 0
