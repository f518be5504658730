"""``{{ resource|cost_text }}`` ("Free until 31 March 2027 (12 days left)") and
``{{ resource|time_left }}`` ("12 days left") for pages and cards."""

from django import template

from staffroom.resources import offers

register = template.Library()


@register.filter
def cost_text(resource) -> str:
    return offers.cost_text(resource)


@register.filter
def time_left(resource) -> str:
    return offers.time_left_text(resource)
