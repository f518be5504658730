"""Finding and opening resources: filters, pages, visibility, downloads and visits."""

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.factories import (
    DraftFactory,
    MemberFactory,
    ModeratorFactory,
    ResourceFactory,
    ResourceFileFactory,
)

from staffroom.resources.models import Resource, Status

pytestmark = pytest.mark.django_db


def _found(response) -> list[Resource]:
    return list(response.context["page"])


# --- Filters ----------------------------------------------------------------------------------


def test_browse_lists_only_published_resources_newest_first(client):
    older = ResourceFactory(published_at="2024-01-01T10:00:00Z")
    newer = ResourceFactory(published_at="2024-03-01T10:00:00Z")
    DraftFactory()
    ResourceFactory(status=Status.PENDING)
    ResourceFactory(status=Status.REJECTED)
    ResourceFactory(status=Status.WITHDRAWN)
    assert _found(client.get(reverse("resources:browse"))) == [newer, older]


@pytest.mark.parametrize(
    "query",
    [
        {"level": "no-such-level"},
        {"subject": "'; DROP TABLE resources_resource; --"},
        {"type": "spaceship"},
        {"language": "klingon"},
        {"licence": "gpl-3"},
        {"kind": "hologram"},
        {"sort": "random"},
        {"fragment": "everything"},
        {"level": ["fl-lo-3", "x"], "page": ["2", "y"]},
        {"q": "\x00"},
    ],
)
def test_unknown_filter_values_are_ignored_not_errors(client, query):
    resource = ResourceFactory()
    response = client.get(reverse("resources:browse"), query)
    assert response.status_code == 200
    assert resource in _found(response)
    assert not response.context["filters"].active


def test_any_page_number_gives_a_page(client):
    ResourceFactory.create_batch(30)
    expected = {"abc": 1, "0": 2, "-1": 2, "99999": 2, "1.5": 1, "": 1, "2": 2}
    for page, number in expected.items():
        response = client.get(reverse("resources:browse"), {"page": page})
        assert response.status_code == 200
        assert response.context["page"].number == number, page
    assert len(_found(client.get(reverse("resources:browse"), {"page": "99999"}))) == 6


def test_known_filters_narrow_the_results(client):
    video = ResourceFactory(kind="embed", language="en", licence="cc-by-sa")
    ResourceFactory(kind="link", language="nl", licence="cc-by")
    for query in ({"kind": "embed"}, {"language": "en"}, {"licence": "cc-by-sa"}):
        response = client.get(reverse("resources:browse"), query)
        assert _found(response) == [video], query
        assert response.context["filters"].active


def test_type_and_subject_filters(client):
    french = ResourceFactory(subjects=["fl-fra"])
    ResourceFactory(subjects=["fl-wis"], resource_type=None)
    assert _found(client.get(reverse("resources:browse"), {"subject": "fl-fra"})) == [french]
    assert _found(client.get(reverse("resources:browse"), {"subject": "nl-fa"})) == [french]
    assert _found(client.get(reverse("resources:browse"), {"type": "worksheet"})) == [french]


def test_a_dutch_level_finds_resources_tagged_with_the_flemish_equivalent(client):
    flemish = ResourceFactory(levels=["fl-lo-3"])
    dutch = ResourceFactory(levels=["nl-po-5"])
    ResourceFactory(levels=["fl-lo-4"])
    ResourceFactory(levels=["fl-so-1g"])
    found = _found(client.get(reverse("resources:browse"), {"level": "nl-po-5"}))
    assert set(found) == {flemish, dutch}
    found = _found(client.get(reverse("resources:browse"), {"level": "fl-lo-3"}))
    assert set(found) == {flemish, dutch}


def test_a_parent_level_includes_its_sub_levels(client):
    third = ResourceFactory(levels=["fl-lo-3"])
    sixth = ResourceFactory(levels=["fl-lo-6"])
    groep_4 = ResourceFactory(levels=["nl-po-4"])
    secondary = ResourceFactory(levels=["fl-so-2g-ds"])
    kindergarten = ResourceFactory(levels=["fl-ko-2"])
    found = set(_found(client.get(reverse("resources:browse"), {"level": "fl-lo"})))
    assert found == {third, sixth, groep_4}
    found = set(_found(client.get(reverse("resources:browse"), {"level": "fl-bao"})))
    assert found == {third, sixth, groep_4, kindergarten}
    found = set(_found(client.get(reverse("resources:browse"), {"level": "fl-so"})))
    assert found == {secondary}


def test_a_resource_with_several_matching_levels_is_listed_once(client):
    resource = ResourceFactory(levels=["fl-lo-3", "fl-lo-4", "nl-po-5"])
    assert _found(client.get(reverse("resources:browse"), {"level": "fl-lo"})) == [resource]


def test_sorting_by_downloads_and_title(client):
    quiet = ResourceFactory(title="B", download_count=1)
    popular = ResourceFactory(title="C", download_count=50)
    alphabet = ResourceFactory(title="A", download_count=5)
    response = client.get(reverse("resources:browse"), {"sort": "popular"})
    assert _found(response) == [popular, alphabet, quiet]
    response = client.get(reverse("resources:browse"), {"sort": "title"})
    assert _found(response) == [alphabet, quiet, popular]


def test_live_filtering_gets_the_results_fragment_only(client):
    resource = ResourceFactory(title="Fragmentje")
    response = client.get(reverse("resources:browse"), {"fragment": "results"})
    assert response.status_code == 200
    assert response.templates[0].name == "resources/_results.html"
    assert "<html" not in response.content.decode()
    assert resource.title in response.content.decode()


# --- Opening a resource -----------------------------------------------------------------------


def test_a_published_resource_is_public_and_its_short_address_redirects(client):
    resource = ResourceFactory(title="Breuken & pizza")
    response = client.get(reverse("resources:detail_short", args=[resource.pk]))
    assert response.status_code == 301
    assert response["Location"] == resource.get_absolute_url()
    response = client.get(reverse("resources:detail", args=[resource.pk, "wrong-slug"]))
    assert response.status_code == 301
    assert client.get(resource.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("pk", [999999, 2**31, 2**63, 10**30])
def test_a_nonexistent_resource_is_404(client, pk):
    assert client.get(f"/resources/{pk}/").status_code == 404
    assert client.get(f"/resources/{pk}/some-slug/").status_code == 404
    assert client.get(f"/resources/{pk}/files/1/download/").status_code == 404
    assert client.get(f"/resources/{pk}/visit/").status_code == 404


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.PENDING, Status.REJECTED, Status.WITHDRAWN]
)
def test_an_unpublished_resource_is_hidden_from_visitors_and_other_members(client, status):
    resource = DraftFactory(status=status)
    url = resource.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(MemberFactory())
    assert client.get(url).status_code == 404
    client.force_login(resource.contributor)
    assert client.get(url).status_code == 200
    # Moderators see what was submitted to them, never a draft that was not.
    client.force_login(ModeratorFactory())
    assert client.get(url).status_code == 404
    Resource.objects.filter(pk=resource.pk).update(submitted_at=timezone.now())
    assert client.get(url).status_code == 200


def test_files_of_an_unpublished_resource_cannot_be_downloaded_by_others(client):
    resource_file = ResourceFileFactory()
    url = reverse("resources:download", args=[resource_file.resource_id, resource_file.pk])
    assert client.get(url).status_code == 404
    client.force_login(MemberFactory())
    assert client.get(url).status_code == 404
    client.force_login(resource_file.resource.contributor)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # The contributor looking at their own draft is no download.
    assert Resource.objects.get(pk=resource_file.resource_id).download_count == 0


def test_a_file_is_only_downloaded_through_its_own_resource(client):
    published = ResourceFactory(kind="file")
    hidden = ResourceFileFactory()
    url = reverse("resources:download", args=[published.pk, hidden.pk])
    assert client.get(url).status_code == 404


def test_a_missing_stored_file_is_404_not_500(client):
    resource_file = ResourceFileFactory(resource=ResourceFactory(kind="file"))
    resource_file.file.delete(save=False)
    url = reverse("resources:download", args=[resource_file.resource_id, resource_file.pk])
    assert client.get(url).status_code == 404


# --- Counters ---------------------------------------------------------------------------------


def test_downloads_are_counted(client):
    resource_file = ResourceFileFactory(resource=ResourceFactory(kind="file"))
    url = reverse("resources:download", args=[resource_file.resource_id, resource_file.pk])
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="werkblad.pdf"'
    assert Resource.objects.get(pk=resource_file.resource_id).download_count == 3


def test_visits_of_a_link_are_counted_and_redirect_to_it(client):
    resource = ResourceFactory(url="https://example.org/les")
    for _ in range(2):
        response = client.get(reverse("resources:visit", args=[resource.pk]))
        assert response.status_code == 302
        assert response["Location"] == "https://example.org/les"
    resource.refresh_from_db()
    assert resource.download_count == 2


def test_visit_of_a_resource_without_address_is_404(client):
    resource = ResourceFactory(kind="file", url="")
    assert client.get(reverse("resources:visit", args=[resource.pk])).status_code == 404
    resource.refresh_from_db()
    assert resource.download_count == 0


def test_concurrent_counting_uses_an_atomic_increment():
    from staffroom.resources.services import resource_record_download

    resource = ResourceFactory(download_count=7)
    stale = Resource.objects.get(pk=resource.pk)
    resource_record_download(resource=resource)
    resource_record_download(resource=stale)
    resource.refresh_from_db()
    assert resource.download_count == 9
