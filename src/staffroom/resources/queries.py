"""Reads over resources that pages, the API and tasks share."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from staffroom.curriculum.models import Level, ResourceType, Subject
from staffroom.curriculum.queries import (
    filter_by_terms,
    level_by_code,
    matching_term_ids,
    resource_type_by_code,
    subject_by_code,
    terms_by_id,
)

from .licences import Licence
from .models import (
    ContentLanguage,
    Cost,
    Folder,
    Kind,
    Rating,
    Reply,
    Resource,
    ResourceFile,
    ResourceQuerySet,
    Status,
)


def with_listing_data(queryset: QuerySet[Resource]) -> ResourceQuerySet:
    """What a resource card shows, fetched in a fixed number of queries."""
    # Every queryset of resources comes from their manager, so it is a ResourceQuerySet.
    resources = cast(ResourceQuerySet, queryset)
    return (
        resources.select_related("resource_type", "contributor", "organisation")
        .prefetch_related(
            # Cards show the first public file's preview; the extracted text can be large.
            Prefetch(
                "files",
                queryset=ResourceFile.objects.filter(pending=False).defer("extracted_text"),
                to_attr="listed_files",
            ),
        )
        .with_terms()
    )


def published_resources() -> QuerySet:
    return with_listing_data(Resource.objects.published())


# The number after /resources/ in an address on this site, or a bare number. Digits elsewhere
# in an address (127.0.0.1:8000, a host name) are not the resource; more than 12 digits is no
# id of ours (and would overflow the database's integer).
RESOURCE_REFERENCE = re.compile(r"/resources/(\d{1,12})(?:/|$|\?|#)|^(\d{1,12})$")
# A publisher filter value: "member:12" (a teacher's own resources) or "organisation:3".
PUBLISHER_KEY = re.compile(r"(member|organisation):([0-9]{1,12})")


def resource_number(reference: str) -> int | None:
    """The resource id a member means by ``reference`` (an address copied from a resource's
    page, or its number), or None."""
    found = RESOURCE_REFERENCE.search(reference.strip())
    return int(found.group(1) or found.group(2)) if found else None


def published_by_reference(references: list[str]) -> tuple[dict[str, Resource], list[str]]:
    """The published resources ``references`` name, by reference, and the references that
    name none."""
    numbers = {reference: resource_number(reference) for reference in references}
    published = Resource.objects.published().in_bulk(
        [number for number in numbers.values() if number]
    )
    found = {ref: published[number] for ref, number in numbers.items() if number in published}
    return found, [reference for reference in references if reference not in found]


def publisher_key(key: str) -> tuple[str, int] | None:
    """("member" or "organisation", id) from a publisher filter value, or None."""
    matched = PUBLISHER_KEY.fullmatch(key)
    return (matched[1], int(matched[2])) if matched else None


def filter_by_publisher(queryset: QuerySet, key: str) -> QuerySet:
    """Resources of an organisation, or a teacher's own (not those they published for an
    organisation); an unknown key filters nothing."""
    publisher = publisher_key(key)
    if publisher is None:
        return queryset
    kind, pk = publisher
    if kind == "organisation":
        return queryset.filter(organisation_id=pk)
    return queryset.filter(contributor_id=pk, organisation=None)


@dataclass(frozen=True)
class ResourceFilters:
    """Filters of the browse page; unknown values are dropped, never an error."""

    level: Level | None = None
    subject: Subject | None = None
    resource_type: ResourceType | None = None
    language: str = ""
    licence: str = ""
    kind: str = ""
    cost: str = ""

    @classmethod
    def from_query(cls, params) -> "ResourceFilters":
        language = params.get("language", "")
        licence = params.get("licence", "")
        kind = params.get("kind", "")
        cost = params.get("cost", "")
        return cls(
            level=level_by_code(params.get("level", "")),
            subject=subject_by_code(params.get("subject", "")),
            resource_type=resource_type_by_code(params.get("type", "")),
            language=language if language in ContentLanguage.values else "",
            licence=licence if licence in Licence.values else "",
            kind=kind if kind in Kind.values else "",
            cost=cost if cost in Cost.values else "",
        )

    @property
    def active(self) -> bool:
        return any(
            (
                self.level,
                self.subject,
                self.resource_type,
                self.language,
                self.licence,
                self.kind,
                self.cost,
            )
        )


def resources_filtered(filters: ResourceFilters, order: str = "newest") -> QuerySet:
    """Published resources matching ``filters``; a level or subject includes its sub-terms and
    the other region's crosswalked terms."""
    queryset: QuerySet = Resource.objects.published()
    queryset = filter_by_terms(queryset, level=filters.level, subject=filters.subject)
    if filters.resource_type:
        queryset = queryset.filter(resource_type=filters.resource_type)
    if filters.language:
        queryset = queryset.filter(language=filters.language)
    if filters.licence:
        queryset = queryset.filter(licence=filters.licence)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.cost:
        queryset = queryset.filter(cost=filters.cost)
    ordering = {
        "newest": ["-published_at", "-pk"],
        "popular": ["-download_count", "-published_at", "-pk"],
        "title": ["title", "pk"],
    }.get(order, ["-published_at", "-pk"])
    return with_listing_data(queryset.order_by(*ordering))


def published_counts_by_level(levels) -> dict[str, int]:
    """How many published resources each level's filter finds (sub-levels and crosswalk in)."""
    return Resource.objects.published().aggregate(
        **{
            level.code: Count("pk", filter=Q(levels__in=matching_term_ids(level)), distinct=True)
            for level in levels
        }
    )


def resources_newest(limit: int = 8) -> list[Resource]:
    return list(published_resources().order_by("-published_at", "-pk")[:limit])


def resources_popular(limit: int = 8) -> list[Resource]:
    return list(published_resources().order_by("-download_count", "-published_at")[:limit])


def resources_for_levels(
    levels: list[Level], *, order: str = "newest", limit: int = 8, not_by: int | None = None
) -> list:
    """Published resources for any of ``levels`` (sub-levels and the crosswalk included), the
    newest or the most downloaded first, leaving out those contributed by member ``not_by``: a
    teacher's home page (which never offers them their own)."""
    ids = set().union(*(matching_term_ids(level) for level in levels))
    tagged = Resource.levels.through.objects.filter(level_id__in=ids).values("resource_id")
    ordering = (
        ["-download_count", "-published_at", "-pk"]
        if order == "popular"
        else ["-published_at", "-pk"]
    )
    found = published_resources().filter(pk__in=tagged)
    if not_by is not None:
        found = found.exclude(contributor_id=not_by)
    return list(found.order_by(*ordering)[:limit])


def offers_open(
    *, levels: list[Level] | None = None, subjects: list[Subject] | None = None, today=None
) -> QuerySet:
    """Published "free until" offers whose period runs today, the soonest ending first;
    narrowed to ``levels`` or ``subjects`` (sub-levels and the crosswalk included) when given.
    The clock ends an offer the day after ``free_until``; the date filter keeps one that the
    clock has not reached yet out of the lists."""
    today = today or timezone.localdate()
    found = (
        published_resources()
        .filter(cost=Cost.FREE_UNTIL, free_until__gte=today)
        .filter(Q(free_from__isnull=True) | Q(free_from__lte=today))
    )
    if levels:
        ids = set().union(*(matching_term_ids(level) for level in levels))
        found = found.filter(
            pk__in=Resource.levels.through.objects.filter(level_id__in=ids).values("resource_id")
        )
    if subjects:
        found = found.filter(
            pk__in=Resource.subjects.through.objects.filter(
                subject_id__in=[subject.pk for subject in subjects]
            ).values("resource_id")
        )
    return found.order_by("free_until", "-published_at", "-pk")


def may_see_unpublished(resource: Resource, member) -> bool:
    """The contributor and staff see drafts and files waiting for review; moderators once
    the contributor has submitted them (a draft is nobody else's business)."""
    if not member.is_authenticated:
        return False
    if member.pk == resource.contributor_id or member.is_staff:
        return True
    return member.is_moderator and resource.submitted_at is not None


def resource_files_for(resource: Resource, member) -> list:
    """The files ``member`` may see: files of a pending edit only for those who review it."""
    files = list(resource.files.all())
    if may_see_unpublished(resource, member):
        return files
    return [resource_file for resource_file in files if not resource_file.pending]


def resource_visible_to(resource: Resource, member) -> bool:
    """Published resources are public, and so is an ended offer's page (it says so and
    points to alternatives); others only to their contributor, moderators, staff."""
    return (
        resource.is_published
        or resource.status == Status.ENDED
        or may_see_unpublished(resource, member)
    )


def resource_detail(pk: int) -> Resource | None:
    return (
        with_listing_data(Resource.objects.all())
        .select_related("based_on", "based_on__contributor", "based_on__organisation")
        .select_related("manual_for", "manual_for__contributor", "manual_for__organisation")
        .filter(pk=pk)
        .first()
    )


# "Colleagues who used this also used": (resource, viewer or None) -> resources. The app that
# knows usage (insight, above this one) registers it in its AppConfig.ready; without it a
# resource page shows no such list.
AlsoUsed = Callable[[Resource, Any], list[Resource]]
_also_used: AlsoUsed | None = None


def register_also_used(provider: AlsoUsed | None) -> None:
    """Set (or, with None, remove) what lists the resources colleagues also used."""
    global _also_used
    _also_used = provider


def resources_also_used(resource: Resource, member) -> list[Resource]:
    """Published resources the members who used ``resource`` also used (none of the viewer's
    own); empty when no provider is registered or the resource is not public."""
    if _also_used is None or not resource.is_published:
        return []
    viewer = member if member is not None and member.is_authenticated else None
    return _also_used(resource, viewer)


def resources_remixed_from(resource: Resource) -> list[Resource]:
    return list(resource.remixes.published().select_related("contributor", "organisation"))


def resource_manuals(resource: Resource) -> list[Resource]:
    """The published manuals of a tool or resource ("Handleiding voor ...")."""
    return list(
        resource.manuals.published()
        .select_related("contributor", "organisation")
        .order_by("-published_at", "-pk")
    )


def resources_more_by_publisher(resource: Resource, limit: int = 4) -> list[Resource]:
    queryset = published_resources().exclude(pk=resource.pk)
    if resource.organisation_id:
        queryset = queryset.filter(organisation_id=resource.organisation_id)
    else:
        queryset = queryset.filter(contributor_id=resource.contributor_id, organisation=None)
    return list(queryset.order_by("-published_at")[:limit])


def resources_published_by_member(member) -> QuerySet:
    return published_resources().filter(contributor=member, organisation=None)


def resources_published_by_organisation(organisation) -> QuerySet:
    return published_resources().filter(organisation=organisation)


def resources_of_contributor(member) -> QuerySet:
    return (
        Resource.objects.filter(contributor=member)
        .select_related("resource_type", "organisation")
        .order_by("-updated_at")
    )


@dataclass
class Feedback:
    """What a resource page shows of colleagues' ratings and replies."""

    # (level as the viewer names it, how many used it there), most used first
    used_with: list
    own_rating: Rating | None  # the viewer's
    replies: list  # top-level replies, each with ``thread``: its answers in order


def feedback_for(resource: Resource, member, region: str) -> Feedback:
    used: dict = {}
    for level_id in resource.ratings.exclude(used_with=None).values_list("used_with", flat=True):
        level = terms_by_id(Level)[level_id].in_region(region)
        used[level] = used.get(level, 0) + 1
    own = (
        Rating.objects.filter(resource=resource, member=member).first()
        if member.is_authenticated
        else None
    )
    replies = list(Reply.objects.filter(resource=resource).select_related("author"))
    threads: dict = {}
    for reply in replies:
        threads.setdefault(reply.parent_id, []).append(reply)
    top = threads.get(None, [])
    for reply in top:
        reply.thread = threads.get(reply.pk, [])
    return Feedback(
        used_with=sorted(used.items(), key=lambda item: -item[1]), own_rating=own, replies=top
    )


def folders_of(member):
    return member.folders.annotate(size=Count("items")).order_by("name", "pk")


def folder_resources(folder):
    """The published resources in a folder in its owner's order: last saved first until they
    are moved on the collection page (ones taken offline since are left out)."""
    return with_listing_data(
        Resource.objects.published().filter(folder_items__folder=folder)
    ).order_by("folder_items__position", "-folder_items__added_at", "-folder_items__pk")


def shared_folder(token: str):
    if not token:
        return None
    return Folder.objects.select_related("member").filter(share_token=token).first()
