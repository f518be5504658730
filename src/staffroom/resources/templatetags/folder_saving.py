"""``{% card_save_form resource %}``: a resource card's Save form (resources/card_saving.py)."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from staffroom.resources.card_saving import MARK
from staffroom.resources.card_saving import card_save_form as rendered_form

register = template.Library()


@register.simple_tag(takes_context=True)
def card_save_form(context, resource) -> SafeString | str:
    """The reader's form, or a mark for it where the rendered cards are shared between readers
    (``save_forms_later``: the search's cached results, filled in by its view); nothing where
    there is no request (mail) or the resource is not published."""
    if resource.status != "published":
        return ""
    if context.get("save_forms_later"):
        return mark_safe(MARK.format(pk=int(resource.pk)))
    request = context.get("request")
    if request is None or not hasattr(request, "user"):
        return ""
    return rendered_form(request, resource.pk)
