from django.db import models


class OaiRecord(models.Model):
    """What the OAI-PMH data provider says about a resource: derived from the resources (and
    rebuilt by ``staffroom oai rebuild``), so that datestamps change exactly when a record's
    metadata or availability changes, and a resource that was published stays known as a
    deleted record after it is withdrawn, removed or even deleted from the database.
    """

    # Not a foreign key: the record outlives a deleted resource.
    resource_id = models.PositiveBigIntegerField(unique=True)
    # When the metadata (in any format) or the deleted flag last changed: from/until select on it.
    datestamp = models.DateTimeField(db_index=True)
    deleted = models.BooleanField(default=False)
    # Digest of the metadata as last offered: a new digest moves the datestamp.
    digest = models.CharField(max_length=64, blank=True)
    # The setSpecs the record belongs to (kept for deleted records too).
    set_specs = models.JSONField(default=list, blank=True)

    class Meta:
        indexes = [models.Index(fields=["datestamp", "id"])]

    def __str__(self) -> str:
        return f"oai record of resource {self.resource_id}{' (deleted)' if self.deleted else ''}"


class OaiRecordSet(models.Model):
    """One (set, record) pair, the set's ancestors included, with the record's datestamp: a
    harvest of any set, rare or broad, pages through this index in datestamp order."""

    record = models.ForeignKey(OaiRecord, on_delete=models.CASCADE, related_name="set_rows")
    spec = models.CharField(max_length=200)
    datestamp = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["spec", "record"], name="unique_oai_record_set")
        ]
        indexes = [models.Index(fields=["spec", "datestamp", "record"])]

    def __str__(self) -> str:
        return f"{self.spec}: {self.record_id}"
