"""Licences, with their versions and jurisdictions, and the rules for adapting (remixing) a
resource under another licence.

Every licence keeps its version end to end: a work harvested under CC BY-SA 3.0 is stored,
shown and exported as CC BY-SA 3.0 (its own URI and SPDX id), never as 4.0. New work is offered
the current 4.0 licences and CC0 (``TEACHER_LICENCES``).

The adaptation rules follow Creative Commons' compatibility guidance: ND material may not be
adapted; a ShareAlike adaptation carries a licence with the same elements, of the same or a
later version (any jurisdiction's port; BY-SA 4.0 also GPL 3.0, one-way); NC adaptations keep
NC; BY, CC0, the Public Domain Mark and permissive software licences may go into anything;
GPL and GFDL adaptations stay under the licence (or the later versions it allows). "All rights
reserved" (partner content used with permission) and a rights statement we do not recognise
("as stated by the source") allow no adaptation.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Licence(models.TextChoices):
    # The current Creative Commons licences (4.0). Their codes carry no version: they were the
    # only ones before versions were recorded, and stored values, links and API clients use them.
    CC0 = "cc0", "CC0 1.0"
    BY = "cc-by", "CC BY 4.0"
    BY_SA = "cc-by-sa", "CC BY-SA 4.0"
    BY_NC = "cc-by-nc", "CC BY-NC 4.0"
    BY_NC_SA = "cc-by-nc-sa", "CC BY-NC-SA 4.0"
    BY_ND = "cc-by-nd", "CC BY-ND 4.0"
    BY_NC_ND = "cc-by-nc-nd", "CC BY-NC-ND 4.0"
    # Creative Commons 3.0
    BY_30 = "cc-by-3.0", "CC BY 3.0"
    BY_SA_30 = "cc-by-sa-3.0", "CC BY-SA 3.0"
    BY_NC_30 = "cc-by-nc-3.0", "CC BY-NC 3.0"
    BY_NC_SA_30 = "cc-by-nc-sa-3.0", "CC BY-NC-SA 3.0"
    BY_ND_30 = "cc-by-nd-3.0", "CC BY-ND 3.0"
    BY_NC_ND_30 = "cc-by-nc-nd-3.0", "CC BY-NC-ND 3.0"
    # Creative Commons 2.5
    BY_25 = "cc-by-2.5", "CC BY 2.5"
    BY_SA_25 = "cc-by-sa-2.5", "CC BY-SA 2.5"
    BY_NC_25 = "cc-by-nc-2.5", "CC BY-NC 2.5"
    BY_NC_SA_25 = "cc-by-nc-sa-2.5", "CC BY-NC-SA 2.5"
    BY_ND_25 = "cc-by-nd-2.5", "CC BY-ND 2.5"
    BY_NC_ND_25 = "cc-by-nc-nd-2.5", "CC BY-NC-ND 2.5"
    # Creative Commons 2.0
    BY_20 = "cc-by-2.0", "CC BY 2.0"
    BY_SA_20 = "cc-by-sa-2.0", "CC BY-SA 2.0"
    BY_NC_20 = "cc-by-nc-2.0", "CC BY-NC 2.0"
    BY_NC_SA_20 = "cc-by-nc-sa-2.0", "CC BY-NC-SA 2.0"
    BY_ND_20 = "cc-by-nd-2.0", "CC BY-ND 2.0"
    BY_NC_ND_20 = "cc-by-nc-nd-2.0", "CC BY-NC-ND 2.0"
    # Creative Commons 3.0 ported to the Netherlands
    BY_30_NL = "cc-by-3.0-nl", "CC BY 3.0 NL"
    BY_SA_30_NL = "cc-by-sa-3.0-nl", "CC BY-SA 3.0 NL"
    BY_NC_30_NL = "cc-by-nc-3.0-nl", "CC BY-NC 3.0 NL"
    BY_NC_SA_30_NL = "cc-by-nc-sa-3.0-nl", "CC BY-NC-SA 3.0 NL"
    BY_ND_30_NL = "cc-by-nd-3.0-nl", "CC BY-ND 3.0 NL"
    BY_NC_ND_30_NL = "cc-by-nc-nd-3.0-nl", "CC BY-NC-ND 3.0 NL"
    # Creative Commons 3.0 ported to Germany
    BY_30_DE = "cc-by-3.0-de", "CC BY 3.0 DE"
    BY_SA_30_DE = "cc-by-sa-3.0-de", "CC BY-SA 3.0 DE"
    BY_NC_30_DE = "cc-by-nc-3.0-de", "CC BY-NC 3.0 DE"
    BY_NC_SA_30_DE = "cc-by-nc-sa-3.0-de", "CC BY-NC-SA 3.0 DE"
    BY_ND_30_DE = "cc-by-nd-3.0-de", "CC BY-ND 3.0 DE"
    BY_NC_ND_30_DE = "cc-by-nc-nd-3.0-de", "CC BY-NC-ND 3.0 DE"
    # Creative Commons 2.0 ported to Belgium
    BY_20_BE = "cc-by-2.0-be", "CC BY 2.0 BE"
    BY_SA_20_BE = "cc-by-sa-2.0-be", "CC BY-SA 2.0 BE"
    BY_NC_20_BE = "cc-by-nc-2.0-be", "CC BY-NC 2.0 BE"
    BY_NC_SA_20_BE = "cc-by-nc-sa-2.0-be", "CC BY-NC-SA 2.0 BE"
    BY_ND_20_BE = "cc-by-nd-2.0-be", "CC BY-ND 2.0 BE"
    BY_NC_ND_20_BE = "cc-by-nc-nd-2.0-be", "CC BY-NC-ND 2.0 BE"
    # Public domain, software and documentation licences met in open educational resources
    PDM = "pdm", "Public Domain Mark 1.0"
    MIT = "mit", "MIT License"
    BSD_2 = "bsd-2-clause", "BSD 2-Clause License"
    BSD_3 = "bsd-3-clause", "BSD 3-Clause License"
    APACHE_2 = "apache-2.0", "Apache License 2.0"
    GPL_2 = "gpl-2.0-only", "GNU GPL 2.0 only"
    GPL_2_PLUS = "gpl-2.0-or-later", "GNU GPL 2.0 or later"
    GPL_3 = "gpl-3.0-only", "GNU GPL 3.0 only"
    GPL_3_PLUS = "gpl-3.0-or-later", "GNU GPL 3.0 or later"
    GFDL_12 = "gfdl-1.2-only", "GNU FDL 1.2 only"
    GFDL_13 = "gfdl-1.3-only", "GNU FDL 1.3 only"
    GFDL_13_PLUS = "gfdl-1.3-or-later", "GNU FDL 1.3 or later"
    # Partner content used with permission.
    ALL_RIGHTS_RESERVED = "arr", _("All rights reserved, used with permission")
    # A harvested record whose rights statement names no licence we know: the statement is
    # kept word for word on the resource (``rights_statement``) and shown; nothing is assumed.
    SEE_SOURCE = "see-source", _("As stated by the source")


@dataclass(frozen=True)
class LicenceTerms:
    """What a licence is: its canonical URI and SPDX id ("" where SPDX has none), its Creative
    Commons elements ("by", "sa", "nc", "nd"), version and jurisdiction of a port."""

    uri: str = ""
    spdx: str = ""
    elements: frozenset[str] = frozenset()
    version: tuple[int, ...] = ()
    jurisdiction: str = ""


# SPDX lists the German ports and one Dutch one; it has no Belgian port.
_SPDX_PORTS = {"de": {"by", "by-sa", "by-nc", "by-nc-sa", "by-nd", "by-nc-nd"}, "nl": {"by"}}


def _cc_terms(code: str) -> LicenceTerms:
    """The terms of a Creative Commons code: "cc-by-sa" (4.0), "cc-by-sa-3.0", "cc-by-3.0-nl"."""
    parts = code.removeprefix("cc-").split("-")
    jurisdiction = parts.pop() if len(parts) > 1 and "." in parts[-2] else ""
    version = parts.pop() if "." in parts[-1] else "4.0"
    elements = "-".join(parts)
    path = f"{elements}/{version}/" + (f"{jurisdiction}/" if jurisdiction else "")
    spdx = f"CC-{elements.upper()}-{version}"
    if jurisdiction:
        known = elements in _SPDX_PORTS.get(jurisdiction, set())
        spdx = f"{spdx}-{jurisdiction.upper()}" if known else ""
    return LicenceTerms(
        uri=f"https://creativecommons.org/licenses/{path}",
        spdx=spdx,
        elements=frozenset(elements.split("-")),
        version=tuple(int(number) for number in version.split(".")),
        jurisdiction=jurisdiction,
    )


TERMS: dict[str, LicenceTerms] = {
    choice.value: _cc_terms(choice.value) for choice in Licence if choice.value.startswith("cc-")
}
GNU = "https://www.gnu.org/licenses/"
TERMS |= {
    Licence.CC0: LicenceTerms("https://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0"),
    Licence.PDM: LicenceTerms("https://creativecommons.org/publicdomain/mark/1.0/"),
    Licence.MIT: LicenceTerms("https://opensource.org/license/mit", "MIT"),
    Licence.BSD_2: LicenceTerms("https://opensource.org/license/bsd-2-clause", "BSD-2-Clause"),
    Licence.BSD_3: LicenceTerms("https://opensource.org/license/bsd-3-clause", "BSD-3-Clause"),
    Licence.APACHE_2: LicenceTerms("https://www.apache.org/licenses/LICENSE-2.0", "Apache-2.0"),
    Licence.GPL_2: LicenceTerms(GNU + "old-licenses/gpl-2.0.html", "GPL-2.0-only"),
    Licence.GPL_2_PLUS: LicenceTerms(GNU + "old-licenses/gpl-2.0.html", "GPL-2.0-or-later"),
    Licence.GPL_3: LicenceTerms(GNU + "gpl-3.0.html", "GPL-3.0-only"),
    Licence.GPL_3_PLUS: LicenceTerms(GNU + "gpl-3.0.html", "GPL-3.0-or-later"),
    Licence.GFDL_12: LicenceTerms(GNU + "old-licenses/fdl-1.2.html", "GFDL-1.2-only"),
    Licence.GFDL_13: LicenceTerms(GNU + "fdl-1.3.html", "GFDL-1.3-only"),
    Licence.GFDL_13_PLUS: LicenceTerms(GNU + "fdl-1.3.html", "GFDL-1.3-or-later"),
    Licence.ALL_RIGHTS_RESERVED: LicenceTerms(),
    Licence.SEE_SOURCE: LicenceTerms(),
}  # fmt: skip

LICENCE_URLS = {Licence(code): terms.uri for code, terms in TERMS.items() if terms.uri}
# Licences whose adaptations must carry the licence itself, or a version it names as allowed.
COPYLEFT: dict[str, list[str]] = {
    Licence.GPL_2: [Licence.GPL_2],
    # "Or later": the adapter may also pick one of the versions it names.
    Licence.GPL_2_PLUS: [Licence.GPL_2_PLUS, Licence.GPL_2, Licence.GPL_3, Licence.GPL_3_PLUS],
    Licence.GPL_3: [Licence.GPL_3],
    Licence.GPL_3_PLUS: [Licence.GPL_3_PLUS, Licence.GPL_3],
    Licence.GFDL_12: [Licence.GFDL_12],
    Licence.GFDL_13: [Licence.GFDL_13],
    Licence.GFDL_13_PLUS: [Licence.GFDL_13_PLUS, Licence.GFDL_13],
}
NOT_OPEN = {Licence.ALL_RIGHTS_RESERVED, Licence.SEE_SOURCE}
NO_DERIVATIVES = NOT_OPEN | {Licence(code) for code, t in TERMS.items() if "nd" in t.elements}
SHARE_ALIKE = {Licence(code) for code, terms in TERMS.items() if "sa" in terms.elements}
NON_COMMERCIAL = {Licence(code) for code, terms in TERMS.items() if "nc" in terms.elements}
# What a new work may be shared under: the current Creative Commons licences. "All rights
# reserved" is for partner organisations only; older versions come only with harvested work.
TEACHER_LICENCES = [
    Licence.CC0,
    Licence.BY,
    Licence.BY_SA,
    Licence.BY_NC,
    Licence.BY_NC_SA,
    Licence.BY_ND,
    Licence.BY_NC_ND,
]
# Anything an adaptation of freely adaptable material may carry.
ANY_LICENCE = [choice for choice in Licence if choice != Licence.SEE_SOURCE]
# Permissive licences whose conditions some licences cannot carry: Apache 2.0's patent and
# notice terms are incompatible with the GPL version 2 (the Free Software Foundation's reading).
NOT_INTO: dict[str, set[str]] = {Licence.APACHE_2: {Licence.GPL_2, Licence.GPL_2_PLUS}}
# What a licence lets anyone do with the resource, as the search's reuse filter asks ("free to
# share", "free to adapt", "commercial use allowed"): the licences that allow each. "All
# rights reserved" allows none of them (the material is used with permission).
REUSE: dict[str, tuple[str, ...]] = {
    "share": tuple(choice.value for choice in Licence if choice not in NOT_OPEN),
    "adapt": tuple(choice.value for choice in Licence if choice not in NO_DERIVATIVES),
    "commercial": tuple(
        choice.value for choice in Licence if choice not in NOT_OPEN | NON_COMMERCIAL
    ),
}


def _facet_key(choice: "Licence") -> tuple:
    terms = TERMS[choice]
    if not terms.elements:
        return (1, 0, (), "")
    family = FAMILY_ORDER.index("-".join(sorted(terms.elements, key=ELEMENT_ORDER.index)))
    return (0, family, tuple(-number for number in terms.version), terms.jurisdiction)


ELEMENT_ORDER = ["by", "nc", "nd", "sa"]
FAMILY_ORDER = ["by", "by-sa", "by-nc", "by-nc-sa", "by-nd", "by-nc-nd"]
# The licences as a filter lists them: CC0 first, then each Creative Commons family with its
# versions together, newest first ("CC BY 4.0, CC BY 3.0, CC BY 3.0 NL, ..."), then the rest.
FACET_ORDER = [
    Licence.CC0,
    *sorted((choice for choice in Licence if choice != Licence.CC0), key=_facet_key),
]


def licence_terms(code: str) -> LicenceTerms:
    return TERMS.get(code, LicenceTerms())


def remix_licences(source: str) -> list[str]:
    """The licences an adaptation of material under ``source`` may carry (empty: no adaptation)."""
    source = Licence(source)
    terms = TERMS[source]
    if source in NO_DERIVATIVES:
        return []
    if source in COPYLEFT:
        return list(COPYLEFT[source])
    if source in SHARE_ALIKE:
        allowed: list[str] = [
            choice
            for choice in Licence
            if TERMS[choice].elements == terms.elements and TERMS[choice].version >= terms.version
        ]
        if source == Licence.BY_SA:
            allowed.append(Licence.GPL_3)
        return allowed
    if source in NON_COMMERCIAL:
        return [choice for choice in Licence if choice in NON_COMMERCIAL]
    return [choice for choice in ANY_LICENCE if choice not in NOT_INTO.get(source, set())]


def remix_problem(source: str, adaptation: str) -> str | None:
    """Why an adaptation under ``adaptation`` of ``source`` material is not allowed, or None."""
    source, adaptation = Licence(source), Licence(adaptation)
    if adaptation in remix_licences(source):
        return None
    if source in NOT_OPEN:
        return str(_("The original is not openly licensed: it may not be adapted."))
    if source in NO_DERIVATIVES:
        return str(
            _("The original is licensed %(licence)s (no derivatives): it may not be adapted.")
            % {"licence": source.label}
        )
    if source in SHARE_ALIKE or source in COPYLEFT:
        return str(
            _(
                "The original is licensed %(licence)s (share alike): an adaptation must carry "
                "one of these licences: %(allowed)s."
            )
            % {"licence": source.label, "allowed": _names(remix_licences(source))}
        )
    return str(
        _(
            "The original is licensed %(licence)s (non-commercial): an adaptation must keep "
            "the non-commercial condition (CC BY-NC, BY-NC-SA or BY-NC-ND)."
        )
        % {"licence": source.label}
    )


def _names(codes: list[str]) -> str:
    return ", ".join(str(Licence(code).label) for code in codes)


def remix_summary(source: str) -> str:
    """One sentence for a resource page: what an adaptation of it may be shared under."""
    allowed = remix_licences(source)
    if not allowed:
        return str(_("This resource may be used and shared as it is, but not adapted."))
    source = Licence(source)
    if source not in SHARE_ALIKE | NON_COMMERCIAL | COPYLEFT.keys():
        if excluded := NOT_INTO.get(source):
            return str(
                _("Adaptations may be shared under any licence but %(licences)s, with credit.")
                % {"licences": _names(sorted(excluded))}
            )
        return str(_("Adaptations may be shared under any licence, with credit."))
    return str(
        _("Adaptations may be shared only under: %(licences)s.") % {"licences": _names(allowed)}
    )
