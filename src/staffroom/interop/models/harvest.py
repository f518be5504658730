from django.db import models
from django.utils.translation import gettext_lazy as _

from staffroom.interop.harvest.errors import error_message


class HarvestSource(models.Model):
    """An OAI-PMH repository whose records we import as link resources of an organisation."""

    name = models.CharField(_("name"), max_length=160)
    base_url = models.URLField(_("OAI-PMH base URL"), max_length=500)
    metadata_prefix = models.CharField(
        _("metadata format"),
        max_length=20,
        choices=[("oai_dc", "Dublin Core (oai_dc)"), ("lom", "IEEE LOM (lom)")],
        default="oai_dc",
    )
    set_spec = models.CharField(_("set"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="harvest_sources",
        verbose_name=_("organisation"),
    )
    # Imported records go through moderation before they are published.
    moderated = models.BooleanField(_("records go through moderation"), default=False)
    active = models.BooleanField(_("harvested on schedule"), default=True)
    # The datestamp to harvest from next time (the last run's responseDate, as the source said).
    harvested_until = models.CharField(max_length=30, blank=True)
    # What the source's Identify said, read before each run: "YYYY-MM-DD" or
    # "YYYY-MM-DDThh:mm:ssZ", its earliest datestamp and its deletedRecord policy.
    granularity = models.CharField(max_length=30, blank=True)
    earliest_datestamp = models.CharField(max_length=30, blank=True)
    deleted_record = models.CharField(max_length=20, blank=True)
    identified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class HarvestStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class HarvestRun(models.Model):
    source = models.ForeignKey(HarvestSource, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=HarvestStatus.choices, default=HarvestStatus.RUNNING
    )
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    deleted = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    # What could not be mapped or looked odd: {"unmapped": {...}, "quirks": [...], ...}
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    # Why the run failed, as a message code and its values, so that it is shown in the
    # reader's language (``error`` keeps the repository's own words, if any).
    error_code = models.CharField(max_length=40, blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    # Moved on every page: a running run that has not moved for a while lost its worker.
    beat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.source} {self.started_at:%Y-%m-%d %H:%M} ({self.status})"

    @property
    def error_message(self) -> str:
        """Why the run failed, in the active language (``error`` for runs without a code)."""
        return error_message(self.error_code, self.error_params, self.error)


class HarvestedRecord(models.Model):
    """Which resource a source's record became, so that updates and deletions find it."""

    source = models.ForeignKey(HarvestSource, on_delete=models.CASCADE, related_name="records")
    identifier = models.CharField(max_length=500)
    resource = models.ForeignKey(
        "resources.Resource",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="harvested_from",
    )
    datestamp = models.CharField(max_length=30, blank=True)
    deleted = models.BooleanField(default=False)
    harvested_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "identifier"], name="unique_harvested_record")
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.identifier}"
