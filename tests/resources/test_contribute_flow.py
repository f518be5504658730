"""The core loop through the web views: contribute, submit, moderate, publish, find, download."""

import pytest
from django.core import mail
from django.urls import reverse
from tests.factories import MemberFactory, ModeratorFactory, contribution_data, pdf_upload

from staffroom.curriculum.models import Level, ResourceType, Subject
from staffroom.moderation.models import ModerationItem
from staffroom.resources.models import Resource, Status

pytestmark = pytest.mark.django_db


def test_teacher_submits_and_matching_moderator_publishes(
    client, django_capture_on_commit_callbacks
):
    teacher = MemberFactory(region="fl")
    moderator = ModeratorFactory(levels=[Level.objects.get(code="fl-lo")])
    client.force_login(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("resources:contribute"), {**contribution_data(), "files": [pdf_upload()]}
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    resource = Resource.objects.get(title="Breuken vergelijken met pizza's")
    assert resource.status == Status.PENDING
    assert resource.files.get().extracted_text.startswith("Breuken vergelijken")
    item = ModerationItem.objects.get(resource=resource)
    assert {check["code"] for check in item.checks} >= {"spelling", "language", "duplicates"}
    assert any(
        "received" in m.subject.lower() or "ontvangen" in m.subject.lower() for m in mail.outbox
    )

    client.force_login(moderator)
    queue = client.get(reverse("moderation:queue"))
    assert queue.context["mine"][0].pk == item.pk
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("moderation:item", args=[item.pk]),
            {
                "title": "Breuken vergelijken met pizza's",
                "description": resource.description,
                "language": "nl",
                "levels": [Level.objects.get(code="fl-lo-3").pk],
                "subjects": [Subject.objects.get(code="fl-wis").pk],
                "resource_type": ResourceType.objects.get(code="worksheet").pk,
                "licence": "cc-by-sa",
                "action": "publish",
            },
        )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.status == Status.PUBLISHED
    item.refresh_from_db()
    assert [c["field"] for c in item.corrections] == ["licence"]
    assert mail.outbox[-1].to == [teacher.email]

    dutch = MemberFactory(region="nl", language="nl")
    client.force_login(dutch)
    found = client.get(reverse("resources:browse"), {"level": "nl-po-5"})
    assert resource in list(found.context["page"])
    page = client.get(resource.get_absolute_url())
    assert "Groep 5" in page.content.decode()
    assert "3de leerjaar" not in page.content.decode()
    download = client.get(
        reverse("resources:download", args=[resource.pk, resource.files.get().pk])
    )
    assert download.status_code == 200
    resource.refresh_from_db()
    assert resource.download_count == 1
