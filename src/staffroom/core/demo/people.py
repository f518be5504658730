"""Demo members and partner organisations: who they are, and making sure they exist.

Accounts are looked up by email, so running the demo again reuses them.
"""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from staffroom.accounts.models import Member, Organisation, OrganisationMembership
from staffroom.curriculum.models import Level, Subject

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


# The two teachers serve.py prints come first; the others make the network look lived in.
TEACHERS = [
    Person(
        f"an.peeters@{DOMAIN}",
        "An Peeters",
        "Mechelen",
        "fl",
        ("lo1", "lo2"),
        ("fl-wis", "fl-ned", "fl-wo"),
        bio="Juf van het 4de leerjaar in Mechelen. Ik deel graag wat werkt in mijn klas: "
        "veel rekenspelletjes en wereldoriëntatie buiten op de speelplaats.",
    ),
    Person(
        f"sanne.devries@{DOMAIN}",
        "Sanne de Vries",
        "Utrecht",
        "nl",
        ("so1", "so2"),
        ("nl-bio", "nl-nask", "nl-ne"),
        bio="Docent biologie en NaSk op een scholengemeenschap in Utrecht (havo/vwo). "
        "Practica die weinig materiaal vragen zijn mijn specialiteit.",
    ),
    Person(
        f"jan.janssens@{DOMAIN}",
        "Jan Janssens",
        "Leuven",
        "fl",
        ("so2", "so3"),
        ("fl-wis", "fl-fys"),
    ),
    Person(f"els.maes@{DOMAIN}", "Els Maes", "Brugge", "fl", ("ko",), ("fl-wo", "fl-muz")),
    Person(
        f"pieter.claes@{DOMAIN}",
        "Pieter Claes",
        "Antwerpen",
        "fl",
        ("so1", "so2"),
        ("fl-gesch", "fl-ak"),
    ),
    Person(
        f"lien.wouters@{DOMAIN}", "Lien Wouters", "Hasselt", "fl", ("lo1",), ("fl-ned", "fl-wis")
    ),
    Person(
        f"tom.mertens@{DOMAIN}",
        "Tom Mertens",
        "Gent",
        "fl",
        ("so2", "so3"),
        ("fl-dig-inf", "fl-wis"),
        language="en",
    ),
    Person(
        f"sofie.willems@{DOMAIN}", "Sofie Willems", "Kortrijk", "fl", ("lo2", "so1"), ("fl-fra",)
    ),
    Person(
        f"bart.goossens@{DOMAIN}",
        "Bart Goossens",
        "Turnhout",
        "fl",
        ("lo2",),
        ("fl-wo", "fl-verk", "fl-lo"),
    ),
    Person(
        f"katrien.desmet@{DOMAIN}",
        "Katrien De Smet",
        "Aalst",
        "fl",
        ("so1", "so2"),
        ("fl-ned", "fl-eng"),
    ),
    Person(
        f"wim.vermeulen@{DOMAIN}",
        "Wim Vermeulen",
        "Genk",
        "fl",
        ("so2", "so3"),
        ("fl-chem", "fl-bio"),
    ),
    Person(
        f"nele.jacobs@{DOMAIN}", "Nele Jacobs", "Lier", "fl", ("ko", "lo1"), ("fl-sv", "fl-muz")
    ),
    Person(
        f"koen.dubois@{DOMAIN}",
        "Koen Dubois",
        "Ieper",
        "fl",
        ("so1", "so2", "so3"),
        ("fl-fra", "fl-gesch"),
    ),
    Person(
        f"hanne.lambrechts@{DOMAIN}",
        "Hanne Lambrechts",
        "Sint-Niklaas",
        "fl",
        ("lo2", "so1"),
        ("fl-eng", "fl-dig-media"),
        language="en",
    ),
    Person(
        f"stijn.hermans@{DOMAIN}",
        "Stijn Hermans",
        "Mol",
        "fl",
        ("so2", "so3"),
        ("fl-dui", "fl-eng"),
    ),
    Person(
        f"ine.vandenbroeck@{DOMAIN}",
        "Ine Van den Broeck",
        "Dendermonde",
        "fl",
        ("bu", "lo1"),
        ("fl-zb", "fl-ned"),
    ),
    Person(
        f"dries.michiels@{DOMAIN}",
        "Dries Michiels",
        "Roeselare",
        "fl",
        ("volw", "so3"),
        ("fl-eco", "fl-ned"),
    ),
    Person(
        f"daan.jansen@{DOMAIN}", "Daan Jansen", "Amersfoort", "nl", ("lo2",), ("nl-rw", "nl-ojw")
    ),
    Person(
        f"lotte.dejong@{DOMAIN}",
        "Lotte de Jong",
        "Groningen",
        "nl",
        ("ko", "lo1"),
        ("nl-ne", "nl-ko"),
    ),
    Person(
        f"bram.visser@{DOMAIN}", "Bram Visser", "Zwolle", "nl", ("so2", "so3"), ("nl-wi", "nl-na")
    ),
    Person(
        f"fleur.bakker@{DOMAIN}",
        "Fleur Bakker",
        "Haarlem",
        "nl",
        ("so1", "so2"),
        ("nl-gs", "nl-ak"),
    ),
    Person(
        f"thijs.smit@{DOMAIN}",
        "Thijs Smit",
        "Eindhoven",
        "nl",
        ("so1", "so2"),
        ("nl-inf", "nl-dg"),
        language="en",
    ),
    Person(f"anouk.meijer@{DOMAIN}", "Anouk Meijer", "Leiden", "nl", ("so1", "so2"), ("nl-fa",)),
    Person(
        f"joost.vandijk@{DOMAIN}",
        "Joost van Dijk",
        "Nijmegen",
        "nl",
        ("lo2", "so1"),
        ("nl-en", "nl-gs"),
    ),
    Person(
        f"marieke.mulder@{DOMAIN}",
        "Marieke Mulder",
        "Deventer",
        "nl",
        ("lo1", "lo2"),
        ("nl-ne", "nl-sev"),
    ),
    Person(f"ruben.deboer@{DOMAIN}", "Ruben de Boer", "Delft", "nl", ("so2", "so3"), ("nl-du",)),
    Person(
        f"femke.bos@{DOMAIN}", "Femke Bos", "Leeuwarden", "nl", ("bu", "lo2"), ("nl-rt", "nl-rw")
    ),
    Person(
        f"iris.hendriks@{DOMAIN}",
        "Iris Hendriks",
        "Tilburg",
        "nl",
        ("lo1", "lo2"),
        ("nl-muz", "nl-bv"),
    ),
    Person(
        f"niels.vandenberg@{DOMAIN}",
        "Niels van den Berg",
        "Rotterdam",
        "nl",
        ("volw", "so3"),
        ("nl-ec", "nl-ml"),
    ),
    Person(
        f"sarah.elamrani@{DOMAIN}",
        "Sarah El Amrani",
        "Amsterdam",
        "nl",
        ("so1", "so2"),
        ("nl-sk", "nl-bio"),
    ),
]


@dataclass(frozen=True)
class ModeratorSpec:
    person: Person
    levels: tuple[str, ...]
    subjects: tuple[str, ...] = ()
    staff: bool = False


MODERATORS = [
    ModeratorSpec(
        Person(
            f"moderator.lager@{DOMAIN}",
            "Veerle Desmet",
            "Kortrijk",
            "fl",
            ("lo2",),
            ("fl-wis",),
            bio="Moderator voor het lager onderwijs en het primair onderwijs.",
        ),
        levels=("fl-lo", "nl-po"),
    ),
    ModeratorSpec(
        Person(
            f"moderator.secundair@{DOMAIN}",
            "Marloes Kuipers",
            "Breda",
            "nl",
            ("so2",),
            ("nl-ne",),
            bio="Moderator voor het secundair en het voortgezet onderwijs.",
        ),
        levels=("fl-so", "nl-vo"),
    ),
    ModeratorSpec(
        Person(
            f"staff@{DOMAIN}",
            "Lies Van Damme",
            "Brussel",
            "fl",
            (),
            (),
            language="en",
            bio="Redactie van Staffroom.",
        ),
        levels=(),
        staff=True,
    ),
]


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


# Invented organisations: a public broadcaster's education service, a science museum and an NGO.
ORGANISATIONS = [
    OrganisationSpec(
        "zendmast-educatie",
        "Zendmast Educatie",
        "De educatieve dienst van omroep Zendmast maakt korte video's en lespakketten bij "
        "actualiteit, geschiedenis en wetenschap, gratis voor alle scholen.",
        "https://educatie.zendmast.example",
        "fl",
        (Person(f"partner@{DOMAIN}", "Mira Goedhart", "Brussel", "fl", ("lo2", "so1"), ()),),
        ("arr", "cc-by-nc-nd"),
        ("ww1", "climate", "solar-system", "fake-news", "eu", "volcanoes", "road-safety"),
        prefers_embeds=True,
    ),
    OrganisationSpec(
        "proefhuis-wetenschapsmuseum",
        "Proefhuis Wetenschapsmuseum",
        "Het Proefhuis is een wetenschapsmuseum vol doe-opstellingen. Onze educatoren "
        "vertalen de tentoonstellingen naar proeven die je in elke klas kunt doen.",
        "https://www.proefhuis.example",
        "nl",
        (
            Person(
                f"educatie.proefhuis@{DOMAIN}", "Joris Hoekstra", "Leiden", "nl", ("lo2", "so1"), ()
            ),
        ),
        ("cc-by-nc-sa", "cc-by"),
        (
            "photosynthesis",
            "water-cycle",
            "circuits",
            "states-of-matter",
            "acids-bases",
            "solar-system",
            "circulation",
        ),
    ),
    OrganisationSpec(
        "wereldkring",
        "Wereldkring vzw",
        "Wereldkring is een ngo die met scholen werkt aan kinderrechten, duurzaamheid en "
        "wereldburgerschap.",
        "https://www.wereldkring.example",
        "fl",
        (
            Person(
                f"leren@wereldkring.{DOMAIN}", "Youssef Benali", "Gent", "fl", ("lo2", "so1"), ()
            ),
        ),
        ("cc-by-sa", "cc-by"),
        ("childrens-rights", "climate", "pocket-money", "healthy-food", "food-webs"),
    ),
]


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
    from allauth.account.models import EmailAddress

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
    for spec in MODERATORS:
        member, new = _member(spec.person, password_hash)
        created += new
        if new:
            member.is_moderator = True
            member.is_staff = member.is_superuser = spec.staff
            member.save(update_fields=["is_moderator", "is_staff", "is_superuser"])
            member.moderated_levels.set(Level.objects.filter(code__in=spec.levels))
            member.moderated_subjects.set(Subject.objects.filter(code__in=spec.subjects))
        key = spec.person.email.split("@")[0].removeprefix("moderator.")
        moderators[key] = member
        persons[member.pk] = spec.person
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
