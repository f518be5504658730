"""Ranking: text relevance first, then the quality signals of search/ranking.py."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from tests.factories import ModeratorFactory, ResourceFactory

from staffroom.resources.services import resource_set_pick
from staffroom.search import ranking
from staffroom.search.backends.base import SearchRequest
from staffroom.search.services import search_reindex

NOW = datetime(2026, 11, 30, tzinfo=UTC)


def multiplier(**changes):
    values = {
        "downloads": 0,
        "rating_average": 0.0,
        "rating_count": 0,
        "picked": False,
        "published_at": NOW - timedelta(days=3 * 365),
        "now": NOW,
    }
    return ranking.quality_multiplier(**(values | changes))


def test_each_signal_raises_the_multiplier_and_poor_ratings_lower_it():
    plain = multiplier()
    assert multiplier(downloads=100) > multiplier(downloads=10) > plain
    assert multiplier(picked=True) > plain
    assert multiplier(published_at=NOW) > multiplier(published_at=NOW - timedelta(days=365)) > plain
    assert multiplier(rating_average=5, rating_count=20) > plain
    assert multiplier(rating_average=1, rating_count=20) < plain
    assert multiplier(rating_average=1, rating_count=1000, downloads=0) >= 1


def test_the_stored_boost_gives_the_multiplier_back():
    import math

    for value in (1.0, 1.5, 2.7):
        assert math.log2(2 + ranking.boost(value)) == pytest.approx(value)


def test_many_good_ratings_outrank_a_single_perfect_one():
    assert ranking.rating_rank(4.8, 40) > ranking.rating_rank(5.0, 1)
    assert ranking.rating_rank(0, 0) == ranking.PRIOR_RATING


@pytest.mark.django_db
def test_equally_relevant_resources_are_ordered_by_quality(search_index):
    text = {"description": "Breuken vergelijken met pizzapunten."}
    plain = ResourceFactory(title="Breuken A", published_at=NOW - timedelta(days=2000), **text)
    popular = ResourceFactory(
        title="Breuken B", download_count=500, published_at=NOW - timedelta(days=2000), **text
    )
    search_reindex()
    found = search_index.search(SearchRequest(text="breuken")).ids
    assert found.index(popular.pk) < found.index(plain.pk)

    # A moderator's pick lifts the plain one above the popular one.
    resource_set_pick(resource=plain, moderator=ModeratorFactory(), picked=True)
    search_reindex()
    found = search_index.search(SearchRequest(text="breuken")).ids
    assert found.index(plain.pk) < found.index(popular.pk)


@pytest.mark.django_db
def test_text_relevance_outweighs_popularity(search_index):
    on_topic = ResourceFactory(
        title="Breuken vergelijken",
        description="Breuken, breuken en nog eens breuken: teller en noemer.",
        keywords=["breuken"],
    )
    popular = ResourceFactory(
        title="Rekenen in het derde leerjaar",
        description="Van tafels tot een eerste kennismaking met breuken.",
        download_count=300,
    )
    search_reindex()
    assert search_index.search(SearchRequest(text="breuken")).ids == [on_topic.pk, popular.pk]


@pytest.mark.django_db
def test_best_rated_sorts_by_the_bayesian_average(client):
    one_vote = ResourceFactory(title="Breuken één stem", rating_average=5.0, rating_count=1)
    many = ResourceFactory(title="Breuken veel stemmen", rating_average=4.7, rating_count=30)
    unrated = ResourceFactory(title="Breuken zonder stemmen")
    search_reindex()
    response = client.get(reverse("search:search"), {"q": "breuken", "sort": "rated"})
    assert [r.pk for r in response.context["page"]] == [many.pk, one_vote.pk, unrated.pk]
