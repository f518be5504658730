"""Markdown from members is rendered safely, whatever it carries: over a hundred known XSS
vectors (script tags, javascript: links, event handlers, SVG and MathML payloads, encodings,
Markdown links, images and autolinks), each checked by parsing the output, and very large
or deeply nested inputs."""

import re
from html import unescape
from html.parser import HTMLParser

import pytest

from staffroom.core.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown

RAW = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
    "<script/xss src=https://xss.example/x.js></script>",
    "<<script>alert(1);//<</script>",
    "<script>alert(String.fromCharCode(88,83,83))</script>",
    "</title><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<img src=javascript:alert(1)>",
    "<IMG SRC=JaVaScRiPt:alert(1)>",
    "<img src=`javascript:alert(1)`>",
    '<img """><script>alert(1)</script>">',
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)>",
    "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A"
    "&#x61&#x6C&#x65&#x72&#x74&#x28&#x31&#x29>",
    '<IMG SRC="jav\tascript:alert(1);">',
    '<IMG SRC="jav&#x09;ascript:alert(1);">',
    '<IMG SRC=" &#14;  javascript:alert(1);">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '<svg><use href="data:image/svg+xml,<svg id=x onload=alert(1)>#x"></use></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math href="javascript:alert(1)">x</math>',
    "<body onload=alert(1)>",
    "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
    "<iframe src=javascript:alert(1)></iframe>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<object data=javascript:alert(1)></object>",
    '<embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    "<input autofocus onfocus=alert(1)>",
    "<select autofocus onfocus=alert(1)>",
    "<textarea autofocus onfocus=alert(1)>",
    "<keygen autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<marquee onstart=alert(1)>",
    '<div style="background-image: url(javascript:alert(1))">',
    '<div style="width: expression(alert(1));">',
    "<style>@import 'https://xss.example/x.css';</style>",
    '<link rel="stylesheet" href="javascript:alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JAVASCRIPT:alert(1)">x</a>',
    '<a href="jav&#x61;script:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="java\nscript:alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="https://ok.example" onclick="alert(1)">x</a>',
    '<a href="https://ok.example" onmouseover=alert(1)>x</a>',
    '<a href="https://ok.example" style="position:fixed;top:0">x</a>',
    '<p onclick="alert(1)">x</p>',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    '<td background="javascript:alert(1)">',
    "<xss id=x tabindex=1 onfocus=alert(1)></xss>",
    "<isindex type=image src=1 onerror=alert(1)>",
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    "<![CDATA[<script>alert(1)</script>]]>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "javascript:/*--></title></style></textarea></script><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(1)//'>",
]

MARKDOWN = [
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](%6Aavascript:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](java\\script:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:alert(1))",
    "[x](file:///etc/passwd)",
    '[x](https://ok.example "title" onclick="alert(1)")',
    '[x](https://ok.example"onmouseover="alert(1))',
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "[x][ref]\n\n[ref]: data:text/html,<script>alert(1)</script>",
    "![x](javascript:alert(1))",
    '![x](https://ok.example/a.png"onerror="alert(1))',
    '![x"onerror="alert(1)](https://ok.example/a.png)',
    "<javascript:alert(1)>",
    "<vbscript:alert(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    "[<img src=x onerror=alert(1)>](https://ok.example)",
    "**<script>alert(1)</script>**",
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    "> <script>alert(1)</script>",
    "- <img src=x onerror=alert(1)>",
    "| a |\n|---|\n| <script>alert(1)</script> |",
    "# <svg onload=alert(1)>",
    "[x](https://ok.example)<script>alert(1)</script>",
    "[![x](javascript:alert(1))](javascript:alert(1))",
    "[x](javascript://%0aalert(1))",
    "[x](javascript:window.onerror=alert;throw 1)",
    "[x](\tjavascript:alert(1))",
]

VECTORS = RAW + MARKDOWN + [f"Tekst voor {v} en na" for v in RAW[:20]]
# Relative addresses (no scheme) are safe too: they stay on this site.
SAFE_SCHEMES = {"http", "https", "mailto", ""}
SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")


def _scheme(href: str) -> str:
    """The scheme a browser would see (WHATWG URL parsing drops tabs and newlines anywhere and
    leading spaces and control characters)."""
    target = re.sub(r"[\t\n\r]", "", unescape(href)).lstrip("".join(map(chr, range(33))))
    found = SCHEME.match(target.lower())
    return found[1] if found else ""


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def _problems(html: str) -> list[str]:
    collector = _Collector()
    collector.feed(html)
    problems = []
    for tag, attrs in collector.tags:
        if tag not in ALLOWED_TAGS:
            problems.append(f"tag <{tag}>")
        for name, value in attrs:
            allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
            if name not in allowed:
                problems.append(f"attribute {name} on <{tag}>")
            if name == "href" and _scheme(value or "") not in SAFE_SCHEMES:
                problems.append(f"href {value!r}")
    return problems


def test_there_are_over_a_hundred_vectors():
    assert len(set(VECTORS)) >= 100


@pytest.mark.parametrize("vector", VECTORS)
def test_no_vector_becomes_active_markup(vector):
    html = render_markdown(vector)
    assert _problems(html) == [], html


def test_the_checker_itself_catches_what_it_should():
    assert _problems('<img src="x" onerror="alert(1)">')
    assert _problems('<a href="javascript:alert(1)">x</a>')
    assert _problems('<a href="https://ok.example" onclick="x">x</a>')
    assert _problems('<a href=" java&#x09;script:alert(1)">x</a>')
    assert not _problems('<a href="%6Aavascript:alert(1)">relative</a>')
    assert not _problems('<p><a href="https://ok.example" rel="nofollow">x</a></p>')


def test_very_large_and_deeply_nested_input_renders():
    large = ("Een **vette** zin met een [link](https://example.org). " * 20_000)[:1_000_000]
    html = render_markdown(large)
    assert html.startswith("<p>") and _problems(html[:10_000]) == []
    nested = render_markdown(">" * 5_000 + " <script>alert(1)</script>")
    assert nested.startswith("<blockquote>") and _problems(nested) == []
    brackets = "[" * 10_000 + "x" + "]" * 10_000 + "(javascript:alert(1))"
    assert _problems(render_markdown(brackets)) == []
