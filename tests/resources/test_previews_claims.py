"""Office files waiting for LibreOffice are claimed by the task that converts them, so that
several workers never convert the same files; a claim left by a worker that died is taken
again once it is stale."""

from datetime import timedelta

import pytest
from django.utils import timezone
from tests.factories import ResourceFactory, ResourceFileFactory, docx_bytes

from staffroom.resources import services
from staffroom.resources.models import ResourceFile

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _waiting(count: int) -> list[ResourceFile]:
    resource = ResourceFactory(kind="file", url="")
    return [
        ResourceFileFactory(
            resource=resource,
            content=docx_bytes(f"Breuken {number}"),
            original_name=f"werkblad{number}.docx",
            mime_type=DOCX,
            analysed_at=timezone.now(),
            previewed_at=None,
        )
        for number in range(count)
    ]


def test_two_claims_get_disjoint_files():
    made = _waiting(services.OFFICE_BATCH + 5)
    first = services.office_files_claim(first=made[0])
    second = services.office_files_claim(first=made[1])
    assert first[0] == made[0] and len(first) == services.OFFICE_BATCH
    assert second and not {f.pk for f in first} & {f.pk for f in second}
    assert {f.pk for f in first} | {f.pk for f in second} == {f.pk for f in made}
    assert all(f.preview_started_at is not None for f in first + second)
    # Everything is claimed: a third task finds nothing, its own file included.
    assert services.office_files_claim(first=made[2]) == []


def test_a_stale_claim_is_taken_again():
    made = _waiting(2)
    assert len(services.office_files_claim(first=made[0])) == 2
    ResourceFile.objects.filter(pk=made[1].pk).update(
        preview_started_at=timezone.now() - services.office_claim_expires() - timedelta(seconds=1)
    )
    assert [f.pk for f in services.office_files_claim(first=made[0])] == [made[1].pk]


def test_a_claim_outlasts_the_longest_conversion(settings):
    """One run plus a retry of each file alone, each to its deadline, ends before the claim
    expires."""
    settings.OFFICE_CONVERTER_SECONDS = 60
    assert services.office_claim_expires() > timedelta(seconds=60 * (services.OFFICE_BATCH + 1))
