import re

from django import template
from django.utils.formats import number_format
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from staffroom.core.language import language_tag
from staffroom.core.markdown import render_markdown

register = template.Library()

# Lines to write on in a worksheet ("Naam: ________ Klas: ....."): in a snippet they are one
# unbreakable word that pushes the card wider than a phone.
FILL_IN_BLANK = re.compile(r"[_.…]{4,}")


@register.filter
def markdown(text: str) -> str:
    return mark_safe(render_markdown(text))


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None or "" removes them)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def filesize(size: float) -> str:
    """A file size in the reader's number format: "2,7 KB" in Dutch, "2.7 KB" in English."""
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            if unit == "B":
                return f"{size:.0f} {unit}"
            return f"{number_format(round(size, 1), 1)} {unit}"
        size /= 1024
    return str(size)


register.filter("language_tag", language_tag)


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key, "")


@register.filter
def marked(pieces) -> str:
    """A search snippet (pieces of text, each flagged when it matched) with the matches in
    <mark>; everything else escaped, and a worksheet's blanks ("Naam: ______") shortened."""
    return mark_safe(
        "".join(
            format_html("<mark>{}</mark>", text)
            if matched
            else conditional_escape(FILL_IN_BLANK.sub("___", text))
            for text, matched in pieces or ()
        )
    )


@register.filter
def has_match(pieces) -> bool:
    return any(matched for _text, matched in pieces or ())


@register.filter
def facet_options(options) -> str:
    """<option>s of a search filter: (value, label, count, selected) each. Built here rather
    than in a template loop: a search page has a few hundred of them."""
    return format_html_join(
        "",
        '<option value="{}"{}>{} ({})</option>',
        (
            (value, mark_safe(" selected") if selected else "", label, count)
            for value, label, count, selected in options
        ),
    )
