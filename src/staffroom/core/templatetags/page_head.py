"""``{% page_head_meta object text %}`` in a page's ``head_meta`` block: the page's
``<link rel="canonical">`` (on SITE_URL) and, when ``text`` (Markdown) has any, a
``<meta name="description">`` of its first words in plain text."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from staffroom.core.head import canonical_url, meta_description

register = template.Library()


@register.simple_tag
def page_head_meta(page, text: str = "") -> SafeString:
    """``page``: an object with ``get_absolute_url``, or a path."""
    path = page if isinstance(page, str) else page.get_absolute_url()
    canonical = format_html('<link rel="canonical" href="{}">', canonical_url(path))
    description = meta_description(text)
    if not description:
        return canonical
    return canonical + format_html('<meta name="description" content="{}">', description)
