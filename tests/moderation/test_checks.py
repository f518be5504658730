"""The automated pre-checks shown to moderators, each with its evidence."""

import pytest
from tests.factories import (
    DraftFactory,
    ModerationItemFactory,
    ResourceFactory,
    ResourceFileFactory,
    pdf_bytes,
)

from staffroom.moderation.checks import (
    check_duplicates,
    check_language,
    check_licence,
    check_metadata,
    check_spelling,
    describe_check,
    run_checks,
)
from staffroom.moderation.services import moderation_prechecks_run
from staffroom.resources.models import Status

pytestmark = pytest.mark.django_db


# --- Spelling ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "title", "word", "suggestion"),
    [
        ("nl", "Oefeningen met breukken voor het derde leerjaar", "breukken", "breuken"),
        ("en", "Comparing fractoins with pizza slices", "fractoins", "fractions"),
        ("fr", "Exercices de grammare pour la classe", "grammare", "grammaire"),
        ("de", "Arbeitsblatt mit aufgabenn zu Brüchen", "aufgabenn", "aufgaben"),
    ],
)
def test_spelling_suggestions_in_each_content_language(language, title, word, suggestion):
    resource = DraftFactory.build(language=language, title=title, description="")
    result = check_spelling(resource)
    assert result["code"] == "spelling"
    assert result["status"] == "warning"
    assert {"word": word, "suggestion": suggestion} in result["evidence"]
    assert len(result["evidence"]) == 1


def test_misspellings_in_the_description_count_too():
    resource = DraftFactory.build(
        language="nl", title="Breuken", description="Een werkblad met oefningen en oplossingen."
    )
    assert check_spelling(resource)["evidence"] == [
        {"word": "oefningen", "suggestion": "oefeningen"}
    ]


def test_correct_text_names_and_other_languages_pass():
    correct = DraftFactory.build(
        language="nl",
        title="Breuken vergelijken",
        description="Een werkblad met oefeningen over breuken voor Jan Pieters.",
    )
    assert check_spelling(correct)["status"] == "ok"
    assert check_spelling(correct)["evidence"] == []
    other = DraftFactory.build(language="other", title="Ćwiczenia z ułamkami zwykłymi")
    assert check_spelling(other)["status"] == "ok"


# --- Language -----------------------------------------------------------------------------------


def test_a_declared_language_that_does_not_match_the_text_is_flagged():
    resource = DraftFactory(
        language="en",
        title="Breuken vergelijken",
        description="Een werkblad waarin leerlingen breuken vergelijken met pizzapunten.",
    )
    result = check_language(resource)
    assert result["status"] == "warning"
    assert result["evidence"] == [{"declared": "en", "detected": "nl"}]


def test_the_text_of_files_helps_detect_the_language():
    resource = DraftFactory(language="fr", title="Fiche", description="")
    ResourceFileFactory(
        resource=resource,
        extracted_text="Ceci est une fiche de travail sur les fractions pour les élèves.",
    )
    result = check_language(resource)
    assert result["status"] == "ok"
    assert result["evidence"] == [{"declared": "fr", "detected": "fr"}]


def test_too_little_text_is_not_judged():
    resource = DraftFactory(language="de", title="Breuken", description="")
    assert check_language(resource) == {
        "code": "language",
        "status": "ok",
        "message": "Too little text to detect the language.",
        "params": {},
        "evidence": [],
    }


# --- Licence ----------------------------------------------------------------------------------


def test_a_licence_conflict_with_the_original_is_a_problem():
    source = ResourceFactory(licence="cc-by-nc-sa", title="Origineel")
    resource = DraftFactory(based_on=source, licence="cc-by")
    result = check_licence(resource)
    assert result["status"] == "problem"
    assert "share alike" in describe_check(result)["summary"]
    assert result["evidence"] == [
        {"source": source.pk, "title": "Origineel", "licence": "cc-by-nc-sa"}
    ]
    resource.licence = "cc-by-nc-sa"
    assert check_licence(resource)["status"] == "ok"
    assert check_licence(DraftFactory())["status"] == "ok"


# --- Duplicates -------------------------------------------------------------------------------


def test_the_same_file_elsewhere_is_a_duplicate():
    # One content for both: a generated PDF carries its creation time.
    content = pdf_bytes()
    original = ResourceFactory(kind="file", title="Iets anders")
    ResourceFileFactory(resource=original, content=content)
    resource = DraftFactory(title="Mijn werkblad")
    ResourceFileFactory(resource=resource, content=content)
    result = check_duplicates(resource)
    assert result["status"] == "warning"
    assert result["evidence"] == [
        {"reason": "same file", "resource": original.pk, "title": "Iets anders"}
    ]


def test_a_near_identical_title_is_a_duplicate_but_a_different_one_is_not():
    same = ResourceFactory(title="Werkblad: breuken vergelijken (3de leerjaar)")
    ResourceFactory(title="Werkblad breuken optellen en aftrekken")
    resource = DraftFactory(title="Werkblad breuken vergelijken - 3de leerjaar")
    result = check_duplicates(resource)
    assert result["evidence"] == [
        {"reason": "similar title", "resource": same.pk, "title": same.title}
    ]


def test_the_same_text_in_another_file_is_a_duplicate():
    text = "Kleur in elk paar de grootste breuk en schrijf de breuken van klein naar groot. " * 4
    original = ResourceFactory(kind="file", title="Rekenen met taart")
    ResourceFileFactory(resource=original, extracted_text=text, content=pdf_bytes("een"))
    resource = DraftFactory(title="Rekenen met pizza")
    ResourceFileFactory(resource=resource, extracted_text=text.upper(), content=pdf_bytes("twee"))
    result = check_duplicates(resource)
    assert {"reason": "same text", "resource": original.pk, "title": original.title} in result[
        "evidence"
    ]


def test_drafts_rejected_resources_and_the_resource_itself_are_no_duplicates():
    DraftFactory(title="Breuken vergelijken")
    ResourceFactory(title="Breuken vergelijken", status=Status.REJECTED)
    resource = ResourceFactory(title="Breuken vergelijken")
    result = check_duplicates(resource)
    assert result["status"] == "ok"
    assert result["evidence"] == []


# --- Metadata ---------------------------------------------------------------------------------


def test_thin_metadata_is_listed():
    resource = DraftFactory(description="Kort.", keywords=[], resource_type=None)
    resource.levels.clear()
    resource.subjects.clear()
    result = check_metadata(resource)
    assert result["status"] == "warning"
    assert result["evidence"] == [
        "The description is shorter than 80 characters.",
        "No keywords.",
        "No education level.",
        "No subject.",
        "No resource type.",
        "No file attached.",
    ]


def test_rich_metadata_passes():
    resource = ResourceFactory(keywords=["breuken"], description="x" * 80)
    assert check_metadata(resource) == {
        "code": "metadata",
        "status": "ok",
        "message": "Metadata is complete.",
        "params": {},
        "evidence": [],
    }


def test_stored_checks_are_read_in_the_readers_language():
    from django.utils import translation

    resource = DraftFactory(language="nl", title="Breuken", description="Kort.", keywords=[])
    stored = check_metadata(resource)
    with translation.override("nl"):
        described = describe_check(stored)
    assert described["title"] == "Metadata"
    assert described["summary"] == "De metadata kunnen vollediger."
    assert "Geen trefwoorden." in described["evidence"]
    with translation.override("en"):
        assert describe_check(stored)["summary"] == "Metadata could be richer."


# --- Running them -----------------------------------------------------------------------------


def test_prechecks_analyse_pending_files_first_and_store_the_results():
    item = ModerationItemFactory(resource__kind="file", resource__language="nl")
    ResourceFileFactory(resource=item.resource, extracted_text="", analysed_at=None)
    moderation_prechecks_run(item=item)
    item.refresh_from_db()
    assert item.checks_ran_at is not None
    assert item.resource.files.get().extracted_text.startswith("Breuken vergelijken")
    assert [check["code"] for check in item.checks] == [
        "spelling",
        "language",
        "licence",
        "duplicates",
        "metadata",
    ]
    assert item.checks == run_checks(item.resource)


def test_duplicate_reasons_are_read_in_the_readers_language():
    from django.utils import translation

    stored = {
        "code": "duplicates",
        "status": "warning",
        "message": "Possible duplicates: %(count)d.",
        "params": {"count": 1},
        "evidence": [{"reason": "same file", "resource": 1, "title": "Breuken"}],
    }
    with translation.override("nl"):
        described = describe_check(stored)
    assert described["summary"] == "Mogelijke duplicaten: 1."
    assert described["evidence"][0]["reason_label"] == "hetzelfde bestand"


def test_a_typo_in_the_first_word_of_the_title_is_found():
    resource = DraftFactory(
        language="nl",
        title="Breukne vergelijken met pizza",
        description="Leerlingen vergelijken breuken met tekeningen van pizza's.",
    )
    evidence = check_spelling(resource)["evidence"]
    assert {"word": "breukne", "suggestion": "breuken"} in evidence
    # Names inside a sentence are still left alone.
    resource.title = "Vergelijken met Pietje"
    resource.description = "Een werkblad."
    assert check_spelling(resource)["evidence"] == []
