"""What stands for a resource where it has no picture of its own: its type's icon."""

from django import template

register = template.Library()


@register.filter
def type_icon_template(resource) -> str:
    """The template of the icon (an inline SVG) of ``resource``'s type, by its kind or its
    first file's type, from what the card's queryset fetched already (``listed_files``)."""
    listed = getattr(resource, "listed_files", None)
    first = listed[0] if listed else None
    return f"resources/icons/{resource.type_icon(first)}.svg"


@register.filter
def file_icon_template(resource_file) -> str:
    return f"resources/icons/{resource_file.type_icon}.svg"
