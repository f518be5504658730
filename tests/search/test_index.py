"""The Tantivy index: language-aware matching, crosswalk terms, filters, facet counts, and
following the database as resources are published and withdrawn."""

import pytest
from django.urls import reverse
from tests.factories import MemberFactory, ModerationItemFactory, ModeratorFactory, ResourceFactory

from staffroom.moderation.services import moderation_item_publish
from staffroom.resources.models import Resource
from staffroom.search.backends.base import SearchRequest
from staffroom.search.services import search_check, search_reindex

pytestmark = pytest.mark.django_db


def _found(backend, text="", **filters) -> set[str]:
    result = backend.search(SearchRequest(text=text, filters=filters, limit=100))
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
    assert len(search_index.indexed_ids()) == 4


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("breuk", "Breuken vergelijken"),  # Dutch plural and singular share a stem
        ("fraction", "Comparing fractions"),
        ("compare", "Comparing fractions"),
        ("ecole eleve", "Les élèves et l'école"),  # accents folded
        ("bruche", "Die Brüche im Alltag"),
    ],
)
def test_words_match_by_stem_in_the_resources_language(search_index, corpus, query, title):
    assert title in _found(search_index, query)


def test_vocabulary_labels_of_both_regions_are_searchable(search_index, corpus):
    # Tagged with the Flemish "3de leerjaar"; a Dutch teacher types "groep 5".
    assert "Breuken vergelijken" in _found(search_index, "groep 5")
    # Tagged with the Dutch "Groep 6"; a Flemish teacher types "4de leerjaar".
    assert "Comparing fractions" in _found(search_index, "4de leerjaar")


def test_the_level_filter_includes_sub_levels_and_crosswalked_terms(search_index, corpus):
    assert _found(search_index, level="fl-lo") == {"Breuken vergelijken", "Comparing fractions"}
    assert _found(search_index, level="nl-po-5") == {"Breuken vergelijken"}


def test_facet_counts_equal_a_count_in_the_database(search_index, corpus):
    result = search_index.search(SearchRequest(limit=1))
    assert result.total == 4
    published = Resource.objects.published()
    for licence, count in result.facets["licence"].items():
        assert published.filter(licence=licence).count() == count
    for language, count in result.facets["language"].items():
        assert published.filter(language=language).count() == count
    assert result.facets["level"]["fl-lo"] == 2


def test_bad_queries_answer_without_errors(search_index, corpus):
    for text in ['"unbalanced', "AND OR NOT", "(((", "x" * 2000, "-", "de het een"]:
        search_index.search(SearchRequest(text=text))


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
