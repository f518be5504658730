"""A resource's life after its first submission: language guessing, withdrawal, remix sources."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from tests.factories import MemberFactory, ModeratorFactory, contribution_data, pdf_upload

from staffroom.moderation.models import ModerationItem
from staffroom.moderation.services import moderation_item_publish, moderation_item_request_changes
from staffroom.resources import services
from staffroom.resources.inputs import ResourceInput
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
            resource=resource,
            contributor=teacher,
            data=ResourceInput(based_on=resource),
            uploads=[],
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


# --- One lifecycle: every status change keeps the others' promises ----------------------------


def _published_with_pending_edit(contributor):
    from tests.factories import ResourceFactory

    resource = ResourceFactory(contributor=contributor)
    services.resource_propose_edit(
        resource=resource,
        contributor=contributor,
        data=ResourceInput(title="Breuken vergelijken, tweede versie"),
        uploads=[],
    )
    return resource


def _hide_after_report(resource):
    from staffroom.moderation.community import report_file, reports_resolve

    report_file(
        reporter=MemberFactory(), kind="resource", object_id=resource.pk, reason="copyright"
    )
    reports_resolve(
        moderator=ModeratorFactory(),
        kind="resource",
        object_id=resource.pk,
        hide=True,
        note="Scans uit een handboek",
    )


def test_publishing_a_pending_edit_of_a_hidden_resource_keeps_it_offline(
    client, django_capture_on_commit_callbacks
):
    contributor = MemberFactory()
    resource = _published_with_pending_edit(contributor)
    _hide_after_report(resource)
    edit = ModerationItem.objects.get(resource=resource, decision="")

    with django_capture_on_commit_callbacks(execute=True):
        moderation_item_publish(item=edit, moderator=ModeratorFactory())

    resource.refresh_from_db()
    # The edit is applied, but the report's decision stands until a moderator restores it.
    assert resource.title == "Breuken vergelijken, tweede versie"
    assert resource.status == Status.HIDDEN
    assert client.get(resource.get_absolute_url()).status_code == 404
    assert resource.pk not in set(Resource.objects.published().values_list("pk", flat=True))


def test_a_hidden_resource_cannot_be_withdrawn_or_edited_back_online_by_its_contributor():
    contributor = MemberFactory()
    resource = _published_with_pending_edit(contributor)
    _hide_after_report(resource)
    resource.refresh_from_db()
    with pytest.raises(ValidationError):
        services.resource_withdraw(resource=resource, member=contributor)
    with pytest.raises(ValidationError):
        services.resource_submit(resource=resource, contributor=contributor)
    resource.refresh_from_db()
    assert resource.status == Status.HIDDEN


def test_restoring_a_report_does_not_bring_back_what_its_contributor_withdrew():
    from tests.factories import ResourceFactory

    from staffroom.moderation.community import content_restore, report_file

    contributor = MemberFactory()
    resource = ResourceFactory(contributor=contributor)
    report_file(reporter=MemberFactory(), kind="resource", object_id=resource.pk, reason="wrong")
    services.resource_withdraw(resource=resource, member=contributor)
    with pytest.raises(ValidationError):
        content_restore(moderator=ModeratorFactory(), kind="resource", object_id=resource.pk)
    resource.refresh_from_db()
    assert resource.status == Status.WITHDRAWN


def test_every_status_change_tells_the_derived_stores(django_capture_on_commit_callbacks):
    """Search and OAI-PMH follow the one hook the lifecycle sends."""
    from tests.factories import ResourceFactory

    from staffroom.resources.review import resource_changed

    heard = []

    def listen(sender, *, resource_id, announce, **kwargs):
        heard.append((resource_id, announce))

    resource_changed.connect(listen)
    try:
        contributor = MemberFactory()
        resource = ResourceFactory(contributor=contributor)
        services.resource_withdraw(resource=resource, member=contributor)
        _hide_after_report(ResourceFactory())
    finally:
        resource_changed.disconnect(listen)
    assert (resource.pk, False) in heard
    assert len(heard) == 2
