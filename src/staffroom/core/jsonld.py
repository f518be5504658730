"""Linked data in a page's head: one way to put JSON-LD in a ``<script>`` element."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

# As django.utils.html.json_script does: no "</script>", "<!--" or "&" reaches the HTML parser
# inside the script element; JSON reads the escapes back as the same characters.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def jsonld_script(data: dict) -> SafeString:
    """A ``<script type="application/ld+json">`` element holding ``data``, safe in HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    return mark_safe(
        '<script type="application/ld+json">' + text.translate(_SCRIPT_ESCAPES) + "</script>"
    )
