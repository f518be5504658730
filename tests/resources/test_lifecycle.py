"""A resource's life after its first submission: language guessing, withdrawal, remix sources."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from tests.factories import MemberFactory, ModeratorFactory, contribution_data, pdf_upload

from staffroom.moderation.models import ModerationItem
from staffroom.moderation.services import moderation_item_publish, moderation_item_request_changes
from staffroom.resources import services
from staffroom.resources.models import Resource, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher(client):
    member = MemberFactory()
    client.force_login(member)
    return member


def _submit(client, **overrides):
    return client.post(
        reverse("resources:contribute"), {**contribution_data(**overrides), "files": [pdf_upload()]}
    )


def test_the_language_is_guessed_until_submission_then_the_moderators_choice_stands(
    client, teacher
):
    _submit(client, description="A worksheet in which pupils compare fractions with pizza.")
    resource = Resource.objects.get()
    assert resource.language == "en"
    item = ModerationItem.objects.get()
    # The moderator decides it is Dutch material after all and asks for a change.
    item.resource.language = "nl"
    item.resource.save()
    moderation_item_request_changes(item=item, moderator=ModeratorFactory(), message="Titel?")
    client.post(
        reverse("resources:edit", args=[resource.pk]),
        contribution_data(
            action="draft",
            description="A worksheet in which pupils compare fractions with pizza slices.",
        ),
    )
    resource.refresh_from_db()
    assert resource.language == "nl"


def test_a_withdrawn_resource_can_be_submitted_again(client, teacher):
    _submit(client)
    resource = Resource.objects.get()
    moderation_item_publish(item=ModerationItem.objects.get(), moderator=ModeratorFactory())
    client.post(reverse("resources:withdraw", args=[resource.pk]))
    resource.refresh_from_db()
    assert resource.status == Status.WITHDRAWN
    assert client.get(resource.get_absolute_url()).status_code == 200  # the contributor
    page = client.get(reverse("resources:edit", args=[resource.pk]))
    assert page.status_code == 200
    client.post(reverse("resources:edit", args=[resource.pk]), contribution_data())
    resource.refresh_from_db()
    assert resource.status == Status.PENDING
    assert ModerationItem.objects.filter(resource=resource, decision="").count() == 1


def test_a_resource_cannot_be_based_on_itself(client, teacher):
    _submit(client)
    resource = Resource.objects.get()
    moderation_item_publish(item=ModerationItem.objects.get(), moderator=ModeratorFactory())
    with pytest.raises(ValidationError) as refused:
        services.resource_propose_edit(
            resource=resource, contributor=teacher, data={"based_on": resource}, uploads=[]
        )
    assert "based_on" in refused.value.message_dict
    assert not ModerationItem.objects.filter(decision="").exists()


def test_detect_from_the_text_after_submission_keeps_the_language(client, teacher):
    _submit(client)
    resource = Resource.objects.get()
    client.post(
        reverse("resources:edit", args=[resource.pk]) + "?advanced=1",
        contribution_data(action="draft", advanced="1", language=""),
    )
    resource.refresh_from_db()
    assert resource.language == "nl"
