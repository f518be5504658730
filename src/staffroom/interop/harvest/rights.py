"""Mapping a harvested record's rights statements onto our licences (``resources.licences``).

Returns a ``mapping.Mapped``:

- ``terms=[<licence>]`` when a statement names a licence of ours, with its version (and the
  jurisdiction of a port): a Creative Commons or GNU address, an SPDX id ("CC-BY-SA-3.0",
  "GPL-3.0-or-later", "MIT"), one of our codes, an Edurep (NL-LOM) copyright code
  ("cc-by-sa-30"), or a name ("CC BY-SA 3.0", "Creative Commons Attribution-ShareAlike 3.0
  Unported", "Naamsvermelding-GelijkDelen 3.0 Nederland"). Where statements say the same
  licence more or less precisely (NL-LOM's "cc-by-30" beside the address of the Dutch port, a
  GNU address beside "GPL 2.0 or later"), the most precise one wins;
- ``terms=[Licence.ALL_RIGHTS_RESERVED]`` when they only say that rights are reserved
  ("All rights reserved", "© 2020 ...", "Copyright 2001 ...", or LOM's copyright "yes" alone);
- ``terms=[Licence.SEE_SOURCE]`` and the statements in ``unmapped`` otherwise: a licence named
  without a version ("Creative Commons Attribution-ShareAlike License": we do not guess 4.0), a
  licence that is not in our list (a French port, CC 1.0, the LGPL), or words we cannot read.
  The resource then shows the source's statement word for word; nothing is assumed.
"""

import re
from dataclasses import dataclass

from staffroom.resources.licences import TERMS, Licence

from .mapping import Mapped

# What a report line says before the statement, for the two cases that are not plain noise.
WITHOUT_VERSION = "licence without a version"
NOT_OURS = "licence not in our list"

ELEMENT_ORDER = ("by", "nc", "nd", "sa")

CC_URL = re.compile(
    r"creativecommons\.org/licenses/([a-z]+(?:-[a-z]+){0,2})"
    r"(?:/(\d(?:\.\d)?)(?:/([a-z]{2,3})(?![a-z.]))?)?",
    re.I,
)
CC_PUBLIC_DOMAIN = re.compile(r"creativecommons\.org/publicdomain/(zero|mark)(?:/(\d\.\d))?", re.I)
GNU_URL = re.compile(
    r"gnu\.org/(?:licenses|copyleft)/(?:old-licenses/)?(l?gpl|agpl|fdl)(?:-(\d\.\d))?", re.I
)
OPEN_SOURCE_URL = re.compile(
    r"opensource\.org/licen[sc]es?/([a-z0-9.-]+?)(?:\.php|\.html)?(?![\w.-])", re.I
)
APACHE_URL = re.compile(r"apache\.org/licenses/license-(\d\.\d)", re.I)
# "cc-by-sa-30" (Edurep), "cc-by-sa-3.0" and "cc-by-3.0-nl" (ours), "CC-BY-SA-3.0" and
# "CC-BY-3.0-DE" (SPDX), "CC BY-SA 3.0 NL", "cc_by_nc_40", "CC BY-SA", "cc-by-sa" (no version).
CC_CODE = re.compile(
    r"(?<![a-z0-9])cc[-_ ]?(by(?:[-_ ](?:nc|sa|nd)){0,2})"
    r"(?:[-_ ]?v?(\d)\.?(\d)(?:[-_ ]([a-z]{2,3}))?)?(?![a-z0-9])",
    re.I,
)
CC0_TEXT = re.compile(
    r"(?<![a-z0-9])cc[-_ ]?(?:0|zero)(?:[-_ ]?v?1\.?0)?(?![a-z0-9])|creative commons zero", re.I
)
PDM_TEXT = re.compile(r"public domain mark|^pdm(?:[-_ ]?1\.?0)?$", re.I)
# Creative Commons names in English, Dutch and German: "Attribution-NonCommercial-ShareAlike".
ELEMENT_WORDS = {
    "by": r"attribution|naamsvermelding|namensnennung|paternit[ée]",
    "nc": r"non-?commercial|niet-?commercieel|nicht-?kommerziell|pas d.utilisation commerciale",
    "nd": r"no-?deriv(?:s|atives|ative works)|geen\s*afgeleide\s*werken|keine\s*bearbeitung"
    r"|pas de modification",
    "sa": r"share-?alike|gelijk-?delen|weitergabe unter gleichen bedingungen"
    r"|partage dans les m[êe]mes conditions",
}
JURISDICTION_WORDS = {
    "nl": r"netherlands|nederland",
    "de": r"germany|deutschland",
    "be": r"belgium|belgi[ëe]|belgique|belgien",
    "fr": r"france|frankrijk",
}
UNPORTED = re.compile(r"unported|international|internationaal|generic", re.I)
CREATIVE_COMMONS = re.compile(r"creative\s*commons", re.I)
VERSION = re.compile(r"(?<![\d.])v?(\d)\.(\d)(?![\d.])")
# GPL, GFDL and the rest of the software licences by name or SPDX id. The LGPL and AGPL are
# other licences: "(?<![a-z])" keeps them from reading as the GPL.
GPL_TEXT = re.compile(
    r"(?<![a-z])(?:gplv?|gnu general public licen[sc]e)[-_ ]*(?:v(?:ersion)?\.?\s*)?(\d)(?:\.(\d))?"
    r"(?P<rest>[-_ ]*(?:\+|only|or[-_ ]later|or any later version))?",
    re.I,
)
GFDL_TEXT = re.compile(
    r"(?<![a-z])(?:gfdl|fdl|gnu free documentation licen[sc]e)[-_ ]*(?:v(?:ersion)?\.?\s*)?"
    r"(\d)\.(\d)(?P<rest>[-_ ]*(?:\+|only|or[-_ ]later|or any later version))?",
    re.I,
)
OTHER_GNU = re.compile(r"lgpl|agpl|lesser general|library general|affero", re.I)
SOFTWARE_TEXT = {
    Licence.MIT: re.compile(r"^mit$|\bmit licen[sc]e\b|\bexpat licen[sc]e\b", re.I),
    Licence.BSD_2: re.compile(r"\bbsd[-_ ]2[-_ ]clause\b|\b(?:2|two)-clause bsd\b", re.I),
    Licence.BSD_3: re.compile(r"\bbsd[-_ ]3[-_ ]clause\b|\b(?:3|three)-clause bsd\b", re.I),
    Licence.APACHE_2: re.compile(
        r"\bapache(?:[-_ ]licen[sc]e)?,?[-_ ](?:version[-_ ])?2\.0\b", re.I
    ),
}
ALL_RIGHTS = re.compile(
    r"all rights reserved|alle rechten voorbehouden|tous droits r[ée]serv[ée]s"
    r"|alle rechte vorbehalten|^copyright\b|©|\(c\) ?\d{4}",
    re.I,
)
# LOM's copyrightAndOtherRestrictions flag: "yes" (restrictions apply: a licence, or all
# rights reserved) or "no". Only "yes" on its own says all rights are reserved.
LOM_FLAG = {"yes", "no"}


@dataclass(frozen=True)
class _Found:
    licence: str | None  # None: a licence, but not one of ours (or without a version)
    precision: int  # the more precise statement wins: 3 port address, 2 name/code, 1 bare GNU URL
    problem: str = ""  # WITHOUT_VERSION or NOT_OURS when licence is None


def _cc_code(elements: str, version: str, jurisdiction: str = "") -> str | None:
    """Our code for a Creative Commons licence, or None where it is not in our list."""
    parts = sorted(set(re.split(r"[-_ ]+", elements.lower())), key=_element_rank)
    if parts[:1] != ["by"] or any(part not in ELEMENT_ORDER for part in parts):
        return None
    name = "-".join(parts)
    jurisdiction = jurisdiction.lower()
    code = f"cc-{name}" if version == "4.0" else f"cc-{name}-{version}"
    if jurisdiction:
        code = f"{code}-{jurisdiction}"
    return code if code in Licence.values else None


def _element_rank(element: str) -> int:
    return ELEMENT_ORDER.index(element) if element in ELEMENT_ORDER else len(ELEMENT_ORDER)


def _cc(elements: str, version: str | None, jurisdiction: str = "", precision: int = 2) -> _Found:
    if not version:
        return _Found(None, 0, WITHOUT_VERSION)
    if version == "4.0":
        jurisdiction = ""  # 4.0 has no ports
    code = _cc_code(elements, version, jurisdiction)
    if code is None:
        return _Found(None, 0, NOT_OURS)
    return _Found(code, precision + (1 if jurisdiction else 0))


def _gnu(kind: str, major: str, minor: str | None, rest: str | None, precision: int) -> _Found:
    version = f"{major}.{minor or 0}"
    later = bool(rest) and not re.search(r"only", rest or "", re.I)
    code = f"{kind}-{version}-{'or-later' if later else 'only'}"
    if code in Licence.values:
        return _Found(code, precision)
    return _Found(None, 0, NOT_OURS)


def _by_name(text: str) -> _Found | None:
    """A Creative Commons licence by its long name, in English, Dutch or German."""
    elements = [element for element, words in ELEMENT_WORDS.items() if re.search(words, text, re.I)]
    if "by" not in elements:
        return None
    version = VERSION.search(text)
    jurisdiction = ""
    if not UNPORTED.search(text):
        for code, words in JURISDICTION_WORDS.items():
            if re.search(words, text, re.I):
                jurisdiction = code
    return _cc("-".join(elements), version and f"{version[1]}.{version[2]}", jurisdiction)


def _read(text: str) -> _Found | None:
    """The licence one statement names, if any."""
    if match := CC_URL.search(text):
        return _cc(match[1], match[2] and _dotted(match[2]), match[3] or "", precision=3)
    if match := CC_PUBLIC_DOMAIN.search(text):
        return _Found(Licence.CC0 if match[1].lower() == "zero" else Licence.PDM, 3)
    if match := GNU_URL.search(text):
        kind = match[1].lower()
        if kind not in ("gpl", "fdl") or not match[2]:
            return _Found(None, 0, NOT_OURS if kind not in ("gpl", "fdl") else WITHOUT_VERSION)
        # The address does not say "only" or "or later": a name beside it may.
        rest = text[: match.start()] + text[match.end() :]
        if (named := _read(rest)) is not None and named.licence is not None:
            return named
        major, minor = match[2].split(".")
        return _gnu("gfdl" if kind == "fdl" else "gpl", major, minor, None, precision=1)
    if match := OPEN_SOURCE_URL.search(text):
        return _spdx(match[1], precision=3) or _Found(None, 0, NOT_OURS)
    if match := APACHE_URL.search(text):
        return _spdx(f"apache-{match[1]}", precision=3) or _Found(None, 0, NOT_OURS)
    # One of our own codes. "cc-by-sa" (ours for 4.0) is read below as a name without a
    # version: other systems write it for any version.
    code = text.strip().lower()
    if code in OWN_CODES and not (CC_CODE.fullmatch(code) and TERMS[code].version == (4, 0)):
        return _Found(code, 2)
    if found := _spdx(text.strip(), precision=2):
        return found
    if match := CC_CODE.search(text):
        version = f"{match[2]}.{match[3]}" if match[2] else None
        # A port is written "CC BY 3.0 NL" or "cc-by-3.0-nl": not "CC BY 3.0 de auteur".
        port = match[4] or ""
        if port and not (port.isupper() or text[match.start(4) - 1] == "-"):
            port = ""
        return _cc(match[1], version, port)
    if CC0_TEXT.search(text):
        return _Found(Licence.CC0, 2)
    if PDM_TEXT.search(text.strip()):
        return _Found(Licence.PDM, 2)
    if OTHER_GNU.search(text):
        return _Found(None, 0, NOT_OURS)
    if match := GPL_TEXT.search(text):
        return _gnu("gpl", match[1], match[2], match["rest"], precision=2)
    if match := GFDL_TEXT.search(text):
        return _gnu("gfdl", match[1], match[2], match["rest"], precision=2)
    for licence, pattern in SOFTWARE_TEXT.items():
        if pattern.search(text):
            return _Found(licence, 2)
    if CREATIVE_COMMONS.search(text):
        return _by_name(text) or _Found(None, 0, WITHOUT_VERSION)
    return None


def _dotted(version: str) -> str:
    return version if "." in version else f"{version}.0"


OWN_CODES = set(Licence.values) - {Licence.ALL_RIGHTS_RESERVED, Licence.SEE_SOURCE}
# SPDX ids (lower case) of our licences, and the deprecated GNU ids ("GPL-3.0" is "only",
# "GPL-3.0+" "or later").
SPDX_IDS = {terms.spdx.lower(): code for code, terms in TERMS.items() if terms.spdx}
SPDX_IDS |= {
    "gpl-2.0": Licence.GPL_2,
    "gpl-2.0+": Licence.GPL_2_PLUS,
    "gpl-3.0": Licence.GPL_3,
    "gpl-3.0+": Licence.GPL_3_PLUS,
    "gfdl-1.2": Licence.GFDL_12,
    "gfdl-1.3": Licence.GFDL_13,
    "gfdl-1.3+": Licence.GFDL_13_PLUS,
    "bsd-2": Licence.BSD_2,
    "bsd-3": Licence.BSD_3,
    "apache2": Licence.APACHE_2,
}


def _spdx(text: str, precision: int) -> _Found | None:
    code = SPDX_IDS.get(text.lower())
    return _Found(code, precision) if code else None


def map_licence(values: list[str]) -> Mapped:
    """Our licence for the record's rights statements (see the module's description)."""
    found: list[_Found] = []
    reserved = False
    flag_yes = False
    unmapped: list[str] = []
    for value in values:
        text = " ".join(value.split())
        if not text:
            continue
        if text.lower() in LOM_FLAG:
            flag_yes = flag_yes or text.lower() == "yes"
            continue
        reading = _read(text)
        if reading is not None and reading.licence is not None:
            found.append(reading)
        elif reading is not None:
            unmapped.append(f"{reading.problem}: {text[:120]}")
        elif ALL_RIGHTS.search(text):
            reserved = True
        else:
            unmapped.append(text[:120])
    if found:
        best = max(found, key=lambda reading: reading.precision)
        return Mapped(terms=[Licence(best.licence or "")])
    if reserved or (flag_yes and not unmapped):
        # Free-text explanations beside a clear reservation add nothing to report.
        return Mapped(terms=[Licence.ALL_RIGHTS_RESERVED])
    if not unmapped and values:
        # LOM's "no" (no restrictions) alone names no licence either.
        unmapped = [value.strip() for value in values if value.strip()]
    if not unmapped:
        return Mapped()
    return Mapped(terms=[Licence.SEE_SOURCE], unmapped=unmapped)
