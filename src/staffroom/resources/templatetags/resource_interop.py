"""Tags for the head of resource pages: ``{% resource_jsonld_script resource %}`` (the
schema.org/LRMI description of a published resource) and ``{% resource_feed_link filters %}``
(the Atom feed a browse page offers)."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from staffroom.resources.feeds import feed_for_filters
from staffroom.resources.jsonld import resource_jsonld

register = template.Library()

# As django.utils.html.json_script does: no "</script>", "<!--" or "&" reaches the HTML parser
# inside the script element; JSON reads the escapes back as the same characters.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def jsonld_script(data: dict) -> str:
    """A ``<script type="application/ld+json">`` element holding ``data``, safe in HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    return mark_safe(
        '<script type="application/ld+json">' + text.translate(_SCRIPT_ESCAPES) + "</script>"
    )


@register.simple_tag
def resource_jsonld_script(resource) -> str:
    if not resource.is_published:
        return ""
    return jsonld_script(resource_jsonld(resource, settings.SITE_URL))


@register.simple_tag
def resource_feed_link(filters) -> str:
    found = feed_for_filters(filters)
    if found is None:
        return ""
    url, title = found
    return format_html(
        '<link rel="alternate" type="application/atom+xml" href="{}" title="{}">', url, title
    )
