"""Suggestions as a teacher types: word prefixes (not substrings), accents and case folded,
typos forgiven from four letters, grouped into levels, subjects, themes and titles, and a
level or subject that applies its filter."""

import pytest
from django.urls import reverse
from django.utils import translation
from tests.factories import MemberFactory, ResourceFactory

from staffroom.resources.models import Status
from staffroom.search import suggestions
from staffroom.search.services import search_reindex
from staffroom.search.suggestions import WordIndex, search_suggestions

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_suggestions():
    """Titles and keywords are kept in the process: read them again for every test."""
    suggestions.forget_published()
    yield
    suggestions.forget_published()


def _offered(text: str, region: str = "fl", language: str = "nl") -> dict[str, list[str]]:
    with translation.override(language):
        groups = search_suggestions(text, region)
    return {group.kind: [item.label for item in group.items] for group in groups}


def _urls(text: str, region: str = "fl") -> dict[str, list[str]]:
    with translation.override("nl"):
        groups = search_suggestions(text, region)
    return {group.kind: [item.url for item in group.items] for group in groups}


def test_a_typed_word_starts_a_word_it_is_not_found_inside_one():
    ResourceFactory(title="Ernährungspyramide für Kinder", language="de")
    ResourceFactory(title="De stelling van Pythagoras ontdekken")
    search_reindex()
    assert _offered("py")["title"] == ["De stelling van Pythagoras ontdekken"]
    assert "title" not in _offered("amide")
    # Every typed word must start a word of the title, in any order.
    assert _offered("pyth stel")["title"] == ["De stelling van Pythagoras ontdekken"]
    assert "title" not in _offered("pyth breuken")


def test_accents_and_case_are_folded():
    ResourceFactory(title="Oriënteren met kompas en stafkaart", keywords=["Oriëntatie"])
    search_reindex()
    found = _offered("orient", region="nl")
    assert "Oriëntatie op jezelf en de wereld" in found["subject"]
    assert found["theme"] == ["Oriëntatie"]
    assert found["title"] == ["Oriënteren met kompas en stafkaart"]
    # Typed with the accent or in capitals: the same.
    assert _offered("ORIËNT", region="nl") == found


def test_words_of_four_letters_or_more_forgive_a_typo():
    ResourceFactory(title="De stelling van Pythagoras ontdekken")
    search_reindex()
    title = ["De stelling van Pythagoras ontdekken"]
    assert _offered("pytagoras")["title"] == title  # a letter missing
    assert _offered("ptyhagoras")["title"] == title  # two letters swapped
    assert _offered("stelling pythagros")["title"] == title
    # Five letters or more with the first one right: two edits when nothing is closer.
    assert _offered("pitag")["title"] == title
    # Two or three letters: no typos ("pyt" would be a prefix, "pyh" is not).
    assert "title" not in _offered("pyh")
    assert "title" not in _offered("stelling pz")  # each word needs its four letters
    assert _offered("ptyh")["title"] == title


def test_exact_prefixes_come_before_typos():
    ResourceFactory(title="Kompas en kaart", download_count=1)
    ResourceFactory(title="Komma's en kommagetallen", download_count=500)
    ResourceFactory(title="Breuken vergelijken", download_count=1)
    ResourceFactory(title="Rekenen tot twintig", download_count=900)
    search_reindex()
    # "kompa" starts "Kompas": the title one letter off ("komma") is not offered with it.
    assert _offered("kompa")["title"] == ["Kompas en kaart"]
    # Nothing starts with "brek": a letter missing ("breuken") before a wrong first letter
    # ("rekenen"), however popular.
    assert _offered("brek")["title"] == ["Breuken vergelijken", "Rekenen tot twintig"]


def _edits(typed: str, word: str, limit: int) -> int | None:
    """How many edits ``typed`` is from the start of ``word`` (None: more than ``limit``)."""
    return dict(WordIndex([[word]]).similar(typed, limit)).get(word)


def test_edits_from_the_start_of_a_word():
    assert _edits("pyth", "pythagoras", 1) == 0
    assert _edits("pytha", "pythagoras", 1) == 0
    assert _edits("pyhta", "pythagoras", 1) == 1  # two letters swapped
    assert _edits("pytagoras", "pythagoras", 1) == 1  # a letter missing
    assert _edits("pythhag", "pythagoras", 1) == 1  # a letter extra
    assert _edits("pythxgoras", "pythagoras", 1) == 1  # a letter wrong
    assert _edits("pitag", "pythagoras", 2) == 2
    assert _edits("pitag", "pythagoras", 1) is None
    assert _edits("breuk", "rekenen", 2) is None  # the first letter must be right
    assert _edits("breuk", "bruikbaar", 2) == 2
    assert _edits("breuk", "beroep", 2) is None  # "bero": three
    # Words under a prefix already too far are skipped, the others still found.
    index = WordIndex([["pyramide"], ["pythagoras"], ["pyxis"], ["pythagorisch"], ["q"]])
    assert dict(index.similar("pitag", 2)) == {"pythagoras": 2, "pythagorisch": 2}


def test_grouped_levels_subjects_themes_titles_in_the_readers_terms():
    ResourceFactory(title="Wiskunde voor het 3de leerjaar", keywords=["wiskunde 3de leerjaar"])
    search_reindex()
    with translation.override("en"):
        groups = search_suggestions("wiskunde 3de", "fl")
    assert [(group.kind, group.label) for group in groups] == [
        ("level", "Education levels"),
        ("subject", "Subjects"),
        ("theme", "Topics"),
        ("title", "Resources"),
    ]
    labels = {group.kind: [item.label for item in group.items] for group in groups}
    # "3de" starts a word of the Dutch label of these levels; the English one is shown.
    assert "Primary year 3" in labels["level"]
    assert labels["subject"][0] == "Mathematics"
    assert labels["theme"] == ["wiskunde 3de leerjaar"]
    assert labels["title"] == ["Wiskunde voor het 3de leerjaar"]
    # At most ten in all, at most three levels.
    assert sum(len(group.items) for group in groups) <= 10
    assert len(labels["level"]) <= 3


def test_terms_are_the_readers_region_and_label_language():
    assert _offered("groep 5", region="nl")["level"][0] == "Groep 5"
    assert "3de leerjaar" not in _offered("groep 5", region="nl").get("level", [])
    # The terms that match most of the typed words, only.
    assert _offered("3de leer", region="fl")["level"] == ["3de leerjaar"]
    # An English reader finds a term by its English label or its Dutch one.
    assert _offered("mathem", region="fl", language="en")["subject"][0] == "Mathematics"
    assert _offered("wiskunde", region="fl", language="en")["subject"][0] == "Mathematics"


def test_a_level_or_subject_applies_its_filter_keeping_the_other_words(client):
    ResourceFactory(title="Breuken vergelijken", levels=["fl-lo-3"])
    ResourceFactory(title="Breuken optellen", levels=["fl-lo-4"])
    search_reindex()
    search = reverse("search:search")
    assert _urls("breuken 3de leer")["level"] == [f"{search}?q=breuken&level=fl-lo-3"]
    assert _urls("3de leerjaar")["level"] == [f"{search}?level=fl-lo-3"]
    assert _urls("wiskunde")["subject"][0] == f"{search}?subject=fl-wis"
    # The address is the filtered search.
    response = client.get(_urls("breuken 3de leer")["level"][0])
    assert [resource.title for resource in response.context["page"]] == ["Breuken vergelijken"]


def test_a_theme_searches_for_it_and_a_title_opens_the_resource():
    resource = ResourceFactory(title="Kommagetallen op de getallenas", keywords=["kommagetallen"])
    search_reindex()
    urls = _urls("komma")
    assert urls["theme"] == [f"{reverse('search:search')}?q=kommagetallen"]
    assert urls["title"] == [resource.get_absolute_url()]


def test_themes_most_used_first_as_most_often_spelt():
    ResourceFactory(title="Rekenen met geld", keywords=["Kommagetallen", "euro"])
    ResourceFactory(title="Prijzen vergelijken", keywords=["kommagetallen"])
    ResourceFactory(title="Kommagetallen afronden", keywords=["kommagetallen", "Komma"])
    ResourceFactory(title="Verhalen schrijven", keywords=["Komma", "komma's"])
    ResourceFactory(title="Leestekens", keywords=["komma's"])
    search_reindex()
    assert _offered("komma")["theme"] == ["kommagetallen", "Komma", "komma's"]


def test_titles_most_downloaded_first_and_only_published():
    ResourceFactory(title="Breuken vergelijken", download_count=3)
    ResourceFactory(title="Breuken optellen", download_count=40)
    ResourceFactory(title="Breuken delen", status=Status.DRAFT, download_count=99)
    search_reindex()
    assert _offered("breu")["title"] == ["Breuken optellen", "Breuken vergelijken"]


def test_titles_are_read_again_when_the_index_changed(monkeypatch):
    """In a thread, while requests go on with the titles they have."""
    ResourceFactory(title="Breuken vergelijken")
    search_reindex()
    assert _offered("breu")["title"] == ["Breuken vergelijken"]
    ResourceFactory(title="Breuken optellen", download_count=5)
    assert _offered("breu")["title"] == ["Breuken vergelijken"]  # the index has not changed
    search_reindex()
    started = []

    class Thread:
        def __init__(self, target, args, **options):
            started.append((target, args))

        def start(self):
            pass

    monkeypatch.setattr(suggestions, "REFRESH_SECONDS", 0)
    monkeypatch.setattr(suggestions.threading, "Thread", Thread)
    assert _offered("breu")["title"] == ["Breuken vergelijken"]  # while they are read
    [(target, args)] = started
    monkeypatch.setattr(suggestions.connections, "close_all", lambda: None)  # the test's
    target(*args)
    assert _offered("breu")["title"] == ["Breuken optellen", "Breuken vergelijken"]
    assert not started[1:]  # the same index: not read again


@pytest.mark.parametrize(
    "text",
    ["", " ", "b", "!!!", "--", '"', "x" * 10_000, "ab " * 5000, "\x00", "é", "ß" * 50, "OR"],
)
def test_anything_typed_is_answered(client, text):
    ResourceFactory(title="Breuken vergelijken")
    search_reindex()
    response = client.get(reverse("search:suggest"), {"q": text})
    assert response.status_code == 200
    answer = response.json()
    assert set(answer) == {"groups", "status"}
    if text.strip() in ("", "b", "!!!", "--", '"', "\x00", "é"):
        assert answer["groups"] == []


def test_the_endpoint_answers_groups_with_addresses_and_a_status(client):
    client.force_login(MemberFactory(region="nl", language="en"))
    ResourceFactory(title="Groepswerk in groep 5", levels=["nl-po-5"])
    search_reindex()
    answer = client.get(reverse("search:suggest"), {"q": "groep 5"}).json()
    level = answer["groups"][0]
    assert level["kind"] == "level"
    assert level["label"] == "Education levels"
    assert level["items"][0] == {"label": "Group 5 (primary)", "url": "/search/?level=nl-po-5"}
    count = sum(len(group["items"]) for group in answer["groups"])
    assert answer["status"] == f"{count} suggestions"
    assert client.get(reverse("search:suggest"), {"q": "zzzzqqqq"}).json() == {
        "groups": [],
        "status": "No suggestions",
    }
