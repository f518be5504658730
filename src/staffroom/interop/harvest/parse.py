"""Reading harvested metadata (oai_dc, IEEE LOM, IMS MD 1.2 / NL-LOM) into plain values.

Parsing is forgiving on purpose: a repository's records are what they are. Elements may be
missing, repeated (Edurep repeats <educational>, which the IEEE binding allows and IMS 1.2.4
does not), or in either LOM binding. Nothing here raises for odd content; what looks odd is
noted in ``quirks`` for the run's report.
"""

import html
import re
from dataclasses import dataclass, field

import nh3
from django.utils.dateparse import parse_duration
from lxml import etree

DC = "http://purl.org/dc/elements/1.1/"
LOM_NAMESPACES = {
    "http://ltsc.ieee.org/xsd/LOM",  # IEEE LOM XML binding
    "http://www.imsglobal.org/xsd/imsmd_v1p2",  # IMS MD 1.2.4, used by NL-LOM (Edurep)
}
TAG = re.compile(r"<[^>]{1,200}>")
# The source of a term in a Staffroom's own vocabulary (``<site>/vocabularies/levels``), as our
# LOM and NL-LOM exports write it: taxon paths of levels and subjects, NL-LOM resource types.
OWN_VOCABULARY = re.compile(r"/vocabularies/(?:levels|subjects|resource-types)/?$")
# A character reference or a named entity: "&amp;", "&#233;", "&#xE9;", "&acirc;".
ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Blocks that start a paragraph of their own in a Markdown description; <br> breaks a line.
BLOCK_TAGS = {"p", "div", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "pre"}
LIST_TAGS = {"ul", "ol"}
KEPT_TAGS = BLOCK_TAGS | LIST_TAGS | {"br", "li"}
# At most this many rounds of decoding: "&amp;lt;p&amp;gt;" (escaped twice) needs two.
UNESCAPE_ROUNDS = 3
BLOCK_TAG = re.compile(r"</?(?:%s)>" % "|".join(sorted(BLOCK_TAGS | LIST_TAGS)))  # noqa: UP031


@dataclass(frozen=True)
class Term:
    """A vocabulary value as the record gives it: the vocabulary (source), an id, a label."""

    source: str = ""
    value: str = ""
    label: str = ""

    def __str__(self) -> str:
        return self.label or self.value


@dataclass
class HarvestedMetadata:
    title: str = ""
    description: str = ""
    url: str = ""
    languages: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    publisher: str = ""
    levels: list[Term] = field(default_factory=list)
    subjects: list[Term] = field(default_factory=list)
    types: list[Term] = field(default_factory=list)
    rights: list[str] = field(default_factory=list)
    age_ranges: list[str] = field(default_factory=list)
    # Minutes (LOM typicalLearningTime); None when the record gives none we can read.
    duration: int | None = None
    quirks: list[str] = field(default_factory=list)
    # Every identifier the record gives (dc:identifier; LOM general identifiers), as written:
    # the DOI the attribution line cites is looked for among them.
    identifiers: list[str] = field(default_factory=list)


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


# --- text hygiene ----------------------------------------------------------------------------
# Repositories send HTML in their text fields, often escaped once more than XML needs (Zenodo,
# DSpace and Invenio send "&lt;p&gt;" and "&acirc;" inside the XML text). Titles become plain
# text, descriptions Markdown (our descriptions are Markdown): paragraphs, line breaks and list
# items are kept, every other tag is dropped (script and style with their content).


def unescape_entities(text: str) -> str:
    """``text`` with its character references decoded, however often it was escaped (a few
    rounds at most): "caf&amp;eacute;" and "caf&eacute;" both become "café"."""
    for _round in range(UNESCAPE_ROUNDS):
        if not ENTITY.search(text):
            break
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text


def plain_text(text: str) -> str:
    """One line of plain text: entities decoded, tags dropped, whitespace collapsed."""
    text = unescape_entities(text or "")
    if TAG.search(text):
        # nh3 drops the tags (and what script and style hold) and escapes what is left.
        text = html.unescape(nh3.clean(text, tags=set(), attributes={}))
    return _clean(text)


def _lines(text: str) -> str:
    """Lines trimmed and their spaces collapsed; at most one empty line in a row."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def markdown_text(text: str) -> str:
    """A description as Markdown: entities decoded; <p> and other blocks become paragraphs,
    <br> a line break, <li> a list item ("- "); every other tag is dropped. Text without tags
    is only decoded and its whitespace collapsed."""
    text = unescape_entities(text or "")
    if not TAG.search(text):
        return _clean(text)
    # Only the tags we convert are left, without attributes; the rest is text, escaped.
    text = nh3.clean(_clean(text), tags=KEPT_TAGS, attributes={}, strip_comments=True)
    # A paragraph inside a list item is the item's text (no empty lines between items).
    text = re.sub(r"<li>\s*<p>", "<li>", text)
    text = re.sub(r"</p>\s*</li>", "</li>", text)
    text = re.sub(r"<br\s*/?>", "\n", text)
    text = re.sub(r"<li>", "\n- ", text)
    text = re.sub(r"</li>", "", text)
    text = BLOCK_TAG.sub("\n\n", text)
    return _lines(html.unescape(text))


def _strip_markup(text: str, metadata: HarvestedMetadata, what: str) -> str:
    decoded = unescape_entities(text)
    if TAG.search(decoded):
        metadata.quirks.append(f"markup in {what}")
    return plain_text(decoded)


def _web_address(value: str) -> str:
    value = value.strip()
    if value.startswith(("http://", "https://")) and len(value) <= 1000 and " " not in value:
        return value
    if value.lower().startswith("hdl:"):
        return f"https://hdl.handle.net/{value[4:]}"
    return ""


# --- Dublin Core ---------------------------------------------------------------------------


def parse_oai_dc(element) -> HarvestedMetadata:
    """The values of an <oai_dc:dc> element (the child of <metadata>)."""
    metadata = HarvestedMetadata()

    def values(name: str) -> list[str]:
        return [t for t in (_clean(e.text) for e in element.iter(f"{{{DC}}}{name}")) if t]

    titles = values("title")
    if len(titles) > 1:
        metadata.quirks.append("several titles")
    metadata.title = _strip_markup(titles[0], metadata, "title") if titles else ""
    descriptions = values("description")
    metadata.description = markdown_text(descriptions[0]) if descriptions else ""
    if len(descriptions) > 1 and len(set(descriptions)) < len(descriptions):
        metadata.quirks.append("repeated description")
    metadata.identifiers = values("identifier")
    for identifier in metadata.identifiers:
        address = _web_address(identifier)
        if address:
            metadata.url = address
            break
    metadata.languages = values("language")
    metadata.authors = values("creator") or values("contributor")
    publishers = values("publisher")
    metadata.publisher = publishers[0] if publishers else ""
    for subject in values("subject"):
        # DSpace packs classification codes in one subject, separated by semicolons.
        metadata.subjects.append(Term(source="dc:subject", value=subject))
    metadata.types = [Term(source="dc:type", value=value) for value in values("type")]
    metadata.rights = values("rights")
    return metadata


# --- LOM (both bindings) -------------------------------------------------------------------


def _name(element) -> str:
    if not isinstance(element.tag, str):
        return ""
    return etree.QName(element).localname.lower()


def _children(element, *names: str) -> list:
    """Children of ``element`` with one of ``names`` (lowercase local names): the IEEE and
    IMS bindings differ in case (lifeCycle, lifecycle) and the namespace is either."""
    if element is None:
        return []
    return [child for child in element if _name(child) in names]


def _child(element, *names: str):
    found = _children(element, *names)
    return found[0] if found else None


def _strings(element) -> list[tuple[str, str]]:
    """(language, text) of a LangString: <langstring> (IMS) or <string> (IEEE) children, or
    the element's own text."""
    if element is None:
        return []
    parts = [
        (
            part.get("{http://www.w3.org/XML/1998/namespace}lang") or part.get("language") or "",
            _clean(part.text),
        )
        for part in _children(element, "langstring", "string")
    ]
    if not parts and _clean(element.text):
        parts = [("", _clean(element.text))]
    return [(language, text) for language, text in parts if text]


def _string(element, preferred: list[str]) -> str:
    parts = _strings(element)
    for language in preferred:
        for part_language, text in parts:
            if part_language.lower().startswith(language):
                return text
    return parts[0][1] if parts else ""


def _vocabulary(element) -> Term | None:
    """A LOM vocabulary value: <source> and <value>, each a LangString (IMS) or text (IEEE)."""
    if element is None:
        return None
    source = _string(_child(element, "source"), [])
    value = _string(_child(element, "value"), [])
    return Term(source=source, value=value) if value else None


# vCard 3.0 (RFC 2426) escapes backslash, comma, semicolon and newline in text values.
VCARD_ESCAPE = re.compile(r"\\([\\,;nN])")


def _vcard_name(vcard: str) -> str:
    for line in vcard.splitlines():
        if line.upper().startswith("FN:") or line.upper().startswith("FN;"):
            value = line.split(":", 1)[1]
            return _clean(VCARD_ESCAPE.sub(lambda m: " " if m[1] in "nN" else m[1], value))
    return ""


def parse_lom(element) -> HarvestedMetadata:
    """The values of a <lom> element in the IEEE LOM or the IMS MD 1.2 (NL-LOM) binding."""
    metadata = HarvestedMetadata()
    general = _child(element, "general")
    if general is None:
        metadata.quirks.append("no <general> element")
    metadata.languages = [
        text for language in _children(general, "language") if (text := _clean(language.text))
    ]
    preferred = [language[:2].lower() for language in metadata.languages] + ["nl", "en", ""]
    titles = _children(general, "title")
    metadata.title = _string(titles[0], preferred) if titles else ""
    metadata.title = _strip_markup(metadata.title, metadata, "title")
    descriptions = _children(general, "description")
    description = _string(descriptions[0], preferred) if descriptions else ""
    metadata.description = markdown_text(description)
    for keyword in _children(general, "keyword"):
        metadata.keywords.extend(plain_text(text) for _language, text in _strings(keyword))

    metadata.identifiers = [
        text
        for entry in _children(general, "catalogentry", "identifier")
        if (text := _string(_child(entry, "entry"), []))
    ]
    technical = _child(element, "technical")
    for location in _children(technical, "location"):
        metadata.url = _web_address(location.text or "")
        if metadata.url:
            break
    if not metadata.url:
        # IMS: <catalogentry><catalog/><entry><langstring/></entry>; IEEE: <identifier>.
        for entry in _children(general, "catalogentry", "identifier"):
            address = _web_address(_string(_child(entry, "entry"), []))
            if address:
                metadata.url = address
                metadata.quirks.append("web address taken from the catalogue identifier")
                break

    lifecycle = _child(element, "lifecycle")
    for contribute in _children(lifecycle, "contribute"):
        role = _vocabulary(_child(contribute, "role"))
        names = [
            _vcard_name(_clean_lines(vcard.text))
            for entity in _children(contribute, "centity", "entity")
            for vcard in ([entity] if _name(entity) == "entity" else _children(entity, "vcard"))
        ]
        names = [name for name in names if name]
        if role and role.value.lower() == "author":
            metadata.authors.extend(names)
        elif role and role.value.lower() == "publisher" and names and not metadata.publisher:
            metadata.publisher = names[0]

    educationals = _children(element, "educational")
    if len(educationals) > 1:
        metadata.quirks.append("repeated <educational>")
    for educational in educationals:
        for kind in _children(educational, "learningresourcetype"):
            if term := _vocabulary(kind):
                metadata.types.append(term)
        for context in _children(educational, "context"):
            if term := _vocabulary(context):
                metadata.levels.append(term)
        for ages in _children(educational, "typicalagerange"):
            metadata.age_ranges.extend(text for _language, text in _strings(ages))
        for time in _children(educational, "typicallearningtime"):
            # IEEE: <duration>; IMS (NL-LOM): <datetime>, both ISO 8601 ("PT1H30M").
            metadata.duration = metadata.duration or _minutes(
                _child_text(time, "duration", "datetime"), metadata
            )

    rights = _child(element, "rights")
    copyright_term = _vocabulary(_child(rights, "copyrightandotherrestrictions"))
    if copyright_term:
        metadata.rights.append(copyright_term.value)
    rights_description = _string(_child(rights, "description"), preferred)
    if rights_description:
        metadata.rights.append(rights_description)

    for classification in _children(element, "classification"):
        purpose = _vocabulary(_child(classification, "purpose"))
        purpose_value = purpose.value.lower() if purpose else ""
        for path in _children(classification, "taxonpath"):
            source = _string(_child(path, "source"), [])
            taxa = _children(path, "taxon")
            if OWN_VOCABULARY.search(source):
                # A Staffroom's own vocabulary: the path runs from the broadest term down to
                # the one meant (its ancestors are no classification of their own).
                taxa = taxa[-1:]
            for taxon in taxa:
                term = Term(
                    source=source,
                    value=_clean(_child_text(taxon, "id")),
                    label=_string(_child(taxon, "entry"), preferred),
                )
                if not (term.value or term.label):
                    continue
                if purpose_value == "discipline":
                    metadata.subjects.append(term)
                elif purpose_value in ("educational level", "educationallevel"):
                    metadata.levels.append(term)
        for keyword in _children(classification, "keyword"):
            metadata.keywords.extend(plain_text(text) for _language, text in _strings(keyword))
    return metadata


def _clean_lines(text: str | None) -> str:
    return "\n".join(line.strip() for line in (text or "").splitlines())


def _child_text(element, *names: str) -> str:
    child = _child(element, *names)
    return child.text if child is not None and child.text else ""


# Minutes: a typical learning time beyond ten hours is a course or a project, not a time in
# class (the share form takes the same limit).
MAX_DURATION_MINUTES = 600


def _minutes(value: str, metadata: HarvestedMetadata) -> int | None:
    """Whole minutes of an ISO 8601 duration; None (and a quirk noted) if it is unreadable or
    not a time in class."""
    value = value.strip()
    if not value:
        return None
    duration = parse_duration(value)
    minutes = round(duration.total_seconds() / 60) if duration else 0
    if not 0 < minutes <= MAX_DURATION_MINUTES:
        metadata.quirks.append(f"typical learning time {value!r} left out")
        return None
    return minutes


def parse_metadata(metadata_element) -> HarvestedMetadata | None:
    """Parse the payload of a record's <metadata>; None when it holds no known format."""
    payload = next((child for child in metadata_element if isinstance(child.tag, str)), None)
    if payload is None:
        return None
    qname = etree.QName(payload)
    if qname.localname == "dc":
        return parse_oai_dc(payload)
    if qname.localname == "lom" and qname.namespace in LOM_NAMESPACES:
        return parse_lom(payload)
    if qname.localname == "lom":
        # A LOM in an unexpected namespace (or none): read it the same way, but say so.
        metadata = parse_lom(payload)
        metadata.quirks.append(f"LOM in namespace {qname.namespace or '(none)'}")
        return metadata
    return None
