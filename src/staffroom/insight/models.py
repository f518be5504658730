"""Usage data: raw events for a limited time, daily rollups for good (docs/analytics.md).

Raw events (``UsageEvent``) are written in batches by ``insight.recorder`` and deleted by the
clock after ``INSIGHT_RAW_EVENT_DAYS``. Each night (and each hour for today) they are counted
into the rollups, which are all the dashboard, the forecasts and the public figures read. The
rollups of a day can be made again from that day's raw events while those exist
(``staffroom insight rollup``).

Identity: a member's id is never stored. ``member_key`` is a keyed hash of it
(``insight.recorder.member_key``), kept only on the events a feature needs it for (resources
viewed and downloaded: recommendations and "colleagues also used"), and left empty for visitors
and for members who turned usage history off in their settings.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from staffroom.core import usage


class UsageEvent(models.Model):
    class Kind(models.TextChoices):
        RESOURCE_VIEW = usage.RESOURCE_VIEW, _("Resource viewed")
        DOWNLOAD = usage.DOWNLOAD, _("Downloaded or visited")
        SEARCH = usage.SEARCH, _("Search")
        SEARCH_CLICK = usage.SEARCH_CLICK, _("Search result opened")
        FORUM_VIEW = usage.FORUM_VIEW, _("Forum question viewed")
        EVENT_VIEW = usage.EVENT_VIEW, _("Event viewed")
        NEWSLETTER_CLICK = usage.NEWSLETTER_CLICK, _("Newsletter link followed")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The resource, question, event or mailing; none for a search.
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    member_key = models.CharField(max_length=32, blank=True)
    region = models.CharField(max_length=2, blank=True)
    # The levels and subjects the event is about: a search's filters, else the member's profile
    # (empty for visitors and members who opted out).
    levels = models.JSONField(default=list, blank=True)
    subjects = models.JSONField(default=list, blank=True)
    # Searches.
    query = models.CharField(max_length=500, blank=True)
    folded = models.CharField(max_length=500, blank=True)
    filters = models.JSONField(default=dict, blank=True)
    result_count = models.PositiveIntegerField(null=True, blank=True)
    page = models.PositiveIntegerField(null=True, blank=True)
    rank = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["member_key", "kind"], name="usage_member_kind"),
            models.Index(fields=["kind", "created_at"], name="usage_kind_created"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id or self.query} {self.created_at:%Y-%m-%d}"


class DailyCount(models.Model):
    """How often something was used on one day, per region and per level of the members who
    used it. ``level_id`` 0 is the total over everyone (a member of two levels counts once
    there and once in each level); ``object_id`` 0 means the kind has no object."""

    day = models.DateField()
    kind = models.CharField(max_length=20, choices=UsageEvent.Kind.choices)
    object_id = models.PositiveBigIntegerField(default=0)
    region = models.CharField(max_length=2, blank=True)
    level_id = models.PositiveIntegerField(default=0)
    count = models.PositiveIntegerField()
    # Distinct members (pseudonymised) among the counted events.
    members = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "kind", "object_id", "region", "level_id"],
                name="unique_daily_count",
            )
        ]
        indexes = [
            models.Index(fields=["kind", "day"], name="daily_count_kind_day"),
            models.Index(fields=["object_id", "kind", "day"], name="daily_count_object"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.kind} {self.object_id}: {self.count}"


class DailySearch(models.Model):
    """The searches of one day with the same words (folded), per region."""

    day = models.DateField()
    folded = models.CharField(max_length=500)
    region = models.CharField(max_length=2, blank=True)
    count = models.PositiveIntegerField()
    zero = models.PositiveIntegerField(default=0)  # found nothing
    low = models.PositiveIntegerField(default=0)  # found fewer than LOW_RESULTS
    clicks = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "folded", "region"], name="unique_daily_search")
        ]
        indexes = [models.Index(fields=["day"], name="daily_search_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.folded}: {self.count}"


class DailyDemand(models.Model):
    """Searches of one day per level x subject (a search's filters, else the searching
    member's levels and subjects); ``subject_id`` 0 when only a level is known."""

    day = models.DateField()
    region = models.CharField(max_length=2, blank=True)
    level_id = models.PositiveIntegerField()
    subject_id = models.PositiveIntegerField(default=0)
    count = models.PositiveIntegerField()
    zero = models.PositiveIntegerField(default=0)
    low = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "region", "level_id", "subject_id"], name="unique_daily_demand"
            )
        ]
        indexes = [models.Index(fields=["day"], name="daily_demand_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.level_id}x{self.subject_id}: {self.count}"


class CoUsage(models.Model):
    """Resources used by the same members within the raw-event period: "colleagues who used
    this also used". Derived (insight.recommend), rebuilt by the clock."""

    resource_id = models.PositiveBigIntegerField()
    other_id = models.PositiveBigIntegerField()
    members = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resource_id", "other_id"], name="unique_co_usage")
        ]
        indexes = [models.Index(fields=["resource_id", "-members"], name="co_usage_resource")]

    def __str__(self) -> str:
        return f"{self.resource_id} -> {self.other_id}: {self.members}"


class SearchForecast(models.Model):
    """A forecast of next weeks' searches for one series (a query's words, or a level x
    subject cell) in one region ("" for all regions), with its backtest. Derived
    (``insight.forecast.forecasts_refresh``), replaced whole by the clock; the forecasts page
    reads only these rows."""

    class Kind(models.TextChoices):
        QUERY = "query", _("Search words")
        DEMAND = "demand", _("Level and subject")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    region = models.CharField(max_length=2, blank=True)
    folded = models.CharField(max_length=500, blank=True)
    level_id = models.PositiveIntegerField(default=0)
    subject_id = models.PositiveIntegerField(default=0)
    # "model" (the regression), "seasonal_naive" or "last_value" (too little history).
    method = models.CharField(max_length=20)
    # [[ISO date of the week's Monday, searches], ...]: the last complete weeks, and the next.
    recent = models.JSONField(default=list)
    forecast = models.JSONField(default=list)
    # Next weeks' mean forecast over the recent weeks' mean (+1 each: small counts).
    rise = models.FloatField(default=1.0)
    # Backtest over held-out weeks (None: too little history to test).
    mase_model = models.FloatField(null=True, blank=True)
    mase_seasonal = models.FloatField(null=True, blank=True)
    mase_last = models.FloatField(null=True, blank=True)
    mae_model = models.FloatField(null=True, blank=True)
    mae_seasonal = models.FloatField(null=True, blank=True)
    mae_last = models.FloatField(null=True, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["kind", "region", "-rise"], name="search_forecast_rise")]

    def __str__(self) -> str:
        return f"{self.kind} {self.region} {self.folded or (self.level_id, self.subject_id)}"
