"""Reads over the moderation queue."""

from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet, Value

from staffroom.accounts.models import Member
from staffroom.curriculum.queries import matching_term_ids
from staffroom.resources.models import Resource

from .models import Decision, ModerationItem, Outcome, Reason, Report, Revision
from .reports import REPORTABLE


def open_items() -> QuerySet:
    return (
        ModerationItem.objects.filter(decision="")
        .select_related(
            "resource",
            "resource__contributor",
            "resource__organisation",
            "resource__resource_type",
            "taken_by",
        )
        .prefetch_related("resource__levels__equivalent", "resource__subjects__equivalent")
    )


def moderator_scope(moderator) -> tuple[set[int], set[int]]:
    """Level and subject ids a moderator looks after, sub-terms and crosswalk included."""
    level_ids: set[int] = set()
    for level in moderator.moderated_levels.all():
        level_ids |= matching_term_ids(level)
    subject_ids: set[int] = set()
    for subject in moderator.moderated_subjects.all():
        subject_ids |= matching_term_ids(subject)
    return level_ids, subject_ids


def _in_scope(level_ids: set[int], subject_ids: set[int]) -> Q:
    """Items whose resource has one of ``level_ids`` or one of ``subject_ids``."""
    conditions = Q()
    if level_ids:
        conditions |= Q(
            Exists(
                Resource.levels.through.objects.filter(
                    resource_id=OuterRef("resource_id"), level_id__in=level_ids
                )
            )
        )
    if subject_ids:
        conditions |= Q(
            Exists(
                Resource.subjects.through.objects.filter(
                    resource_id=OuterRef("resource_id"), subject_id__in=subject_ids
                )
            )
        )
    return conditions


Scope = tuple[set[int], set[int]]


def moderator_scopes() -> list[Scope]:
    """The scope of each active moderator who looks after some levels or subjects."""
    moderators = Member.objects.filter(is_moderator=True, is_active=True).prefetch_related(
        "moderated_levels", "moderated_subjects"
    )
    scopes = [moderator_scope(moderator) for moderator in moderators]
    return [(levels, subjects) for levels, subjects in scopes if levels or subjects]


def queue_for_moderator(moderator) -> QuerySet:
    """All open items, the moderator's own first (matching their levels or subjects), each
    group oldest first. ``is_mine`` tells which is which. What the moderator contributed
    themselves is for another moderator to decide, so it is left out."""
    items = open_items().exclude(resource__contributor=moderator)
    level_ids, subject_ids = moderator_scope(moderator)
    if not (level_ids or subject_ids):
        return items.annotate(is_mine=Value(False, output_field=BooleanField()))
    conditions = _in_scope(level_ids, subject_ids)
    return items.annotate(is_mine=conditions).order_by("-is_mine", "created_at", "pk")


def queue_position(item: ModerationItem, scopes: list[Scope] | None = None) -> int | None:
    """The contributor's place in the queue: 1 + the open items before ``item`` that the
    same moderators look at first (those whose levels or subjects cover its resource; with
    none, all moderators). Re-checks are left out: they wait behind contributions and are no
    one's turn. None for a re-check itself. ``scopes`` (``moderator_scopes()``) may be passed
    in when placing several items."""
    if item.reason == Reason.RECHECK:
        return None
    if scopes is None:
        scopes = moderator_scopes()
    level_ids = set(
        Resource.levels.through.objects.filter(resource_id=item.resource_id).values_list(
            "level_id", flat=True
        )
    )
    subject_ids = set(
        Resource.subjects.through.objects.filter(resource_id=item.resource_id).values_list(
            "subject_id", flat=True
        )
    )
    covering = [
        (levels, subjects)
        for levels, subjects in scopes
        if levels & level_ids or subjects & subject_ids
    ]
    ahead = (
        ModerationItem.objects.filter(decision="")
        .exclude(reason=Reason.RECHECK)
        .filter(Q(created_at__lt=item.created_at) | Q(created_at=item.created_at, pk__lt=item.pk))
    )
    if covering:
        ahead = ahead.filter(
            _in_scope(
                set().union(*(levels for levels, _ in covering)),
                set().union(*(subjects for _, subjects in covering)),
            )
        )
    return ahead.count() + 1


def pending_edit_for(resource: Resource) -> ModerationItem | None:
    """The latest proposed edit of a published resource that still counts: waiting for a
    moderator, or sent back with a request for changes (the contributor builds on it)."""
    latest = resource.moderation_items.order_by("-created_at", "-pk").first()
    if latest and latest.proposed and (latest.is_open or latest.decision == Decision.CHANGES):
        return latest
    return None


def latest_items_for(resource_ids: list[int]) -> dict[int, ModerationItem]:
    """The most recent moderation item of each resource, in one query."""
    latest: dict[int, ModerationItem] = {}
    for item in ModerationItem.objects.filter(resource_id__in=resource_ids).order_by(
        "created_at", "pk"
    ):
        latest[item.resource_id] = item
    return latest


def open_reports() -> list[dict]:
    """Open reports grouped by what they report, most reported first: what it is, how many
    reported it and why."""
    grouped: dict = {}
    for report in Report.objects.filter(resolved_at=None).select_related("reporter"):
        grouped.setdefault((report.kind, report.object_id), []).append(report)
    rows = []
    for (kind, object_id), reports in grouped.items():
        reportable = REPORTABLE.get(kind)
        target = reportable.find(object_id) if reportable else None
        if reportable is None or target is None:
            continue
        title, excerpt, url = reportable.describe(target)
        rows.append(
            {
                "kind": kind,
                "object_id": object_id,
                "title": title,
                "excerpt": excerpt,
                "url": url,
                "author_id": reportable.author_id(target),
                "hidden": reportable.is_hidden(target),
                "reports": reports,
                # What it said before its author's edits (a post changed after a report).
                "revisions": list(Revision.objects.filter(kind=kind, object_id=object_id)),
            }
        )
    rows.sort(key=lambda row: (-len(row["reports"]), row["reports"][0].created_at))
    return rows


def recently_hidden(limit: int = 20) -> list:
    """The latest decisions to hide, one per hidden thing (several reports close together)."""
    seen, latest = set(), []
    for report in Report.objects.filter(outcome=Outcome.HIDDEN).order_by("-resolved_at")[:200]:
        if (report.kind, report.object_id) not in seen:
            seen.add((report.kind, report.object_id))
            latest.append(report)
    return latest[:limit]


def open_report_count() -> int:
    return Report.objects.filter(resolved_at=None).values("kind", "object_id").distinct().count()
