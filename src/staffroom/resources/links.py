"""Links that stay alive: the web addresses of published link and embed resources are checked
(``core.linkcheck``) and what was found is kept in ``LinkCheck``, one row per resource.

A link that stops working (dead) or moved for good (moved) marks the resource: search ranks
it lower, its page says so, and its contributor and the moderators of its levels are told
once, when it turns so, and find it in their lists of links to fix. A moved link is fixed in
one click by its contributor (the new address goes through the ordinary edit and its review).
A link still dead ``LINKCHECK_GRACE_DAYS`` after it was first found dead is taken offline
(``lifecycle.resource_withdraw``) and its contributor told why.

A check is about the address it checked (``redirects``/``final_url`` start from it): once the
resource's address changes, its row is dropped and the new address is checked first.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Max, Q, QuerySet
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from staffroom.accounts.models import Member
from staffroom.core import linkcheck
from staffroom.core.linkcheck import LinkOutcome
from staffroom.curriculum.queries import matching_term_ids
from staffroom.notifications.messages import register_message
from staffroom.notifications.services import notify

from . import lifecycle
from .inputs import ResourceInput
from .models import Kind, LinkCheck, LinkState, Resource, Status
from .review import pending_edit_values, resource_changed
from .services import resource_propose_edit

LINK_KINDS = (Kind.LINK, Kind.EMBED)
# How many due links are read from the database at a time while a run goes through them.
BATCH = 100


def checked_url(check: LinkCheck) -> str:
    return linkcheck.checked_url(check.redirects, check.final_url)


def check_moved_to(check: LinkCheck) -> str:
    return linkcheck.moved_to(check.redirects)


def current_link_check(resource: Resource) -> LinkCheck | None:
    """The last check of the resource's present address (None: none yet, or not a link)."""
    if resource.kind not in LINK_KINDS:
        return None
    check = getattr(resource, "link_check", None)  # no row: the reverse accessor raises
    if check is None or checked_url(check) != resource.url:
        return None
    return check


def resource_link_state(resource: Resource) -> str:
    """What search ranks a resource's link by: ``ok`` unless its last check found otherwise."""
    check = current_link_check(resource)
    return check.state if check is not None else LinkState.OK


# --- Checking ---


def links_due(now: datetime | None = None) -> Iterator[tuple[int, str]]:
    """(resource id, address) of published links and embeds never checked or not checked for
    ``LINKCHECK_EVERY_DAYS``, the least recently checked first; read a batch at a time, as far
    as the run goes."""
    before = (now or timezone.now()) - timedelta(days=settings.LINKCHECK_EVERY_DAYS)
    due = (
        Resource.objects.published()
        .filter(kind__in=LINK_KINDS)
        .exclude(url="")
        .filter(Q(link_check__isnull=True) | Q(link_check__checked_at__lt=before))
        .order_by(F("link_check__checked_at").asc(nulls_first=True), "pk")
    )
    seen: set[int] = set()
    while batch := list(due.exclude(pk__in=seen).values_list("pk", "url")[:BATCH]):
        for pk, url in batch:
            seen.add(pk)
            yield pk, url


def _moderators_of(resource: Resource) -> list[Member]:
    """Active moderators whose levels (sub-levels and the other region's equivalents included)
    cover one of the resource's levels; never its contributor, who is told as contributor."""
    level_ids = set(resource.levels.values_list("pk", flat=True))
    moderators = (
        Member.objects.filter(is_moderator=True, is_active=True)
        .exclude(pk=resource.contributor_id)
        .prefetch_related("moderated_levels")
    )
    return [
        moderator
        for moderator in moderators
        if any(matching_term_ids(level) & level_ids for level in moderator.moderated_levels.all())
    ]


def _tell_about(resource: Resource, check: LinkCheck) -> None:
    params = {
        "title": resource.title,
        "url": resource.url,
        "moved_to": check_moved_to(check),
        "grace_days": settings.LINKCHECK_GRACE_DAYS,
    }
    contributor = resource.contributor
    if contributor is not None and contributor.is_active:
        kind = "link_moved" if check.state == LinkState.MOVED else "link_dead"
        notify(member=contributor, kind=kind, params=params, url=resource.get_absolute_url())
    for moderator in _moderators_of(resource):
        notify(
            member=moderator,
            kind="link_to_fix",
            params=params,
            url=reverse("resources:links_report"),
        )


def _withdraw_dead(resource: Resource, check: LinkCheck) -> None:
    """Take the resource offline: its link stayed dead through the grace period. The check is
    dropped with it: published again (fixed or not), it is checked afresh."""
    since = formats.date_format(timezone.localtime(check.failing_since), "DATE_FORMAT")
    lifecycle.resource_withdraw(resource)
    check.delete()
    contributor = resource.contributor
    if contributor is not None and contributor.is_active:
        notify(
            member=contributor,
            kind="link_withdrawn",
            params={"title": resource.title, "url": resource.url, "since": since},
            url=reverse("resources:mine"),
        )


def link_check_record(resource_id: int, outcome: LinkOutcome, now: datetime | None = None) -> None:
    """Store a check of a resource's address and act on a change (see the module's
    description). An outcome about an address the resource no longer has is ignored."""
    now = now or timezone.now()
    with transaction.atomic():
        resource = (
            Resource.objects.select_for_update()
            .select_related("contributor")
            .filter(pk=resource_id, status=Status.PUBLISHED, kind__in=LINK_KINDS)
            .first()
        )
        if resource is None or resource.url != outcome.checked_url:
            return
        check = LinkCheck.objects.filter(resource=resource).first() or LinkCheck(resource=resource)
        before = check.state or LinkState.OK
        check.state = outcome.state
        check.status_code = outcome.status_code
        check.final_url = outcome.final_url[:1000]
        check.redirects = outcome.redirects
        check.error = outcome.error[:300]
        check.checked_at = now
        # The grace period counts from the first check that found the link in this state.
        if outcome.state == LinkState.OK:
            check.failing_since = None
        elif before != outcome.state or check.failing_since is None:
            check.failing_since = now
        check.save()
        if before == outcome.state:
            grace = timedelta(days=settings.LINKCHECK_GRACE_DAYS)
            failing_since = check.failing_since
            if check.state == LinkState.DEAD and failing_since and failing_since <= now - grace:
                _withdraw_dead(resource, check)
            return
        # Search ranks by the link's state.
        lifecycle.resource_changed_on_commit(resource)
        if check.state != LinkState.OK:
            _tell_about(resource, check)


def links_check_run(limit: int | None = None) -> dict[str, int]:
    """Check the links that are due, those of resources and of every other registered source
    (``core.linkcheck.register_link_source``), up to ``limit`` (``LINKCHECK_PER_RUN``)."""
    limit = settings.LINKCHECK_PER_RUN if limit is None else limit
    return dict(linkcheck.check_registered_links(limit=limit))


def link_check_follow_change(sender, *, resource_id: int, **kwargs) -> None:
    """A resource changed (``resource_changed``): a check of an address it no longer has is
    dropped, so that its page and search stop showing it and the new address is due first."""
    check = LinkCheck.objects.filter(resource_id=resource_id).select_related("resource").first()
    if check is not None and checked_url(check) != check.resource.url:
        check.delete()


# --- Fixing ---


@transaction.atomic
def link_accept_move(*, resource: Resource, member: Member):
    """The contributor takes the address their link moved to, in one click: an edit of the
    address, reviewed as any edit. Returns the queue item."""
    if resource.contributor_id != member.pk:
        raise PermissionDenied
    check = current_link_check(resource)
    if check is None or check.state != LinkState.MOVED or not check_moved_to(check):
        raise ValidationError(_("This link has not moved (or was checked again since)."))
    return resource_propose_edit(
        resource=resource,
        contributor=member,
        data=ResourceInput(url=check_moved_to(check)),
        uploads=[],
    )


# --- Wiring (``ResourcesConfig.ready``) ---

MESSAGES = {
    "link_dead": gettext_lazy(
        "The link of “%(title)s” did not work when we checked it. Correct the address, or it "
        "is taken offline after %(grace_days)s days."
    ),
    "link_moved": gettext_lazy(
        "The link of “%(title)s” has moved to %(moved_to)s: take the new address in one click."
    ),
    "link_to_fix": gettext_lazy("A link to fix in your levels: “%(title)s”"),
    "link_withdrawn": gettext_lazy(
        "“%(title)s” was taken offline: its link has not worked since %(since)s. Correct the "
        "address and submit it again."
    ),
}


def link_checks_connect() -> None:
    """Have resources' links checked, their notices worded, and a changed address checked
    afresh."""
    linkcheck.register_link_source("resources", links=links_due, record=link_check_record)
    for kind, message in MESSAGES.items():
        register_message(kind, message)
    resource_changed.connect(link_check_follow_change, dispatch_uid="resource-link-check")


# --- Reading ---


@dataclass
class LinkToFix:
    resource: Resource
    check: LinkCheck
    moved_to: str
    # The new address waits for a moderator (the contributor accepted it).
    fix_waiting: bool


def _to_fix(checks: QuerySet[LinkCheck], *, with_pending: bool = False) -> list[LinkToFix]:
    rows = []
    for check in checks:
        if checked_url(check) != check.resource.url:
            continue
        new = check_moved_to(check)
        waiting = False
        if with_pending and new:
            pending = pending_edit_values(check.resource) or {}
            waiting = pending.get("url") == new
        rows.append(LinkToFix(check.resource, check, new, waiting))
    return rows


def _broken_checks() -> QuerySet[LinkCheck]:
    return (
        LinkCheck.objects.filter(
            resource__status=Status.PUBLISHED, state__in=[LinkState.DEAD, LinkState.MOVED]
        )
        .select_related("resource", "resource__contributor", "resource__organisation")
        .order_by("failing_since", "pk")
    )


def links_to_fix_for_contributor(member: Member) -> list[LinkToFix]:
    """The member's published resources whose link is dead or moved, longest first."""
    return _to_fix(_broken_checks().filter(resource__contributor=member), with_pending=True)


def links_to_fix_for_moderator(member: Member) -> list[LinkToFix]:
    """Dead and moved links in the moderator's levels (all of them for a moderator without
    levels, as the moderation queue shows them all)."""
    if not (member.is_moderator or member.is_staff):
        raise PermissionDenied
    level_ids: set[int] = set()
    for level in member.moderated_levels.all():
        level_ids |= matching_term_ids(level)
    checks = _broken_checks()
    if level_ids:
        checks = checks.filter(resource__levels__in=level_ids).distinct()
    return _to_fix(checks)


@dataclass
class LinkReport:
    counts: dict[str, int]
    unchecked: int
    last_checked: datetime | None
    dead: list[LinkToFix]
    moved: list[LinkToFix]


def link_report(member: Member) -> LinkReport:
    """The staff's view: links per state, those never checked, the last check, and the dead
    and moved links with since when."""
    if not member.is_staff:
        raise PermissionDenied
    checked = LinkCheck.objects.filter(resource__status=Status.PUBLISHED)
    counts = {state: 0 for state in LinkState.values}
    counts.update(dict(checked.values_list("state").annotate(n=Count("pk")).order_by()))
    unchecked = (
        Resource.objects.published()
        .filter(kind__in=LINK_KINDS, link_check__isnull=True)
        .exclude(url="")
        .count()
    )
    broken = _to_fix(_broken_checks())
    return LinkReport(
        counts=counts,
        unchecked=unchecked,
        last_checked=checked.aggregate(last=Max("checked_at"))["last"],
        dead=[row for row in broken if row.check.state == LinkState.DEAD],
        moved=[row for row in broken if row.check.state == LinkState.MOVED],
    )
