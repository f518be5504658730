"""Search in the teachers' room: the questions collection of the search index, with the same
language handling, syntax, typo tolerance and highlighting as resource search, on each backend;
kept in step with the database by the services, `staffroom search reindex` and `check`."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from staffroom.forum import services
from staffroom.forum.inputs import QuestionInput
from staffroom.forum.models import Question
from staffroom.forum.queries import search_filters_from, search_questions
from staffroom.search.backends import get_backend
from staffroom.search.services import search_check, search_reindex, search_reindex_all
from tests.factories import MemberFactory, ResourceFactory
from tests.forum.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def established(**fields):
    return MemberFactory(date_joined=timezone.now() - timedelta(days=120), **fields)


@pytest.fixture
def questions(each_backend):
    """Questions in three languages; the index built by a reindex."""
    asker = established()
    made = {
        "breuken": QuestionFactory(
            title="Hoe leg ik gelijknamige breuken uit?",
            body="Mijn leerlingen haken af bij het vergelijken.",
            author=asker,
            tags=["staafmodel"],
        ),
        "fractions": QuestionFactory(
            title="How do you teach equivalent fractions?",
            body="My pupils struggle when comparing fractions with pizza slices.",
            language="en",
            author=asker,
            levels=["nl-po-6"],
            subjects=["nl-rw"],
        ),
        "eleves": QuestionFactory(
            title="Comment motiver les élèves en classe de français?",
            body="Des idées pour l'école secondaire.",
            language="fr",
            author=asker,
            levels=["fl-so-1g"],
            subjects=["fl-fra"],
        ),
        "klok": QuestionFactory(
            title="Klokkijken met halve uren",
            body="Welke oefeningen werken voor het tweede leerjaar?",
            author=asker,
            levels=["fl-lo-2"],
        ),
    }
    services.answer_post(
        member=established(),
        question=made["klok"],
        body="Wij gebruiken een **grote kartonnen klok** en spelen 'hoe laat is het'.",
    )
    made["klok"].refresh_from_db()
    # A resource with the same words: resources are another collection.
    ResourceFactory(title="Breuken vergelijken met pizza")
    search_reindex_all()
    return made


def found(text="", **filters) -> list[str]:
    return [question.title for question in search_questions(text, filters).page]


def test_words_match_by_stem_and_accents_in_the_questions_language(questions):
    assert found("breuk") == [questions["breuken"].title]
    assert found("fraction compare") == [questions["fractions"].title]
    assert found("eleve ecole") == [questions["eleves"].title]
    assert found("vergelijken") == [questions["breuken"].title]  # not the resource


def test_answers_tags_and_vocabulary_find_their_question(questions):
    assert found("kartonnen") == [questions["klok"].title]
    assert found("staafmodel") == [questions["breuken"].title]
    # Tagged "3de leerjaar": a Dutch teacher types "groep 5".
    assert found('"groep 5"') == [questions["breuken"].title]


def test_phrases_exclusions_and_or(questions):
    assert found('"halve uren"') == [questions["klok"].title]
    assert found('"uren halve"') == []
    assert set(found("breuken OR klokkijken")) == {
        questions["breuken"].title,
        questions["klok"].title,
    }
    assert set(found("leerlingen OR oefeningen")) == {
        questions["breuken"].title,
        questions["klok"].title,
    }
    assert found("leerlingen OR oefeningen -klokkijken") == [questions["breuken"].title]


def test_typos_are_forgiven_and_said(questions):
    result = search_questions("gelijknamgie", {})
    assert [q.title for q in result.page] == [questions["breuken"].title]
    assert result.similar_words


def test_matches_are_highlighted(questions):
    result = search_questions("kartonnen klok", {})
    (question,) = result.page
    assert question.highlight["title"] == []  # "klok" is not "klokkijken"
    assert {piece for piece, matched in question.highlight["text"] if matched} == {
        "kartonnen",
        "klok",
    }


def test_filters_and_their_counts(questions):
    # Level with sub-levels and the crosswalk; the state of a question; the language.
    assert set(found(level="fl-lo")) == {
        questions["breuken"].title,
        questions["fractions"].title,
        questions["klok"].title,
    }
    assert found(level="nl-po-5") == [questions["breuken"].title]
    assert found(kind="answered") == [questions["klok"].title]
    assert set(found(kind="open")) == {
        questions["breuken"].title,
        questions["fractions"].title,
        questions["eleves"].title,
    }
    assert found(language="fr") == [questions["eleves"].title]
    facets = search_questions("", {}).facets
    assert facets["kind"] == {"open": 3, "answered": 1}
    assert facets["language"] == {"nl": 2, "en": 1, "fr": 1}
    assert facets["level"]["fl-lo"] == 3


def test_sorts(questions):
    question = questions["fractions"]
    Question.objects.filter(pk=question.pk).update(vote_count=9)
    search_reindex(collection="questions")
    result = search_questions("", {}, sort="popular")
    assert next(iter(result.page)).title == question.title
    newest = QuestionFactory(title="Allernieuwste vraag over breuken")
    search_reindex(collection="questions")
    assert next(iter(search_questions("", {}, sort="newest").page)).title == newest.title


def test_the_search_page_with_filters_and_bad_input(client, questions):
    response = client.get(reverse("forum:search"), {"q": "breuken", "level": "fl-lo"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<mark>breuken</mark>" in page
    assert [q.title for q in response.context["page"]] == [questions["breuken"].title]
    fragment = client.get(reverse("forum:search"), {"q": "breuken", "fragment": "body"})
    assert fragment.status_code == 200 and "<html" not in fragment.content.decode()
    for params in (
        {"q": '"((( -OR'},
        {"q": "x" * 5000},
        {"q": "\x00"},
        {"state": "nope", "level": "<script>", "sort": "rated", "page": "-4"},
        {"q": "klok", "page": "99999"},
    ):
        assert client.get(reverse("forum:search"), params).status_code == 200, params


def test_search_filters_from_a_query_string_keep_only_known_values():
    assert search_filters_from(
        {"level": "fl-lo-3", "subject": "nope", "state": "solved", "language": "xx", "kind": "link"}
    ) == {"level": "fl-lo-3", "kind": "solved"}


def test_the_index_follows_asking_and_answering(each_backend, django_capture_on_commit_callbacks):
    asker = established()
    with django_capture_on_commit_callbacks(execute=True):
        question = services.question_ask(
            member=asker,
            data=QuestionInput(title="Hoe organiseer ik hoekenwerk in de kleuterklas?"),
        )
    assert found("hoekenwerk") == [question.title]
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_post(member=established(), question=question, body="Met een planbord.")
    assert found("planbord") == [question.title]
    # A row deleted behind the index's back is left out of the page, not an error.
    Question.objects.filter(pk=question.pk).delete()
    assert found("planbord") == []


def test_reindex_and_check_cover_both_collections(each_backend):
    QuestionFactory(title="Vraag die nog niet in de index staat")
    ResourceFactory(title="Bron die nog niet in de index staat")
    drift = search_check(collection="questions")
    assert len(drift.missing) == 1 and not drift.stale
    output = StringIO()
    call_command("search", "reindex", stdout=output)
    text = output.getvalue()
    assert "Indexed 1 published resources." in text and "Indexed 1 questions." in text
    assert len(get_backend("questions").indexed_ids()) == 1
    assert len(get_backend("resources").indexed_ids()) == 1
    Question.objects.all().delete()
    output = StringIO()
    call_command("search", "check", "--repair", "--collection", "questions", stdout=output)
    assert output.getvalue().strip() == "questions: 0 missing and 1 stale entries repaired."
    assert get_backend("questions").indexed_ids() == set()
    assert len(get_backend("resources").indexed_ids()) == 1
    output = StringIO()
    call_command("search", "reindex", "--if-empty", stdout=output)
    assert "The resources index is already built." in output.getvalue()


def test_an_unknown_collection_is_a_clear_command_error(each_backend):
    with pytest.raises(CommandError, match="known: resources, questions"):
        call_command("search", "reindex", "--collection", "answers")
