"""Mapping a harvested record's rights statements onto our licences (``resources.licences``).

Returns a ``mapping.Mapped``: the licence matched, or the statements it could not read, so that
the run's report lists them.
"""

import re

from staffroom.resources.licences import Licence

from .mapping import Mapped

# Edurep's copyright codes ("cc-by-30", "cc-by-nc-sa-40", "cc0-10") and plain words.
CC_CODE = re.compile(r"^cc[-_ ]?(0|by(?:[-_ ](?:nc|sa|nd)){0,2})(?:[-_ ]?\d{1,2}(?:\.\d)?)?$")
CC_URL = re.compile(
    r"creativecommons\.org/(?:licenses/(by(?:-(?:nc|sa|nd)){0,2})|publicdomain/(zero))/", re.I
)
CC_TEXT = re.compile(r"\bcc[ -]?(0|by(?:[ -](?:nc|sa|nd)){0,2})\b", re.I)
ALL_RIGHTS = re.compile(
    r"all rights reserved|alle rechten voorbehouden|^yes$|^copyright\b|©|\(c\) ?\d{4}", re.I
)


def _cc_licence(spec: str) -> str | None:
    spec = spec.lower().replace("_", "-").replace(" ", "-")
    if spec in ("0", "zero"):
        return Licence.CC0
    code = f"cc-{spec}"
    return code if code in Licence.values else None


def map_licence(values: list[str]) -> Mapped:
    """Our licence for the record's rights statements: a Creative Commons URL or code wins
    over words that only say rights are reserved (LOM's copyright "yes" beside a licence URL
    in the rights description means that licence)."""
    reserved = False
    unmapped = []
    for value in values:
        text = value.strip()
        found = None
        if match := CC_URL.search(text):
            found = _cc_licence(match.group(1) or match.group(2))
        elif (match := CC_CODE.match(text.lower())) or (match := CC_TEXT.search(text)):
            found = _cc_licence(match.group(1))
        if found is not None:
            return Mapped(terms=[found])
        if ALL_RIGHTS.search(text):
            reserved = True
        elif text:
            unmapped.append(text[:120])
    if reserved:
        # Free-text explanations beside a clear statement add nothing to report.
        return Mapped(terms=[Licence.ALL_RIGHTS_RESERVED])
    return Mapped(unmapped=unmapped)
