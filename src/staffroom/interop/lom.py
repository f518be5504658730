"""Learning Object Metadata of a published resource, in two bindings.

``lom``: the IEEE LOM XML binding (1484.12.3), namespace ``http://ltsc.ieee.org/xsd/LOM``,
valid against ``lomStrict.xsd``: every vocabulary value is from the LOMv1.0 base schema.

``nl_lom``: NL-LOM, the Dutch application profile that Edurep harvests, written in the IMS
Meta-data 1.2.4 binding (namespace ``http://www.imsglobal.org/xsd/imsmd_v1p2``, lower-case
element names, a fixed element order) as Kennisnet's reference library phpNLLOM writes it.

Both carry the same facts: the page as identifier, title, language, description and keywords;
author and publisher with a vCard and the publication date; formats and locations; the LOM
learning resource type where ours has an equivalent; intended users and context; cost (with
the price, or an offer's period and conditions, in the rights description) and licence; the
tool a manual is for (relation "references"); subjects (purpose "discipline") and levels
(purpose "educational level") as taxon paths of our own vocabularies (source
``<SITE_URL>/vocabularies/levels`` or ``.../subjects``, ids our codes, the path running from
the broadest term down).

What NL-LOM adds, and where it comes from:

- Levels and subjects also as terms of the Dutch "onderwijsbegrippenkader" (OBK, source
  ``http://purl.edustandaard.nl/begrippenkader``, ids UUIDs), which is what Edurep expects
  today. The UUIDs come from Kennisnet's own tables that map the older VDEX vocabularies to the
  OBK (kennisnet/edurep-files @c1ac4a68, mapping/mapping_vdex_classification_educationallevel_
  czp_20071115.xml.csv, ..._vakaanduidingen_po_2009.xml.csv, ..._vakaanduidingen_vo_20071115
  .xml.csv). We matched our Dutch terms to those rows by name, by hand (tables below). A term
  without a row uses the nearest broader term that has one (``nl-vmbo-3`` is "VMBO", ``nl-nt2``
  is "Nederlands"); a term without either gets only our own taxon path. Flemish terms go
  through the crosswalk (``equivalent``) first: "3de leerjaar" is "groep 5". Not mapped: the
  vmbo leerwegen and years (the OBK only combines both), vso, the teacher-training levels other
  than pabo, and the subjects with no OBK counterpart in those tables (klassieke talen as a
  whole, mens en natuur, mens en maatschappij, wetenschap en technologie, digitale
  geletterdheid, leren leren, the vmbo profile subjects other than zorg en welzijn, remedial
  teaching).
- Context from the "vdex_context_czp_20060628" vocabulary (PO, VO, BVE, HBO, WO, SO, SBaO).
- Licences from "copyrightsandotherrestrictions_nllom_20131202" with their version
  (``cc-by-sa-30``, ``cc-by-40`` ...; a port as its version, its own URI in the description);
  CC0 and the Public Domain Mark are written as plain "no" (no restrictions) because we found
  no value for them in that vocabulary; other licences as "yes" with their name and URI in the
  description.
- Other vocabularies (role, cost, intended end user role, learning resource type) keep the
  source "LOMv1.0", as phpNLLOM writes them; the Dutch learning resource type vocabulary
  (vdex_learningresourcetype_czp) is not used, for want of its value list.

Neither binding gives a typical age range: our levels say it only coarsely (ISCED).
"""

from datetime import UTC, datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from lxml import etree

from staffroom.core.web_address import doi_of
from staffroom.curriculum.models import Level, Subject
from staffroom.curriculum.queries import terms_by_id
from staffroom.resources.licences import Licence, licence_terms
from staffroom.resources.models import Cost
from staffroom.resources.offers import cost_text

from .formats import MetadataFormat, register
from .parts import files_of, terms_of

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

LOM = "http://ltsc.ieee.org/xsd/LOM"
LOM_SCHEMA = "http://ltsc.ieee.org/xsd/lomv1.0/lomStrict.xsd"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_v1p2"
IMSMD_SCHEMA = "http://www.imsglobal.org/xsd/imsmd_v1p2p4.xsd"

LOM_VOCABULARY = "LOMv1.0"
NL_LOM_SCHEME = "nl_lom_v1p0"
LABEL_LANGUAGES = ("nl", "en", "fr", "de")
# Language-neutral strings (codes, URIs, age ranges), as NL-LOM records mark them.
NO_LANGUAGE = "x-none"
# The IMS binding's <size> is an xsd:int.
IMS_MAX_SIZE = 2**31 - 1

# Our resource types in the LOMv1.0 learningResourceType vocabulary; types with no honest
# equivalent there (video, audio, lesson plan, game, ...) are left out rather than forced.
LOM_RESOURCE_TYPES = {
    "worksheet": "exercise",
    "exercise": "exercise",
    "interactive-exercise": "exercise",
    "presentation": "slide",
    "article": "narrative text",
    "assessment": "exam",
}
# Resource types meant for the teacher only; all others are also for learners.
TEACHER_ONLY_TYPES = {"lesson-plan", "teacher-training"}

NL_PURPOSE_VOCABULARY = "http://purl.edustandaard.nl/vdex_classification_purpose_czp_20060628.xml"
NL_CONTEXT_VOCABULARY = "http://purl.edustandaard.nl/vdex_context_czp_20060628.xml"
NL_RELATION_VOCABULARY = "http://purl.edustandaard.nl/relation_kind_nllom_20131211"
# "This is a manual for <tool>": LOM's relation kinds (Dublin Core's) have no "explains". The
# manual points to the tool it is about, which is what "references" says (dc:references:
# "the described resource references, cites, or otherwise points to the related resource").
# Not "isbasedon": a manual is not derived from the tool (that is our remix relation), and
# "requires" would say the manual cannot be used without it.
MANUAL_RELATION = "references"
# The languages the cost is described in (rights/description), besides the licence.
COST_LANGUAGES = ("nl", "en")
NL_COPYRIGHT_VOCABULARY = (
    "http://purl.edustandaard.nl/copyrightsandotherrestrictions_nllom_20131202"
)
OBK = "http://purl.edustandaard.nl/begrippenkader"

# Our Dutch levels -> OBK concepts (id, Dutch label), from Kennisnet's mapping table (see above).
_PO = ("512e4729-03a4-43a2-95ba-758071d1b725", "Primair onderwijs")
_HBO = ("be140797-803f-4b9e-81cc-5572c711e09c", "Hoger beroepsonderwijs")
_WO = ("bbbd99c6-cf49-4980-baed-12388f8dcff4", "Wetenschappelijk onderwijs")
_GROEP = {
    1: "82ca4442-246c-44b3-a562-7b101793feb4",
    2: "c007e4dd-a3d4-4f33-902d-778e3bbeeddb",
    3: "25a2f4f4-cf91-4b16-94bc-6d9e6fad88f4",
    4: "5c072b3f-7f58-40ee-9799-27981f0a6b2b",
    5: "bc213214-b83d-4673-b9c1-8fdaa63d6d56",
    6: "abfb190f-e814-46f5-a9cc-ebd53f04018e",
    7: "a4813bb6-cf63-4594-af56-6afb321723d8",
    8: "95138558-9f65-4888-8ea3-8acce5eea273",
}
OBK_LEVELS: dict[str, list[tuple[str, str]]] = {
    "nl-po": [_PO],
    "nl-po-kl": [(_GROEP[1], "PO groep 1"), (_GROEP[2], "PO groep 2")],
    **{f"nl-po-{n}": [(uuid, f"PO groep {n}")] for n, uuid in _GROEP.items()},
    "nl-vo": [("2a1401e9-c223-493b-9b86-78f6993b1a8d", "Voortgezet onderwijs")],
    "nl-pro": [("d6f1bbf7-c1a6-4431-bcbd-f33126d851ef", "Praktijkonderwijs")],
    "nl-vmbo": [("c7942bb1-bf4f-409f-bc98-9a0b02f175dc", "VMBO")],
    "nl-havo": [("a3ddbe60-8478-4204-b769-6f5e9f4cbca2", "HAVO")],
    "nl-havo-1": [("78f5cabe-6649-4dc3-84bf-36d82c6c2d31", "HAVO, 1")],
    "nl-havo-2": [("eaa0c07f-193e-4be5-8dc6-a00bbfc7a446", "HAVO, 2")],
    "nl-havo-3": [("af3ecd88-a654-4458-9c5b-1e1f7d09f463", "HAVO, 3")],
    "nl-havo-4": [("70af3752-c6ad-43d9-aa0c-9ff099931f8a", "HAVO, 4")],
    "nl-havo-5": [("cb61531d-61eb-4412-a52f-ca065ca37e39", "HAVO, 5")],
    "nl-vwo": [("ad9872e5-edc4-4a62-9ee7-ba7daceba2e0", "VWO")],
    "nl-vwo-1": [("ac188375-0a1a-4984-ac80-14d04a086a19", "VWO, 1")],
    "nl-vwo-2": [("17da6976-2f1b-4214-a471-168f469d7e04", "VWO, 2")],
    "nl-vwo-3": [("b924d4ad-65a1-41dc-b704-c7786eb4aec0", "VWO, 3")],
    "nl-vwo-4": [("e2026706-0829-4a4c-b726-9409b6f407e1", "VWO, 4")],
    "nl-vwo-5": [("f2513775-3d54-423b-803b-15e06a8c89a8", "VWO, 5")],
    "nl-vwo-6": [("85d15c83-e2b4-4359-8475-a355591aaa1a", "VWO, 6")],
    "nl-mbo": [("f3ac3fbb-5eae-49e0-8494-0a44855fff25", "MBO")],
    "nl-mbo-1": [("a598e56e-d1a6-4907-9e2c-3da64e59f9ae", "MBO, Niveau 1: Assistentenopleiding")],
    "nl-mbo-2": [("00ace3c7-d7a8-41e6-83b1-7f13a9af7668", "MBO, Niveau 2: Basisberoepsopleiding")],
    "nl-mbo-3": [("654931e1-6f8b-4f72-aa4b-92c99c72c347", "MBO, Niveau 3: Vakopleiding")],
    "nl-mbo-4": [("8beca7eb-95a5-4c7d-9704-2d2a2fc4bc65", "MBO, Niveau 4: Middenkaderopleiding")],
    "nl-ho": [_HBO, _WO],
    "nl-hbo": [_HBO],
    "nl-wo": [_WO],
    "nl-sp-sbo": [("e05b5eb1-6a65-4f45-9556-79b25cd91da8", "Speciaal basisonderwijs")],
    "nl-sp-so": [("e7f1c08f-08fb-48ab-be8e-c131b1bce54a", "Speciaal onderwijs")],
    "nl-lero-pabo": [_HBO],
    "nl-volw": [("431f5942-4c61-42a5-b33d-638b82e0c4f6", "Volwasseneneducatie")],
}
_NATUURKUNDE = ("e98be5ad-4bd2-4768-a9eb-7e24026e360c", "Natuurkunde")
_SCHEIKUNDE = ("3aab168a-9b24-4aca-b0f1-4bfb12e7c288", "Scheikunde")
_TECHNIEK = ("c6971373-aa44-4de9-91ef-aca886d42a6a", "Techniek")
_KUNST = ("4aa16ae7-48c6-4f96-b48d-a67389a7050d", "Kunst en cultuur")
OBK_SUBJECTS: dict[str, list[tuple[str, str]]] = {
    "nl-ne": [("3401cf6e-82e4-404c-b216-b980ff407159", "Nederlands")],
    "nl-en": [("18f53978-1118-4051-a778-b8d7f60ca982", "Engels")],
    "nl-fa": [("9f4710e3-f173-404e-b12e-577657a5da04", "Frans")],
    "nl-du": [("81a1f605-db58-448d-a1dc-da682316c505", "Duits")],
    "nl-ltc": [("1cb06441-fc86-49fa-9347-a5869acb3778", "Latijn")],
    "nl-gtc": [("c92a4d95-f2bb-4eb0-8861-0691365f15b1", "Grieks")],
    "nl-rw": [("b48fa351-4561-44c7-a071-ebfd6103eec3", "Rekenen")],
    "nl-wi": [("7afbb7a6-c29b-425c-9c59-6f79c845f5f0", "Wiskunde")],
    "nl-ojw": [("8b194f4d-d757-440d-b8a2-e7427849a6db", "Wereldoriëntatie")],
    "nl-ak": [("c001f86a-4f8f-4420-bd78-381c615ecedc", "Aardrijkskunde")],
    "nl-gs": [("ef3a0b2e-0843-4e0a-b45b-788be6e1ec8d", "Geschiedenis")],
    "nl-nt": [("f97e788f-5aa6-4ab4-9448-9e27b79daa9e", "Natuur"), _TECHNIEK],
    "nl-verk": [("d45cf1d7-3d8e-476a-a4ef-a39440820199", "Verkeer")],
    "nl-gez": [("04058361-4e9e-4c02-a057-41605a7f37b5", "Gezond en redzaam gedrag")],
    "nl-bio": [("2b363227-8633-4652-ad57-c61f1efc02c8", "Biologie")],
    "nl-nask": [_NATUURKUNDE, _SCHEIKUNDE],
    "nl-na": [_NATUURKUNDE],
    "nl-sk": [_SCHEIKUNDE],
    "nl-tech": [_TECHNIEK],
    "nl-ec": [("4ba5583f-b147-42cc-a083-ce5ebfd53746", "Economie")],
    "nl-kc": [_KUNST],
    "nl-ko": [_KUNST],
    "nl-ckv": [("1773b48b-1cce-4a77-bec2-5fd3aa0e2ec2", "Culturele en kunstzinnige vorming")],
    "nl-bv": [("4c8a3378-6616-459d-acc4-83ee5a9b91a2", "Beeldende vormgeving")],
    "nl-muz": [("7aa6f577-b02d-484a-90d6-72fc80199f9a", "Muziek")],
    "nl-dr": [("904a6dbc-c236-42c8-aaa9-a5d7eaa9639f", "Drama")],
    "nl-da": [("0b1fbf62-4eb4-4af3-a267-3cd3215d6aac", "Dans")],
    "nl-bo": [
        ("34f8bed2-b9f1-4de9-8db7-ee3d9bbb10f2", "Bewegingsonderwijs"),
        ("bc7cb521-bdfe-46ab-b635-f2d2189bdd39", "Lichamelijke opvoeding"),
    ],
    "nl-lb": [("e605402f-4cc2-46bb-9026-d1d49bde17bf", "Godsdienst")],
    "nl-inf": [("2845473d-ce18-450a-9135-6738abbdc129", "Informatica")],
    "nl-bu": [("aa2f68ba-69e5-415d-8d9b-8d6ab98942b1", "Burgerschapsvorming")],
    "nl-ml": [("7596e435-d417-4de8-a32e-8e61f11ee1d2", "Maatschappijleer")],
    "nl-sev": [("35d0e3ed-d62e-40a5-8bff-46f1de51e47a", "Sociaal-emotionele ontwikkeling")],
    "nl-pv-zw": [("750580b3-11c3-46a8-9bc2-dd5a6e7612b6", "Zorg en welzijn breed")],
}
# Our Dutch levels -> values of vdex_context_czp_20060628 (the sector).
NL_CONTEXTS: dict[str, list[str]] = {
    "nl-po": ["PO"],
    "nl-vo": ["VO"],
    "nl-mbo": ["BVE"],
    "nl-volw": ["BVE"],
    "nl-ho": ["HBO", "WO"],
    "nl-hbo": ["HBO"],
    "nl-wo": ["WO"],
    "nl-sp-sbo": ["SBaO"],
    "nl-sp-so": ["SO"],
    "nl-lero-pabo": ["HBO"],
}
# Licences that leave the work free of restrictions: LOM's copyrightAndOtherRestrictions "no".
NO_RESTRICTIONS = {Licence.CC0, Licence.PDM}


def nl_lom_licence(code: str) -> str:
    """A licence in copyrightsandotherrestrictions_nllom_20131202: a Creative Commons licence
    as "cc-<elements>-<version without the dot>" ("cc-by-sa-30", "cc-by-nc-40"; a port as
    its version, the description giving the port's address); CC0 and the Public Domain Mark
    as "no" (no restrictions; we found no value for them in that vocabulary); anything else
    (software licences, all rights reserved, the source's own statement) as "yes"."""
    terms = licence_terms(code)
    if terms.elements:
        version = "".join(str(number) for number in terms.version)
        elements = "-".join(sorted(terms.elements, key=CC_ELEMENT_ORDER.index))
        return f"cc-{elements}-{version}"
    return "no" if code in NO_RESTRICTIONS else "yes"


CC_ELEMENT_ORDER = ("by", "nc", "nd", "sa")
# Every licence's NL-LOM value (kept for readers of the module).
NL_LICENCES = {choice.value: nl_lom_licence(choice) for choice in Licence}


# -- What both bindings say, read from the resource -------------------------------------------


def vocabulary_uri(name: str) -> str:
    """Our own vocabulary of levels or subjects, as the source of a taxon path: the folder of
    the term URIs that the JSON-LD gives (``<SITE_URL>/vocabularies/levels/fl-lo-3``)."""
    return f"{settings.SITE_URL.rstrip('/')}/vocabularies/{name}"


def _content_language(resource) -> str | None:
    return resource.language if resource.language != "other" else None


def _page_url(resource) -> str:
    return settings.SITE_URL + resource.get_absolute_url()


def _original_doi(resource) -> str:
    """The original's DOI as a resolver address (a harvested work's, which the attribution
    line cites), or "" (an event as a resource has no original)."""
    original = getattr(resource, "source_url", "")
    return original if doi_of(original) else ""


def _locations(resource, files: list) -> list[str]:
    """Where the object is: the linked address first (it is the object), then its page here,
    then each file's download."""
    locations = [resource.url] if resource.url else []
    locations.append(_page_url(resource))
    for file in files:
        locations.append(
            settings.SITE_URL + reverse("resources:download", args=[resource.pk, file.pk])
        )
    return locations


def _formats(resource, files: list) -> list[str]:
    formats = sorted({file.mime_type for file in files if file.mime_type})
    if not formats and resource.url:
        formats = ["text/html"]
    return formats


def _author(resource) -> str:
    if resource.author_name:
        return resource.author_name
    # A member's name, never the address that __str__ falls back on.
    return resource.organisation.name if resource.organisation_id else resource.contributor.name


def _publisher(resource) -> str:
    if resource.organisation_id:
        return resource.organisation.name
    return settings.OAI_REPOSITORY_NAME


def _vcard_text(value: str) -> str:
    """A vCard 3.0 text value (RFC 2426 5.2): backslash, comma, semicolon and newline escaped."""
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return value.replace("\r\n", "\\n").replace("\n", "\\n")


def vcard(name: str, *, organisation: bool = False) -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_vcard_text(name)}"]
    # N is required in vCard 3.0; for an organisation it is the name, as NL-LOM records do.
    lines.append(f"N:{_vcard_text(name)}")
    if organisation:
        lines.append(f"ORG:{_vcard_text(name)}")
    lines.append("END:VCARD")
    return "\n".join(lines)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _contexts(levels: list) -> list[str]:
    """LOMv1.0 contexts of the levels, in a stable order."""
    found = set()
    for level in levels:
        if level.code.endswith("-volw"):
            found.add("training")
        elif level.isced[:1] in {"5", "6", "7", "8"}:
            found.add("higher education")
        elif level.isced == "45":
            found.add("training")
        else:
            found.add("school")
    return [context for context in ("school", "higher education", "training") if context in found]


def _roles(resource) -> list[str]:
    type_code = resource.resource_type.code if resource.resource_type_id else None
    if type_code in TEACHER_ONLY_TYPES:
        return ["teacher"]
    return ["teacher", "learner"]


def _lom_resource_type(resource) -> str | None:
    if not resource.resource_type_id:
        return None
    return LOM_RESOURCE_TYPES.get(resource.resource_type.code)


def _licence_description(resource) -> tuple[str, str]:
    """(text, language) describing the licence: its name with its version and its URI
    ("CC BY-SA 3.0 https://creativecommons.org/licenses/by-sa/3.0/"), the reservation, or the
    source's own rights statement word for word."""
    if resource.licence == Licence.SEE_SOURCE:
        statement = " ".join((resource.rights_statement or "").split())
        return statement or "See the source for its rights", NO_LANGUAGE
    if resource.licence_url:
        label = str(Licence(resource.licence).label)
        return f"{label} {resource.licence_url}", NO_LANGUAGE
    # All rights reserved has a translated label; the English one is written.
    return "All rights reserved, used with permission", "en"


def lom_cost(resource) -> str:
    """LOM ``rights/cost``: "yes" when using it requires payment. An offer is free while it
    is online (the clock ends it after its last free day, and its record is then deleted),
    so only a paid resource says "yes"."""
    return "yes" if resource.cost == Cost.PAID else "no"


def _cost_descriptions(resource) -> list[tuple[str, str]]:
    """(text, language) of what using it costs, as its page says it, in Dutch and English;
    none for a free resource (the cost "no" says it)."""
    if resource.cost == Cost.FREE:
        return []
    descriptions = []
    for language in COST_LANGUAGES:
        with translation.override(language):
            text = cost_text(resource)
            if resource.cost == Cost.FREE_UNTIL and resource.cost_note:
                text = f"{text}. {resource.cost_note}"
        descriptions.append((text, language))
    return descriptions


def _manual_for(resource):
    """The published tool or resource this one is a manual for, or None."""
    tool = resource.manual_for if resource.manual_for_id else None
    return tool if tool is not None and tool.is_published else None


def _path(term, model) -> list:
    """The term and its broader terms, broadest first."""
    by_id = terms_by_id(model)
    chain: list = []
    while term is not None and len(chain) < 10:
        chain.append(term)
        term = by_id.get(term.parent_id) if term.parent_id else None
    return list(reversed(chain))


def _labels(term) -> list[tuple[str, str]]:
    labels = term.labels or {}
    found = [(language, labels[language]) for language in LABEL_LANGUAGES if labels.get(language)]
    return found or [(NO_LANGUAGE, term.code)]


def _dutch(term, model):
    """The term as the Netherlands names it: itself or its crosswalk equivalent (or None)."""
    if term.region == "nl":
        return term
    if term.equivalent_id:
        equivalent = terms_by_id(model).get(term.equivalent_id)
        if equivalent is not None and equivalent.region == "nl":
            return equivalent
    return None


def _nearest(term, model, table: dict) -> list:
    """The table's entries for the Dutch term or, failing that, its nearest broader term."""
    dutch = _dutch(term, model)
    if dutch is None:
        return []
    for candidate in reversed(_path(dutch, model)):
        if candidate.code in table:
            return table[candidate.code]
    return []


def _unique(values):
    seen = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


# -- IEEE LOM XML binding ---------------------------------------------------------------------


def _lom(parent, tag: str, text=None):
    element = etree.SubElement(parent, f"{{{LOM}}}{tag}")
    if text is not None:
        element.text = str(text)
    return element


def _lom_string(parent, tag: str, text: str, language: str | None):
    container = _lom(parent, tag)
    string = _lom(container, "string", text)
    if language:
        string.set("language", language)
    return container


def _lom_vocabulary(parent, tag: str, value: str) -> None:
    element = _lom(parent, tag)
    _lom(element, "source", LOM_VOCABULARY)
    _lom(element, "value", value)


def _lom_datetime(moment: datetime) -> str:
    # The binding's DateTime pattern admits a zone only after fractional seconds.
    moment = _utc(moment)
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{moment.microsecond // 100000}Z"


def _lom_contribute(parent, role: str, entity: str, moment: datetime | None) -> None:
    contribute = _lom(parent, "contribute")
    _lom_vocabulary(contribute, "role", role)
    _lom(contribute, "entity", entity)
    if moment is not None:
        _lom(_lom(contribute, "date"), "dateTime", _lom_datetime(moment))


def _lom_classification(parent, purpose: str, terms: list, model, source: str) -> None:
    if not terms:
        return
    classification = _lom(parent, "classification")
    _lom_vocabulary(classification, "purpose", purpose)
    for term in terms:
        path = _lom(classification, "taxonPath")
        _lom_string(path, "source", source, NO_LANGUAGE)
        for step in _path(term, model):
            taxon = _lom(path, "taxon")
            _lom(taxon, "id", step.code)
            entry = _lom(taxon, "entry")
            for language, label in _labels(step):
                _lom(entry, "string", label).set("language", language)


def lom_serialize(resource) -> etree._Element:
    """The IEEE LOM ``<lom>`` element of a published resource (valid against lomStrict.xsd)."""
    language = _content_language(resource)
    files = files_of(resource)
    levels = terms_of(resource, "levels")
    subjects = terms_of(resource, "subjects")
    # Not updated_at: any save moves it (a rating, a pick), which is no change of metadata.
    published = resource.published_at or resource.created_at

    root = etree.Element(f"{{{LOM}}}lom", nsmap={None: LOM, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{LOM} {LOM_SCHEMA}")

    general = _lom(root, "general")
    identifier = _lom(general, "identifier")
    _lom(identifier, "catalog", "URI")
    _lom(identifier, "entry", _page_url(resource))
    if doi := _original_doi(resource):
        identifier = _lom(general, "identifier")
        _lom(identifier, "catalog", "DOI")
        _lom(identifier, "entry", doi)
    _lom_string(general, "title", resource.title, language)
    if language:
        _lom(general, "language", language)
    if resource.description:
        _lom_string(general, "description", resource.description, language)
    for keyword in resource.keywords or []:
        if str(keyword).strip():
            _lom_string(general, "keyword", str(keyword), language)

    life_cycle = _lom(root, "lifeCycle")
    _lom_vocabulary(life_cycle, "status", "final")
    _lom_contribute(life_cycle, "author", vcard(_author(resource)), published)
    _lom_contribute(
        life_cycle,
        "publisher",
        vcard(_publisher(resource), organisation=True),
        published,
    )

    meta = _lom(root, "metaMetadata")
    _lom_contribute(
        meta, "creator", vcard(settings.OAI_REPOSITORY_NAME, organisation=True), published
    )
    _lom(meta, "metadataSchema", LOM_VOCABULARY)
    if language:
        _lom(meta, "language", language)

    technical = _lom(root, "technical")
    for mime_type in _formats(resource, files):
        _lom(technical, "format", mime_type)
    if files:
        _lom(technical, "size", sum(file.size for file in files))
    for location in _locations(resource, files):
        _lom(technical, "location", location)

    educational = _lom(root, "educational")
    resource_type = _lom_resource_type(resource)
    if resource_type:
        _lom_vocabulary(educational, "learningResourceType", resource_type)
    for role in _roles(resource):
        _lom_vocabulary(educational, "intendedEndUserRole", role)
    for context in _contexts(levels):
        _lom_vocabulary(educational, "context", context)
    if resource.duration_iso:
        _lom(_lom(educational, "typicalLearningTime"), "duration", resource.duration_iso)
    if language:
        _lom(educational, "language", language)

    rights = _lom(root, "rights")
    _lom_vocabulary(rights, "cost", lom_cost(resource))
    _lom_vocabulary(
        rights,
        "copyrightAndOtherRestrictions",
        "no" if resource.licence in NO_RESTRICTIONS else "yes",
    )
    # One description (LOM allows one): the licence, and the price or the offer's period and
    # conditions in Dutch and English.
    description = _lom_string(rights, "description", *_licence_description(resource))
    for text, text_language in _cost_descriptions(resource):
        _lom(description, "string", text).set("language", text_language)

    tool = _manual_for(resource)
    if tool is not None:
        relation = _lom(root, "relation")
        _lom_vocabulary(relation, "kind", MANUAL_RELATION)
        related = _lom(relation, "resource")
        identifier = _lom(related, "identifier")
        _lom(identifier, "catalog", "URI")
        _lom(identifier, "entry", _page_url(tool))
        _lom_string(related, "description", tool.title, _content_language(tool))

    _lom_classification(root, "discipline", subjects, Subject, vocabulary_uri("subjects"))
    _lom_classification(root, "educational level", levels, Level, vocabulary_uri("levels"))
    return root


# -- NL-LOM (IMS Meta-data 1.2.4 binding) -----------------------------------------------------


def _ims(parent, tag: str, text=None):
    element = etree.SubElement(parent, f"{{{IMSMD}}}{tag}")
    if text is not None:
        element.text = str(text)
    return element


def _langstring(parent, text: str, language: str | None):
    element = _ims(parent, "langstring", text)
    if language:
        element.set(XML_LANG, language)
    return element


def _ims_string(parent, tag: str, text: str, language: str | None):
    container = _ims(parent, tag)
    _langstring(container, text, language)
    return container


def _ims_vocabulary(parent, tag: str, source: str, value: str) -> None:
    element = _ims(parent, tag)
    _langstring(_ims(element, "source"), source, NO_LANGUAGE)
    _langstring(_ims(element, "value"), value, NO_LANGUAGE)


def _ims_contribute(parent, role: str, entity: str, moment: datetime | None) -> None:
    contribute = _ims(parent, "contribute")
    _ims_vocabulary(contribute, "role", LOM_VOCABULARY, role)
    _ims(_ims(contribute, "centity"), "vcard", entity)
    if moment is not None:
        _ims(_ims(contribute, "date"), "datetime", _utc(moment).isoformat(timespec="seconds"))


def _ims_own_path(classification, term, model, source: str) -> None:
    path = _ims(classification, "taxonpath")
    _langstring(_ims(path, "source"), source, NO_LANGUAGE)
    for step in _path(term, model):
        taxon = _ims(path, "taxon")
        _ims(taxon, "id", step.code)
        entry = _ims(taxon, "entry")
        for language, label in _labels(step):
            _langstring(entry, label, language)


def _ims_classification(parent, purpose: str, terms: list, model, table, source: str) -> None:
    if not terms:
        return
    classification = _ims(parent, "classification")
    _ims_vocabulary(classification, "purpose", NL_PURPOSE_VOCABULARY, purpose)
    concepts = _unique(concept for term in terms for concept in _nearest(term, model, table))
    for uuid, label in concepts:
        path = _ims(classification, "taxonpath")
        _langstring(_ims(path, "source"), OBK, NO_LANGUAGE)
        taxon = _ims(path, "taxon")
        _ims(taxon, "id", uuid)
        _langstring(_ims(taxon, "entry"), label, "nl")
    for term in terms:
        _ims_own_path(classification, term, model, source)


def nl_lom_serialize(resource) -> etree._Element:
    """The NL-LOM ``<lom>`` element (IMS MD 1.2.4 binding) of a published resource."""
    language = _content_language(resource)
    files = files_of(resource)
    levels = terms_of(resource, "levels")
    subjects = terms_of(resource, "subjects")
    # Not updated_at: any save moves it (a rating, a pick), which is no change of metadata.
    published = resource.published_at or resource.created_at

    root = etree.Element(f"{{{IMSMD}}}lom", nsmap={None: IMSMD, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{IMSMD} {IMSMD_SCHEMA}")

    # The IMS binding fixes the order of elements: it is followed below.
    general = _ims(root, "general")
    _ims_string(general, "title", resource.title, language)
    entry = _ims(general, "catalogentry")
    _ims(entry, "catalog", "URI")
    _ims_string(entry, "entry", _page_url(resource), NO_LANGUAGE)
    if doi := _original_doi(resource):
        entry = _ims(general, "catalogentry")
        _ims(entry, "catalog", "DOI")
        _ims_string(entry, "entry", doi, NO_LANGUAGE)
    if language:
        _ims(general, "language", language)
    if resource.description:
        _ims_string(general, "description", resource.description, language)
    for keyword in resource.keywords or []:
        if str(keyword).strip():
            _ims_string(general, "keyword", str(keyword), language)

    lifecycle = _ims(root, "lifecycle")
    _ims_vocabulary(lifecycle, "status", LOM_VOCABULARY, "final")
    _ims_contribute(lifecycle, "author", vcard(_author(resource)), published)
    _ims_contribute(
        lifecycle, "publisher", vcard(_publisher(resource), organisation=True), published
    )

    meta = _ims(root, "metametadata")
    _ims_contribute(
        meta, "creator", vcard(settings.OAI_REPOSITORY_NAME, organisation=True), published
    )
    _ims(meta, "metadatascheme", LOM_VOCABULARY)
    _ims(meta, "metadatascheme", NL_LOM_SCHEME)
    if language:
        _ims(meta, "language", language)

    technical = _ims(root, "technical")
    for mime_type in _formats(resource, files):
        _ims(technical, "format", mime_type)
    size = sum(file.size for file in files)
    if files and size <= IMS_MAX_SIZE:
        _ims(technical, "size", size)
    for location in _locations(resource, files):
        _ims(technical, "location", location)

    educational = _ims(root, "educational")
    resource_type = _lom_resource_type(resource)
    if resource_type:
        _ims_vocabulary(educational, "learningresourcetype", LOM_VOCABULARY, resource_type)
    if resource.resource_type_id:
        # Our own type too: a video or a lesson plan has no LOMv1.0 value, and another
        # Staffroom reads it back from this vocabulary (strict LOM has no room for it).
        _ims_vocabulary(
            educational,
            "learningresourcetype",
            vocabulary_uri("resource-types"),
            resource.resource_type.code,
        )
    for role in _roles(resource):
        _ims_vocabulary(educational, "intendedenduserrole", LOM_VOCABULARY, role)
    for context in _unique(
        context for level in levels for context in _nearest(level, Level, NL_CONTEXTS)
    ):
        _ims_vocabulary(educational, "context", NL_CONTEXT_VOCABULARY, context)
    if resource.duration_iso:
        _ims(_ims(educational, "typicallearningtime"), "datetime", resource.duration_iso)
    if language:
        _ims(educational, "language", language)

    rights = _ims(root, "rights")
    _ims_vocabulary(rights, "cost", LOM_VOCABULARY, lom_cost(resource))
    _ims_vocabulary(
        rights,
        "copyrightandotherrestrictions",
        NL_COPYRIGHT_VOCABULARY,
        nl_lom_licence(resource.licence),
    )
    description = _ims_string(rights, "description", *_licence_description(resource))
    for text, text_language in _cost_descriptions(resource):
        _langstring(description, text, text_language)

    tool = _manual_for(resource)
    if tool is not None:
        # As phpNLLOM writes a relation: the NL-LOM kind vocabulary (whose values include
        # LOM's), the related object by its address.
        relation = _ims(root, "relation")
        _ims_vocabulary(relation, "kind", NL_RELATION_VOCABULARY, MANUAL_RELATION)
        related = _ims(relation, "resource")
        _ims_string(related, "description", tool.title, _content_language(tool))
        entry = _ims(related, "catalogentry")
        _ims(entry, "catalog", "URI")
        _ims_string(entry, "entry", _page_url(tool), NO_LANGUAGE)

    _ims_classification(
        root, "discipline", subjects, Subject, OBK_SUBJECTS, vocabulary_uri("subjects")
    )
    _ims_classification(
        root, "educational level", levels, Level, OBK_LEVELS, vocabulary_uri("levels")
    )
    return root


register(MetadataFormat(prefix="lom", schema=LOM_SCHEMA, namespace=LOM, serialize=lom_serialize))
register(
    MetadataFormat(
        prefix="nl_lom", schema=IMSMD_SCHEMA, namespace=IMSMD, serialize=nl_lom_serialize
    )
)
