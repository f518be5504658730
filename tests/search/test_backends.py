"""One behaviour suite for every search backend: each test runs against Tantivy and against
PostgreSQL (where the database is PostgreSQL), and on PostgreSQL both backends must answer a
realistic corpus identically."""

import random
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from tests.factories import OrganisationFactory, ResourceFactory

from staffroom.curriculum.models import Level, ResourceType, Subject
from staffroom.resources.models import Resource
from staffroom.search import documents, ranking, wordforms
from staffroom.search.backends.base import (
    FACETS,
    RATING_STEPS,
    SearchRequest,
    counted_field,
)
from staffroom.search.backends.postgres_backend import PostgresBackend
from staffroom.search.backends.tantivy_backend import TantivyBackend
from staffroom.site.demo.topics import BANDS, TOPICS

pytestmark = pytest.mark.django_db

NEEDS_POSTGRES = "needs PostgreSQL: the PostgreSQL search backend runs on it (set DATABASE_URL)"


def _backend(name: str, folder):
    if name == "tantivy":
        return TantivyBackend(folder)
    if connection.vendor != "postgresql":
        pytest.skip(NEEDS_POSTGRES)
    backend = PostgresBackend(folder)
    backend.clear()  # inside the test's transaction: undone afterwards
    return backend


@pytest.fixture(params=["tantivy", "postgres"])
def backend(request, db, tmp_path):
    return _backend(request.param, tmp_path / request.param)


def index(backend, *resources) -> list[dict]:
    found = [documents.resource_document(resource) for resource in resources]
    backend.index_documents(found)
    return found


def titles(backend, text: str = "", **options) -> set[str]:
    result = backend.search(SearchRequest(text=text, limit=100, **options))
    assert result.total == len(result.ids)
    return set(Resource.objects.filter(pk__in=result.ids).values_list("title", flat=True))


def resource(title: str, **fields) -> Resource:
    """A published resource whose text is its title unless the test says more (and whose
    contributor's name is always the same: a made-up name could hold any word)."""
    return ResourceFactory(
        title=title, **{"description": "", "contributor__name": "An Peeters", **fields}
    )


@pytest.fixture
def corpus(backend):
    resources = [
        resource(
            "Breuken vergelijken",
            description="Met pizzapunten ontdekken leerlingen wat een breuk is.",
            language="nl",
            levels=["fl-lo-3"],
            subjects=["fl-wis"],
        ),
        resource(
            "Comparing fractions",
            description="Pupils compare fractions with paper strips.",
            language="en",
            levels=["nl-po-6"],
            subjects=["nl-rw"],
            licence="cc-by-sa",
        ),
        resource(
            "Les élèves et l'école",
            description="Une journée à l'école primaire.",
            language="fr",
            levels=["fl-so-1g"],
            subjects=["fl-fra"],
        ),
        resource(
            "Die Brüche im Alltag",
            description="Brüche beim Kochen und Backen.",
            language="de",
            levels=["nl-vwo-1"],
            subjects=["nl-du"],
        ),
        resource(
            "Vergelijken van breuken en kommagetallen",
            description="Oefeningen voor het vierde leerjaar.",
            language="nl",
            levels=["fl-lo-4"],
            subjects=["fl-wis"],
        ),
        resource(
            "Fotosynthese in de klas",
            description="Planten maken suiker uit licht; een proef met waterpest.",
            language="nl",
            levels=["fl-lo-5"],
            subjects=["fl-wo"],
            kind="file",
        ),
    ]
    index(backend, *resources)
    return resources


# --- language-aware matching ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("breuk", "Breuken vergelijken"),  # Dutch plural and singular share a stem
        ("fraction", "Comparing fractions"),
        ("compare", "Comparing fractions"),
        ("ecole eleve", "Les élèves et l'école"),  # French stems, accents folded
        ("bruche", "Die Brüche im Alltag"),  # German stem, umlaut folded
    ],
)
def test_words_match_by_stem_in_the_resources_language(backend, corpus, query, title):
    assert title in titles(backend, query)


def test_a_word_is_analysed_as_each_resources_language_analyses_it(backend):
    index(
        backend,
        resource("Een boek lezen", language="nl"),
        resource("Boek of the week", language="en"),
        resource("Boeken of the month", language="en"),
    )
    # Dutch "boeken" stems to "boek": the Dutch resource is found. An English resource holds
    # "boek" too, but English does not stem "boeken" to it.
    assert titles(backend, "boeken") == {"Een boek lezen", "Boeken of the month"}


def test_stop_words_are_words_like_any_other(backend):
    index(
        backend,
        # No type: its French label ("Fiche de travail") holds "de" too.
        resource("De kat en de hond", language="nl", resource_type=None),
        resource("The cat and the dog", language="en", resource_type=None),
    )
    assert titles(backend, "de") == {"De kat en de hond"}
    assert titles(backend, "the") == {"The cat and the dog"}
    assert titles(backend, '"de hond"') == {"De kat en de hond"}


@pytest.mark.parametrize("query", ["eleve", "élève", "ÉLÈVE", "Élèves"])
def test_accents_and_case_are_folded_both_ways(backend, query):
    index(
        backend,
        resource("Élèves en classe", language="fr"),
        resource("Eleves sans accents", language="fr"),
    )
    assert titles(backend, query) == {"Élèves en classe", "Eleves sans accents"}


def test_a_language_without_a_stemmer_is_folded_but_not_stemmed(backend):
    index(backend, resource("Scuole italiane", language="it"))
    assert titles(backend, "scuole") == {"Scuole italiane"}
    assert titles(backend, "scuola") == set()


# --- typos ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typo",
    [
        "vergeiljken",  # two letters swapped: one edit
        "vergelijkn",  # a letter left out
        "fotosinthese",  # a letter wrong
        "fotosyntese",
    ],
)
def test_one_typo_is_tolerated_with_fuzzy_one_only(backend, corpus, typo):
    assert titles(backend, typo, fuzzy=0) == set()
    found = titles(backend, typo, fuzzy=1)
    assert found and found <= {
        "Breuken vergelijken",
        "Vergelijken van breuken en kommagetallen",
        "Fotosynthese in de klas",
    }


def test_two_typos_need_fuzzy_two(backend, corpus):
    assert titles(backend, "fotosintese", fuzzy=1) == set()  # "fotosynthese" two edits away
    assert titles(backend, "fotosintesse", fuzzy=1) == set()
    assert titles(backend, "fotosintese", fuzzy=2) == {"Fotosynthese in de klas"}


def test_typos_are_not_applied_to_phrases_or_exclusions(backend, corpus):
    assert titles(backend, '"breuken vergeiljken"', fuzzy=1) == set()
    assert "Breuken vergelijken" in titles(backend, "breuken -vergeiljken", fuzzy=1)


# --- vocabulary and filters -------------------------------------------------------------------


def test_vocabulary_labels_of_both_regions_are_searchable(backend, corpus):
    # Tagged with the Flemish "3de leerjaar"; a Dutch teacher types "groep 5".
    assert "Breuken vergelijken" in titles(backend, "groep 5")
    assert "Breuken vergelijken" in titles(backend, '"groep 5"')
    # Tagged with the Dutch "Groep 6"; a Flemish teacher types "4de leerjaar".
    assert "Comparing fractions" in titles(backend, '"4de leerjaar"')
    # Folded: "Wiskunde" in any form a teacher types it.
    assert "Breuken vergelijken" in titles(backend, "WISKUNDE")


def test_preferences_rank_the_readers_own_first_and_find_the_same(backend):
    index(
        backend,
        resource("Breuken oefenen", language="nl", levels=["fl-lo-3"]),
        resource("Breuken oefenen", language="nl", levels=["nl-po-5"]),
        resource("Breuken oefenen", language="en", levels=["nl-po-5"]),
    )
    flemish, dutch, english = Resource.objects.order_by("pk")

    def ranked(*prefer):
        return backend.search(SearchRequest(text="breuken oefenen", prefer=prefer)).ids

    assert ranked(("tagged", "fl"))[0] == flemish.pk
    assert ranked(("tagged", "nl"), ("language", "nl"))[0] == dutch.pk
    assert ranked(("language", "en"))[0] == english.pk
    assert set(ranked(("tagged", "fl"))) == set(ranked()) == {flemish.pk, dutch.pk, english.pk}


def test_vocabulary_labels_are_stemmed_as_text_in_their_language_is(backend):
    index(
        backend,
        resource("Odyssee, zang 1", language="nl", subjects=["fl-kt"]),
        resource("Samen spelen", language="nl", subjects=["fl-sv"]),
    )
    # Only the labels say "Classical languages" and "Sociale vaardigheden".
    assert titles(backend, "classical language") == {"Odyssee, zang 1"}
    assert titles(backend, "sociale vaardigheid") == {"Samen spelen"}
    assert titles(backend, "sociale vaardigheden") == {"Samen spelen"}


def test_the_level_filter_includes_sub_levels_and_crosswalked_terms(backend, corpus):
    # "Lager onderwijs" holds the 3rd, 4th and 5th year, and the Dutch "Groep 6" (= 4th year).
    assert titles(backend, filters={"level": "fl-lo"}) == {
        "Breuken vergelijken",
        "Comparing fractions",
        "Vergelijken van breuken en kommagetallen",
        "Fotosynthese in de klas",
    }
    assert titles(backend, filters={"level": "nl-po-5"}) == {"Breuken vergelijken"}
    assert titles(backend, "breuken", filters={"level": "fl-lo-4"}) == {
        "Vergelijken van breuken en kommagetallen"
    }


def test_filters_combine(backend, corpus):
    assert titles(backend, filters={"level": "fl-lo", "licence": "cc-by-sa"}) == {
        "Comparing fractions"
    }
    assert titles(backend, filters={"subject": "fl-wis", "language": "nl"}) == {
        "Breuken vergelijken",
        "Vergelijken van breuken en kommagetallen",
    }
    assert titles(backend, filters={"kind": "file"}) == {"Fotosynthese in de klas"}
    assert titles(backend, filters={"level": "fl-lo", "language": "de"}) == set()


def test_a_filter_value_no_resource_has_finds_nothing_without_an_error(backend, corpus):
    for filters in ({"level": "nope"}, {"licence": "cc-zzz"}, {"subject": "xx"}):
        result = backend.search(SearchRequest(text="breuken", filters=filters))
        assert (result.ids, result.total) == ([], 0)


def test_unknown_facets_and_empty_values_are_ignored(backend, corpus):
    assert titles(backend, "breuken", filters={"colour": "red", "licence": ""}) == titles(
        backend, "breuken"
    )


def test_min_rating_keeps_resources_rated_at_least_that(backend):
    index(
        backend,
        resource("Breuken goed", rating_average=4.5, rating_count=3),
        resource("Breuken vier", rating_average=4.0, rating_count=1),
        resource("Breuken matig", rating_average=3.2, rating_count=2),
        resource("Breuken zonder stemmen"),
    )
    assert titles(backend, "breuken", min_rating=4) == {"Breuken goed", "Breuken vier"}
    assert titles(backend, "breuken", min_rating=3) == {
        "Breuken goed",
        "Breuken vier",
        "Breuken matig",
    }
    assert len(titles(backend, "breuken", min_rating=0)) == 4


def test_only_ids_limits_the_search_to_those_resources(backend, corpus):
    first, second, *_rest = corpus
    result = backend.search(SearchRequest(text="breuken", only_ids=(first.pk, second.pk)))
    assert (result.ids, result.total) == ([first.pk], 1)
    result = backend.search(SearchRequest(only_ids=(second.pk,)))
    assert (result.ids, result.total) == ([second.pk], 1)


# --- query syntax -----------------------------------------------------------------------------


def test_all_words_must_match(backend, corpus):
    assert titles(backend, "breuken vergelijken") == {
        "Breuken vergelijken",
        "Vergelijken van breuken en kommagetallen",
    }
    assert titles(backend, "breuken kommagetallen") == {"Vergelijken van breuken en kommagetallen"}


def test_a_phrase_matches_its_words_together_and_in_order(backend, corpus):
    assert titles(backend, '"breuken vergelijken"') == {"Breuken vergelijken"}
    assert titles(backend, '"vergelijken breuken"') == set()
    assert titles(backend, '"van breuken"') == {"Vergelijken van breuken en kommagetallen"}


def test_a_phrase_does_not_span_two_fields(backend):
    index(backend, resource("Breuken", description="vergelijken met pizza", language="nl"))
    assert titles(backend, "breuken vergelijken") == {"Breuken"}
    assert titles(backend, '"breuken vergelijken"') == set()


def test_exclusions(backend, corpus):
    assert titles(backend, "breuken -kommagetallen") == {"Breuken vergelijken"}
    assert titles(backend, 'breuken -"van breuken"') == {"Breuken vergelijken"}


def test_or_between_words_and_phrases(backend, corpus):
    assert titles(backend, "fotosynthese OR kommagetallen") == {
        "Fotosynthese in de klas",
        "Vergelijken van breuken en kommagetallen",
    }
    assert titles(backend, '"breuken vergelijken" OR fotosynthese') == {
        "Breuken vergelijken",
        "Fotosynthese in de klas",
    }
    # Lower-case "or" is a word: here nothing holds it.
    assert titles(backend, "fotosynthese or kommagetallen") == set()


def test_only_exclusions_find_everything_else(backend, corpus):
    everything = {resource.title for resource in corpus}
    assert titles(backend, "-breuken") == everything - {
        "Breuken vergelijken",
        "Vergelijken van breuken en kommagetallen",
    }
    assert titles(backend, "") == everything


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "x" * 2000,
        '"breuken vergelijken',
        "AND OR NOT",
        "(((",
        "de het een",
        "-",
        '" - OR',
        "OR",
        "-breuken -",
        "breuken:vergelijken",
        "title:breuken",
        "breuk* ~2 ^3 [a TO b]",
        "'quoted' \\ backslash",
        "\x00\x01 control",
        "🙂 emoji",
        "a" * 39,
        "a" * 40,
        " ".join(["breuken"] * 100),
    ],
)
def test_bad_input_never_raises(backend, corpus, text):
    for fuzzy in (0, 1, 2):
        result = backend.search(SearchRequest(text=text, fuzzy=fuzzy, highlight=True))
        assert result.total >= len(result.ids)


def test_syntax_only_queries_find_everything(backend, corpus):
    for text in ["-", '" - OR', "OR", "((("]:
        assert len(titles(backend, text)) == len(corpus), text


def test_a_word_of_forty_bytes_or_more_is_not_indexed(backend):
    index(backend, resource(f"Kort {'a' * 39} {'b' * 40}", language="nl"))
    assert titles(backend, "a" * 39) == {f"Kort {'a' * 39} {'b' * 40}"}
    assert titles(backend, "b" * 40) == set()
    assert titles(backend, f"kort -{'b' * 40}") == {f"Kort {'a' * 39} {'b' * 40}"}


# --- facets -----------------------------------------------------------------------------------


def brute_force_facets(docs: list[dict], ids, region: str) -> dict[str, dict[str, int]]:
    """What the facet counts must be: counted over the documents themselves."""
    matched = [doc for doc in docs if doc["id"] in set(ids)]
    counts = {facet: Counter() for facet in FACETS}
    for doc in matched:
        for facet in FACETS:
            value = doc[counted_field(facet, region)]
            counts[facet].update(item for item in (value if isinstance(value, list) else [value]))
    found = {facet: {k: v for k, v in counted.items() if k} for facet, counted in counts.items()}
    found["rating"] = {
        str(step): sum(doc["rating"] >= step for doc in matched) for step in RATING_STEPS
    }
    return found


@pytest.fixture
def varied(backend):
    """Resources that differ in every facet."""
    publisher = OrganisationFactory(name="Klascement")
    resources = [
        resource(
            f"Breuken {n}",
            language=language,
            levels=levels,
            subjects=subjects,
            licence=licence,
            kind=kind,
            organisation=publisher if n % 3 == 0 else None,
            resource_type=ResourceType.objects.get(code=kind_of_resource),
            rating_average=rating,
            rating_count=2 if rating else 0,
        )
        for n, (language, levels, subjects, licence, kind, kind_of_resource, rating) in enumerate(
            [
                ("nl", ["fl-lo-3"], ["fl-wis"], "cc-by", "link", "worksheet", 4.5),
                ("nl", ["fl-lo-4", "nl-po-6"], ["fl-wis"], "cc-by-sa", "file", "exercise", 3.0),
                ("en", ["nl-po-6"], ["nl-rw"], "cc-by-sa", "link", "video", 0),
                ("fr", ["fl-so-1g"], ["fl-fra", "fl-ned"], "cc0", "embed", "game", 2.5),
                ("de", ["nl-vwo-1"], ["nl-du"], "cc-by-nc", "link", "worksheet", 1.0),
                ("nl", ["nl-po-3", "fl-lo-1"], ["nl-rw"], "cc-by", "file", "lesson-plan", 5.0),
                ("nl", ["fl-ko-2"], ["fl-wo"], "cc-by-nd", "link", "worksheet", 0),
            ]
        )
    ]
    resources.append(resource("Iets anders", levels=["fl-lo-3"], licence="cc0"))
    return index(backend, *resources)


@pytest.mark.parametrize("region", ["fl", "nl"])
@pytest.mark.parametrize(
    ("text", "filters", "min_rating"),
    [
        ("", {}, 0),
        ("breuken", {}, 0),
        ("breuken", {"level": "fl-lo"}, 0),
        ("breuken -cc", {"licence": "cc-by-sa"}, 0),
        ("", {"subject": "nl-rw"}, 0),
        ("breuken OR anders", {}, 3),
    ],
)
def test_facet_counts_equal_a_count_over_the_documents(
    backend, varied, region, text, filters, min_rating
):
    result = backend.search(
        SearchRequest(text=text, filters=filters, min_rating=min_rating, region=region, limit=100)
    )
    assert result.total == len(result.ids) > 0
    assert result.facets == brute_force_facets(varied, result.ids, region)


def test_the_filter_and_the_counts_agree(backend, varied):
    """Choosing a counted value finds exactly as many resources as its count said."""
    for region in ("fl", "nl"):
        facets = backend.search(SearchRequest(region=region)).facets
        for facet in FACETS:
            for value, count in facets[facet].items():
                found = backend.search(SearchRequest(filters={facet: value}, limit=0))
                assert found.total == count, (facet, value)
        for step, count in facets["rating"].items():
            assert backend.search(SearchRequest(min_rating=int(step))).total == count


def test_levels_and_subjects_are_counted_in_the_viewers_regional_terms(backend, corpus):
    flemish = backend.search(SearchRequest(text="breuken", region="fl")).facets
    dutch = backend.search(SearchRequest(text="breuken", region="nl")).facets
    assert all(code.startswith("fl-") for code in flemish["level"])
    assert all(code.startswith("nl-") for code in dutch["level"])
    # "Breuken vergelijken" (3de leerjaar) and the 4th-year resource, both Flemish-tagged:
    assert flemish["level"]["fl-lo"] == 2
    assert dutch["level"]["nl-po"] == 2
    assert dutch["level"]["nl-po-5"] == 1  # = 3de leerjaar
    assert dutch["level"]["nl-po-6"] == 1  # = 4de leerjaar
    assert dutch["subject"] and all(code.startswith("nl-") for code in dutch["subject"])
    # Facets that are not regional are the same for both.
    assert flemish["licence"] == dutch["licence"] == {"cc-by": 2}


def test_only_the_largest_publishers_are_counted(backend):
    organisations = [OrganisationFactory() for _ in range(23)]
    resources = []
    for n, organisation in enumerate(organisations):
        resources += [resource(f"Breuken {n}.{i}", organisation=organisation) for i in range(2)]
    resources += [resource("Breuken extra", organisation=organisations[0])]
    index(backend, *resources)
    counts = backend.search(SearchRequest(text="breuken")).facets["publisher"]
    assert len(counts) == 20
    assert counts[f"organisation:{organisations[0].pk}"] == 3
    assert set(counts.values()) == {3, 2}


def test_no_match_counts_nothing(backend, corpus):
    result = backend.search(SearchRequest(text="onvindbaar"))
    assert (result.ids, result.total) == ([], 0)
    assert all(result.facets[facet] == {} for facet in FACETS)
    assert result.facets["rating"] == {str(step): 0 for step in RATING_STEPS}


def test_facets_are_left_out_when_not_asked_for(backend, corpus):
    result = backend.search(SearchRequest(text="breuken", facets=False))
    assert result.total == 2 and result.facets == {}


# --- order and pages ----------------------------------------------------------------------------


@pytest.fixture
def dated(backend):
    now = datetime(2026, 11, 30, tzinfo=UTC)
    made = [
        resource(
            "Breuken oud maar geliefd",
            published_at=now - timedelta(days=900),
            download_count=900,
            rating_average=4.0,
            rating_count=40,
        ),
        resource(
            "Breuken nieuw",
            published_at=now - timedelta(days=2),
            download_count=3,
            rating_average=5.0,
            rating_count=1,
        ),
        resource(
            "Breuken middel",
            published_at=now - timedelta(days=200),
            download_count=50,
        ),
    ]
    index(backend, *made)
    return made


def _order(backend, sort: str, **options) -> list[str]:
    ids = backend.search(SearchRequest(text="breuken", sort=sort, **options)).ids
    names = dict(Resource.objects.filter(pk__in=ids).values_list("pk", "title"))
    return [names[pk] for pk in ids]


def test_sort_by_newest(backend, dated):
    assert _order(backend, "newest") == [
        "Breuken nieuw",
        "Breuken middel",
        "Breuken oud maar geliefd",
    ]


def test_sort_by_popularity(backend, dated):
    assert _order(backend, "popular") == [
        "Breuken oud maar geliefd",
        "Breuken middel",
        "Breuken nieuw",
    ]


def test_sort_by_rating_uses_the_bayesian_average(backend, dated):
    # 40 ratings of 4.0 outrank one of 5.0; unrated sits at the prior.
    assert _order(backend, "rated") == [
        "Breuken oud maar geliefd",
        "Breuken nieuw",
        "Breuken middel",
    ]
    assert ranking.rating_rank(4.0, 40) > ranking.rating_rank(5.0, 1)


def test_relevance_puts_the_better_text_match_first(backend):
    index(
        backend,
        resource("Rekenen", description="Ook een beetje over breuken.", download_count=20),
        resource("Breuken", description="Breuken, teller en noemer."),
    )
    assert _order(backend, "relevance") == ["Breuken", "Rekenen"]


def test_relevance_orders_equal_matches_by_quality(backend):
    index(
        backend,
        resource("Breuken A", download_count=0),
        resource("Breuken B", download_count=5000, rating_average=4.8, rating_count=30),
    )
    assert _order(backend, "relevance") == ["Breuken B", "Breuken A"]


def test_pages(backend, dated):
    everything = _order(backend, "newest")
    assert _order(backend, "newest", limit=2) == everything[:2]
    assert _order(backend, "newest", offset=2, limit=2) == everything[2:]
    assert _order(backend, "newest", offset=10) == []
    result = backend.search(SearchRequest(text="breuken", offset=1, limit=1))
    assert result.total == 3 and len(result.ids) == 1


# --- highlights ---------------------------------------------------------------------------------


def test_highlights_mark_the_matched_words(backend):
    (document,) = index(
        backend,
        resource(
            "Breuken vergelijken",
            description="Leerlingen leggen pizzapunten naast elkaar. Welke breuk is groter?",
            language="nl",
        ),
    )
    result = backend.search(SearchRequest(text="breuk pizzapunten", highlight=True))
    shown = result.highlights[document["id"]]
    assert shown["title"] == [("Breuken", True), (" vergelijken", False)]
    text = shown["text"]
    assert "".join(piece for piece, _matched in text) in document["description"]
    assert {piece for piece, matched in text if matched} == {"pizzapunten", "breuk"}
    assert ("Leerlingen leggen ", False) in text
    quick = backend.search(SearchRequest(text="breuk pizzapunten", highlight=True, facets=False))
    assert quick.highlights == result.highlights


def test_highlights_of_a_long_text_are_a_short_fragment_around_the_match(backend):
    filler = "Een zin zonder het woord dat gezocht wordt. " * 30
    (document,) = index(
        backend, resource("Lang", description=f"{filler}Hier staat fotosynthese. {filler}")
    )
    result = backend.search(SearchRequest(text="fotosynthese", highlight=True))
    shown = result.highlights[document["id"]]
    assert shown["title"] == []  # the title holds no match
    fragment = "".join(piece for piece, _matched in shown["text"])
    assert "fotosynthese" in fragment and len(fragment) <= 250
    assert [piece for piece, matched in shown["text"] if matched] == ["fotosynthese"]


def test_no_highlights_unless_asked_for_with_words(backend, corpus):
    assert backend.search(SearchRequest(text="breuken")).highlights == {}
    assert backend.search(SearchRequest(text="", highlight=True)).highlights == {}


# --- keeping the index ------------------------------------------------------------------------


def test_indexing_again_replaces_a_document(backend, corpus):
    first = corpus[0]
    first.title = "Kommagetallen afronden"
    first.save()
    index(backend, first)
    assert len(backend.indexed_ids()) == len(corpus)
    assert "Kommagetallen afronden" in titles(backend, "afronden")
    assert backend.search(SearchRequest(text='"breuken vergelijken"')).total == 0


def test_delete_and_clear(backend, corpus):
    first, second, *_rest = corpus
    assert backend.indexed_ids() == {r.pk for r in corpus}
    backend.delete([first.pk, 999_999])
    assert backend.indexed_ids() == {r.pk for r in corpus} - {first.pk}
    assert "Breuken vergelijken" not in titles(backend, "breuken")
    backend.clear()
    assert backend.indexed_ids() == set()
    assert backend.search(SearchRequest()).total == 0
    index(backend, second)
    assert backend.indexed_ids() == {second.pk}


def test_the_version_changes_with_every_write_and_only_then(backend, corpus):
    seen = [backend.version()]
    backend.search(SearchRequest(text="breuken"))
    assert backend.version() == seen[-1]
    for write in (
        lambda: index(backend, corpus[0]),
        lambda: backend.delete([corpus[1].pk]),
        backend.clear,
    ):
        write()
        assert backend.version() not in seen
        seen.append(backend.version())


# --- agreement ----------------------------------------------------------------------------------

LICENCES = ["cc0", "cc-by", "cc-by-sa", "cc-by-nc", "cc-by-nc-sa", "cc-by-nd", "cc-by-nc-nd"]


FORMATS = ["pdf", "document", "presentation", "spreadsheet", "video", "interactive", "image"]


def _format_accessibility_pick(rng: random.Random) -> dict:
    return {
        "format": rng.sample(FORMATS, rng.choice([0, 1, 1, 1, 2])),
        "accessibility": "described" if rng.random() < 0.15 else "",
        "pick": "yes" if rng.random() < 0.1 else "",
    }


def realistic_corpus(count: int, rng: random.Random) -> list[dict]:
    """Search documents as ``documents.resource_document`` makes them, from the demo's lesson
    texts in four languages, tagged with real levels and subjects (sub-levels and crosswalk
    included), with ratings and a few dozen publishers."""
    levels = {level.code: level for level in Level.objects.select_related("equivalent")}
    subjects = {subject.code: subject for subject in Subject.objects.select_related("equivalent")}
    types = [t.code for t in ResourceType.objects.all()]
    level_codes = documents._filter_codes(Level)
    subject_codes = documents._filter_codes(Subject)
    texts = [(topic, language) for topic in TOPICS for language in topic.texts]
    now = datetime(2026, 11, 30, tzinfo=UTC)
    found = []
    for pk in range(1, count + 1):
        topic, language = rng.choice(texts)
        text = topic.texts[language]
        band = rng.choice(topic.bands)
        region = rng.choice(["fl", "nl"])
        tagged_levels = [
            levels[code]
            for code in rng.sample(BANDS[band][region], min(2, len(BANDS[band][region])))
        ][: rng.randint(1, 2)]
        tagged_subjects = [subjects[topic.subject_code(region, band)]]
        other = topic.texts[rng.choice(list(topic.texts))]
        rated = rng.random() < 0.4
        rating_count = rng.randint(1, 30) if rated else 0
        rating = round(rng.uniform(1, 5), 1) if rated else 0.0
        published = now - timedelta(days=rng.randint(0, 2000))
        title = rng.choice(text.titles)
        found.append(
            {
                "id": pk,
                "language": language,
                "title": title,
                "description": text.description,
                "keywords": " ".join(text.keywords),
                "variants": wordforms.document_variants([title, text.description], language),
                "author": rng.choice(["An Peeters", "Jan de Vries", "Marie Dubois", "Ute Weber"]),
                "body": " ".join([text.intro, *rng.sample(text.facts, 2), rng.choice(other.tasks)]),
                "vocabulary": documents.term_vocabulary(tagged_levels + tagged_subjects),
                **documents._by_region(
                    set().union(*(level_codes[level.pk] for level in tagged_levels)), "level"
                ),
                **documents._by_region(
                    set().union(*(subject_codes[subject.pk] for subject in tagged_subjects)),
                    "subject",
                ),
                "type": rng.choice(topic.types) if rng.random() < 0.9 else rng.choice(types),
                "licence": rng.choice(LICENCES),
                "kind": rng.choice(["file", "link", "embed"]),
                "publisher": f"member:{rng.randint(1, 40)}",
                # Drawn apart, so that the rest of the corpus stays as it was.
                **_format_accessibility_pick(random.Random(pk)),
                "published": int(published.timestamp()),
                "downloads": int(rng.paretovariate(1.2)),
                "rating": rating,
                "rating_rank": ranking.rating_rank(rating, rating_count),
                "boost": ranking.boost(
                    ranking.quality_multiplier(
                        downloads=0,
                        rating_average=rating,
                        rating_count=rating_count,
                        picked=False,
                        published_at=published,
                        now=now,
                    )
                ),
            }
        )
    return found


AGREEMENT_QUERIES = [
    SearchRequest(text="breuken"),
    SearchRequest(text="fractions"),
    SearchRequest(text="Brüche"),
    SearchRequest(text="photosynthèse"),
    SearchRequest(text="fotosynthese", region="nl"),
    SearchRequest(text="leerlingen"),
    SearchRequest(text="élèves"),
    SearchRequest(text="water"),
    SearchRequest(text="teller noemer"),
    SearchRequest(text="climate change"),
    SearchRequest(text='"climate change"'),
    SearchRequest(text='"pizza slices"'),
    SearchRequest(text='"de leerlingen"'),
    SearchRequest(text="breuken -pizzapunten"),
    SearchRequest(text='fractions -"pizza slices"'),
    SearchRequest(text="-de -the"),
    SearchRequest(text="vulkanen OR volcanoes OR Vulkane"),
    SearchRequest(text='"water cycle" OR Wasserkreislauf'),
    SearchRequest(text="de het een"),
    SearchRequest(text="groep 5"),
    SearchRequest(text="3de leerjaar"),
    SearchRequest(text="primary"),
    SearchRequest(text="Peeters"),
    SearchRequest(filters={"level": "fl-lo"}),
    SearchRequest(filters={"level": "nl-po-5"}, region="nl"),
    SearchRequest(text="rekenen", filters={"subject": "fl-wis"}),
    SearchRequest(text="", filters={"licence": "cc-by", "language": "fr"}),
    SearchRequest(text="energie", min_rating=3),
    SearchRequest(min_rating=4, region="nl"),
    SearchRequest(text="fotosyntese", fuzzy=1),
    SearchRequest(text="klimat", fuzzy=1),
    SearchRequest(text="phtosynthesis", fuzzy=1),
    SearchRequest(text="wereldorlog", fuzzy=1, region="nl"),
    SearchRequest(text="noemer tellr", fuzzy=1),
    SearchRequest(text="breuken", fuzzy=2),
    SearchRequest(text="kaart", filters={"type": "worksheet"}, fuzzy=1),
    # Several values of a facet: any of them.
    SearchRequest(filters={"level": ("fl-lo-3", "nl-havo-1")}),
    SearchRequest(text="water", filters={"subject": ("fl-ak", "nl-bio"), "language": "nl"}),
    # Typos forgiven for some words only, by their length.
    SearchRequest(text="fotosyntese planten", fuzzy_words=("fotosyntese",)),
    SearchRequest(text="klimat change", fuzzy_words=("klimat",), region="nl"),
    # Other word forms (lemmas, compound parts) in the documents' variants.
    SearchRequest(text="werkwoord"),
    SearchRequest(text="kringloop"),
    # File format, reuse (the licences that allow all of it), accessibility notes, picks;
    # several values joined by commas as the page carries them.
    SearchRequest(filters={"format": ("pdf", "video")}),
    SearchRequest(
        text="water", filters={"format": "presentation,document", "level": "fl-lo,nl-po"}
    ),
    SearchRequest(filters={"reuse": "adapt,commercial"}, region="nl"),
    SearchRequest(text="breuken", filters={"reuse": "share", "licence": ("cc-by", "cc-by-nd")}),
    SearchRequest(filters={"accessibility": "described", "format": "pdf"}),
    SearchRequest(text="leerlingen", filters={"pick": "yes", "language": ("nl", "en")}),
    # Some facets counted only (what a filter's other options would give).
    SearchRequest(text="water", filters={"licence": "cc-by"}, facets=("level",)),
    SearchRequest(text="leerlingen", facets=("publisher", "rating", "format")),
]


def test_both_backends_answer_a_realistic_corpus_alike(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip(NEEDS_POSTGRES)
    docs = realistic_corpus(400, random.Random(2021))
    tantivy, postgres = TantivyBackend(tmp_path), _backend("postgres", tmp_path)
    for backend in (tantivy, postgres):
        backend.index_documents(docs[:150])
        backend.index_documents(docs[150:])
    assert tantivy.indexed_ids() == postgres.indexed_ids() == {doc["id"] for doc in docs}
    assert len(AGREEMENT_QUERIES) >= 25
    matched_some = 0
    for asked in AGREEMENT_QUERIES:
        request = SearchRequest(**{**asked.__dict__, "limit": len(docs)})
        expected, found = tantivy.search(request), postgres.search(request)
        assert (set(found.ids), found.total) == (set(expected.ids), expected.total), asked
        assert found.facets.keys() == expected.facets.keys()
        for facet, counts in expected.facets.items():
            if facet == "publisher":
                # Ties at the 20th place may name different publishers.
                shared = counts.keys() & found.facets[facet].keys()
                assert {k: counts[k] for k in shared} == {
                    k: found.facets[facet][k] for k in shared
                }, asked
                assert len(found.facets[facet]) == len(counts), asked
            else:
                assert found.facets[facet] == counts, (asked, facet)
        matched_some += bool(expected.total)
    assert matched_some == len(AGREEMENT_QUERIES)  # every query finds something


def test_a_postgres_search_leaves_the_connection_as_it_was(tmp_path):
    backend = _backend("postgres", tmp_path)
    index(backend, resource("Fotosynthese", language="nl"))

    def settings():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('work_mem'), current_setting('enable_seqscan'),"
                " current_setting('pg_trgm.similarity_threshold', true)"
            )
            return cursor.fetchone()

    before = settings()
    assert backend.search(SearchRequest(text="fotosyntese", fuzzy=1)).total == 1
    assert settings() == before


def test_the_postgres_floor_is_the_page_of_the_search(tmp_path):
    backend = _backend("postgres", tmp_path)
    index(backend, *(resource(f"Breuken {n}", download_count=n) for n in range(5)))
    for request in (
        SearchRequest(text="breuken", limit=3),
        SearchRequest(text="breukne", fuzzy=1, filters={"licence": "cc-by"}, offset=1),
        SearchRequest(sort="popular", limit=2),
    ):
        assert backend.top_ids(request) == backend.search(request).ids


def test_the_postgres_backend_needs_postgres(settings, tmp_path):
    if connection.vendor == "postgresql":
        pytest.skip("the database is PostgreSQL")
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="PostgreSQL"):
        PostgresBackend(tmp_path)
