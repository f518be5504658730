"""What a page's head tells search engines and link previews about it: its canonical address
(on SITE_URL, whatever host or query string it was fetched with) and a short plain-text
description, made from the Markdown its author wrote."""

import html
import re

from django.conf import settings
from django.utils.html import strip_tags

from .markdown import render_markdown

# Search engines show about 155 characters of a description before they cut it.
DESCRIPTION_LENGTH = 155
_SPACE = re.compile(r"\s+")


def canonical_url(path: str) -> str:
    """The absolute address of the page at ``path`` (a path such as get_absolute_url gives)."""
    return settings.SITE_URL.rstrip("/") + path


def plain_text(markdown: str) -> str:
    """``markdown`` as the reader sees it, without markup, on one line."""
    text = html.unescape(strip_tags(render_markdown(markdown or "")))
    return _SPACE.sub(" ", text).strip()


def meta_description(markdown: str, length: int = DESCRIPTION_LENGTH) -> str:
    """At most ``length`` characters of ``markdown``'s plain text, cut after a whole word
    with "…" when it is longer."""
    text = plain_text(markdown)
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    space = cut.rfind(" ")
    if space > length // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"
