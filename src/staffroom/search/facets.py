"""The filters beyond the vocabularies: file format, what the licence allows (reuse),
accessibility notes and moderators' picks. What a resource's document holds for them, their
labels, and the reuse counts (derived from the licence counts).

- ``format``: what a teacher gets, from the types of its files (found by their content:
  ``resources/files.py``) and, for a link or an embed, from its address (a video host or an
  exercise host); a resource with a pdf and a slide deck has both.
- ``reuse``: no field of its own. "Free to share", "free to adapt" and "commercial use
  allowed" are read as the licences that allow them (``resources.licences.REUSE``), and
  several must all hold (``backends.base.engine_filters``).
- ``accessibility``: "described" when the contributor wrote accessibility notes. The notes are
  free text, searched with the description; no finer kinds are invented from them.
- ``pick``: "yes" for a moderators' pick.
- ``duration``: how long pupils work with it, where the contributor or the source record said
  (``Resource.duration``), in three plain spans: a short activity (up to 15 minutes), one
  lesson (up to an hour: a Flemish lesson is 50 minutes, a Dutch one 45 to 60) and longer.
  A resource without a duration is in none of them.
"""

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from staffroom.resources.embeds import embed_src
from staffroom.resources.files import TYPE_ICONS
from staffroom.resources.licences import REUSE as REUSE_LICENCES
from staffroom.resources.models import Kind, Resource

from .backends.base import REUSE, filter_values

FORMAT_LABELS = {
    "pdf": _("PDF"),
    "document": _("Text document (Word, Writer)"),
    "presentation": _("Presentation (PowerPoint, Impress)"),
    "spreadsheet": _("Spreadsheet (Excel, Calc)"),
    "video": _("Video"),
    "interactive": _("Interactive exercise"),
    "image": _("Image"),
    "audio": _("Audio"),
}
# A file's format for the filter: the kind its type icon shows, PDFs apart.
FILE_FORMATS = {**TYPE_ICONS, "application/pdf": "pdf"}
# Embedded players of video hosts (``resources.embeds``); other embeds are exercises.
VIDEO_PLAYERS = ("https://www.youtube-nocookie.com/", "https://player.vimeo.com/")

REUSE_LABELS = {
    "share": _("Free to share"),
    "adapt": _("Free to adapt"),
    "commercial": _("Commercial use allowed"),
}
ACCESSIBILITY_LABELS = {"described": _("With accessibility notes")}
PICK_LABELS = {"yes": _("Moderators' picks only")}
DURATION_LABELS = {
    "short": _("A short activity (up to 15 minutes)"),
    "lesson": _("One lesson (up to an hour)"),
    "longer": _("More than one lesson"),
}
# The longest duration (minutes) of each span but the last.
DURATION_SPANS = (("short", 15), ("lesson", 60))


def duration_bucket(minutes: int | None) -> str:
    """The span a duration falls in ("" when it is not known)."""
    if not minutes:
        return ""
    return next((name for name, longest in DURATION_SPANS if minutes <= longest), "longer")


def file_format(mime_type: str) -> str:
    """The format of a file of this content type ("" for one no filter names)."""
    if mime_type in FILE_FORMATS:
        return FILE_FORMATS[mime_type]
    kind = mime_type.partition("/")[0]
    return kind if kind in ("image", "audio", "video") else ""


def address_format(url: str, kind: str, type_code: str = "") -> str:
    """The format of a link or an embed: a video or an exercise on a host we know; another
    embed by its resource type (a video, else an exercise); another link: none."""
    player = embed_src(url or "")
    if player:
        return "video" if player.startswith(VIDEO_PLAYERS) else "interactive"
    if kind == Kind.EMBED:
        return "video" if type_code == "video" else "interactive"
    return ""


def resource_formats(resource: Resource) -> list[str]:
    """The formats a resource's document carries (its published files', or its address')."""
    if resource.kind == Kind.FILE:
        found = {file_format(f.mime_type) for f in resource.files.all() if not f.pending}
    else:
        type_code = resource.resource_type.code if resource.resource_type else ""
        found = {address_format(resource.url, resource.kind, type_code)}
    return sorted(found - {""})


def document_filters(resource: Resource) -> dict[str, str | list[str]]:
    """The format, accessibility, pick and duration filter fields of a resource's document."""
    return {
        "format": resource_formats(resource),
        "accessibility": "described" if resource.accessibility_notes.strip() else "",
        "pick": "yes" if resource.picked_at else "",
        "duration": duration_bucket(resource.duration),
    }


def with_reuse_counts(
    facets: dict[str, dict[str, int]], filters: Mapping[str, str]
) -> dict[str, dict[str, int]]:
    """The facet counts with ``reuse`` added, from the licence counts, and the licence counts
    limited to the licences the reuse choice allows.

    ``facets["licence"]`` must count the matches without the licence filter and without the
    reuse filter (what the search gives when the engine's licence filter, which holds both,
    is left out) or, when neither is in use, simply the matches. A reuse option then counts
    the matches of its licences among those chosen and those the other reuse options ticked
    allow: reuse options add up (all must hold), so each count includes the choice made."""
    licences = facets.get("licence", {})
    chosen = set(filter_values(filters.get("licence", ""))) or set(licences)
    reuse = [item for item in filter_values(filters.get(REUSE, "")) if item in REUSE_LICENCES]
    allowed = set(licences)
    for item in reuse:
        allowed &= set(REUSE_LICENCES[item])
    counts = {
        item: sum(licences.get(code, 0) for code in chosen & allowed & set(permitted))
        for item, permitted in REUSE_LICENCES.items()
    }
    return facets | {
        "licence": {code: count for code, count in licences.items() if code in allowed},
        REUSE: {item: count for item, count in counts.items() if count},
    }
