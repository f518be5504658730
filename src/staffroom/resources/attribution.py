"""The credit line to copy beside a resource: title, author, source and licence (TASL)."""

from django.utils.translation import gettext as _

from .licences import LICENCE_URLS, Licence


def attribution_line(resource, site_url: str) -> str:
    """The credit line to copy: work, author, address and licence, and the original of a remix
    (TASL: title, author, source, licence, as Creative Commons recommends)."""
    credit = resource.attribution or _("“%(title)s” by %(author)s") % {
        "title": resource.title,
        "author": resource.credited_author,
    }
    licence = Licence(resource.licence).label
    if resource.licence in LICENCE_URLS:
        licence = f"{licence} ({LICENCE_URLS[resource.licence]})"
    line = f"{credit}, {site_url}{resource.get_absolute_url()}, {licence}"
    source = resource.based_on
    if source is not None:
        line += ", " + _("based on “%(title)s” by %(author)s, %(licence)s") % {
            "title": source.title,
            "author": source.credited_author,
            "licence": Licence(source.licence).label,
        }
    return line
