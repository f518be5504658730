"""Staff assign roles on /staff/roles/; every change is recorded with who made it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from tests.factories import MemberFactory, ModeratorFactory, OrganisationFactory, StaffFactory

from staffroom.accounts.models import Organisation, OrganisationMembership, RoleChange
from staffroom.accounts.services import member_set_roles
from staffroom.curriculum.models import Level, Subject

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    member = StaffFactory(name="Sara Staf")
    client.force_login(member)
    return member


def _ids(model, *codes) -> list[int]:
    return list(model.objects.filter(code__in=codes).values_list("pk", flat=True))


def test_staff_make_a_teacher_moderator_of_levels_and_member_of_an_organisation(client, staff):
    teacher = MemberFactory()
    publisher = OrganisationFactory(name="Uitgeverij Krijt")
    response = client.post(
        reverse("accounts:roles_edit", args=[teacher.pk]),
        {
            "is_moderator": "on",
            "moderated_levels": _ids(Level, "fl-lo", "fl-ko"),
            "moderated_subjects": _ids(Subject, "fl-wis"),
            "organisations": [publisher.pk],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:roles")
    teacher.refresh_from_db()
    assert teacher.is_moderator
    assert not teacher.is_staff
    assert set(teacher.moderated_levels.values_list("code", flat=True)) == {"fl-lo", "fl-ko"}
    assert list(teacher.moderated_subjects.values_list("code", flat=True)) == ["fl-wis"]
    assert list(teacher.organisations.all()) == [publisher]
    change = RoleChange.objects.get(member=teacher)
    assert change.changed_by == staff
    assert change.summary == (
        "teacher → teacher; moderator [fl-ko, fl-lo] [fl-wis]; partner (Uitgeverij Krijt)"
    )
    page = client.get(reverse("accounts:roles_edit", args=[teacher.pk]))
    assert page.status_code == 200
    assert list(page.context["changes"]) == [change]
    assert "Sara Staf" in page.content.decode()


def test_removing_the_moderator_role_clears_the_levels_and_memberships(client, staff):
    moderator = ModeratorFactory(levels=Level.objects.filter(code="fl-lo"))
    OrganisationMembership.objects.create(member=moderator, organisation=OrganisationFactory())
    # Nothing ticked: a browser sends only the CSRF token.
    client.post(reverse("accounts:roles_edit", args=[moderator.pk]), {"csrfmiddlewaretoken": "x"})
    moderator.refresh_from_db()
    assert not moderator.is_moderator
    assert not moderator.moderated_levels.exists()
    assert not moderator.organisations.exists()
    assert RoleChange.objects.get(member=moderator).summary.endswith("→ teacher")


def test_saving_unchanged_roles_records_nothing(client, staff):
    teacher = MemberFactory()
    client.post(reverse("accounts:roles_edit", args=[teacher.pk]), {"csrfmiddlewaretoken": "x"})
    assert not RoleChange.objects.exists()


def test_staff_cannot_take_away_their_own_staff_role(client, staff):
    client.post(reverse("accounts:roles_edit", args=[staff.pk]), {"is_moderator": "on"})
    staff.refresh_from_db()
    assert staff.is_staff
    assert staff.is_moderator


def test_levels_are_offered_in_the_members_region(client, staff):
    dutch = MemberFactory(region="nl")
    page = client.get(reverse("accounts:roles_edit", args=[dutch.pk]))
    offered = {label for _, label in page.context["form"].fields["moderated_levels"].choices}
    assert "Group 5 (primary)" in {label.strip() for label in offered}
    assert "Primary year 3" not in {label.strip() for label in offered}
    response = client.post(
        reverse("accounts:roles_edit", args=[dutch.pk]),
        {"is_moderator": "on", "moderated_levels": [987654]},
    )
    assert response.status_code == 200
    assert "moderated_levels" in response.context["form"].errors
    dutch.refresh_from_db()
    assert not dutch.is_moderator
    assert not RoleChange.objects.exists()


def test_teachers_and_moderators_get_403_on_the_roles_pages(client):
    teacher = MemberFactory()
    for member in (teacher, ModeratorFactory()):
        client.force_login(member)
        assert client.get(reverse("accounts:roles")).status_code == 403
        assert client.get(reverse("accounts:roles_edit", args=[teacher.pk])).status_code == 403
        response = client.post(reverse("accounts:roles_edit", args=[member.pk]), {"is_staff": "on"})
        assert response.status_code == 403
        assert (
            client.post(reverse("accounts:organisation_create"), {"name": "Nep"}).status_code == 403
        )
    for member in (teacher,):
        member.refresh_from_db()
        assert not member.is_staff
    assert not RoleChange.objects.exists()
    assert not Organisation.objects.exists()


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("accounts:roles"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_service_refuses_non_staff():
    teacher = MemberFactory()
    with pytest.raises(PermissionDenied):
        member_set_roles(
            member=teacher,
            changed_by=teacher,
            is_moderator=True,
            moderated_levels=[],
            moderated_subjects=[],
            is_staff=True,
            organisations=[],
        )
    teacher.refresh_from_db()
    assert not teacher.is_staff


def test_the_roles_page_lists_and_searches_members(client, staff):
    MemberFactory(name="Jan Janssens", email="jan@example.org")
    MemberFactory(name="Piet Pieters")
    response = client.get(reverse("accounts:roles"), {"q": "janss"})
    assert response.status_code == 200
    assert [m.name for m in response.context["page"]] == ["Jan Janssens"]
    response = client.get(reverse("accounts:roles"), {"page": "abc"})
    assert response.status_code == 200


def test_staff_create_organisations_with_unique_addresses(client, staff):
    client.post(reverse("accounts:organisation_create"), {"name": "Klas & Co"})
    response = client.post(reverse("accounts:organisation_create"), {"name": "Klas  Co"})
    assert response.status_code == 302
    assert sorted(Organisation.objects.values_list("slug", flat=True)) == ["klas-co", "klas-co-2"]
    # A name already taken is a message, not an error page.
    response = client.post(
        reverse("accounts:organisation_create"), {"name": "Klas & Co"}, follow=True
    )
    assert response.status_code == 200
    assert Organisation.objects.count() == 2


def test_an_organisation_website_without_scheme_gets_https(client, staff):
    client.post(
        reverse("accounts:organisation_create"), {"name": "Krijt", "website": "krijt.example"}
    )
    assert Organisation.objects.get().website == "https://krijt.example"
