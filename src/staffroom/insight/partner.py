"""Partner insight: how teachers use what one partner organisation publishes and promotes.

A partner sees, for a period of whole months, each of its resources' views and downloads (from
the daily rollups, never the raw events), the ratings and replies it got (so it can answer
them), and for each promotion how many members it was meant for, how many messages went out
and how often its link was followed. Every figure is read in a fixed number of queries per
page, grouped per resource and month by the database; a block in the weekly newsletter costs
one query of its own, because its audience is the order's and not the whole issue's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from staffroom.accounts.models import Member, Organisation
from staffroom.core import usage
from staffroom.core.spreadsheet import csv_text
from staffroom.newsletter.models import (
    Delivery,
    DeliveryStatus,
    LinkClick,
    Mailing,
    MailingKind,
    OrderStatus,
    PromotionKind,
    PromotionOrder,
)
from staffroom.newsletter.queries import members_in_audience, week_start
from staffroom.resources.models import Rating, Reply, Resource

from .models import DailyCount

# The periods a partner chooses from, in months; the first full year is the default.
PERIOD_CHOICES = (3, 6, 12, 24)
DEFAULT_MONTHS = 12
# Orders that were (or will be) sent: requested, rejected and cancelled ones reached nobody.
PROMOTED = (OrderStatus.APPROVED, OrderStatus.INVOICED, OrderStatus.PAID, OrderStatus.SENT)


# --- who may look ---------------------------------------------------------------------------


def may_see_insight(member: Member, organisation: Organisation) -> bool:
    """The organisation's own members and staff: the figures are the partner's business."""
    if not member.is_authenticated:
        return False
    return member.is_staff or organisation.members.filter(pk=member.pk).exists()


def organisations_of(member: Member) -> QuerySet[Organisation]:
    """The partner organisations a member belongs to, by name."""
    return Organisation.objects.filter(members=member).order_by("name")


# --- the period -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Whole calendar months ending with the current one (which is still running)."""

    months: tuple[date, ...]  # the first day of each month, oldest first

    @property
    def start(self) -> date:
        return self.months[0]

    @property
    def end(self) -> date:
        """The first day after the period."""
        return _add_months(self.months[-1], 1)

    @property
    def start_moment(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def end_moment(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.end, time.min))


def _add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def period_of(months: object, today: date | None = None) -> Period:
    """The last ``months`` months up to today's; anything but an offered choice (a typed
    address, a bad number) gives the default rather than an error."""
    try:
        count = int(str(months))
    except ValueError:
        count = DEFAULT_MONTHS
    if count not in PERIOD_CHOICES:
        count = DEFAULT_MONTHS
    current = (today or timezone.localdate()).replace(day=1)
    return Period(tuple(_add_months(current, back) for back in range(1 - count, 1)))


# --- resources ------------------------------------------------------------------------------


@dataclass
class MonthFigures:
    month: date
    views: int = 0
    downloads: int = 0
    ratings: int = 0
    stars: int = 0  # the sum of the stars given, for the average
    replies: int = 0

    @property
    def average(self) -> float | None:
        """The average of the ratings given in the month; None without any."""
        return self.stars / self.ratings if self.ratings else None

    @property
    def is_empty(self) -> bool:
        return not (self.views or self.downloads or self.ratings or self.replies)

    def add(self, other: MonthFigures) -> None:
        self.views += other.views
        self.downloads += other.downloads
        self.ratings += other.ratings
        self.stars += other.stars
        self.replies += other.replies


@dataclass
class ResourceFigures:
    resource: Resource
    months: list[MonthFigures]
    total: MonthFigures
    # The newest reply of the period (by someone outside the organisation), to answer it.
    latest_reply_id: int | None = None

    @property
    def replies_url(self) -> str:
        anchor = f"#reply-{self.latest_reply_id}" if self.latest_reply_id else "#replies"
        return self.resource.get_absolute_url() + anchor

    @property
    def active_months(self) -> list[MonthFigures]:
        """The months with anything in them, newest first (what the page lists)."""
        return [month for month in reversed(self.months) if not month.is_empty]


@dataclass
class ResourceInsight:
    resources: list[ResourceFigures]
    months: list[MonthFigures]  # all resources together, oldest first
    total: MonthFigures


def _month_key(value: date | datetime) -> date:
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


def resources_of(organisation: Organisation) -> QuerySet[Resource]:
    """The organisation's resources that teachers could have seen: every one ever published
    (a withdrawn or hidden one keeps the figures of its published months)."""
    return Resource.objects.filter(organisation=organisation, published_at__isnull=False).order_by(
        "title", "pk"
    )


def resource_insight(organisation: Organisation, period: Period) -> ResourceInsight:
    """Views, downloads, ratings and replies of each of the organisation's resources per month
    of ``period``, in four queries whatever the number of resources and months.

    Views and downloads are the rollups' totals (``level_id`` 0, summed over the regions).
    Ratings count those given in the month, with their average; replies count those of
    colleagues outside the organisation (its own members' answers are not feedback) that a
    moderator has not hidden.
    """
    resources = list(resources_of(organisation))
    cells: dict[tuple[int, date], MonthFigures] = {}

    def cell(resource_id: int, month: date) -> MonthFigures:
        key = (resource_id, _month_key(month))
        if key not in cells:
            cells[key] = MonthFigures(key[1])
        return cells[key]

    resource_ids = resources_of(organisation).values("pk")
    counts = (
        DailyCount.objects.filter(
            kind__in=[usage.RESOURCE_VIEW, usage.DOWNLOAD],
            level_id=0,
            object_id__in=resource_ids,
            day__gte=period.start,
            day__lt=period.end,
        )
        .annotate(month=TruncMonth("day"))
        .values_list("object_id", "kind", "month")
        .annotate(total=Sum("count"))
        .order_by()
    )
    for object_id, kind, month, total in counts:
        figures = cell(object_id, month)
        if kind == usage.RESOURCE_VIEW:
            figures.views += total
        else:
            figures.downloads += total

    ratings = (
        Rating.objects.filter(
            resource__in=resource_ids,
            created_at__gte=period.start_moment,
            created_at__lt=period.end_moment,
        )
        .annotate(month=TruncMonth("created_at"))
        .values_list("resource_id", "month")
        .annotate(given=Count("pk"), stars=Sum("stars"))
        .order_by()
    )
    for resource_id, month, given, stars in ratings:
        figures = cell(resource_id, month)
        figures.ratings += given
        figures.stars += stars or 0

    replies = (
        Reply.objects.filter(
            resource__in=resource_ids,
            created_at__gte=period.start_moment,
            created_at__lt=period.end_moment,
            hidden_at__isnull=True,
        )
        .exclude(author__in=organisation.members.values("pk"))
        .values_list("pk", "resource_id", "created_at")
        .order_by("created_at", "pk")
    )
    latest: dict[int, int] = {}
    for reply_id, resource_id, created_at in replies:
        cell(resource_id, created_at).replies += 1
        latest[resource_id] = reply_id

    overall = [MonthFigures(month) for month in period.months]
    listed = []
    for resource in resources:
        months = [cells.get((resource.pk, month)) or MonthFigures(month) for month in period.months]
        total = MonthFigures(period.start)
        for month, summed in zip(months, overall, strict=True):
            total.add(month)
            summed.add(month)
        listed.append(ResourceFigures(resource, months, total, latest.get(resource.pk)))
    grand = MonthFigures(period.start)
    for month in overall:
        grand.add(month)
    # The most used first: what a partner looks for first.
    listed.sort(key=lambda row: (-row.total.views, -row.total.downloads, row.resource.title))
    return ResourceInsight(listed, overall, grand)


# --- promotions -----------------------------------------------------------------------------


@dataclass
class PromotionFigures:
    order: PromotionOrder
    # Members the promotion was meant for (its mailing's recipients in its audience); None
    # while nothing was prepared for sending.
    audience: int | None = None
    delivered: int = 0
    clicks: int = 0
    clickers: int = 0  # distinct recipients who followed its link
    notes: list[str] = field(default_factory=list)

    @property
    def click_rate(self) -> float | None:
        """Share of the delivered messages whose reader followed the link (0-1)."""
        return self.clickers / self.delivered if self.delivered else None

    @property
    def sent(self) -> bool:
        return self.audience is not None


def promotions_of(organisation: Organisation, period: Period) -> QuerySet[PromotionOrder]:
    """The organisation's agreed promotions dated within the period, newest first."""
    return (
        PromotionOrder.objects.filter(
            organisation=organisation,
            status__in=PROMOTED,
            date__gte=period.start,
            date__lt=period.end,
        )
        .select_related("dedicated_mailing")
        .prefetch_related("levels", "subjects")
        .order_by("-date", "-pk")
    )


def _delivery_counts(mailing_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    rows = (
        Delivery.objects.filter(mailing_id__in=list(mailing_ids))
        .values_list("mailing_id")
        .annotate(total=Count("pk"), sent=Count("pk", filter=Q(status=DeliveryStatus.SENT)))
        .order_by()
    )
    return {mailing_id: (total, sent) for mailing_id, total, sent in rows}


def promotion_insight(organisation: Organisation, period: Period) -> list[PromotionFigures]:
    """Audience, messages delivered and clicks of each promotion of the period.

    A dedicated mailing's audience is its deliveries (one per recipient), delivered are
    those the mail server accepted, clicks its tracked link's. A block sits in a weekly issue
    that many others get too: its audience is that issue's recipients within the order's
    audience, and its clicks those on its own link in that issue.
    """
    orders = list(promotions_of(organisation, period))
    figures = [PromotionFigures(order) for order in orders]
    dedicated = {
        mailing.pk: row
        for row in figures
        if row.order.kind == PromotionKind.DEDICATED
        and (mailing := _mailing_of(row.order)) is not None
    }
    blocks = [row for row in figures if row.order.kind == PromotionKind.BLOCK]
    issues = {
        mailing.week: mailing
        for mailing in Mailing.objects.filter(
            kind=MailingKind.ISSUE, week__in={week_start(row.order.date) for row in blocks}
        )
    }

    for mailing_id, (total, sent) in _delivery_counts(dedicated).items():
        dedicated[mailing_id].audience = total
        dedicated[mailing_id].delivered = sent
    clicks = (
        LinkClick.objects.filter(mailing_id__in=list(dedicated))
        .values_list("mailing_id")
        .annotate(clicks=Count("pk"), clickers=Count("delivery", distinct=True))
        .order_by()
    )
    for mailing_id, count, clickers in clicks:
        dedicated[mailing_id].clicks = count
        dedicated[mailing_id].clickers = clickers

    by_issue_link: dict[tuple[int, str], list[PromotionFigures]] = defaultdict(list)
    for row in blocks:
        issue = issues.get(week_start(row.order.date))
        if issue is None or issue.recipients_ready_at is None:
            continue
        audience = members_in_audience(row.order, Member.objects.all()).values("pk")
        reached = Delivery.objects.filter(mailing=issue, member__in=audience).aggregate(
            total=Count("pk"), sent=Count("pk", filter=Q(status=DeliveryStatus.SENT))
        )
        row.audience = reached["total"]
        row.delivered = reached["sent"]
        if row.order.link:
            by_issue_link[(issue.pk, row.order.link)].append(row)
    if by_issue_link:
        block_clicks = (
            LinkClick.objects.filter(
                mailing_id__in={issue_id for issue_id, _link in by_issue_link},
                url__in={link for _issue, link in by_issue_link},
            )
            .values_list("mailing_id", "url")
            .annotate(clicks=Count("pk"), clickers=Count("delivery", distinct=True))
            .order_by()
        )
        for mailing_id, url, count, clickers in block_clicks:
            rows = by_issue_link.get((mailing_id, url), [])
            for row in rows:
                row.clicks = count
                row.clickers = clickers
                if len(rows) > 1:
                    row.notes.append(_("Shares its link with another block in the same issue."))
    return figures


def _mailing_of(order: PromotionOrder) -> Mailing | None:
    try:
        return order.dedicated_mailing
    except Mailing.DoesNotExist:
        return None


# --- CSV ------------------------------------------------------------------------------------


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Averages with two decimals; cells defused by ``core.spreadsheet`` (a resource title is
    the partner's, a reply's author is not)."""
    return csv_text(
        header, ([f"{v:.2f}" if isinstance(v, float) else v for v in row] for row in rows)
    )


def _month_header() -> list[str]:
    return [_("Month"), _("Views"), _("Downloads"), _("Ratings"), _("Average rating"), _("Replies")]


def _month_cells(month) -> list[object]:
    return [
        month.month.strftime("%Y-%m"),
        month.views,
        month.downloads,
        month.ratings,
        month.average,
        month.replies,
    ]


def resources_csv(insight: ResourceInsight) -> str:
    """One row per resource and month with activity: the table behind the page's figures."""
    header = [_("Resource"), _("Address"), *_month_header()]
    rows = [
        [row.resource.title, row.resource.get_absolute_url(), *_month_cells(month)]
        for row in insight.resources
        for month in row.months
        if not month.is_empty
    ]
    return _csv(header, rows)


def months_csv(insight: ResourceInsight) -> str:
    """All resources together, one row per month of the period."""
    return _csv(_month_header(), [_month_cells(month) for month in insight.months])


def promotions_csv(figures: Sequence[PromotionFigures]) -> str:
    header = [
        _("Promotion"),
        _("Kind"),
        _("Date"),
        _("Audience"),
        _("Messages delivered"),
        _("Clicks"),
        _("Readers who clicked"),
        _("Click rate (%)"),
    ]
    rows = [
        [
            row.order.title,
            row.order.get_kind_display(),
            row.order.date.isoformat(),
            row.audience,
            row.delivered if row.sent else None,
            row.clicks if row.sent else None,
            row.clickers if row.sent else None,
            row.click_rate * 100 if row.click_rate is not None else None,
        ]
        for row in figures
    ]
    return _csv(header, rows)
