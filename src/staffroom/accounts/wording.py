"""Django's own messages that members read, reworded for the site.

Django's Dutch catalogue says "Uw wachtwoord" where Staffroom says "je" everywhere. Listing the
messages here puts them in Staffroom's catalogue (locale/nl), which Django reads before its own;
nothing imports this module.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

REWORDED = (
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
)
