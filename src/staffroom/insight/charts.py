"""Charts of the staff dashboard, drawn on the server as SVG images.

Drawn here (pygal) rather than in the browser: the page works without JavaScript and nothing
is loaded from another site. pygal adds a script that points at a CDN and an inline
configuration script; both are left out (the policy allows scripts from this site only, and
the charts need none). Labels may come from what visitors typed (search words): pygal writes
them as XML text, so they are escaped, and the markup is marked safe only after that. Each
chart is its own image (``dashboard_views.dashboard_chart``) with a text alternative, next to a
table with the same numbers: the page does not wait for a dozen drawings, and drawn charts are
cached by their content.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import pygal
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from lxml import etree
from pygal.style import Style

CACHE_SECONDS = 600
SVG_NAMESPACE = "http://www.w3.org/2000/svg"

# The design tokens (static/staffroom/site.css): accent, text, muted text, lines.
STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#1c2430",
    foreground_strong="#1c2430",
    foreground_subtle="#d8dee6",
    opacity=".9",
    opacity_hover="1",
    colors=("#0b6285", "#c24e00", "#1d6b35", "#505c6b"),
    font_family='system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
    label_font_size=15,
    major_label_font_size=15,
    value_font_size=15,
    value_label_font_size=15,
    title_font_size=16,
    no_data_font_size=20,
)


@dataclass(frozen=True)
class Chart:
    """What to draw: ``kind`` "line" (a value per week) or "bar" (a value per label)."""

    kind: str
    labels: Sequence[str]
    values: Sequence[float | None]
    series: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def key(self) -> str:
        content = json.dumps(
            [self.kind, list(self.labels), list(self.values), self.series, get_language()],
            default=str,
        )
        return "insight:chart:" + hashlib.sha256(content.encode()).hexdigest()[:32]


def _ticks(values: Sequence[float | None]) -> list[float]:
    """Whole-number steps up to the largest value: pygal's own would write "0.1, 0.2, ..."
    under a count of one."""
    top = math.ceil(max((v for v in values if v is not None), default=0)) or 1
    step = max(1, math.ceil(top / 4))
    return list(range(0, top + step, step)) if top > 1 else [0, 1]


def bar_height(bars: int) -> int:
    """The height of a bar chart of ``bars`` bars (its width is 640)."""
    return 40 + 40 * max(bars, 1)


def _svg(chart: Chart) -> str:
    common = {
        "style": STYLE,
        "js": [],
        "disable_xml_declaration": True,
        "explicit_size": False,
        "show_legend": False,
        "no_data_text": _("No data"),
        "truncate_label": 28,
        "margin": 8,
    }
    drawn: pygal.graph.graph.Graph
    labels, values = list(chart.labels), list(chart.values)
    if chart.kind == "bar":
        # pygal draws the first bar at the bottom; the most searched belongs on top.
        labels.reverse()
        values.reverse()
        drawn = pygal.HorizontalBar(
            width=640,
            height=bar_height(len(labels)),
            print_values=True,
            print_values_position="top",
            y_labels=_ticks(values),
            **common,
        )
    else:
        drawn = pygal.Line(
            width=320,
            height=190,
            show_minor_x_labels=False,
            x_labels_major_every=max(1, math.ceil(len(labels) / 4)),
            y_labels=_ticks(values),
            dots_size=3,
            stroke_style={"width": 2.5},
            **common,
        )
    drawn.x_labels = labels
    drawn.add(chart.series or _("Value"), values)
    tree = drawn.render_tree()
    tree.set("width", str(drawn.config.width))
    tree.set("height", str(drawn.config.height))
    # The configuration script and the credits: not ours to run, not worth sending.
    for node in tree.iter(f"{{{SVG_NAMESPACE}}}script", "script", etree.Comment):
        node.getparent().remove(node)
    return etree.tostring(tree, encoding="unicode")


def render(charts: Sequence[Chart]) -> list[SafeString]:
    """The SVG markup of ``charts`` (escaped by the XML writer), reusing drawn ones."""
    keys = [chart.key() for chart in charts]
    found = cache.get_many(keys)
    drawn = {}
    for key, chart in zip(keys, charts, strict=True):
        if key not in found:
            drawn[key] = found[key] = _svg(chart)
    if drawn:
        cache.set_many(drawn, CACHE_SECONDS)
    return [mark_safe(found[key]) for key in keys]  # written by the XML serialiser
