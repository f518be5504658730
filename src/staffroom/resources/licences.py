"""Licences and the rules for adapting (remixing) a resource under another licence.

The rules follow Creative Commons' compatibility guidance as DESIGN.md states it: ND material may
not be adapted; SA adaptations stay under the same SA licence; NC adaptations keep NC; BY (and
CC0) may go into anything; BY-SA and NC cannot be combined. "All rights reserved" is for partner
content used with permission and cannot be adapted.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Licence(models.TextChoices):
    CC0 = "cc0", "CC0"
    BY = "cc-by", "CC BY"
    BY_SA = "cc-by-sa", "CC BY-SA"
    BY_NC = "cc-by-nc", "CC BY-NC"
    BY_NC_SA = "cc-by-nc-sa", "CC BY-NC-SA"
    BY_ND = "cc-by-nd", "CC BY-ND"
    BY_NC_ND = "cc-by-nc-nd", "CC BY-NC-ND"
    ALL_RIGHTS_RESERVED = "arr", _("All rights reserved, used with permission")


LICENCE_URLS = {
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
    Licence.BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Licence.BY_ND: "https://creativecommons.org/licenses/by-nd/4.0/",
    Licence.BY_NC_ND: "https://creativecommons.org/licenses/by-nc-nd/4.0/",
}

NO_DERIVATIVES = {Licence.BY_ND, Licence.BY_NC_ND, Licence.ALL_RIGHTS_RESERVED}
SHARE_ALIKE = {Licence.BY_SA, Licence.BY_NC_SA}
NON_COMMERCIAL = {Licence.BY_NC, Licence.BY_NC_SA, Licence.BY_NC_ND}
# Licences a teacher may choose; "all rights reserved" is for partner organisations only.
TEACHER_LICENCES = [choice for choice in Licence if choice != Licence.ALL_RIGHTS_RESERVED]
# What a licence lets anyone do with the resource, as the search's reuse filter asks ("free to
# share", "free to adapt", "commercial use allowed"): the licences that allow each. "All
# rights reserved" allows none of them (the material is used with permission).
REUSE: dict[str, tuple[str, ...]] = {
    "share": tuple(choice.value for choice in TEACHER_LICENCES),
    "adapt": tuple(choice.value for choice in TEACHER_LICENCES if choice not in NO_DERIVATIVES),
    "commercial": tuple(
        choice.value for choice in TEACHER_LICENCES if choice not in NON_COMMERCIAL
    ),
}


def remix_licences(source: str) -> list[str]:
    """The licences an adaptation of material under ``source`` may carry (empty: no adaptation)."""
    source = Licence(source)
    if source in NO_DERIVATIVES:
        return []
    if source in SHARE_ALIKE:
        return [source]
    if source in NON_COMMERCIAL:
        return [choice for choice in Licence if choice in NON_COMMERCIAL]
    return list(Licence)


def remix_problem(source: str, adaptation: str) -> str | None:
    """Why an adaptation under ``adaptation`` of ``source`` material is not allowed, or None."""
    source, adaptation = Licence(source), Licence(adaptation)
    if adaptation in remix_licences(source):
        return None
    if source == Licence.ALL_RIGHTS_RESERVED:
        return str(_("The original is not openly licensed: it may not be adapted."))
    if source in NO_DERIVATIVES:
        return str(
            _("The original is licensed %(licence)s (no derivatives): it may not be adapted.")
            % {"licence": source.label}
        )
    if source in SHARE_ALIKE:
        return str(
            _(
                "The original is licensed %(licence)s (share alike): an adaptation must carry "
                "the same licence, %(licence)s."
            )
            % {"licence": source.label}
        )
    return str(
        _(
            "The original is licensed %(licence)s (non-commercial): an adaptation must keep "
            "the non-commercial condition (CC BY-NC, BY-NC-SA or BY-NC-ND)."
        )
        % {"licence": source.label}
    )


def remix_summary(source: str) -> str:
    """One sentence for a resource page: what an adaptation of it may be shared under."""
    allowed = remix_licences(source)
    if not allowed:
        return str(_("This resource may be used and shared as it is, but not adapted."))
    if len(allowed) == len(Licence):
        return str(_("Adaptations may be shared under any licence, with credit."))
    return str(
        _("Adaptations may be shared under %(licences)s only.")
        % {"licences": ", ".join(str(Licence(value).label) for value in allowed)}
    )


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
