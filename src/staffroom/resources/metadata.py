"""Resource metadata as plain JSON values: what a proposed edit stores, what a moderator's
correction records, and how either is shown to people."""

from datetime import date

from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from staffroom.curriculum.models import Level, ResourceType, Subject
from staffroom.curriculum.queries import terms_in_region

from .inputs import ResourceInput
from .licences import Licence
from .models import ContentLanguage, Cost, Resource

FIELD_LABELS = {
    "title": _("Title"),
    "description": _("Description"),
    "language": _("Language"),
    "url": _("Web address"),
    "resource_type": _("Type"),
    "keywords": _("Keywords"),
    "licence": _("Licence"),
    "author_name": _("Author"),
    "attribution": _("Attribution"),
    "source_url": _("Original at the source"),
    "rights_statement": _("Rights statement of the source"),
    "based_on": _("Based on"),
    "accessibility_notes": _("Accessibility notes"),
    "duration": _("Time in class"),
    "levels": _("Levels"),
    "subjects": _("Subjects"),
    "cost": _("Cost"),
    "cost_note": _("Price or conditions"),
    "free_from": _("Free from"),
    "free_until": _("Free until"),
    "manual_for": _("Manual for"),
}
# Fields that refer to another resource: stored as its number.
RESOURCE_FIELDS = ("based_on", "manual_for")
DATE_FIELDS = ("free_from", "free_until")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    """A stored ISO date back as a date (None for none, or for a value no date can be)."""
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def snapshot(resource: Resource) -> dict:
    """The resource's current metadata as JSON values."""
    return {
        "title": resource.title,
        "description": resource.description,
        "language": resource.language,
        "url": resource.url,
        "resource_type": resource.resource_type.code if resource.resource_type else None,
        "keywords": list(resource.keywords),
        "licence": resource.licence,
        "author_name": resource.author_name,
        "attribution": resource.attribution,
        "source_url": resource.source_url,
        "rights_statement": resource.rights_statement,
        "based_on": resource.based_on_id,
        "accessibility_notes": resource.accessibility_notes,
        "duration": resource.duration,
        "levels": sorted(level.code for level in resource.levels.all()),
        "subjects": sorted(subject.code for subject in resource.subjects.all()),
        "cost": resource.cost,
        "cost_note": resource.cost_note,
        "free_from": _iso(resource.free_from),
        "free_until": _iso(resource.free_until),
        "manual_for": resource.manual_for_id,
    }


def snapshot_from_data(data: ResourceInput) -> dict:
    """An input's metadata (model instances) as JSON values, for the fields it gives."""
    given = data.given()
    values = {}
    for field in Resource.METADATA_FIELDS:
        if field not in given:
            continue
        value = given[field]
        if field in ("levels", "subjects"):
            value = sorted(term.code for term in value or [])
        elif field == "resource_type":
            value = value.code if value else None
        elif field in RESOURCE_FIELDS:
            value = value.pk if value else None
        elif field in DATE_FIELDS:
            value = _iso(value)
        elif field == "keywords":
            value = list(value or [])
        elif field == "duration":
            value = value or None
        elif value is None:
            value = ""
        values[field] = value
    return values


def apply_snapshot(resource: Resource, values: dict) -> None:
    """Set ``values`` (JSON form) on ``resource`` and save it, many-to-many fields included."""
    for field, value in values.items():
        if field in ("levels", "subjects"):
            continue
        if field == "resource_type":
            resource.resource_type = ResourceType.objects.filter(code=value).first()
        elif field in RESOURCE_FIELDS:
            found = Resource.objects.filter(pk=value).first() if value else None
            setattr(resource, field, found)
        elif field in DATE_FIELDS:
            setattr(resource, field, _date(value))
        else:
            setattr(resource, field, value)
    resource.save()
    if "levels" in values:
        resource.levels.set(Level.objects.filter(code__in=values["levels"]))
    if "subjects" in values:
        resource.subjects.set(Subject.objects.filter(code__in=values["subjects"]))


def changes_between(before: dict, after: dict) -> list[dict]:
    """The fields whose values differ, as ``{"field", "before", "after"}`` records."""
    return [
        {"field": field, "before": before.get(field), "after": after[field]}
        for field in Resource.METADATA_FIELDS
        if field in after and after[field] != before.get(field)
    ]


def display_value(field: str, value, region: str) -> str:
    """A stored metadata value as a person reads it, in ``region``'s terminology."""
    if value in (None, "", []):
        return "—"
    if field in ("levels", "subjects"):
        model = Level if field == "levels" else Subject
        terms = list(model.objects.filter(code__in=value).select_related("equivalent"))
        return ", ".join(term.label for term in terms_in_region(terms, region))
    if field == "resource_type":
        term = ResourceType.objects.filter(code=value).first()
        return term.label if term else str(value)
    if field == "licence":
        return str(Licence(value).label) if value in Licence.values else str(value)
    if field == "language":
        return str(ContentLanguage(value).label) if value in ContentLanguage.values else str(value)
    if field in RESOURCE_FIELDS:
        source = Resource.objects.filter(pk=value).first()
        return source.title if source else "—"
    if field == "cost":
        return str(Cost(value).label) if value in Cost.values else str(value)
    if field in DATE_FIELDS:
        found = _date(value)
        return formats.date_format(found, "j F Y") if found else str(value)
    if field == "keywords":
        return ", ".join(value)
    if field == "duration":
        return gettext("%(minutes)s minutes") % {"minutes": value}
    return str(value)


def describe_changes(changes: list[dict], region: str) -> list[dict]:
    """``changes_between`` records as people read them: field label, value before and after."""
    return [
        {
            "label": FIELD_LABELS.get(change["field"], change["field"]),
            "before": display_value(change["field"], change["before"], region),
            "after": display_value(change["field"], change["after"], region),
        }
        for change in changes
    ]
