"""Demo members and partner organisations: who they are, and making sure they exist.

Accounts are looked up by email, so running the demo again reuses them.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction

from staffroom.accounts.models import Member, Organisation, OrganisationMembership
from staffroom.curriculum.models import Level, Subject

from .content import load
from .topics import BANDS

DOMAIN = "demo.staffroom.invalid"


@dataclass(frozen=True)
class Person:
    email: str
    name: str
    town: str
    region: str
    bands: tuple[str, ...]
    subjects: tuple[str, ...]
    language: str = "nl"
    bio: str = ""


@dataclass(frozen=True)
class ModeratorSpec:
    person: Person
    levels: tuple[str, ...]
    subjects: tuple[str, ...] = ()
    staff: bool = False


@dataclass(frozen=True)
class OrganisationSpec:
    slug: str
    name: str
    description: str
    website: str
    region: str
    members: tuple[Person, ...]
    licences: tuple[str, ...]  # what it publishes under
    topics: tuple[str, ...]  # the topic keys it works on
    prefers_embeds: bool = False


def _person(data: dict) -> Person:
    return Person(**data | {"bands": tuple(data["bands"]), "subjects": tuple(data["subjects"])})


def _moderator(data: dict) -> ModeratorSpec:
    return ModeratorSpec(
        person=_person(data["person"]),
        levels=tuple(data["levels"]),
        subjects=tuple(data.get("subjects", ())),
        staff=data.get("staff", False),
    )


def _organisation(data: dict) -> OrganisationSpec:
    return OrganisationSpec(
        **data
        | {
            "members": tuple(_person(person) for person in data["members"]),
            "licences": tuple(data["licences"]),
            "topics": tuple(data["topics"]),
        }
    )


# data/people.json: the two teachers serve.py prints come first, the others make the network
# look lived in; the moderators and the staff member; invented organisations (a public
# broadcaster's education service, a science museum and an NGO).
TEACHERS = [_person(person) for person in load("people")["teachers"]]
MODERATORS = [_moderator(spec) for spec in load("people")["moderators"]]
ORGANISATIONS = [_organisation(spec) for spec in load("people")["organisations"]]


def _member(person: Person, password_hash: str) -> tuple[Member, bool]:
    member, created = Member.objects.get_or_create(
        email=person.email,
        defaults={
            "name": person.name,
            "town": person.town,
            "region": person.region,
            "language": person.language,
            "bio": person.bio,
            "password": password_hash,
        },
    )
    if created:
        levels = [code for band in person.bands for code in BANDS[band][person.region]]
        member.levels.set(Level.objects.filter(code__in=levels))
        member.subjects.set(Subject.objects.filter(code__in=person.subjects))
        _verify_email(member)
    return member, created


def _verify_email(member: Member) -> None:
    """Sign-in requires a verified address; demo addresses cannot receive mail."""
    EmailAddress.objects.update_or_create(
        user=member, email=member.email, defaults={"verified": True, "primary": True}
    )


@dataclass
class Cast:
    teachers: list[Member]
    persons: dict[int, Person]  # member pk -> spec
    moderators: dict[str, Member]  # "lager", "secundair", "staff"
    organisations: list[tuple[Organisation, OrganisationSpec, list[Member]]]
    created: int


@transaction.atomic
def ensure_cast(password: str) -> Cast:
    """Create the demo members and organisations that do not exist yet."""
    # One hash for everyone: Argon2 is deliberately slow, and these share a password anyway.
    password_hash = make_password(password)
    created = 0
    teachers, persons = [], {}
    for person in TEACHERS:
        member, new = _member(person, password_hash)
        created += new
        teachers.append(member)
        persons[member.pk] = person
    moderators = {}
    for moderator in MODERATORS:
        member, new = _member(moderator.person, password_hash)
        created += new
        if new:
            member.is_moderator = True
            member.is_staff = member.is_superuser = moderator.staff
            member.save(update_fields=["is_moderator", "is_staff", "is_superuser"])
            member.moderated_levels.set(Level.objects.filter(code__in=moderator.levels))
            member.moderated_subjects.set(Subject.objects.filter(code__in=moderator.subjects))
        key = moderator.person.email.split("@")[0].removeprefix("moderator.")
        moderators[key] = member
        persons[member.pk] = moderator.person
    organisations = []
    for spec in ORGANISATIONS:
        organisation, _ = Organisation.objects.get_or_create(
            slug=spec.slug,
            defaults={"name": spec.name, "description": spec.description, "website": spec.website},
        )
        members = []
        for person in spec.members:
            member, new = _member(person, password_hash)
            created += new
            OrganisationMembership.objects.get_or_create(organisation=organisation, member=member)
            members.append(member)
            persons[member.pk] = person
        organisations.append((organisation, spec, members))
    return Cast(teachers, persons, moderators, organisations, created)
