"""Tool offers: a partner organisation (or staff) offers a tool free for a period ("free
until"). An offer is a link resource with cost ``free-until``: it goes through the moderation
queue like any contribution, is listed while its period runs (``queries.offers_open``) and is
ended by the clock after its last free day (``offers_end_expired``), after which its page says
so and points to alternatives.

What a resource costs is worded here too, once for its page, its card and the offers list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from staffroom.accounts.models import Member, Organisation
from staffroom.curriculum.models import Level, ResourceType, Subject

from . import lifecycle
from . import services as resource_services
from .inputs import ResourceInput
from .licences import Licence
from .models import Cost, Kind, Resource, Status
from .queries import offers_open, published_resources

# A price as partners write it: "€ 12", "12,50 euro", "EUR 3.50", "12 €" (one amount in euro).
PRICE = re.compile(
    r"(?:€|\bEUR\b|\beuro\b)\s*(?P<before>\d{1,6}(?:[.,]\d{1,2})?)(?!\d)"
    r"|(?<![\d.,])(?P<after>\d{1,6}(?:[.,]\d{1,2})?)\s*(?:€|\bEUR\b|\beuros?\b)",
    re.IGNORECASE,
)
# The resource type an offered tool gets: it is software teachers use.
OFFER_RESOURCE_TYPE = "application"
ALTERNATIVES = 4


def may_offer(member) -> bool:
    """Members of a partner organisation and staff offer tools."""
    return bool(
        getattr(member, "is_authenticated", False)
        and (member.is_staff or member.organisations.exists())
    )


def _long_date(day: date) -> str:
    return formats.date_format(day, "j F Y")


def days_left(resource: Resource, today: date | None = None) -> int | None:
    """Days from ``today`` to an offer's last free day (0 on that day); None for no offer."""
    if resource.cost != Cost.FREE_UNTIL or resource.free_until is None:
        return None
    return (resource.free_until - (today or timezone.localdate())).days


def time_left_text(resource: Resource, today: date | None = None) -> str:
    """The time left of an offer ("12 days left", "last day today", "ended"); "" for none."""
    left = days_left(resource, today)
    if left is None:
        return ""
    if left < 0:
        return _("ended")
    if left == 0:
        return _("last day today")
    return ngettext("%(days)s day left", "%(days)s days left", left) % {"days": left}


def cost_text(resource: Resource, today: date | None = None) -> str:
    """What using the resource costs, as its page says it: "Free", "Free until 31 March 2027
    (12 days left)", "Paid: € 3 per pupil"."""
    today = today or timezone.localdate()
    if resource.cost == Cost.PAID:
        note = resource.cost_note.strip()
        return _("Paid: %(note)s") % {"note": note} if note else _("Paid")
    if resource.cost == Cost.FREE_UNTIL and resource.free_until is not None:
        until = _long_date(resource.free_until)
        if resource.free_from and resource.free_from > today:
            text = _("Free from %(start)s until %(end)s") % {
                "start": _long_date(resource.free_from),
                "end": until,
            }
        else:
            text = _("Free until %(end)s") % {"end": until}
        left = days_left(resource, today)
        if left is not None and left >= 0:
            text = f"{text} ({time_left_text(resource, today)})"
        return text
    return _("Free")


def is_free_on(resource: Resource, today: date | None = None) -> bool:
    """Whether using it costs nothing ``today``: free, or an offer whose period runs."""
    if resource.cost == Cost.FREE:
        return True
    if resource.cost != Cost.FREE_UNTIL or resource.free_until is None:
        return False
    today = today or timezone.localdate()
    return (resource.free_from is None or resource.free_from <= today) and (
        today <= resource.free_until
    )


def price_in_euro(note: str) -> str | None:
    """The one amount in euro that a price note names ("€ 3 per pupil" -> "3.00"), as
    schema.org's ``price`` writes it; None when it names none or several (then only the
    note's words can say it)."""
    found = {
        (match.group("before") or match.group("after")).replace(",", ".")
        for match in PRICE.finditer(note or "")
    }
    if len(found) != 1:
        return None
    return f"{float(found.pop()):.2f}"


def schema_offer(
    *,
    paid: bool,
    note: str = "",
    starts: date | None = None,
    ends: date | None = None,
    url: str = "",
) -> dict:
    """A schema.org ``Offer``: the price in euro when the note names one (else the note as its
    description), a free period as price 0 with its availability dates."""
    offer: dict = {"type": "Offer"}
    price = price_in_euro(note) if paid else "0"
    if price is not None:
        offer["price"] = price
        offer["priceCurrency"] = "EUR"
    if note.strip():
        offer["description"] = note.strip()
    if starts:
        offer["availabilityStarts"] = starts.isoformat()
    if ends:
        offer["availabilityEnds"] = ends.isoformat()
    if url:
        offer["url"] = url
    return offer


def resource_offers(resource: Resource) -> list[dict]:
    """The schema.org offers of a resource that is paid or free for a period (none if free)."""
    if resource.cost == Cost.PAID:
        return [schema_offer(paid=True, note=resource.cost_note)]
    if resource.cost == Cost.FREE_UNTIL:
        return [
            schema_offer(
                paid=False,
                note=resource.cost_note,
                starts=resource.free_from,
                ends=resource.free_until,
            )
        ]
    return []


@dataclass(kw_only=True)
class OfferInput:
    """What a partner says about the tool it offers."""

    title: str
    description: str
    url: str
    # The conditions: who may use it free, what one must do.
    cost_note: str = ""
    levels: Sequence[Level] = field(default_factory=list)
    subjects: Sequence[Subject] = field(default_factory=list)
    free_from: date | None = None
    free_until: date | None = None
    organisation: Organisation | None = None

    def __post_init__(self) -> None:
        self.title = (self.title or "").strip()
        self.cost_note = (self.cost_note or "").strip()
        self.description = (self.description or "").replace("\r\n", "\n")

    def problems(self, today: date) -> dict[str, str]:
        """What only an offer needs beyond a resource's rules: a period that has not ended."""
        if self.free_until is not None and self.free_until < today:
            return {"free_until": _("The last free day has already passed: choose a later date.")}
        return {}

    def as_resource_input(self) -> ResourceInput:
        # A partner's own description carries its rights reserved; staff write under CC BY
        # (all rights reserved is only for partner content).
        licence = Licence.ALL_RIGHTS_RESERVED if self.organisation else Licence.BY
        return ResourceInput(
            title=self.title,
            description=self.description,
            url=self.url,
            kind=Kind.LINK,
            levels=list(self.levels),
            subjects=list(self.subjects),
            resource_type=ResourceType.objects.filter(code=OFFER_RESOURCE_TYPE).first(),
            licence=licence,
            organisation=self.organisation,
            cost=Cost.FREE_UNTIL,
            cost_note=self.cost_note,
            free_from=self.free_from,
            free_until=self.free_until,
        )


@transaction.atomic
def offer_submit(*, member: Member, data: OfferInput, today: date | None = None) -> Resource:
    """A partner's (or staff member's) offer of a tool, sent to the moderation queue as a link
    resource that is free until a date. Raises PermissionDenied for other members and
    ValidationError (by field) when the offer is incomplete; then nothing is kept."""
    if not may_offer(member):
        raise PermissionDenied
    if (
        data.organisation is not None
        and not member.organisations.filter(pk=data.organisation.pk).exists()
    ):
        raise PermissionDenied
    resource_input = data.as_resource_input()
    errors = resource_services.resource_submission_errors(
        resource_input, has_files=False, organisation=data.organisation
    )
    errors.update(data.problems(today or timezone.localdate()))
    if errors:
        raise ValidationError(errors)
    resource = resource_services.resource_save_draft(
        contributor=member, data=resource_input, uploads=[]
    )
    resource_services.resource_submit(resource=resource, contributor=member)
    resource.refresh_from_db()
    return resource


def offers_expired(today: date | None = None) -> QuerySet[Resource]:
    """Published offers whose last free day is before ``today``: the clock ends them."""
    return Resource.objects.filter(
        status=Status.PUBLISHED,
        cost=Cost.FREE_UNTIL,
        free_until__lt=today or timezone.localdate(),
    )


def offers_end_expired(today: date | None = None) -> int:
    """End every published offer whose period is over (``lifecycle.resource_end_offer``):
    offline in search and OAI-PMH, its page public with alternatives. Each in its own
    transaction with the row locked and checked again, so an edit published meanwhile (a new
    period) wins and two clocks never end one twice. Returns how many ended."""
    today = today or timezone.localdate()
    ended = 0
    for pk in list(offers_expired(today).values_list("pk", flat=True)):
        with transaction.atomic():
            resource = offers_expired(today).select_for_update().filter(pk=pk).first()
            if resource is not None and lifecycle.resource_end_offer(resource):
                ended += 1
    return ended


def offer_alternatives(resource: Resource, *, today: date | None = None) -> dict:
    """What an ended offer's page points to: offers open now for its levels or subjects, and
    published resources of the same subjects (of its type first, most used first)."""
    levels = list(resource.levels.all())
    subjects = list(resource.subjects.all())
    offers = list(offers_open(levels=levels or None, today=today).exclude(pk=resource.pk))
    if subjects:
        subject_ids = {subject.pk for subject in subjects}
        # The same levels first, then those also sharing a subject.
        offers.sort(key=lambda offer: not subject_ids & {s.pk for s in offer.listed_subjects})
    similar = (
        published_resources()
        .exclude(pk=resource.pk)
        .exclude(cost=Cost.FREE_UNTIL)
        .filter(subjects__in=subjects)
        .annotate(shared=Count("subjects", filter=Q(subjects__in=subjects)))
        .order_by("-shared", "-download_count", "-pk")
    )
    if resource.resource_type_id:
        same_type = list(similar.filter(resource_type_id=resource.resource_type_id)[:ALTERNATIVES])
        others = similar.exclude(pk__in=[found.pk for found in same_type])
        similar_list = same_type + list(others[: ALTERNATIVES - len(same_type)])
    else:
        similar_list = list(similar[:ALTERNATIVES])
    return {"offers": offers[:ALTERNATIVES], "similar": similar_list}
