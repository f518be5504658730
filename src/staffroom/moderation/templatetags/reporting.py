from django import template

from staffroom.moderation.models import ReportReason

register = template.Library()


@register.simple_tag
def report_reasons():
    """The reasons a member can give when reporting (for moderation/_report_form.html)."""
    return ReportReason.choices
