"""The checkboxes of the search page's filter panel, built in Python: a broad search shows a
few hundred options, and a template include per option would cost more than the search."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def facet_choices(options, kind: str = "checkbox") -> SafeString:
    """<li>s with a checkbox (or a radio button) and its label with the count per option
    (``search.panel.Option``), indented by depth."""
    return format_html_join(
        "",
        '<li class="depth-{}">{}</li>',
        ((option.depth, facet_choice(option, kind)) for option in options),
    )


@register.filter
def facet_choice(option, kind: str = "checkbox") -> SafeString:
    """One option as ``facet_choices`` renders it, without the <li>."""
    return format_html(
        '<input type="{}" id="{}" name="{}" value="{}"{}>'
        '<label for="{}">{} <span class="facet-count">({})</span></label>',
        kind,
        option.input_id,
        option.name,
        option.value,
        mark_safe(" checked") if option.selected else "",
        option.input_id,
        option.label,
        option.count,
    )
