"""Partner organisations write through the API with a token; what they send is moderated."""

import json

import pytest
from django.utils import timezone

from staffroom.api.services import api_token_create
from staffroom.moderation.models import ModerationItem, Reason
from staffroom.moderation.queries import open_items
from staffroom.resources.models import Resource, Status
from tests.factories import DraftFactory, MemberFactory, OrganisationFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def link(**overrides) -> dict:
    data = {
        "title": "Breuken op de getallenlijn",
        "description": "Een interactieve oefening om breuken op de getallenlijn te plaatsen.",
        "url": "https://example.org/breuken",
        "levels": ["fl-lo-3"],
        "subjects": ["fl-wis"],
        "type": "worksheet",
        "licence": "arr",
    }
    data.update(overrides)
    return data


def post(client, data, auth=None):
    return client.post(
        "/api/v1/resources/", json.dumps(data), content_type="application/json", headers=auth
    )


def change(client, method, resource_id, data, auth):
    return getattr(client, method)(
        f"/api/v1/resources/{resource_id}",
        json.dumps(data),
        content_type="application/json",
        headers=auth,
    )


def test_a_partner_adds_a_link_that_waits_for_moderation(client, auth, organisation, partner):
    response = post(client, link(keywords=["breuken", "Breuken", " getallenlijn "]), auth)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "pending"
    assert body["edit_pending"] is False
    resource = Resource.objects.get(pk=body["id"])
    assert resource.kind == "link"
    assert resource.organisation == organisation
    assert resource.contributor == partner
    assert resource.licence == "arr"
    assert resource.keywords == ["breuken", "getallenlijn"]
    assert [level.code for level in resource.levels.all()] == ["fl-lo-3"]
    assert resource.language == "nl"  # detected from the text
    item = open_items().get(resource=resource)
    assert item.reason == Reason.NEW
    # Not public until a moderator publishes it.
    assert client.get(f"/api/v1/resources/{resource.pk}").status_code == 404


@pytest.mark.parametrize(
    "headers",
    [
        None,
        {"Authorization": "Bearer sr_not-a-real-key"},
        {"Authorization": "Token abc"},
        {"Authorization": "Bearer " + "x" * 5000},
    ],
)
def test_writing_needs_a_valid_token(client, headers):
    response = post(client, link(), headers)
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}
    assert not Resource.objects.exists()


def test_a_revoked_token_no_longer_works(client, auth, token_and_key):
    token, _key = token_and_key
    token.revoked_at = timezone.now()
    token.save()
    assert post(client, link(), auth).status_code == 401


def test_a_token_stops_working_when_its_maker_leaves_the_organisation(
    client, auth, partner, organisation
):
    partner.organisations.remove(organisation)
    assert post(client, link(), auth).status_code == 401


def test_last_use_is_recorded(client, auth, token_and_key):
    token, _key = token_and_key
    assert token.last_used_at is None
    post(client, link(), auth)
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"description": "Te kort"}, "description"),
        ({"description": "                         x"}, "description"),
        ({"levels": []}, "levels"),
        ({"levels": ["nope"]}, "levels"),
        ({"type": "nope"}, "type"),
        ({"licence": "gpl"}, "licence"),
        ({"url": "ftp://example.org/x"}, "url"),
        ({"url": "https://localhost"}, "url"),
        ({"title": " "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"keywords": ["x"] * 31}, "keywords"),
    ],
)
def test_invalid_data_is_a_422_per_field_and_nothing_is_kept(client, auth, overrides, field):
    response = post(client, link(**overrides), auth)
    assert response.status_code == 422, response.content
    assert any(field in error["loc"] for error in response.json()["detail"]), response.json()
    assert not Resource.objects.exists()


def test_missing_fields_are_named(client, auth):
    response = post(client, {"title": "Alleen een titel"}, auth)
    assert response.status_code == 422
    missing = {error["loc"][-1] for error in response.json()["detail"]}
    assert {"description", "url", "levels", "subjects", "type", "licence"} <= missing


def test_a_vocabulary_code_missing_from_the_database_is_a_422(client, auth):
    from staffroom.curriculum.models import ResourceType

    ResourceType.objects.filter(code="video").delete()
    response = post(client, link(type="video"), auth)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "type"]


@pytest.mark.parametrize(
    "body", ["not json", '"a string"', "[1, 2]", "null", '{"title": {"nested": 1}}']
)
def test_odd_bodies_are_refused_not_a_500(client, auth, body):
    response = client.post(
        "/api/v1/resources/", body, content_type="application/json", headers=auth
    )
    assert response.status_code in (400, 422)


def test_writes_are_rate_limited_per_token(client, auth, settings):
    # A day's window: a minute's may roll over between the requests (django-ratelimit
    # staggers windows by key), letting the third through.
    settings.API_WRITE_RATE = "2/d"
    assert post(client, link(), auth).status_code == 201
    assert post(client, link(), auth).status_code == 201
    response = post(client, link(), auth)
    assert response.status_code == 429
    # Reading is not limited by the write budget.
    assert client.get("/api/v1/resources/").status_code == 200


def test_a_large_body_is_refused(client, auth):
    response = post(client, link(description="x" * 10_001), auth)
    assert response.status_code == 422


def _own(organisation, **fields):
    return ResourceFactory(organisation=organisation, **fields)


def test_patching_a_published_resource_proposes_an_edit(client, auth, organisation):
    resource = _own(organisation, title="Oude titel")
    response = change(client, "patch", resource.pk, {"title": "Nieuwe titel"}, auth)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "published"
    assert response.json()["edit_pending"] is True
    resource.refresh_from_db()
    assert resource.title == "Oude titel"  # online as it was until a moderator decides
    item = ModerationItem.objects.get(resource=resource, decision="")
    assert item.reason == Reason.EDIT
    assert item.proposed == {"title": "Nieuwe titel"}


def test_an_unchanged_patch_is_a_no_op(client, auth, organisation):
    resource = _own(organisation, title="Zelfde")
    response = change(client, "patch", resource.pk, {"title": "Zelfde"}, auth)
    assert response.status_code == 200
    assert response.json()["edit_pending"] is False
    assert not ModerationItem.objects.filter(resource=resource).exists()
    assert change(client, "patch", resource.pk, {}, auth).status_code == 200


def test_patching_a_draft_changes_and_submits_it(client, auth, organisation, partner):
    draft = DraftFactory(
        organisation=organisation, contributor=partner, kind="link", url="https://example.org/d"
    )
    response = change(client, "patch", draft.pk, {"title": "Af en ingediend"}, auth)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "pending"
    draft.refresh_from_db()
    assert draft.title == "Af en ingediend"
    assert open_items().filter(resource=draft, reason=Reason.NEW).exists()


def test_a_colleagues_resource_of_the_same_organisation_can_be_changed(client, auth, organisation):
    colleague = MemberFactory()
    colleague.organisations.add(organisation)
    resource = _own(organisation, contributor=colleague)
    response = change(client, "put", resource.pk, link(title="Door een collega"), auth)
    assert response.status_code == 200, response.content
    assert ModerationItem.objects.get(resource=resource).proposed["title"] == "Door een collega"


def test_an_incomplete_update_of_a_draft_is_a_422_and_changes_nothing(
    client, auth, organisation, partner
):
    draft = DraftFactory(organisation=organisation, contributor=partner, title="Concept")
    # A file resource without files cannot be submitted: nothing of the change is kept.
    response = change(client, "patch", draft.pk, {"title": "Nieuw"}, auth)
    assert response.status_code == 422
    draft.refresh_from_db()
    assert draft.title == "Concept"
    assert draft.status == Status.DRAFT


@pytest.mark.parametrize("method", ["patch", "put"])
def test_other_organisations_resources_are_not_found(client, auth, method):
    other = ResourceFactory(organisation=OrganisationFactory())
    teachers = ResourceFactory()
    for resource in (other, teachers):
        response = change(client, method, resource.pk, link(title="Gekaapt"), auth)
        assert response.status_code == 404
    assert not ModerationItem.objects.exists()


def test_a_rejected_resource_is_a_409(client, auth, organisation):
    resource = _own(organisation, status=Status.REJECTED, published_at=None)
    assert change(client, "patch", resource.pk, {"title": "Opnieuw"}, auth).status_code == 409


def test_updates_need_a_token(client, organisation):
    resource = _own(organisation)
    assert change(client, "patch", resource.pk, {"title": "x"}, None).status_code == 401


def test_tokens_of_one_organisation_do_not_reach_another(client, organisation):
    other = OrganisationFactory()
    member = MemberFactory()
    member.organisations.add(other)
    _token, other_key = api_token_create(member=member, organisation=other, name="Ander")
    resource = _own(organisation)
    response = change(
        client, "patch", resource.pk, {"title": "x"}, {"Authorization": f"Bearer {other_key}"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    "overrides",
    [{"keywords": ["breuken\x00"]}, {"author_name": "An\x00"}, {"title": "Breuken \ud800 oefenen"}],
)
def test_text_the_database_cannot_keep_is_a_422_not_a_500(client, auth, overrides):
    """NUL characters (refused by PostgreSQL) and lone surrogates, found by Schemathesis."""
    body = json.dumps(link(**overrides))  # escapes them as \\u0000 and \\ud800
    response = client.post(
        "/api/v1/resources/", body, content_type="application/json", headers=auth
    )
    assert response.status_code == 422, response.content
    assert not Resource.objects.exists()
