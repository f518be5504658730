"""The remix rules of DESIGN.md: which licences an adaptation may carry, and why not."""

import pytest
from tests.factories import ResourceFactory

from staffroom.curriculum.models import Level, ResourceType, Subject
from staffroom.resources.inputs import ResourceInput
from staffroom.resources.licences import (
    NON_COMMERCIAL,
    TEACHER_LICENCES,
    Licence,
    remix_licences,
    remix_problem,
)
from staffroom.resources.services import resource_submission_errors

ALL = set(Licence)


@pytest.mark.parametrize("source", [Licence.BY_ND, Licence.BY_NC_ND])
def test_no_derivatives_may_not_be_adapted_at_all(source):
    assert remix_licences(source) == []
    for adaptation in Licence:
        problem = remix_problem(source, adaptation)
        assert problem is not None
        assert "no derivatives" in problem
        assert source.label in problem


def test_all_rights_reserved_may_not_be_adapted():
    assert remix_licences(Licence.ALL_RIGHTS_RESERVED) == []
    problem = remix_problem(Licence.ALL_RIGHTS_RESERVED, Licence.ALL_RIGHTS_RESERVED)
    assert problem is not None
    assert "not openly licensed" in problem


@pytest.mark.parametrize(
    ("source", "also"), [(Licence.BY_SA, {Licence.GPL_3}), (Licence.BY_NC_SA, set())]
)
def test_share_alike_adaptations_keep_exactly_the_same_licence(source, also):
    """4.0 is the latest version: a 4.0 ShareAlike adaptation keeps it (BY-SA 4.0 may also
    go one way into the GPL 3.0, as Creative Commons declared)."""
    assert set(remix_licences(source)) == {source} | also
    assert remix_problem(source, source) is None
    for adaptation in ALL - {source} - also:
        problem = remix_problem(source, adaptation)
        assert problem is not None, adaptation
        assert "share alike" in problem
        assert source.label in problem


def test_non_commercial_adaptations_keep_the_non_commercial_condition():
    assert set(remix_licences(Licence.BY_NC)) == NON_COMMERCIAL
    for adaptation in NON_COMMERCIAL:
        assert remix_problem(Licence.BY_NC, adaptation) is None
    for adaptation in ALL - NON_COMMERCIAL:
        problem = remix_problem(Licence.BY_NC, adaptation)
        assert problem is not None, adaptation
        assert "non-commercial" in problem


@pytest.mark.parametrize("source", [Licence.BY, Licence.CC0, Licence.BY_30, Licence.PDM])
def test_attribution_only_and_public_domain_may_go_into_anything(source):
    """Anything but "as stated by the source", which is no licence anyone may choose."""
    assert set(remix_licences(source)) == ALL - {Licence.SEE_SOURCE}
    for adaptation in ALL - {Licence.SEE_SOURCE}:
        assert remix_problem(source, adaptation) is None
    assert remix_problem(source, Licence.SEE_SOURCE) is not None


def test_by_sa_and_non_commercial_cannot_be_combined_either_way():
    for nc in NON_COMMERCIAL:
        assert remix_problem(Licence.BY_SA, nc) is not None
        assert remix_problem(nc, Licence.BY_SA) is not None


def test_every_licence_has_a_rule_and_plain_strings_are_accepted():
    for licence in Licence:
        assert isinstance(remix_licences(licence.value), list)
    assert remix_problem("cc-by-sa", "cc-by-sa") is None
    assert remix_problem("cc-by-sa", "cc-by") is not None


def test_teachers_cannot_choose_all_rights_reserved():
    """New work is offered the current (4.0) Creative Commons licences and CC0 only."""
    assert Licence.ALL_RIGHTS_RESERVED not in TEACHER_LICENCES
    assert set(TEACHER_LICENCES) == {
        Licence.CC0,
        Licence.BY,
        Licence.BY_SA,
        Licence.BY_NC,
        Licence.BY_NC_SA,
        Licence.BY_ND,
        Licence.BY_NC_ND,
    }


# --- The same rules where a submission is checked --------------------------------------------


def _complete(**overrides) -> ResourceInput:
    data = {
        "title": "Breuken met pizza's",
        "description": "Een werkblad om breuken te vergelijken met pizzapunten.",
        "levels": [Level.objects.get(code="fl-lo-3")],
        "subjects": [Subject.objects.get(code="fl-wis")],
        "resource_type": ResourceType.objects.get(code="worksheet"),
        "kind": "link",
        "url": "https://example.org/breuken",
        "licence": "cc-by",
    }
    data.update(overrides)
    return ResourceInput.from_values(data)


@pytest.mark.django_db
def test_a_complete_submission_has_no_errors():
    assert resource_submission_errors(_complete(), has_files=False) == {}


@pytest.mark.django_db
def test_remix_of_no_derivatives_source_is_an_error_on_the_source():
    source = ResourceFactory(licence="cc-by-nd")
    errors = resource_submission_errors(_complete(based_on=source), has_files=False)
    assert set(errors) == {"based_on"}
    assert "no derivatives" in str(errors["based_on"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("source", "wrong", "right"),
    [("cc-by-sa", "cc-by", "cc-by-sa"), ("cc-by-nc", "cc-by", "cc-by-nc-sa")],
)
def test_remix_with_an_incompatible_licence_is_an_error_on_the_licence(source, wrong, right):
    original = ResourceFactory(licence=source)
    errors = resource_submission_errors(
        _complete(based_on=original, licence=wrong), has_files=False
    )
    assert set(errors) == {"licence"}
    assert (
        resource_submission_errors(_complete(based_on=original, licence=right), has_files=False)
        == {}
    )


@pytest.mark.django_db
def test_all_rights_reserved_needs_an_organisation():
    errors = resource_submission_errors(_complete(licence="arr"), has_files=False)
    assert set(errors) == {"licence"}
    assert (
        resource_submission_errors(_complete(licence="arr"), has_files=False, organisation=object())
        == {}
    )


def test_the_remix_summary_names_what_an_adaptation_may_carry():
    from staffroom.resources.licences import remix_summary

    assert "any licence" in remix_summary("cc-by")
    assert "not adapted" in remix_summary("cc-by-nd")
    assert (
        remix_summary("cc-by-sa")
        == "Adaptations may be shared only under: CC BY-SA 4.0, GNU GPL 3.0 only."
    )
    assert "any licence but GNU GPL 2.0" in remix_summary("apache-2.0")


@pytest.mark.django_db
def test_the_attribution_line_credits_the_work_and_the_original_of_a_remix():
    from tests.factories import ResourceFactory

    from staffroom.resources.attribution import attribution_line

    original = ResourceFactory(title="Breuken", author_name="An Peeters", licence="cc-by")
    remix = ResourceFactory(
        title="Breuken 2", author_name="Tom Mertens", licence="cc-by-sa", based_on=original
    )
    line = attribution_line(remix, "https://staffroom.example")
    assert line.startswith("“Breuken 2” by Tom Mertens, https://staffroom.example/resources/")
    assert "CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)" in line
    assert line.endswith("based on “Breuken” by An Peeters, CC BY 4.0")


def test_the_input_cleans_keywords_and_text_the_same_for_every_caller():
    """The form types keywords as one text, the API sends a list: one cleaning for both."""
    typed = ResourceInput(keywords="breuken, Breuken , pizza,,", title="  Breuken  ")
    sent = ResourceInput(keywords=["breuken", "BREUKEN", " pizza", "x" * 80])
    assert typed.keywords == ["breuken", "pizza"]
    assert sent.keywords == ["breuken", "pizza", "x" * 60]
    assert typed.title == "Breuken"
    assert ResourceInput(keywords=[f"k{n}" for n in range(40)]).get("keywords")[-1] == "k29"
    # Left out is not the same as empty: a draft keeps what is not given.
    assert "licence" not in ResourceInput(licence="").given()
    assert ResourceInput(based_on=None).given() == {"based_on": None}
    assert ResourceInput(description="a\r\nb").description == "a\nb"
