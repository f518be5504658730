"""Which Dutch a reader gets: the interface wording of their region.

Flanders and the Netherlands share one Dutch catalogue (locale/nl). A few words differ, and
some mislead: "aanmelden" is logging in to a Flemish teacher and signing up to a Dutch one.
locale/nl_NL holds only the messages the Netherlands words differently; Django merges it over
the common catalogue when the language "nl-nl" is active.

Dutch is therefore always activated with its region, never as plain "nl": Python's gettext
expands "nl" to "nl_NL" first, so plain "nl" would read the Netherlands' words. Flemish
readers get "nl-be", which finds no nl_BE catalogue and reads locale/nl.
"""

from .models import DEFAULT_REGION, Region

FLEMISH_DUTCH = "nl-be"
NETHERLANDS_DUTCH = "nl-nl"


def interface_language(language: str, region: str = DEFAULT_REGION) -> str:
    """The language code to activate for a reader of ``language`` in ``region`` ("nl-nl",
    "nl-be", or the language itself when it has no regional wording)."""
    if language[:2] == "nl":
        return NETHERLANDS_DUTCH if region == Region.NETHERLANDS else FLEMISH_DUTCH
    return language
