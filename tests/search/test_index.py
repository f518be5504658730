"""The search index follows the database: a reindex holds the published resources only,
publication and withdrawal reach it, and drift is found and repaired. Whatever backend is
configured (how each backend matches, filters and counts: test_backends.py)."""

import pytest
from django.urls import reverse
from tests.factories import MemberFactory, ModerationItemFactory, ModeratorFactory, ResourceFactory

from staffroom.moderation.services import moderation_item_publish
from staffroom.resources.models import Resource
from staffroom.search.backends.base import SearchRequest
from staffroom.search.services import search_check, search_reindex

pytestmark = pytest.mark.django_db


def _found(backend, text="") -> set[str]:
    result = backend.search(SearchRequest(text=text, limit=100))
    return set(Resource.objects.filter(pk__in=result.ids).values_list("title", flat=True))


@pytest.fixture
def corpus():
    ResourceFactory(
        title="Breuken vergelijken", language="nl", levels=["fl-lo-3"], subjects=["fl-wis"]
    )
    ResourceFactory(
        title="Comparing fractions",
        language="en",
        levels=["nl-po-6"],
        subjects=["nl-rw"],
        licence="cc-by-sa",
    )
    ResourceFactory(
        title="Les élèves et l'école",
        language="fr",
        levels=["fl-so-1g"],
        subjects=["fl-fra"],
    )
    ResourceFactory(
        title="Die Brüche im Alltag",
        language="de",
        levels=["nl-vwo-1"],
        subjects=["nl-du"],
    )
    ResourceFactory(title="Nog niet gepubliceerd", status="pending", levels=["fl-lo-3"])
    return search_reindex()


def test_reindex_holds_the_published_resources_only(search_index, corpus):
    assert corpus == 4
    published = set(Resource.objects.published().values_list("pk", flat=True))
    assert search_index.indexed_ids() == published
    assert _found(search_index, "gepubliceerd") == set()


def test_reindexing_again_updates_and_removes(search_index, corpus):
    withdrawn = Resource.objects.get(title="Die Brüche im Alltag")
    Resource.objects.filter(pk=withdrawn.pk).update(status="withdrawn")
    Resource.objects.filter(title="Breuken vergelijken").update(title="Breuken ordenen")
    assert search_reindex() == 3
    assert withdrawn.pk not in search_index.indexed_ids()
    assert len(search_index.indexed_ids()) == 3
    assert _found(search_index, "ordenen") == {"Breuken ordenen"}
    assert _found(search_index, '"breuken vergelijken"') == set()


def test_the_index_follows_publication_and_withdrawal(
    client, search_index, django_capture_on_commit_callbacks
):
    item = ModerationItemFactory(resource__title="Werkwoorden vervoegen")
    with django_capture_on_commit_callbacks(execute=True):
        moderation_item_publish(item=item, moderator=ModeratorFactory())
    assert "Werkwoorden vervoegen" in _found(search_index, "werkwoorden")
    client.force_login(item.resource.contributor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("resources:withdraw", args=[item.resource.pk]))
    assert "Werkwoorden vervoegen" not in _found(search_index, "werkwoorden")


def test_check_reports_and_repairs_drift(search_index, corpus):
    stale = Resource.objects.published().first()
    Resource.objects.filter(pk=stale.pk).update(status="withdrawn")
    missing = ResourceFactory(title="Later toegevoegd", contributor=MemberFactory())
    drift = search_check()
    assert drift.missing == {missing.pk}
    assert drift.stale == {stale.pk}
    search_check(repair=True)
    drift = search_check()
    assert not drift.missing and not drift.stale
