"""The credit line to copy beside a resource: title, author, source and licence (TASL)."""

from django.utils.translation import gettext as _

from .licences import LICENCE_URLS, Licence

# The source's own rights statement, in a line meant to be copied under a picture or a slide.
MAX_STATEMENT = 300


def _shorten(text: str, length: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def licence_text(resource) -> str:
    """The licence as the line states it: its name with its address ("CC BY 4.0
    (https://creativecommons.org/licenses/by/4.0/)"), or the source's own rights statement
    where it names no licence we know."""
    if resource.licence == Licence.SEE_SOURCE and resource.rights_statement.strip():
        return _shorten(resource.rights_statement, MAX_STATEMENT)
    licence = str(Licence(resource.licence).label)
    if resource.licence in LICENCE_URLS:
        licence = f"{licence} ({LICENCE_URLS[resource.licence]})"
    return licence


def attribution_line(resource, site_url: str) -> str:
    """The credit line to copy: work, author, address and licence, and the original of a remix
    (TASL: title, author, source, licence, as Creative Commons recommends).

    The address is the original's where the work came from elsewhere (a harvested record's DOI
    or page: ``source_url``), else the resource's page here."""
    credit = resource.attribution or _("“%(title)s” by %(author)s") % {
        "title": resource.title,
        "author": resource.credited_author,
    }
    address = resource.source_url or f"{site_url}{resource.get_absolute_url()}"
    line = f"{credit}, {address}, {licence_text(resource)}"
    source = resource.based_on
    if source is not None:
        line += ", " + _("based on “%(title)s” by %(author)s, %(licence)s") % {
            "title": source.title,
            "author": source.credited_author,
            "licence": Licence(source.licence).label,
        }
    return line
