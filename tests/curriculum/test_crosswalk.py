"""The crosswalk between Flemish and Dutch terms, and the hierarchy, as queries use them."""

import pytest
from django.core.management import call_command
from django.utils import translation

from staffroom.curriculum.forms import levels_field, subjects_field
from staffroom.curriculum.models import Level, ResourceType, Subject
from staffroom.curriculum.queries import (
    level_by_code,
    levels_for_region,
    matching_term_ids,
    resource_type_by_code,
    subject_by_code,
    subjects_for_region,
    terms_in_region,
)
from staffroom.curriculum.vocabularies import load_vocabularies

pytestmark = pytest.mark.django_db


def _codes(ids) -> set[str]:
    return set(Level.objects.filter(pk__in=ids).values_list("code", flat=True))


def _level(code: str) -> Level:
    return Level.objects.select_related("equivalent").get(code=code)


@pytest.mark.parametrize("year", range(1, 7))
def test_flemish_leerjaar_is_dutch_groep_plus_two_both_ways(year):
    flemish, dutch = _level(f"fl-lo-{year}"), _level(f"nl-po-{year + 2}")
    assert flemish.in_region("nl") == dutch
    assert dutch.in_region("fl") == flemish
    assert flemish.in_region("fl") == flemish
    assert matching_term_ids(flemish) == matching_term_ids(dutch) == {flemish.pk, dutch.pk}


def test_labels_follow_the_interface_language():
    level = _level("nl-po-5")
    with translation.override("nl"):
        assert level.label == "Groep 5"
    with translation.override("en"):
        assert level.label == "Group 5 (primary)"
    with translation.override("fr"):
        assert level.label == "Groupe 5 (primaire)"
    with translation.override("pl"):
        assert level.label == "Group 5 (primary)"  # falls back to English


def test_a_parent_level_matches_its_sub_levels_and_their_equivalents():
    codes = _codes(matching_term_ids(_level("fl-lo")))
    assert {f"fl-lo-{n}" for n in range(1, 7)} <= codes
    assert {f"nl-po-{n}" for n in range(3, 9)} <= codes
    assert "nl-po" in codes  # fl-lo's own equivalent
    assert "fl-ko-2" not in codes
    assert "fl-so" not in codes


def test_a_school_year_does_not_match_its_siblings_or_parent():
    codes = _codes(matching_term_ids(_level("fl-lo-3")))
    assert codes == {"fl-lo-3", "nl-po-5"}


def test_a_dutch_parent_covers_the_flemish_primary_years():
    codes = _codes(matching_term_ids(_level("nl-po")))
    assert {f"fl-lo-{n}" for n in range(1, 7)} <= codes
    assert {"fl-ko-1", "fl-ko-2", "fl-ko-3"} <= codes
    assert not any(code.startswith(("fl-so", "nl-vo")) for code in codes)


def test_deeper_hierarchies_are_followed():
    codes = _codes(matching_term_ids(_level("fl-so")))
    assert {"fl-so-1g", "fl-so-1g-a", "fl-so-2g-ds", "fl-so-3g-am"} <= codes
    assert {"nl-vwo-4", "nl-mbo-2"} <= codes


def test_subjects_cross_over_too():
    french = Subject.objects.get(code="fl-fra")
    assert french.in_region("nl").code == "nl-fa"
    ids = matching_term_ids(french)
    assert set(Subject.objects.filter(pk__in=ids).values_list("code", flat=True)) == {
        "fl-fra",
        "nl-fa",
    }


def test_terms_are_named_once_in_the_viewers_region():
    terms = [_level("fl-lo-3"), _level("nl-po-5"), _level("fl-lo-4")]
    assert [t.code for t in terms_in_region(terms, "nl")] == ["nl-po-5", "nl-po-6"]
    assert [t.code for t in terms_in_region(terms, "fl")] == ["fl-lo-3", "fl-lo-4"]


def test_vocabularies_per_region_in_display_order_with_depth():
    flemish = levels_for_region("fl")
    assert flemish[0].code == "fl-bao"
    assert {level.region for level in flemish} == {"fl"}
    depth = {level.code: level.depth for level in flemish}
    assert (depth["fl-bao"], depth["fl-lo"], depth["fl-lo-3"]) == (0, 1, 2)
    assert [level.position for level in flemish] == sorted(level.position for level in flemish)
    assert {subject.region for subject in subjects_for_region("nl")} == {"nl"}


def test_lookups_by_code_return_none_for_unknown_codes():
    assert level_by_code("fl-lo-3").code == "fl-lo-3"
    assert level_by_code("fl-lo-99") is None
    assert level_by_code("") is None
    assert subject_by_code("nl-wi").code == "nl-wi"
    assert subject_by_code("<script>") is None
    assert resource_type_by_code("worksheet").code == "worksheet"
    assert resource_type_by_code("spaceship") is None


def test_vocabulary_lookups_are_cached(django_assert_num_queries):
    levels_for_region("fl")
    with django_assert_num_queries(0):
        levels_for_region("nl")
        level_by_code("nl-po-5")
        matching_term_ids(level_by_code("fl-lo"))


def test_form_fields_offer_the_regions_terms_and_keep_the_other_regions_choices():
    with translation.override("nl"):
        field = levels_field("nl")
        labels = [label.strip() for _, label in field.choices]
        assert "Groep 5" in labels
        assert "3de leerjaar" not in labels
        field.set_region("nl", keep=[_level("fl-lo-3"), _level("nl-po-6")])
        labels = [label.strip() for _, label in field.choices]
        assert "3de leerjaar" in labels
        assert labels.count("Groep 6") == 1
        assert next(label for _, label in subjects_field("fl").choices) == "Nederlands"


def test_loading_the_vocabularies_again_changes_nothing():
    before = {
        "levels": list(Level.objects.values_list("code", "parent__code", "equivalent__code")),
        "subjects": list(Subject.objects.values_list("code", "equivalent__code")),
        "types": list(ResourceType.objects.values_list("code", "position")),
    }
    counts = load_vocabularies(Level, Subject, ResourceType)
    assert counts == {
        "levels": len(before["levels"]),
        "subjects": len(before["subjects"]),
        "types": len(before["types"]),
    }
    assert (
        list(Level.objects.values_list("code", "parent__code", "equivalent__code"))
        == (before["levels"])
    )
    assert list(Subject.objects.values_list("code", "equivalent__code")) == before["subjects"]


def test_the_load_command_refreshes_labels_and_clears_the_cache(capsys):
    Level.objects.filter(code="nl-po-5").update(labels={"nl": "Verouderd"})
    assert level_by_code("nl-po-5").labels["nl"] == "Verouderd"  # read once, then kept
    Level.objects.filter(code="nl-po-5").update(labels={"nl": "Nog ouder"})
    assert level_by_code("nl-po-5").labels["nl"] == "Verouderd"
    call_command("load_vocabularies")
    assert "levels" in capsys.readouterr().out
    assert _level("nl-po-5").labels["nl"] == "Groep 5"
    assert level_by_code("nl-po-5").labels["nl"] == "Groep 5"


def test_one_filter_by_terms_serves_every_tagged_model_with_hierarchy_and_crosswalk():
    """Resources, questions and events filter through ``filter_by_terms``: a Dutch teacher's
    "groep 5" finds what is tagged "3de leerjaar", the parent level finds it too, each row
    once, and a subject narrows it further."""
    from tests.factories import ResourceFactory

    from staffroom.curriculum.queries import filter_by_terms
    from staffroom.resources.models import Resource

    tagged = ResourceFactory(levels=["fl-lo-3", "fl-lo-4"])
    ResourceFactory(levels=["fl-so-1"])
    everything = Resource.objects.all()
    assert list(filter_by_terms(everything, level=_level("nl-po-5"))) == [tagged]
    assert list(filter_by_terms(everything, level=_level("fl-lo"))) == [tagged]
    subject = tagged.subjects.first()
    assert list(filter_by_terms(everything, level=_level("fl-lo"), subject=subject)) == [tagged]
    other = Subject.objects.exclude(pk__in=matching_term_ids(subject)).first()
    assert list(filter_by_terms(everything, level=_level("fl-lo"), subject=other)) == []
    assert filter_by_terms(everything) is everything


def test_onderbouw_holds_the_first_two_years_of_havo_vwo_and_vmbo_and_vwo_no_havo():
    def codes(code: str) -> set[str]:
        found = matching_term_ids(Level.objects.get(code=code))
        return set(Level.objects.filter(pk__in=found).values_list("code", flat=True))

    onderbouw = codes("nl-vo-ob")
    assert {"nl-havo-1", "nl-havo-2", "nl-vwo-1", "nl-vwo-2", "nl-vmbo-1", "nl-vmbo-2"} <= onderbouw
    assert "fl-so-1g" in onderbouw and "nl-havo-3" not in onderbouw
    # Crossing the crosswalk twice would put havo in vwo (both map onto 2de graad aso).
    assert not {code for code in codes("nl-vwo") if code.startswith("nl-havo")}
