"""Decide, before anything is written, what each demo resource will be: who shares it, in
which language, on which topic and level, as what kind of file, and how moderation ends.

Shares are fixed by quotas (not drawn one by one) so that even a small demo has every
language, file format and outcome the tests and the tour of the site rely on.
"""

import random
from dataclasses import dataclass, field

from staffroom.accounts.models import Member, Organisation

from .people import Cast, OrganisationSpec
from .topics import BANDS, PRIMARY_BANDS, TOPICS, Topic

LANGUAGE_SHARES = {"en": 0.18, "fr": 0.11, "de": 0.09}  # the rest is Dutch
FORMAT_SHARES = {"docx": 0.3, "odt": 0.2}  # the rest is PDF
TEACHER_LICENCES = {
    "cc-by": 40,
    "cc-by-sa": 25,
    "cc-by-nc-sa": 15,
    "cc-by-nc": 8,
    "cc0": 7,
    "cc-by-nd": 3,
    "cc-by-nc-nd": 2,
}
LANGUAGE_SUBJECTS = {
    "fl": {"en": "fl-eng", "fr": "fl-fra", "de": "fl-dui"},
    "nl": {"en": "nl-en", "fr": "nl-fa", "de": "nl-du"},
}
FILE_UNSUITED_TYPES = {"video", "audio", "application"}


@dataclass
class Spec:
    """One resource to create."""

    status: str  # published, pending, changes, draft, rejected
    contributor: Member
    region: str
    language: str
    organisation: Organisation | None = None
    organisation_spec: OrganisationSpec | None = None
    topic: Topic | None = None  # None for a remix until its original is chosen
    band: str = ""
    level_codes: list[str] = field(default_factory=list)
    subject_codes: list[str] = field(default_factory=list)
    kind: str = "file"
    formats: list[str] = field(default_factory=list)
    licence: str = "cc-by"
    remix: bool = False
    keywords: bool = True
    accessibility: bool = False
    corrected: bool = False
    pinned: bool = False  # contributor chosen on purpose; not to be reassigned

    @property
    def placed_topic(self) -> Topic:
        """The topic, once the spec is placed (a remix's when its original is chosen)."""
        if self.topic is None:
            raise ValueError("This spec has no topic yet: a remix gets its original's.")
        return self.topic

    @property
    def moderator_key(self) -> str:
        if self.band in PRIMARY_BANDS:
            return "lager"
        if self.band.startswith("so"):
            return "secundair"
        return "staff"


def _quota(total: int, shares: dict[str, float], rest: str) -> list[str]:
    """``total`` labels with each share rounded (at least one each) and the rest ``rest``."""
    labels = []
    for label, share in shares.items():
        labels += [label] * max(1, round(total * share))
    return labels + [rest] * (total - len(labels))


def plan(rng: random.Random, count: int, cast: Cast) -> list[Spec]:
    remixes = max(1, round(count * 0.04))
    own = count - remixes
    statuses = (
        ["pending"] * max(2, round(count * 0.08))
        + ["changes"] * max(1, round(count * 0.03))
        + ["draft"] * max(1, round(count * 0.025))
        + ["rejected"] * max(1, round(count * 0.007))
    )
    partner_count = max(3, round(count * 0.08))
    teacher_count = own - partner_count
    statuses += ["published"] * (teacher_count - len(statuses))
    rng.shuffle(statuses)
    languages = _quota(own, LANGUAGE_SHARES, "nl")
    rng.shuffle(languages)

    specs = [_partner_spec(rng, cast, index, languages.pop()) for index in range(partner_count)]
    specs += [_teacher_spec(rng, cast, status, languages.pop()) for status in statuses]
    _give_demo_teachers_a_bit_of_everything(rng, cast, specs)
    _assign_kinds_and_formats(rng, specs)
    first_published = next(s for s in specs if s.status == "published" and not s.organisation)
    first_published.licence = "cc-by"  # so that a remix always has an original to adapt
    for _ in range(remixes):
        contributor = rng.choice(cast.teachers)
        specs.append(
            Spec(
                "published",
                contributor,
                contributor.region,
                "",
                remix=True,
                formats=[rng.choice(("pdf", "docx", "odt"))],
                keywords=rng.random() < 0.9,
            )
        )
    return specs


def _partner_spec(rng: random.Random, cast: Cast, index: int, language: str) -> Spec:
    organisation, organisation_spec, members = cast.organisations[index % len(cast.organisations)]
    topic = rng.choice([t for t in TOPICS if t.key in organisation_spec.topics])
    spec = Spec(
        "published",
        rng.choice(members),
        organisation_spec.region,
        language,
        organisation=organisation,
        organisation_spec=organisation_spec,
        licence=rng.choice(organisation_spec.licences),
    )
    place(rng, spec, topic, rng.choice(topic.bands))
    return spec


def _teacher_spec(rng: random.Random, cast: Cast, status: str, language: str) -> Spec:
    contributor = _contributor_for(rng, cast, language)
    spec = Spec(
        status,
        contributor,
        contributor.region,
        language,
        licence=rng.choices(list(TEACHER_LICENCES), list(TEACHER_LICENCES.values()))[0],
        keywords=rng.random() < 0.85,
        accessibility=rng.random() < 0.15,
        corrected=status == "published" and rng.random() < 0.1,
    )
    _choose_topic(rng, cast, spec)
    return spec


def _contributor_for(rng: random.Random, cast: Cast, language: str) -> Member:
    """Language teachers share most material in the language they teach."""
    if language != "nl" and rng.random() < 0.5:
        wanted = {LANGUAGE_SUBJECTS["fl"][language], LANGUAGE_SUBJECTS["nl"][language]}
        teaching = [m for m in cast.teachers if wanted & set(cast.persons[m.pk].subjects)]
        if teaching:
            return rng.choice(teaching)
    # The two demo teachers are the most active members, so their pages have something to show.
    weights = [4 if index < 2 else 1 for index in range(len(cast.teachers))]
    return rng.choices(cast.teachers, weights)[0]


def _choose_topic(rng: random.Random, cast: Cast, spec: Spec) -> None:
    person = cast.persons[spec.contributor.pk]
    candidates = [(t, band) for t in TOPICS for band in t.bands if band in person.bands]
    weights = [
        4 if t.subject_code(spec.region, band) in person.subjects else 1 for t, band in candidates
    ]
    topic, band = rng.choices(candidates, weights)[0]
    place(rng, spec, topic, band)


def place(rng: random.Random, spec: Spec, topic: Topic, band: str) -> None:
    """Set topic, band, levels and subjects (in the contributor's region's terms)."""
    spec.topic, spec.band = topic, band
    codes = BANDS[band][spec.region]
    spec.level_codes = rng.sample(codes, 2 if len(codes) > 1 and rng.random() < 0.35 else 1)
    subjects = [topic.subject_code(spec.region, band)]
    language_subject = LANGUAGE_SUBJECTS[spec.region].get(spec.language)
    # Material in another language on a non-language topic is used in CLIL lessons.
    if language_subject and language_subject not in subjects and rng.random() < 0.5:
        subjects.append(language_subject)
    spec.subject_codes = subjects


def _give_demo_teachers_a_bit_of_everything(
    rng: random.Random, cast: Cast, specs: list[Spec]
) -> None:
    """An Peeters (lager onderwijs) and Sanne de Vries (voortgezet onderwijs) each get an item
    in the queue of their region's moderator, and a draft or a request for changes."""
    an, sanne = cast.teachers[0], cast.teachers[1]
    wanted = [
        ("pending", an),
        ("pending", sanne),
        ("changes", an),
        ("draft", an),
        ("changes", sanne),
    ]
    for status, member in wanted:
        spec = next((s for s in specs if s.status == status and not s.pinned), None)
        if spec is None:
            continue
        spec.pinned = True
        spec.contributor, spec.region = member, member.region
        _choose_topic(rng, cast, spec)


def _assign_kinds_and_formats(rng: random.Random, specs: list[Spec]) -> None:
    teacher_specs = [s for s in specs if s.organisation is None]
    links = round(len(specs) * 0.07)
    embeds = max(1, round(len(specs) * 0.03))
    for spec in rng.sample(teacher_specs, min(links + embeds, len(teacher_specs))):
        spec.kind = "link" if links > 0 else "embed"
        links -= 1
    for spec in specs:
        if spec.organisation_spec is not None and spec.organisation_spec.prefers_embeds:
            spec.kind = "embed" if rng.random() < 0.5 else "file"
    # Every language has at least one file, so search and language checks have text to use.
    for language in {s.language for s in specs}:
        same = [s for s in specs if s.language == language]
        if not any(s.kind == "file" for s in same):
            same[0].kind = "file"
    files = [s for s in specs if s.kind == "file"]
    formats = _quota(len(files), FORMAT_SHARES, "pdf")
    rng.shuffle(formats)
    for spec, file_format in zip(files, formats, strict=True):
        spec.formats = [file_format]
        if rng.random() < 0.15:  # teacher notes alongside, in another format
            spec.formats.append(rng.choice([f for f in ("pdf", "docx", "odt") if f != file_format]))
