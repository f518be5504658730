from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def profile_sections(context, slot: str) -> SafeString:
    """The sections other apps registered for ``slot`` of this page (``sections`` in the
    context, from ``accounts.profiles.profile_sections``), each in the page's context with its
    own values added."""
    html = []
    for section in context.get("sections", {}).get(slot, []):
        with context.push(**section.context):
            html.append(context.template.engine.get_template(section.template).render(context))
    # Each part is a rendered template, escaped as it rendered; joining them loses the mark.
    return mark_safe("".join(html))
