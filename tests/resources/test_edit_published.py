"""Editing a published resource: the published version stays online until a moderator
approves the edit, which then applies the proposed values."""

import html

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from tests.factories import (
    MemberFactory,
    ModeratorFactory,
    ResourceFactory,
    ResourceFileFactory,
)

from staffroom.curriculum.models import Level
from staffroom.moderation import services as moderation
from staffroom.moderation.models import ModerationItem, Reason
from staffroom.resources.models import Resource, Status

pytestmark = pytest.mark.django_db

NEW_DESCRIPTION = "Een verbeterd werkblad om breuken te vergelijken, nu met oplossingen."


@pytest.fixture
def resource():
    return ResourceFactory(
        title="Breuken vergelijken",
        keywords=["breuken"],
        licence="cc-by",
        url="https://example.org/breuken",
    )


def _edit(resource: Resource, **overrides) -> dict:
    data = {
        "title": resource.title,
        "description": resource.description,
        "kind": resource.kind,
        "url": resource.url,
        "levels": [level.pk for level in resource.levels.all()],
        "subjects": [subject.pk for subject in resource.subjects.all()],
        "resource_type": resource.resource_type_id,
        "licence": resource.licence,
        "language": resource.language,
        "keywords": ", ".join(resource.keywords),
        "advanced": "1",
        "action": "propose",
    }
    data.update(overrides)
    return data


def _propose(client, resource, **overrides):
    client.force_login(resource.contributor)
    return client.post(
        reverse("resources:edit_published", args=[resource.pk]), _edit(resource, **overrides)
    )


def test_the_edit_form_starts_from_the_published_values(client, resource):
    client.force_login(resource.contributor)
    response = client.get(reverse("resources:edit_published", args=[resource.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["title"] == "Breuken vergelijken"
    assert form.initial["keywords"] == "breuken"
    # The draft editor sends a published resource to the edit of published resources.
    response = client.get(reverse("resources:edit", args=[resource.pk]))
    assert response["Location"] == reverse("resources:edit_published", args=[resource.pk])


def test_the_published_version_stays_visible_until_the_edit_is_approved(
    client, resource, django_capture_on_commit_callbacks
):
    published_at = resource.published_at
    with django_capture_on_commit_callbacks(execute=True):
        response = _propose(
            client,
            resource,
            title="Breuken vergelijken en ordenen",
            description=NEW_DESCRIPTION,
            levels=[Level.objects.get(code="fl-lo-4").pk],
        )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.status == Status.PUBLISHED
    assert resource.title == "Breuken vergelijken"
    assert list(resource.levels.values_list("code", flat=True)) == ["fl-lo-3"]
    item = ModerationItem.objects.get(resource=resource, decision="")
    assert item.reason == Reason.EDIT
    assert item.proposed == {
        "title": "Breuken vergelijken en ordenen",
        "description": NEW_DESCRIPTION,
        "levels": ["fl-lo-4"],
    }
    assert "stays online as it was" in mail.outbox[-1].body

    visitor_page = html.unescape(client.get(resource.get_absolute_url()).content.decode())
    assert "Breuken vergelijken en ordenen" not in visitor_page
    assert NEW_DESCRIPTION not in visitor_page

    moderator = ModeratorFactory()
    client.force_login(moderator)
    review = client.get(reverse("moderation:item", args=[item.pk]))
    assert [change["label"] for change in review.context["proposed_changes"]] == [
        "Title",
        "Description",
        "Levels",
    ]
    assert review.context["form"].initial["title"] == "Breuken vergelijken en ordenen"

    moderation.moderation_item_publish(item=item, moderator=moderator, corrected={})
    resource.refresh_from_db()
    assert resource.title == "Breuken vergelijken en ordenen"
    assert resource.description == NEW_DESCRIPTION
    assert list(resource.levels.values_list("code", flat=True)) == ["fl-lo-4"]
    assert resource.published_at == published_at
    assert resource.checked_at > published_at
    item.refresh_from_db()
    # What the contributor proposed is no correction by the moderator.
    assert item.corrections == []


def test_a_moderator_can_correct_the_proposed_values(resource):
    item = moderation.moderation_item_open(
        resource=resource, reason=Reason.EDIT, proposed={"title": "Breukken ordenen"}
    )
    moderation.moderation_item_publish(
        item=item, moderator=ModeratorFactory(), corrected={"title": "Breuken ordenen"}
    )
    resource.refresh_from_db()
    assert resource.title == "Breuken ordenen"
    item.refresh_from_db()
    assert item.corrections == [
        {"field": "title", "before": "Breukken ordenen", "after": "Breuken ordenen"}
    ]


def test_a_rejected_edit_leaves_the_published_version_as_it_was(client, resource):
    _propose(client, resource, title="Iets heel anders")
    item = ModerationItem.objects.get(resource=resource, decision="")
    moderation.moderation_item_reject(item=item, moderator=ModeratorFactory(), message="Nee.")
    resource.refresh_from_db()
    assert resource.status == Status.PUBLISHED
    assert resource.title == "Breuken vergelijken"


def test_asking_changes_to_an_edit_keeps_the_resource_online(client, resource):
    _propose(client, resource, title="Iets heel anders")
    item = ModerationItem.objects.get(resource=resource, decision="")
    moderation.moderation_item_request_changes(
        item=item, moderator=ModeratorFactory(), message="Titel graag korter."
    )
    resource.refresh_from_db()
    assert resource.status == Status.PUBLISHED


def test_a_second_edit_starts_from_the_first_and_replaces_it(client, resource):
    _propose(client, resource, title="Eerste voorstel")
    form = client.get(reverse("resources:edit_published", args=[resource.pk])).context["form"]
    assert form.initial["title"] == "Eerste voorstel"
    _propose(client, resource, title="Eerste voorstel", description=NEW_DESCRIPTION)
    item = ModerationItem.objects.get(resource=resource)
    assert item.proposed == {"title": "Eerste voorstel", "description": NEW_DESCRIPTION}
    # Setting a field back to its published value withdraws that part of the proposal.
    _propose(client, resource, description=NEW_DESCRIPTION)
    item.refresh_from_db()
    assert item.proposed == {"description": NEW_DESCRIPTION}


def test_files_added_by_an_edit_stay_hidden_until_the_edit_is_published(
    client, resource, django_capture_on_commit_callbacks
):
    from tests.factories import ModeratorFactory, pdf_upload

    from staffroom.moderation.services import moderation_item_publish, moderation_item_reject

    client.force_login(resource.contributor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("resources:edit_published", args=[resource.pk]),
            {**_edit(resource), "files": [pdf_upload("nieuw.pdf")]},
        )
    added = resource.files.get()
    assert added.pending
    visitor_page = Client().get(resource.get_absolute_url())
    assert "nieuw.pdf" not in visitor_page.content.decode()
    download = reverse("resources:download", args=[resource.pk, added.pk])
    assert Client().get(download).status_code == 404
    assert client.get(download).status_code == 200  # the contributor still sees it

    moderator = ModeratorFactory()
    item = ModerationItem.objects.get(resource=resource)
    moderation_item_publish(item=item, moderator=moderator)
    added.refresh_from_db()
    assert not added.pending
    assert Client().get(download).status_code == 200

    # A rejected edit's files never go online.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("resources:edit_published", args=[resource.pk]),
            {**_edit(resource), "files": [pdf_upload("afgewezen.pdf")]},
        )
    item = ModerationItem.objects.get(resource=resource, decision="")
    moderation_item_reject(item=item, moderator=moderator, message="Niet passend.")
    assert not resource.files.filter(original_name="afgewezen.pdf").exists()


def test_an_incomplete_edit_is_refused_and_nothing_is_queued(client, resource):
    response = _propose(client, resource, description="Kort", subjects=[])
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"description", "subjects"}
    assert not ModerationItem.objects.exists()
    resource.refresh_from_db()
    assert resource.description != "Kort"


def test_an_incompatible_licence_on_an_edit_is_refused(client, resource):
    source = ResourceFactory(licence="cc-by-sa")
    response = _propose(client, resource, based_on=str(source.pk), licence="cc-by")
    assert response.status_code == 200
    assert "licence" in response.context["form"].errors
    assert not ModerationItem.objects.exists()


def test_only_the_contributor_edits(client, resource):
    client.force_login(MemberFactory())
    url = reverse("resources:edit_published", args=[resource.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _edit(resource, title="Gekaapt")).status_code == 404
    assert client.get(reverse("resources:edit", args=[resource.pk])).status_code == 404
    resource.refresh_from_db()
    assert resource.title == "Breuken vergelijken"


def test_the_contributor_sees_the_pending_edit_on_their_page(client, resource):
    _propose(client, resource, title="Nieuwe titel")
    response = client.get(reverse("resources:mine"))
    [row] = response.context["rows"]
    assert row["item"].reason == Reason.EDIT
    assert row["position"] == 1
    assert "Your changes are waiting for review." in response.content.decode()


def test_withdrawing_takes_a_resource_offline_and_clears_its_open_item(client, resource):
    _propose(client, resource, title="Nieuwe titel")
    other = MemberFactory()
    client.force_login(other)
    assert client.post(reverse("resources:withdraw", args=[resource.pk])).status_code == 403
    client.force_login(resource.contributor)
    assert client.post(reverse("resources:withdraw", args=[resource.pk])).status_code == 302
    resource.refresh_from_db()
    assert resource.status == Status.WITHDRAWN
    assert not ModerationItem.objects.filter(resource=resource, decision="").exists()
    client.logout()
    assert client.get(resource.get_absolute_url()).status_code == 404


def test_files_of_a_published_resource_cannot_be_removed(client):
    resource_file = ResourceFileFactory(resource=ResourceFactory(kind="file"))
    resource = resource_file.resource
    client.force_login(resource.contributor)
    response = client.post(
        reverse("resources:remove_file", args=[resource.pk, resource_file.pk]), follow=True
    )
    assert response.status_code == 200
    assert resource.files.count() == 1


def test_files_of_a_draft_can_be_removed_by_its_contributor_only(client):
    resource_file = ResourceFileFactory()
    resource = resource_file.resource
    url = reverse("resources:remove_file", args=[resource.pk, resource_file.pk])
    client.force_login(MemberFactory())
    assert client.post(url).status_code == 404
    client.force_login(resource.contributor)
    assert client.post(url).status_code == 302
    assert not resource.files.exists()
