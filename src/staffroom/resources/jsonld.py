"""schema.org/LRMI JSON-LD of a resource, following the AMB application profile
(https://w3id.org/kim/amb/, DINI-AG KIM): the description search engines and OER harvesters read
from every published resource page.

AMB constrains some properties to its own vocabularies, so our regional terms travel twice:
- ``educationalLevel`` accepts only KIM education levels (ISCED 2011 based): each level's ISCED
  code is mapped onto those. Our own level concepts go into ``educationalAlignment``.
- ``about`` must contain a KIM school subject (``schulfaecher``): subjects that have a close
  match carry it and our own subject concept; every subject is in ``educationalAlignment`` too.
- ``learningResourceType`` must contain an HCRT concept: types without one are left out.
- ``license`` must be an open licence: "all rights reserved" resources carry none.

Our own terms travel as URIs without labels: a page shows a viewer the terms of their own region
only (a Dutch teacher never reads "3de leerjaar"), and the description must not depend on who
fetched the page. Their labels belong to the vocabulary behind ``concept_uri``.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from staffroom.curriculum.models import Level, Region, Subject
from staffroom.curriculum.queries import terms_by_id

from .models import ContentLanguage, Kind, Resource, Status
from .offers import is_free_on, resource_offers

AMB_CONTEXT = "https://w3id.org/kim/amb/context.jsonld"
KIM_LEVEL = "https://w3id.org/kim/educationalLevel/"
KIM_SUBJECT = "http://w3id.org/kim/schulfaecher/"

# ISCED 2011 (the codes our levels carry) -> KIM educationalLevel concept, whose labels follow.
# The KIM levels are ISCED's first digit (exactMatch isced2011:levelN); 02 is early childhood.
ISCED_TO_KIM = {
    "0": "level_0",
    "02": "level_0",
    "1": "level_1",
    "2": "level_2",
    "24": "level_2",
    "25": "level_2",
    "3": "level_3",
    "34": "level_3",
    "35": "level_3",
    "4": "level_4",
    "44": "level_4",
    "45": "level_4",
    "5": "level_5",
    "6": "level_6",
    "7": "level_7",
    "8": "level_8",
}
KIM_LEVEL_LABELS = {
    "level_0": {"en": "Early childhood education", "de": "Elementarbereich"},
    "level_1": {"en": "Primary education", "de": "Primarbereich"},
    "level_2": {"en": "Lower secondary education", "de": "Sekundarbereich I"},
    "level_3": {"en": "Upper secondary education", "de": "Sekundarbereich II"},
    "level_4": {
        "en": "Post-secondary non-tertiary education",
        "de": "Postsekundarer nicht-tertiärer Bereich",
    },
    "level_5": {"en": "Short-cycle tertiary education", "de": "Kurzes tertiäres Bildungsprogramm"},
    "level_6": {"en": "Bachelor or equivalent", "de": "Bachelor oder äquivalent"},
    "level_7": {"en": "Master or equivalent", "de": "Master oder äquivalent"},
    "level_8": {"en": "Doctoral or equivalent", "de": "Promotion oder äquivalent"},
}

# Our subjects -> the KIM school subject that matches closely. A sub-subject without its own
# entry takes its parent's ("WO: natuur" is Sachunterricht). Dutch as a first language,
# religion and the vocational fields have no counterpart in the German list.
SUBJECT_TO_KIM = {
    "fl-fra": "s1009",
    "fl-eng": "s1007",
    "fl-dui": "s1005",
    "fl-lat": "s1016",
    "fl-gri": "s1000",
    "fl-wis": "s1017",
    "fl-wo": "s1028",
    "fl-gez": "s1012",
    "fl-gesch": "s1011",
    "fl-ak": "s1010",
    "fl-natw": "s1019",
    "fl-bio": "s1001",
    "fl-chem": "s1002",
    "fl-fys": "s1022",
    "fl-stem": "s1019",
    "fl-eco": "s1033",
    "fl-muz-beeld": "s1015",
    "fl-muz-muziek": "s1020",
    "fl-muz-drama": "s1004",
    "fl-lo": "s1031",
    "fl-lev-zed": "s1008",
    "fl-dig-inf": "s1013",
    "fl-burg": "s1023",
    "nl-fa": "s1009",
    "nl-en": "s1007",
    "nl-du": "s1005",
    "nl-ltc": "s1016",
    "nl-gtc": "s1000",
    "nl-rw": "s1017",
    "nl-wi": "s1017",
    "nl-ojw": "s1028",
    "nl-ak": "s1010",
    "nl-gs": "s1011",
    "nl-gez": "s1012",
    "nl-mn": "s1019",
    "nl-bio": "s1001",
    "nl-nask": "s1019",
    "nl-na": "s1022",
    "nl-sk": "s1002",
    "nl-wt": "s1019",
    "nl-ec": "s1033",
    "nl-bv": "s1015",
    "nl-muz": "s1020",
    "nl-dr": "s1004",
    "nl-bo": "s1031",
    "nl-inf": "s1013",
    "nl-bu": "s1023",
}
KIM_SUBJECT_LABELS = {
    "s1000": "Alt-Griechisch",
    "s1001": "Biologie",
    "s1002": "Chemie",
    "s1004": "Darstellendes Spiel",
    "s1005": "Deutsch",
    "s1007": "Englisch",
    "s1008": "Ethik",
    "s1009": "Französisch",
    "s1010": "Geografie",
    "s1011": "Geschichte",
    "s1012": "Gesundheit",
    "s1013": "Informatik",
    "s1015": "Kunst",
    "s1016": "Latein",
    "s1017": "Mathematik",
    "s1019": "MINT",
    "s1020": "Musik",
    "s1022": "Physik",
    "s1023": "Politik",
    "s1028": "Sachunterricht",
    "s1031": "Sport",
    "s1033": "Wirtschaftskunde",
}

# Labels of the HCRT concepts our resource types map to (oersi-hcrt.ttl).
HCRT_LABELS = {
    "worksheet": {"de": "Arbeitsmaterial", "en": "Worksheet"},
    "lesson_plan": {"de": "Unterrichtsplanung", "en": "Lesson Plan"},
    "drill_and_practice": {"de": "Übung", "en": "Drill and Practice"},
    "video": {"de": "Video", "en": "Video"},
    "audio": {"de": "Audio", "en": "Audio Recording"},
    "slide": {"de": "Präsentation", "en": "Presentation"},
    "text": {"de": "Textdokument", "en": "Text"},
    "application": {"de": "Softwareanwendung", "en": "Software Application"},
    "educational_game": {"de": "Lernspiel", "en": "Game"},
    "assessment": {"de": "Lernkontrolle", "en": "Assessment"},
    "course": {"de": "Kurs", "en": "Course"},
}

# Our resource types -> the schema.org type added after LearningResource.
SCHEMA_TYPES = {
    "video": "VideoObject",
    "audio": "AudioObject",
    "presentation": "PresentationDigitalDocument",
    "article": "Article",
    "application": "SoftwareApplication",
    "game": "Game",
    "assessment": "Quiz",
    "learning-path": "Course",
    "teacher-training": "Course",
}
FRAMEWORK_NAMES = {
    Region.FLANDERS: "Staffroom education levels and subjects (Flanders)",
    Region.NETHERLANDS: "Staffroom education levels and subjects (the Netherlands)",
}


def concept_uri(term, site_url: str | None = None) -> str:
    """The stable URI of one of our vocabulary terms (``…/vocabularies/levels/fl-lo-3``).

    Built on SITE_URL, never on the request's host: an identifier must not change with the
    address a page was fetched under."""
    folder = {Level: "levels", Subject: "subjects"}.get(type(term), "resource-types")
    return f"{(site_url or settings.SITE_URL).rstrip('/')}/vocabularies/{folder}/{term.code}"


def _base_url(request_or_site_url: HttpRequest | str) -> str:
    if isinstance(request_or_site_url, str):
        return request_or_site_url.rstrip("/")
    return request_or_site_url.build_absolute_uri("/").rstrip("/")


def _timestamp(value) -> str | None:
    # AMB checks date-time as RFC 3339, which needs the offset: aware datetimes only (USE_TZ).
    return value.replace(microsecond=0).isoformat() if value else None


def _agent(member) -> dict:
    return {"type": "Person", "name": member.display_name}


def _terms(resource: Resource, name: str) -> list:
    listed = getattr(resource, f"listed_{name}", None)
    if listed is not None:
        return list(listed)
    return list(getattr(resource, name).all())


def _kim_subject(subject, by_id: dict) -> str | None:
    term = subject
    while term is not None:
        if term.code in SUBJECT_TO_KIM:
            return SUBJECT_TO_KIM[term.code]
        term = by_id.get(term.parent_id)
    return None


def _educational_levels(levels: list) -> list[dict]:
    found: dict[str, dict] = {}
    for level in levels:
        kim = ISCED_TO_KIM.get(level.isced)
        if kim and kim not in found:
            found[kim] = {
                "id": KIM_LEVEL + kim,
                "type": "Concept",
                "prefLabel": KIM_LEVEL_LABELS[kim],
            }
    return list(found.values())


def _about(subjects: list, site_url: str) -> list[dict]:
    by_id = terms_by_id(Subject)
    matched: dict[str, dict] = {}
    for subject in subjects:
        kim = _kim_subject(subject, by_id)
        if kim and kim not in matched:
            matched[kim] = {
                "id": KIM_SUBJECT + kim,
                "type": "Concept",
                "prefLabel": {"de": KIM_SUBJECT_LABELS[kim]},
            }
    if not matched:
        # AMB wants at least one KIM subject in "about": without one, ours go in
        # educationalAlignment alone.
        return []
    own = [{"id": concept_uri(subject, site_url), "type": "Concept"} for subject in subjects]
    return [*matched.values(), *own]


def _alignments(levels: list, subjects: list, site_url: str) -> list[dict]:
    aligned = []
    for alignment_type, terms in (("educationalLevel", levels), ("educationalSubject", subjects)):
        for term in terms:
            aligned.append(
                {
                    "type": "AlignmentObject",
                    "alignmentType": alignment_type,
                    "educationalFramework": FRAMEWORK_NAMES.get(term.region, "Staffroom"),
                    "targetUrl": concept_uri(term, site_url),
                }
            )
    return aligned


def _learning_resource_type(resource_type) -> list[dict]:
    hcrt = resource_type.hcrt_uri if resource_type else ""
    if not hcrt.startswith("https://w3id.org/kim/hcrt/"):
        return []
    concepts = [{"id": hcrt, "type": "Concept"}]
    labels = HCRT_LABELS.get(hcrt.rsplit("/", 1)[-1])
    if labels:
        concepts[0]["prefLabel"] = labels
    if resource_type.oeh_uri:
        concepts.append({"id": resource_type.oeh_uri, "type": "Concept"})
    return concepts


def _types(resource: Resource, files: list) -> list[str]:
    code = resource.resource_type.code if resource.resource_type else ""
    specific = SCHEMA_TYPES.get(code)
    if specific is None and resource.kind == Kind.FILE and files:
        mime = files[0].mime_type
        if "presentation" in mime:
            specific = "PresentationDigitalDocument"
        elif "spreadsheet" in mime or "excel" in mime:
            specific = "SpreadsheetDigitalDocument"
        elif mime.startswith("video/"):
            specific = "VideoObject"
        elif mime.startswith("audio/"):
            specific = "AudioObject"
        elif mime.startswith("image/"):
            specific = "ImageObject"
        else:
            specific = "DigitalDocument"
    return ["LearningResource", specific] if specific else ["LearningResource"]


def _public_files(resource: Resource) -> list:
    listed = getattr(resource, "listed_files", None)
    files = listed if listed is not None else resource.files.filter(pending=False)
    return [resource_file for resource_file in files if not resource_file.pending]


def _encoding(resource: Resource, files: list, base: str) -> list[dict]:
    if resource.kind == Kind.EMBED and resource.url:
        return [{"type": "MediaObject", "embedUrl": resource.url}]
    encodings = []
    for resource_file in files:
        encoding = {
            "type": "MediaObject",
            "contentUrl": base
            + reverse("resources:download", args=[resource.pk, resource_file.pk]),
            "contentSize": str(resource_file.size),
        }
        if "/" in resource_file.mime_type:
            encoding["encodingFormat"] = resource_file.mime_type
        if resource_file.sha256:
            encoding["sha256"] = resource_file.sha256
        encodings.append(encoding)
    return encodings


def resource_jsonld(resource: Resource, request_or_site_url: HttpRequest | str) -> dict:
    """The AMB (schema.org/LRMI) description of ``resource`` as a JSON-LD object.

    ``request_or_site_url`` gives the base of page and download addresses: a request (its own
    scheme and host) or a site URL such as ``settings.SITE_URL``. Vocabulary URIs always use
    SITE_URL (see ``concept_uri``)."""
    base = _base_url(request_or_site_url)
    site_url = settings.SITE_URL
    page = base + resource.get_absolute_url()
    # "other" and "und" (not known) are no language to state; AMB takes ISO 639-1 codes only.
    unstated = (ContentLanguage.OTHER, ContentLanguage.UNDETERMINED)
    language = resource.language if resource.language not in unstated else ""
    files = _public_files(resource) if resource.kind == Kind.FILE else []
    levels = _terms(resource, "levels")
    subjects = _terms(resource, "subjects")

    data: dict = {
        # The default language of the strings below: the resource's, else Dutch, the site's.
        "@context": [AMB_CONTEXT, {"@language": language or "nl"}],
        "id": page,
        # The page's canonical address (its rel=canonical), whatever base ``id`` was built on.
        "url": site_url + resource.get_absolute_url(),
        "type": _types(resource, files),
        "name": resource.title,
    }
    if resource.description:
        data["description"] = resource.description
    if language:
        data["inLanguage"] = [language]
    keywords = [str(keyword) for keyword in resource.keywords or [] if str(keyword).strip()]
    if keywords:
        data["keywords"] = keywords
    if resource.licence_url:
        data["license"] = {"id": resource.licence_url}

    organisation = resource.organisation
    if resource.author_name:
        creator: dict[str, Any] = {"type": "Person", "name": resource.author_name}
        if organisation is not None:
            creator["affiliation"] = {"type": "Organization", "name": organisation.name}
    elif organisation is not None:
        creator = {
            "type": "Organization",
            "name": organisation.name,
            "id": base + organisation.get_absolute_url(),
        }
    else:
        creator = _agent(resource.contributor)
        creator["id"] = base + resource.contributor.get_absolute_url()
    data["creator"] = [creator]
    if organisation is not None:
        publisher = {
            "type": "Organization",
            "name": organisation.name,
            "id": organisation.website or base + organisation.get_absolute_url(),
        }
    else:
        publisher = _agent(resource.contributor)
        publisher["id"] = base + resource.contributor.get_absolute_url()
    data["publisher"] = [publisher]

    for key, value in (
        ("dateCreated", resource.created_at),
        ("datePublished", resource.published_at if resource.status == Status.PUBLISHED else None),
        ("dateModified", resource.updated_at),
    ):
        if _timestamp(value):
            data[key] = _timestamp(value)

    educational_levels = _educational_levels(levels)
    if educational_levels:
        data["educationalLevel"] = educational_levels
    about = _about(subjects, site_url)
    if about:
        data["about"] = about
    alignments = _alignments(levels, subjects, site_url)
    if alignments:
        data["educationalAlignment"] = alignments
    learning_resource_type = _learning_resource_type(resource.resource_type)
    if learning_resource_type:
        data["learningResourceType"] = learning_resource_type
    if resource.duration_iso:
        data["timeRequired"] = resource.duration_iso

    if resource.based_on_id and resource.based_on and resource.based_on.is_published:
        source = resource.based_on
        data["isBasedOn"] = [
            {"id": base + source.get_absolute_url(), "name": source.title}
            | ({"license": {"id": source.licence_url}} if source.licence_url else {})
        ]
    # True only when using it costs nothing now: an offer while its period runs, never a
    # paid resource. Its price or period goes into schema.org offers.
    data["isAccessibleForFree"] = is_free_on(resource)
    offers = resource_offers(resource)
    if offers:
        data["offers"] = offers
    encoding = _encoding(resource, files, base)
    if encoding:
        data["encoding"] = encoding
    preview = next((f for f in files if f.preview), None)
    if preview is not None:
        data["image"] = base + reverse("resources:preview", args=[resource.pk, preview.pk])
    data["mainEntityOfPage"] = [
        {
            "id": page,
            "type": "WebContent",
            "provider": {"id": site_url + "/", "type": "Organization", "name": "Staffroom"},
            **({"dateModified": _timestamp(resource.updated_at)} if resource.updated_at else {}),
        }
    ]
    return data
