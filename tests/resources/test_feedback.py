"""Ratings and replies: colleagues rate and reply; the people behind a resource are told."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from tests.factories import MemberFactory, OrganisationFactory, ResourceFactory

from staffroom.accounts.models import OrganisationMembership
from staffroom.curriculum.models import Level
from staffroom.resources.feedback import rating_remove, rating_set, reply_post
from staffroom.resources.models import Rating, Reply
from staffroom.search.backends import get_backend
from staffroom.search.backends.base import SearchRequest

pytestmark = pytest.mark.django_db


def test_ratings_keep_the_average_and_count_and_reach_the_index(
    client, django_capture_on_commit_callbacks
):
    resource = ResourceFactory(title="Breuken met pizza")
    first, second = MemberFactory(), MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        rating_set(member=first, resource=resource, stars=5)
        rating_set(member=second, resource=resource, stars=2)
    resource.refresh_from_db()
    assert (resource.rating_average, resource.rating_count) == (3.5, 2)
    # Rating again changes the member's rating rather than adding one.
    with django_capture_on_commit_callbacks(execute=True):
        rating_set(member=second, resource=resource, stars=4)
    resource.refresh_from_db()
    assert (resource.rating_average, resource.rating_count) == (4.5, 2)
    found = get_backend().search(SearchRequest(text="pizza", min_rating=4))
    assert found.ids == [resource.pk]
    with django_capture_on_commit_callbacks(execute=True):
        rating_remove(member=first, resource=resource)
    resource.refresh_from_db()
    assert (resource.rating_average, resource.rating_count) == (4.0, 1)


def test_the_page_shows_average_count_and_where_it_was_used(client):
    resource = ResourceFactory()
    grade3 = Level.objects.get(code="fl-lo-3")
    rating_set(member=MemberFactory(), resource=resource, stars=4, used_with=grade3)
    rating_set(member=MemberFactory(), resource=resource, stars=5, used_with=grade3)
    client.force_login(MemberFactory(region="nl"))
    page = client.get(resource.get_absolute_url())
    html = page.content.decode()
    assert "★ 4.5" in html
    assert "from 2 ratings" in html
    # Used with "3de leerjaar", read by a Dutch teacher as "Group 5".
    assert "Used with: Group 5 (primary) (2)" in html


def test_a_member_rates_through_the_form_and_sees_their_rating(client):
    resource = ResourceFactory()
    member = MemberFactory()
    client.force_login(member)
    level = Level.objects.get(code="fl-lo-4")
    response = client.post(
        reverse("resources:rate", args=[resource.pk]), {"stars": "4", "used_with": level.pk}
    )
    assert response.status_code == 302
    rating = Rating.objects.get(member=member)
    assert (rating.stars, rating.used_with) == (4, level)
    page = client.get(resource.get_absolute_url()).content.decode()
    assert "Change my rating" in page
    # Nonsense is refused with a message, nothing changes.
    response = client.post(
        reverse("resources:rate", args=[resource.pk]), {"stars": "9"}, follow=True
    )
    assert "Choose from one to five stars." in response.content.decode()
    assert Rating.objects.get(member=member).stars == 4


def test_one_cannot_rate_ones_own_or_an_unpublished_resource(client):
    own = ResourceFactory()
    with pytest.raises(ValidationError):
        rating_set(member=own.contributor, resource=own, stars=5)
    draft = ResourceFactory(status="draft")
    with pytest.raises(ValidationError):
        rating_set(member=MemberFactory(), resource=draft, stars=5)
    client.force_login(own.contributor)
    assert "Your rating" not in client.get(own.get_absolute_url()).content.decode()


def test_the_contributor_and_the_organisation_hear_about_ratings_and_replies():
    partner = OrganisationFactory()
    colleague = MemberFactory()
    resource = ResourceFactory(organisation=partner)
    OrganisationMembership.objects.create(organisation=partner, member=colleague)
    rater = MemberFactory(name="Sanne de Vries")
    rating_set(member=rater, resource=resource, stars=5)
    for person in (resource.contributor, colleague):
        notice = person.notifications.get()
        assert str(notice) == f"Sanne de Vries rated “{resource.title}”: 5 ★"
    assert not rater.notifications.exists()
    reply_post(member=rater, resource=resource, body="Werkte goed in groep 5!")
    assert resource.contributor.notifications.filter(kind="resource_replied").count() == 1


def test_replies_thread_one_level_and_answers_notify_the_replier():
    resource = ResourceFactory()
    asker, answerer, third = MemberFactory(), MemberFactory(), MemberFactory()
    top = reply_post(member=asker, resource=resource, body="Hoe lang duurt dit?")
    answer = reply_post(member=answerer, resource=resource, body="Een lesuur.", parent_id=top.pk)
    deeper = reply_post(member=third, resource=resource, body="Bij mij twee.", parent_id=answer.pk)
    assert answer.parent == top and deeper.parent == top  # one level deep
    assert asker.notifications.filter(kind="reply_answered").count() == 2
    with pytest.raises(ValidationError):
        reply_post(member=asker, resource=resource, body="   ")
    with pytest.raises(ValidationError):
        reply_post(member=asker, resource=resource, body="x", parent_id=999999)


def test_a_reply_renders_markdown_safely_and_bad_input_keeps_the_text(client):
    resource = ResourceFactory()
    member = MemberFactory()
    client.force_login(member)
    response = client.post(
        reverse("resources:reply", args=[resource.pk]),
        {"body": "**Top** <script>alert(1)</script> [x](javascript:alert(1))"},
    )
    assert response.status_code == 302
    html = client.get(resource.get_absolute_url()).content.decode()
    assert "<strong>Top</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert 'href="javascript' not in html
    too_long = "a" * 10_001
    response = client.post(reverse("resources:reply", args=[resource.pk]), {"body": too_long})
    assert response.status_code == 400
    assert too_long in response.content.decode()  # what was typed is still there
    assert Reply.objects.count() == 1
