"""``{% event_jsonld_script event %}``: the schema.org description of a published event, and
the links to its LOM and NL-LOM records, for the head of its page."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from staffroom.core.jsonld import jsonld_script
from staffroom.events.jsonld import event_jsonld
from staffroom.events.models import EventStatus

register = template.Library()


@register.simple_tag
def event_jsonld_script(event) -> str:
    if event.status not in (EventStatus.PUBLISHED, EventStatus.CANCELLED):
        return ""
    links = format_html(
        '<link rel="alternate" type="application/xml" href="{}" title="IEEE LOM">'
        '<link rel="alternate" type="application/xml" href="{}" title="NL-LOM">',
        reverse("events:lom", args=[event.pk]),
        reverse("events:nl_lom", args=[event.pk]),
    )
    return SafeString(jsonld_script(event_jsonld(event, settings.SITE_URL)) + links)
