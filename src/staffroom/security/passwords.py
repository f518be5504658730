"""A password validator for words every attacker tries first on this site.

Django's CommonPasswordValidator refuses the 20,000 most common passwords of published
breaches (its list ships with Django: no network). People dress such a word up with a capital,
a year and a sign (``Zomer2024!``, ``Leerkracht1``); this validator takes those off and refuses
what is left when it is a common password or one of the site's own words
(``site_words.txt``: the site's and the network's names, school words, Dutch seasons and
months).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SITE_WORDS = Path(__file__).resolve().parent / "site_words.txt"
DRESSING = re.compile(r"[^a-z]+")


@cache
def site_words() -> frozenset[str]:
    lines = SITE_WORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
    )


@cache
def common_passwords() -> frozenset[str]:
    return frozenset(CommonPasswordValidator().passwords)


def core_word(password: str) -> str:
    """The password in lower case without digits, signs and spaces: ``Zomer2024!`` ->
    ``zomer``."""
    return DRESSING.sub("", password.lower())


class SiteWordsPasswordValidator:
    """Refuses a password that is, once its capitals, digits and signs are taken off, a
    common password or a word of the site's list."""

    def validate(self, password: str, user=None) -> None:
        word = core_word(password)
        lowered = password.lower().strip()
        if lowered in site_words() or (
            word and (word in site_words() or word in common_passwords())
        ):
            raise ValidationError(
                _(
                    "This password is a well-known word with some digits or signs added: "
                    "such passwords are guessed first. Choose a longer phrase of several words."
                ),
                code="password_too_guessable",
            )

    def get_help_text(self) -> str:
        return _("Your password cannot be a common word or the site's name with digits added.")
