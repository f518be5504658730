"""The pages where partner organisations make and revoke API tokens."""

import hashlib

import pytest

from staffroom.api.models import ApiToken
from staffroom.api.services import api_token_create
from tests.factories import MemberFactory, OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db

URL = "/api/tokens/"


def test_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_members_without_an_organisation_may_not(client):
    client.force_login(MemberFactory())
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"name": "x"}).status_code == 403


def test_a_partner_makes_a_token_and_sees_its_key_once(client, partner, organisation):
    client.force_login(partner)
    response = client.post(URL, {"name": "Catalogus", "organisation": organisation.pk})
    assert response.status_code == 200
    key = response.context["key"]
    assert key.startswith("sr_") and len(key) > 40
    assert key in response.content.decode()
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    token = ApiToken.objects.get()
    # Only the hash is kept, and a prefix to recognise the token by.
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in (token.key_hash, token.prefix)
    assert key.startswith(token.prefix)
    assert token.created_by == partner and token.organisation == organisation
    # Shown once: the list shows the prefix, never the key.
    page = client.get(URL).content.decode()
    assert key not in page
    assert token.prefix in page
    assert "Catalogus" in page


def test_a_token_needs_a_name_and_one_of_ones_own_organisations(client, partner):
    client.force_login(partner)
    response = client.post(URL, {"name": "", "organisation": partner.organisations.get().pk})
    assert response.context["form"].errors["name"]
    other = OrganisationFactory()
    response = client.post(URL, {"name": "Ander", "organisation": other.pk})
    assert response.context["form"].errors["organisation"]
    assert not ApiToken.objects.exists()


def test_revoking(client, partner, token_and_key, auth):
    token, _key = token_and_key
    client.force_login(partner)
    response = client.post(f"/api/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == partner
    assert "Revoked on" in client.get(URL).content.decode()
    client.logout()
    answer = client.patch(
        "/api/v1/resources/1", "{}", content_type="application/json", headers=auth
    )
    assert answer.status_code == 401


def test_partners_see_and_revoke_only_their_organisations_tokens(client, partner, token_and_key):
    outsider_org = OrganisationFactory()
    outsider = MemberFactory()
    outsider.organisations.add(outsider_org)
    theirs, _ = api_token_create(member=outsider, organisation=outsider_org, name="Van hen")
    client.force_login(partner)
    assert list(client.get(URL).context["tokens"]) == [token_and_key[0]]
    assert client.post(f"/api/tokens/{theirs.pk}/revoke/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_staff_see_all_tokens_and_may_revoke_them(client, token_and_key):
    staff = StaffFactory()
    client.force_login(staff)
    response = client.get(URL)
    assert response.status_code == 200
    assert list(response.context["tokens"]) == [token_and_key[0]]
    assert response.context["can_create"] is False
    client.post(f"/api/tokens/{token_and_key[0].pk}/revoke/")
    token_and_key[0].refresh_from_db()
    assert token_and_key[0].revoked_at is not None
