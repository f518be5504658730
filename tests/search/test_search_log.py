"""Every search of the page and the API is recorded with what it found, never who searched."""

import importlib
from datetime import timedelta

import pytest
from django.utils import timezone
from tests.factories import MemberFactory

from staffroom.search.models import SearchLog, folded
from staffroom.search.services import search_log_prune, search_record
from staffroom.site.schedule import SCHEDULE

pytestmark = pytest.mark.django_db

SEARCH = "/search/"


def test_the_page_records_every_search_with_what_it_found(client, indexed):
    client.get(SEARCH, {"q": "breuken", "licence": "cc-by", "rating": "2"})
    client.get(SEARCH, {"q": "zzzyx"})
    filtered, nothing = SearchLog.objects.order_by("pk")
    assert (filtered.query, filtered.result_count, filtered.source) == ("breuken", 0, "page")
    # The minimum rating is recorded with the filters.
    assert filtered.filters == {"licence": "cc-by", "rating": "2"}
    assert (nothing.query, nothing.result_count, nothing.similar_words) == ("zzzyx", 0, False)
    client.get(SEARCH, {"q": "breuken"})
    assert SearchLog.objects.latest("pk").result_count == 2


def test_nothing_in_the_log_says_who_searched(client, indexed):
    member = MemberFactory(region="nl", email="an.peeters@example.org", name="An Peeters")
    client.force_login(member)
    client.get(SEARCH, {"q": "breuken"}, REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Firefox")
    recorded = SearchLog.objects.get()
    assert recorded.region == "nl"
    fields = {field.name for field in SearchLog._meta.get_fields()}
    assert fields == {
        "id",
        "query",
        "folded",
        "filters",
        "region",
        "result_count",
        "similar_words",
        "source",
        "created_at",
    }
    stored = repr([getattr(recorded, name) for name in fields])
    for identity in ("an.peeters", "Peeters", "203.0.113.7", "Firefox"):
        assert identity not in stored


def test_a_search_answered_with_similar_words_is_marked(client, indexed):
    client.get(SEARCH, {"q": "photosyntesis"})
    recorded = SearchLog.objects.get()
    assert recorded.result_count == 1
    assert recorded.similar_words


def test_a_cached_search_is_recorded_too(client, settings, indexed):
    settings.SEARCH_CACHE_SECONDS = 60
    first = client.get(SEARCH, {"q": "photosyntesis"})
    again = client.get(SEARCH, {"q": "photosyntesis"})
    assert "page" in first.context and "page" not in again.context  # the second from the cache
    assert [(r.result_count, r.similar_words) for r in SearchLog.objects.all()] == [(1, True)] * 2


def test_paging_and_an_empty_search_are_not_new_searches(client, indexed):
    client.get(SEARCH, {"q": "breuken", "page": "2"})
    client.get(SEARCH, {"q": "breuken", "page": "abc"})
    client.get(SEARCH)
    client.get(SEARCH, {"q": "   "})
    client.get(SEARCH, {"q": "", "level": "nope"})  # an unknown filter is no filter
    assert not SearchLog.objects.exists()
    client.get(SEARCH, {"q": "breuken", "page": "1"})
    client.get(SEARCH, {"level": "fl-lo-3"})
    assert SearchLog.objects.count() == 2


def test_a_live_filter_change_is_a_search(client, indexed):
    # With JavaScript, choosing a filter fetches the filters and results alone.
    client.get(SEARCH, {"q": "breuken", "licence": "cc-by-sa", "fragment": "body"})
    recorded = SearchLog.objects.get()
    assert recorded.filters == {"licence": "cc-by-sa"}
    assert recorded.result_count == 1


def test_the_api_records_its_searches(client, indexed):
    client.get("/api/v1/search", {"q": "zzzyx", "region": "nl", "licence": "cc0"})
    client.get("/api/v1/search", {"q": "photosyntesis"})
    client.get("/api/v1/search", {"q": "breuken", "page": 2})
    client.get("/api/v1/search", {"q": "breuken", "region": "xx"})  # refused: 422
    nothing, similar = SearchLog.objects.order_by("pk")
    assert (nothing.source, nothing.region, nothing.filters) == ("api", "nl", {"licence": "cc0"})
    assert nothing.result_count == 0
    assert (similar.source, similar.result_count, similar.similar_words) == ("api", 1, True)


def test_folded_text_groups_spellings_of_one_search():
    assert folded("  Breuken   OPTÉLLEN ") == "breuken optellen"
    assert folded("Straße") == "strasse"
    assert len(folded("é" * 600)) == 500
    recorded = search_record(
        text="  Ça  va ", filters={}, region="fl", result_count=0, similar_words=True
    )
    assert recorded is not None
    assert (recorded.query, recorded.folded, recorded.similar_words) == ("Ça va", "ca va", False)
    assert search_record(text="x" * 900, filters={}, region="fl", result_count=3).query == "x" * 500


def test_old_searches_are_deleted_by_the_clock(settings):
    settings.SEARCH_LOG_DAYS = 30
    now = timezone.now()
    old = search_record(text="oud", filters={}, region="fl", result_count=0)
    recent = search_record(text="nieuw", filters={}, region="fl", result_count=0)
    SearchLog.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=31))
    SearchLog.objects.filter(pk=recent.pk).update(created_at=now - timedelta(days=29))
    assert search_log_prune(now=now) == 1
    assert list(SearchLog.objects.values_list("query", flat=True)) == ["nieuw"]
    task_path, interval = SCHEDULE["search-log-prune"]
    assert task_path == "staffroom.search.tasks.prune_search_log"
    assert interval == timedelta(days=1)
    from staffroom.search.tasks import prune_search_log

    assert prune_search_log.call() == 0


def test_the_migration_folds_the_searches_recorded_before():
    from django.apps import apps

    migration = importlib.import_module("staffroom.search.migrations.0005_search_log")
    recorded = search_record(text="Wiskunde  Ëxamen", filters={}, region="fl", result_count=0)
    SearchLog.objects.filter(pk=recorded.pk).update(
        folded="", filters={"licence": "cc0", "level": "fl-lo-3"}
    )
    migration.fill_folded(apps, None)
    recorded.refresh_from_db()
    assert recorded.folded == "wiskunde examen"
    assert recorded.filters == {"level": "fl-lo-3", "licence": "cc0"}
    assert migration.folded("Ça  VA") == folded("Ça  VA")


def test_the_same_filters_in_another_order_are_one_search():
    from staffroom.search.zero_results import unfound_searches

    for filters in ({"licence": "cc0", "level": "fl-lo-3"}, {"level": "fl-lo-3", "licence": "cc0"}):
        search_record(text="Zzzyx", filters=filters, region="fl", result_count=0)
    assert [row["searches"] for row in unfound_searches()] == [2]
