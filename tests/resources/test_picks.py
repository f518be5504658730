"""Moderators' picks: a moderator recommends a colleague's published resource."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from tests.factories import MemberFactory, ModeratorFactory, ResourceFactory

from staffroom.resources.services import resource_set_pick

pytestmark = pytest.mark.django_db


def test_a_moderator_picks_and_unpicks_from_the_resource_page(client):
    resource = ResourceFactory()
    moderator = ModeratorFactory()
    client.force_login(moderator)
    page = client.get(resource.get_absolute_url()).content.decode()
    assert "Mark as a moderators' pick" in page
    response = client.post(reverse("resources:pick", args=[resource.pk]), {"picked": "1"})
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.picked_at is not None and resource.picked_by == moderator
    page = client.get(resource.get_absolute_url()).content.decode()
    assert "Moderators' pick" in page and "Remove from moderators' picks" in page
    client.post(reverse("resources:pick", args=[resource.pk]), {"picked": "0"})
    resource.refresh_from_db()
    assert resource.picked_at is None and resource.picked_by is None


def test_teachers_cannot_pick(client):
    resource = ResourceFactory()
    client.force_login(MemberFactory())
    assert "moderators' pick" not in client.get(resource.get_absolute_url()).content.decode()
    response = client.post(reverse("resources:pick", args=[resource.pk]), {"picked": "1"})
    assert response.status_code == 403
    resource.refresh_from_db()
    assert resource.picked_at is None
    with pytest.raises(PermissionDenied):
        resource_set_pick(resource=resource, moderator=MemberFactory(), picked=True)


def test_not_ones_own_and_not_an_unpublished_resource(client):
    moderator = ModeratorFactory()
    own = ResourceFactory(contributor=moderator)
    with pytest.raises(ValidationError):
        resource_set_pick(resource=own, moderator=moderator, picked=True)
    pending = ResourceFactory(status="pending")
    client.force_login(moderator)
    response = client.post(
        reverse("resources:pick", args=[pending.pk]), {"picked": "1"}, follow=True
    )
    assert "Only published resources can be picked." in response.content.decode()
    pending.refresh_from_db()
    assert pending.picked_at is None
