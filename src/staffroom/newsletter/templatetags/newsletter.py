from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language

from staffroom.newsletter.links import tracked as tracked_url

register = template.Library()


@register.filter
def tracked(url: str) -> str:
    """The tracked form of a link in a mailing (filled in per member when sent)."""
    return tracked_url(str(url))


@register.filter
def euros(cents) -> str:
    """A price in cents as the reader's locale writes euros: "€ 1.250,00" in Dutch,
    "€1,250.00" in English, "1 250,00 €" in French and German. The space is a no-break one, so
    the sign never ends a line alone."""
    try:
        amount = Decimal(int(cents)) / 100
    except (TypeError, ValueError):
        return ""
    number = number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)
    language = (get_language() or "nl")[:2]
    if language == "en":
        return f"€{number}"
    if language in ("fr", "de"):
        return f"{number}\N{NO-BREAK SPACE}€"
    return f"€\N{NO-BREAK SPACE}{number}"
