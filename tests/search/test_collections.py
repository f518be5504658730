"""Collections: the resources and the teachers' room questions are separate indexes of one
document format, on each backend: what is written to one is never found, counted, versioned or
cleared in the other."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from tests.factories import ResourceFactory

from staffroom.search import documents
from staffroom.search.backends.base import SearchRequest, checked_collection
from staffroom.search.backends.postgres_backend import PostgresBackend
from staffroom.search.backends.tantivy_backend import SCHEMA_VERSION, TantivyBackend
from staffroom.search.collections import collection_named, collection_names

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["tantivy", "postgres"])
def pair(request, tmp_path):
    """The resources and the questions collection of one backend."""
    if request.param == "tantivy":
        return TantivyBackend(tmp_path), TantivyBackend(tmp_path, collection="questions")
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the PostgreSQL search backend runs on it (DATABASE_URL)")
    made = PostgresBackend(tmp_path), PostgresBackend(tmp_path, collection="questions")
    for backend in made:
        backend.clear()
    return made


def test_collections_are_separate_indexes(pair):
    resources, questions = pair
    resource = ResourceFactory(title="Breuken vergelijken", language="nl")
    document = documents.resource_document(resource)
    resources.index_documents([document])
    # The same id in the other collection is another entry.
    questions.index_documents([{**document, "title": "Hoe vergelijk ik breuken?", "kind": "open"}])
    assert resources.indexed_ids() == questions.indexed_ids() == {resource.pk}
    assert resources.search(SearchRequest(text="hoe")).total == 0
    assert questions.search(SearchRequest(text="hoe")).ids == [resource.pk]
    assert questions.search(SearchRequest(filters={"kind": "open"})).total == 1
    assert resources.search(SearchRequest(filters={"kind": "open"})).total == 0
    assert resources.search(SearchRequest()).facets["kind"] == {"link": 1}
    # Typo tolerance expands words to the terms of its own collection only.
    assert questions.search(SearchRequest(text="hoee", fuzzy=1)).total == 1
    assert resources.search(SearchRequest(text="hoee", fuzzy=1)).total == 0

    before = resources.version()
    questions.delete([resource.pk])
    assert resources.version() == before
    assert resources.indexed_ids() == {resource.pk}
    questions.index_documents([document])
    questions.clear()
    assert resources.indexed_ids() == {resource.pk} and questions.indexed_ids() == set()
    assert resources.version() == before


def test_the_resources_index_stays_where_it_was(tmp_path):
    TantivyBackend(tmp_path)
    TantivyBackend(tmp_path, collection="questions")
    assert (tmp_path / f"v{SCHEMA_VERSION}" / "meta.json").exists()
    assert (tmp_path / "questions" / f"v{SCHEMA_VERSION}" / "meta.json").exists()


@pytest.mark.parametrize("name", ["", "Questions", "../etc", "a b", "x;drop", "9lives"])
def test_a_collection_name_is_checked_before_it_names_a_folder_or_table(tmp_path, name):
    with pytest.raises(ValueError):
        checked_collection(name)
    with pytest.raises(ValueError):
        TantivyBackend(tmp_path, collection=name)


def test_postgres_knows_only_the_collections_a_migration_made_tables_for(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="answers"):
        PostgresBackend(tmp_path, collection="answers")


def test_the_registry_names_resources_first():
    assert collection_names()[0] == "resources"
    assert "questions" in collection_names()
    with pytest.raises(ValueError, match="Unknown"):
        collection_named("nope")
