"""Tags for the head of resource pages: ``{% resource_jsonld_script resource %}`` (the
schema.org/LRMI description of a published resource) and ``{% resource_feed_link filters %}``
(the Atom feed a browse page offers, for the viewer's region)."""

from django import template
from django.conf import settings
from django.utils.html import format_html

from staffroom.core.jsonld import jsonld_script
from staffroom.curriculum.models import DEFAULT_REGION
from staffroom.resources.feeds import feed_for_filters
from staffroom.resources.jsonld import resource_jsonld

register = template.Library()


@register.simple_tag
def resource_jsonld_script(resource) -> str:
    if not resource.is_published:
        return ""
    return jsonld_script(resource_jsonld(resource, settings.SITE_URL))


@register.simple_tag(takes_context=True)
def resource_feed_link(context, filters) -> str:
    request = context.get("request")
    found = feed_for_filters(filters, getattr(request, "region", DEFAULT_REGION))
    if found is None:
        return ""
    url, title = found
    return format_html(
        '<link rel="alternate" type="application/atom+xml" href="{}" title="{}">', url, title
    )
