"""Simple Dublin Core (oai_dc) of a published resource, the format every OAI-PMH repository
must offer. Labels of subjects and types are given in Dutch and English (xml:lang), the
identifier is the resource's page, rights its licence's URI and name with its version (or the
reservation, or the source's own rights statement where it names no licence we know).
"""

from django.conf import settings
from lxml import etree

from staffroom.core.web_address import doi_of
from staffroom.resources.licences import Licence

from .formats import MetadataFormat, register
from .parts import files_of, terms_of

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
LABEL_LANGUAGES = ("nl", "en")


def _labelled(parent, tag: str, term) -> None:
    labels = term.labels or {}
    seen = set()
    for language in LABEL_LANGUAGES:
        label = labels.get(language)
        if label and label not in seen:
            seen.add(label)
            element = etree.SubElement(parent, f"{{{DC}}}{tag}")
            element.set(XML_LANG, language)
            element.text = label
    if not seen:
        etree.SubElement(parent, f"{{{DC}}}{tag}").text = term.code


def dc_serialize(resource) -> etree._Element:
    """The ``<oai_dc:dc>`` element of a published resource."""
    root = etree.Element(f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} {SCHEMA}")

    def add(tag: str, text, language: str | None = None) -> None:
        if text:
            element = etree.SubElement(root, f"{{{DC}}}{tag}")
            if language:
                element.set(XML_LANG, language)
            element.text = str(text)

    content_language = resource.language if resource.language != "other" else None
    add("title", resource.title, content_language)
    # A member's name, never the address that __str__ falls back on.
    publisher = (
        resource.organisation.name if resource.organisation_id else resource.contributor.name
    )
    # One dc:creator a maker ("An Peeters; Tom Mertens" as two, as harvested records give them).
    for creator in (resource.author_name or publisher).split("; "):
        add("creator", creator.strip())
    for subject in terms_of(resource, "subjects"):
        _labelled(root, "subject", subject)
    for keyword in resource.keywords or []:
        add("subject", keyword, content_language)
    add("description", resource.description, content_language)
    add("publisher", publisher)
    if resource.published_at:
        add("date", resource.published_at.date().isoformat())
    if resource.resource_type_id:
        _labelled(root, "type", resource.resource_type)
    mime_types = sorted({file.mime_type for file in files_of(resource)})
    for mime_type in mime_types:
        add("format", mime_type)
    if not mime_types and resource.url:
        add("format", "text/html")
    add("identifier", settings.SITE_URL + resource.get_absolute_url())
    if doi_of(resource.source_url):
        # The original's DOI (a harvested work's), which the attribution line cites.
        add("identifier", resource.source_url)
    if resource.url:
        add("relation", resource.url)
    add("language", content_language)
    for text in dc_rights(resource):
        add("rights", text)
    return root


def dc_rights(resource) -> list[str]:
    """``dc:rights``: the licence's URI, then its name with its version ("CC BY-SA 3.0",
    "GNU GPL 2.0 or later": two GNU licences share one address); the source's own statement
    word for word where we know no licence of it; "All rights reserved" for partner content
    (the same words in every interface language)."""
    if resource.licence == Licence.SEE_SOURCE:
        return [" ".join((resource.rights_statement or "").split()) or "See the source"]
    if resource.licence_url:
        return [resource.licence_url, str(Licence(resource.licence).label)]
    return ["All rights reserved"]


register(MetadataFormat(prefix="oai_dc", schema=SCHEMA, namespace=OAI_DC, serialize=dc_serialize))
