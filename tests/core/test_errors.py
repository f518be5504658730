"""Nothing a user can send gives a 500: malformed addresses, unknown ids, odd methods."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from tests.factories import MemberFactory, ModeratorFactory, ResourceFactory

from staffroom.core.pagination import paginate
from staffroom.core.templatetags.staffroom import filesize, query_with
from staffroom.curriculum.templatetags.terms import indent
from staffroom.resources.models import Resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict_client():
    """A client that reports a 500 as a response instead of raising, as a browser would see it."""
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "path",
    [
        "/resources/abc/",
        "/resources/1/files/abc/download/",
        "/resources/-1/",
        "/resources/1/%ZZ/",
        "/resources/%FF/",
        "/resources/%00/",
        "/resources/1/<script>/",
        "/resources/" + "9" * 400 + "/",
        "/moderation/items/abc/",
        "/members/abc/",
        "/organisations/%2E%2E/",
        "/organisations/" + "x" * 3000 + "/",
        "/no/such/page/",
        "/static/../settings.py",
        "/resources//",
    ],
)
def test_malformed_addresses_are_not_found(strict_client, path):
    response = strict_client.get(path)
    assert response.status_code in (301, 302, 400, 404), response.status_code


def test_the_not_found_page_is_the_sites_own(strict_client):
    response = strict_client.get("/resources/abc/")
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]


@pytest.mark.parametrize(
    "query",
    [
        "level=%ZZ",
        "page=%00",
        "page=" + "9" * 500,
        "sort[]=x&level[]=y",
        "q=" + "a" * 5000,
        "fragment=results&page=abc&level=xx",
    ],
)
def test_odd_query_strings_on_browse(strict_client, query):
    ResourceFactory()
    assert strict_client.get("/resources/?" + query).status_code == 200


def test_methods_a_view_does_not_take_are_405(strict_client):
    resource = ResourceFactory()
    strict_client.force_login(resource.contributor)
    assert strict_client.get(reverse("resources:withdraw", args=[resource.pk])).status_code == 405
    assert strict_client.put(reverse("resources:contribute")).status_code == 405
    assert strict_client.delete(resource.get_absolute_url()).status_code in (200, 405)


def test_forms_survive_garbage(strict_client):
    member = MemberFactory()
    strict_client.force_login(member)
    garbage = {
        "title": "\x00" * 3,
        "levels": ["abc", "-1", "9" * 30],
        "subjects": "x",
        "resource_type": "999999999999999999999",
        "licence": "wtfpl",
        "kind": "teleport",
        "language": "tlh",
        "organisation": "1",
        "advanced": "1",
        "action": "submit",
    }
    response = strict_client.post(reverse("resources:contribute"), garbage)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Resource.objects.get(contributor=member).status == "draft"
    moderator = ModeratorFactory()
    strict_client.force_login(moderator)
    from tests.factories import ModerationItemFactory

    item = ModerationItemFactory()
    response = strict_client.post(reverse("moderation:item", args=[item.pk]), garbage)
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.is_open


def test_another_members_draft_cannot_be_continued(strict_client):
    from tests.factories import DraftFactory

    draft = DraftFactory()
    strict_client.force_login(MemberFactory())
    assert strict_client.get(reverse("resources:edit", args=[draft.pk])).status_code == 404
    response = strict_client.post(reverse("resources:edit", args=[draft.pk]), {"title": "Van mij"})
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.title != "Van mij"


def test_contributing_needs_an_account(client):
    response = client.get(reverse("resources:contribute"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_home_page_counts_published_resources_per_top_level(client):
    ResourceFactory(levels=["fl-lo-3"])
    ResourceFactory(levels=["nl-po-6", "fl-lo-4"])
    ResourceFactory(levels=["fl-so-1g"])
    ResourceFactory(levels=["fl-lo-3"], status="draft", published_at=None)
    response = client.get("/")
    assert response.status_code == 200
    counts = {level.code: count for level, count in response.context["levels"]}
    assert counts["fl-bao"] == 2
    assert counts["fl-so"] == 1
    assert counts["fl-ho"] == 0
    assert len(response.context["newest"]) == 3


# --- Small shared helpers -----------------------------------------------------------------------


def test_paginate_gives_the_nearest_valid_page(rf):
    items = list(range(30))
    assert paginate(rf.get("/", {"page": "abc"}), items, 24).number == 1
    assert paginate(rf.get("/", {"page": "99999"}), items, 24).number == 2
    assert list(paginate(rf.get("/", {"page": "2"}), items, 24)) == list(range(24, 30))
    assert paginate(rf.get("/"), [], 24).number == 1


def test_filesize():
    # In English here; tests/core/test_regional_wording.py has the Dutch decimal comma.
    with translation.override("en"):
        assert filesize(512) == "512 B"
        assert filesize(2048) == "2.0 KB"
        assert filesize(5 * 1024 * 1024) == "5.0 MB"
        assert filesize(3 * 1024**4) == "3072.0 GB"


def test_query_with_replaces_and_removes_parameters(rf):
    request = rf.get("/resources/", {"level": "fl-lo", "page": "3", "sort": "title"})
    assert query_with({"request": request}, page=None) == "?level=fl-lo&sort=title"
    assert query_with({"request": request}, page=4, sort="") == "?level=fl-lo&page=4"
    assert query_with({"request": rf.get("/")}, page="") == "?"


def test_indent_follows_depth():
    from staffroom.curriculum.models import Level

    assert indent(Level(depth=2)) == "\u00a0" * 6
    assert indent(Level(depth=0)) == ""
