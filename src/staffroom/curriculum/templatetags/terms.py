"""Vocabulary terms in templates: named in the viewer's region, indented by depth."""

from django import template

from staffroom.curriculum.queries import indentation, terms_in_region

register = template.Library()


@register.simple_tag(takes_context=True)
def regional(context, terms):
    """Name vocabulary terms in the viewer's regional terminology."""
    return terms_in_region(terms, context.get("region") or "fl")


@register.filter
def indent(term) -> str:
    return indentation(term)
