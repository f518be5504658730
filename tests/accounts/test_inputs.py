"""The typed inputs of the profile and organisation services, and what the services do with
what an input leaves out."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from tests.factories import MemberFactory, StaffFactory

from staffroom.accounts.inputs import OrganisationInput, ProfileInput
from staffroom.accounts.models import NotificationMail
from staffroom.accounts.services import member_update_profile, organisation_create
from staffroom.curriculum.models import Level, Subject

pytestmark = pytest.mark.django_db


def test_a_profile_input_cleans_its_texts_and_keeps_only_its_own_fields():
    data = ProfileInput.from_values(
        {
            "name": "  An Peeters ",
            "town": " Gent",
            "bio": "Juf\n",
            "region": "",
            "email": "an@example.org",
            "password1": "secret",
        }
    )
    assert (data.name, data.town, data.bio) == ("An Peeters", "Gent", "Juf")
    # An empty choice is no answer; the sign-up form's other fields are not the profile's.
    assert data.given() == {"name": "An Peeters", "town": "Gent", "bio": "Juf"}


def test_updating_a_profile_changes_only_what_the_input_gives():
    member = MemberFactory(name="An", town="Gent", region="fl", language="en", bio="Juf")
    level = Level.objects.get(code="fl-lo-3")
    member.levels.set([level])
    member_update_profile(member=member, data=ProfileInput(region="nl"))
    member.refresh_from_db()
    assert (member.name, member.town, member.region, member.language, member.bio) == (
        "An",
        "Gent",
        "nl",
        "en",
        "Juf",
    )
    assert list(member.levels.all()) == [level]
    subject = Subject.objects.filter(region="fl").first()
    member_update_profile(
        member=member,
        data=ProfileInput(town="", levels=[], subjects=[subject]),
    )
    member.refresh_from_db()
    assert member.town == ""
    assert list(member.levels.all()) == []
    assert list(member.subjects.all()) == [subject]


@pytest.mark.parametrize(
    "data",
    [
        ProfileInput(region="mars"),
        ProfileInput(language="xx"),
        ProfileInput(notification_mail="hourly"),
    ],
)
def test_a_profile_choice_must_be_one_of_the_options(data):
    member = MemberFactory(region="fl", notification_mail=NotificationMail.DAILY)
    with pytest.raises(ValidationError):
        member_update_profile(member=member, data=data)
    member.refresh_from_db()
    assert (member.region, member.notification_mail) == ("fl", NotificationMail.DAILY)


def test_an_organisation_input_cleans_its_texts():
    data = OrganisationInput.from_values(
        {"name": " Krijt ", "website": "https://krijt.example ", "extra": 1}
    )
    assert (data.name, data.description, data.website) == ("Krijt", "", "https://krijt.example")


def test_an_organisation_needs_a_name_and_staff():
    with pytest.raises(ValidationError):
        organisation_create(data=OrganisationInput(name="  "), created_by=StaffFactory())
    with pytest.raises(PermissionDenied):
        organisation_create(data=OrganisationInput(name="Krijt"), created_by=MemberFactory())
    created = organisation_create(
        data=OrganisationInput(name="Krijt", description="Uitgeverij"), created_by=StaffFactory()
    )
    assert (created.slug, created.description) == ("krijt", "Uitgeverij")
