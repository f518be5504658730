from django import template

from staffroom.newsletter.links import tracked as tracked_url

register = template.Library()


@register.filter
def tracked(url: str) -> str:
    """The tracked form of a link in a mailing (filled in per member when sent)."""
    return tracked_url(str(url))
