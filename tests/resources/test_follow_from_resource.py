"""Following from a resource's page: the button sits next to "Shared by", follows the teacher
(or the partner organisation the resource is published under), works without JavaScript (a
POST and back to the page), and asks visitors to log in."""

import html
import re

import pytest
from django.urls import reverse
from tests.factories import MemberFactory, OrganisationFactory, ResourceFactory

from staffroom.accounts.models import Follow

pytestmark = pytest.mark.django_db


def shared_by(client, resource) -> str:
    page = client.get(resource.get_absolute_url()).content.decode()
    return re.search(r'<div class="meta shared-by">(.*?)</div>', page, re.S).group(1)


def test_a_member_follows_the_contributor_from_the_resource_page(client):
    contributor = MemberFactory(name="An Peeters")
    resource = ResourceFactory(contributor=contributor)
    reader = MemberFactory()
    client.force_login(reader)
    line = shared_by(client, resource)
    action = reverse("accounts:follow", args=["member", contributor.pk])
    assert f'action="{action}"' in line and "Follow" in line
    response = client.post(action, {"action": "follow", "next": resource.get_absolute_url()})
    assert response.status_code == 302 and response["Location"] == resource.get_absolute_url()
    assert Follow.objects.filter(follower=reader, member=contributor).exists()
    assert "Unfollow" in shared_by(client, resource)


def test_a_partner_resource_follows_the_organisation(client):
    organisation = OrganisationFactory(name="Rekenmuseum")
    resource = ResourceFactory(organisation=organisation)
    reader = MemberFactory()
    client.force_login(reader)
    line = shared_by(client, resource)
    action = reverse("accounts:follow", args=["organisation", organisation.slug])
    assert "Rekenmuseum" in line and f'action="{action}"' in line
    client.post(action, {"action": "follow", "next": resource.get_absolute_url()})
    assert Follow.objects.filter(follower=reader, organisation=organisation).exists()


def test_visitors_are_asked_to_log_in_and_contributors_see_no_button(client):
    resource = ResourceFactory()
    line = html.unescape(shared_by(client, resource))
    login = reverse("account_login")
    assert f'href="{login}?next={resource.get_absolute_url()}"' in line and "<form" not in line
    client.force_login(resource.contributor)
    line = shared_by(client, resource)
    assert "Follow" not in line and "<form" not in line
