"""The style page's ``{% example %}`` block: shows what it renders, then the same markup to copy."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


class ExampleNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context) -> str:
        html = self.nodelist.render(context).strip()
        # The markup shown is the output itself, so it never drifts from what the page renders.
        return format_html(
            '<div class="sg-demo">{}</div><details class="sg-code"><summary>{}</summary>'
            "<pre><code>{}</code></pre></details>",
            mark_safe(html),  # rendered by the template engine, which escaped it as usual
            _("Markup"),
            html,
        )


@register.tag("example")
def do_example(parser, token) -> ExampleNode:
    nodelist = parser.parse(("endexample",))
    parser.delete_first_token()
    return ExampleNode(nodelist)
