"""Who reaches stored files: never straight from MEDIA_ROOT, always through checked views."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.factories import (
    MemberFactory,
    ModeratorFactory,
    ResourceFactory,
    contribution_data,
    pdf_bytes,
)

from staffroom.moderation.models import ModerationItem
from staffroom.resources import files
from staffroom.resources.models import Resource, ResourceFile
from staffroom.resources.services import resource_file_analyse

pytestmark = pytest.mark.django_db


def _contribute(client, member, name: str, content: bytes, **overrides) -> ResourceFile:
    client.force_login(member)
    client.post(
        reverse("resources:contribute"),
        {
            **contribution_data(action="draft", **overrides),
            "files": [SimpleUploadedFile(name, content)],
        },
    )
    return ResourceFile.objects.get(resource__contributor=member)


def test_stored_names_come_from_the_detected_type_not_the_uploader(client):
    # A PDF named .html must never be stored (and so never served) as a web page.
    stored = _contribute(client, MemberFactory(), "page.html", pdf_bytes())
    assert stored.file.name.endswith(".pdf")
    assert "page" not in stored.file.name
    assert stored.original_name == "page.html"


def test_media_is_not_served_directly(client, settings):
    stored = _contribute(client, MemberFactory(), "werkblad.pdf", pdf_bytes())
    assert client.get(settings.MEDIA_URL + stored.file.name).status_code == 404


def test_previews_follow_the_visibility_of_their_resource(client):
    teacher = MemberFactory()
    stored = _contribute(client, teacher, "werkblad.pdf", pdf_bytes())
    resource_file_analyse(resource_file=stored)
    url = reverse("resources:preview", args=[stored.resource_id, stored.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "private" in response["Cache-Control"]
    client.logout()
    assert client.get(url).status_code == 404
    Resource.objects.filter(pk=stored.resource_id).update(status="published")
    response = client.get(url)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]


def test_an_archive_that_inflates_too_far_is_not_read():
    # 200,000 bytes packed into a few hundred: far more than the archive's size allows
    # (tests/security/test_hostile_files.py has the review's 280 MB one).
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("word/document.xml", b"0" * 200_000)
    archive.seek(0)
    mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert files.extract_text(archive, mime) == ""


def test_a_rejection_cannot_be_undone_by_withdrawing(client):
    resource = ResourceFactory(status="rejected")
    client.force_login(resource.contributor)
    client.post(reverse("resources:withdraw", args=[resource.pk]))
    resource.refresh_from_db()
    assert resource.status == "rejected"


def test_editing_a_resource_under_review_takes_it_out_of_the_queue(client):
    teacher = MemberFactory()
    client.force_login(teacher)
    client.post(
        reverse("resources:contribute"),
        {**contribution_data(), "files": [SimpleUploadedFile("a.pdf", pdf_bytes())]},
    )
    resource = Resource.objects.get(contributor=teacher)
    assert resource.status == "pending"
    client.post(
        reverse("resources:edit", args=[resource.pk]),
        contribution_data(action="draft", title="Breuken vergelijken, nieuwe versie"),
    )
    resource.refresh_from_db()
    assert resource.status == "draft"
    assert not ModerationItem.objects.filter(resource=resource, decision="").exists()


def _as_shown(client, edit_url: str) -> dict:
    """What the edit form of a published resource posts when nothing is changed."""
    initial = client.get(edit_url).context["form"].initial
    return {
        **{key: value for key, value in initial.items() if value is not None},
        "levels": [level.pk for level in initial["levels"]],
        "subjects": [subject.pk for subject in initial["subjects"]],
        "resource_type": initial["resource_type"].pk,
        "organisation": "",
    }


def test_asking_for_changes_on_an_edit_keeps_the_proposal_and_its_files(client):
    from staffroom.moderation.services import moderation_item_request_changes

    resource = ResourceFactory()
    client.force_login(resource.contributor)
    edit_url = reverse("resources:edit_published", args=[resource.pk])
    data = {
        **_as_shown(client, edit_url),
        "title": "Breuken vergelijken, tweede druk",
        "files": [SimpleUploadedFile("extra.pdf", pdf_bytes())],
    }
    client.post(edit_url, data)
    item = ModerationItem.objects.get(resource=resource)
    moderation_item_request_changes(item=item, moderator=ModeratorFactory(), message="Typfout")
    # The contributor picks up where the proposal was, with the uploaded file still there.
    assert (
        client.get(edit_url).context["form"].initial["title"] == "Breuken vergelijken, tweede druk"
    )
    assert resource.files.get().pending
    # The new proposal replaces the one sent back, and the files come along.
    client.post(edit_url, {**data, "files": []})
    item = ModerationItem.objects.get(resource=resource, decision="")
    assert item.proposed == {"title": "Breuken vergelijken, tweede druk"}


def test_an_edit_that_changes_nothing_is_refused(client):
    resource = ResourceFactory()
    client.force_login(resource.contributor)
    edit_url = reverse("resources:edit_published", args=[resource.pk])
    data = _as_shown(client, edit_url)
    response = client.post(edit_url, data)
    assert response.status_code == 200
    assert "Nothing changed" in response.content.decode()
    assert not ModerationItem.objects.exists()
