"""Harvesting use-cases: run a harvest of a source, queue one, save a source's settings.

A run asks the source for the records changed since the last successful run (its first
response's responseDate, as OAI-PMH recommends), follows resumption tokens, and turns each
record into a link resource of the source's organisation:

- new records become resources, published at once and indexed, or, when the source is
  moderated, pending in the moderation queue;
- changed records update their resource (on a moderated source, a published resource gets a
  proposed edit for a moderator instead);
- deleted records take their resource offline (withdrawn) and out of the queue.

Each record is imported in its own transaction: a record that cannot be imported is skipped
and reported, and the run goes on. Only a failure of the repository itself (unreachable, HTTP
error, not OAI-PMH, an OAI-PMH error) ends the run, as failed with its message; the records
imported before it stay, and the next run starts again from the same point.

The contributor of harvested resources is a system member per organisation (see
``harvest_contributor``): it cannot log in, and the organisation is who the resources are
published under.
"""

import logging
import re
from collections import Counter
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from staffroom.accounts.models import Member

# tasks imports this module: imported as a module, its tasks are looked up when called.
from staffroom.interop import tasks
from staffroom.interop.models.harvest import (
    HarvestRun,
    HarvestSource,
    HarvestStatus,
)

from .client import HarvestError, list_record_pages
from .inputs import HarvestSourceInput
from .records import harvest_contributor, identifier_of, import_record
from .report import Report

logger = logging.getLogger(__name__)

DATESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$")
# A run still marked running after this long died with its worker.
RUN_STALE_AFTER = timedelta(hours=6)


# --- a run --------------------------------------------------------------------------------


def _claim_source(source: HarvestSource) -> HarvestRun | None:
    """Start a run unless another run of the source is still going (then None)."""
    with transaction.atomic():
        HarvestSource.objects.select_for_update().get(pk=source.pk)
        running = source.runs.filter(
            status=HarvestStatus.RUNNING, started_at__gt=timezone.now() - RUN_STALE_AFTER
        ).exists()
        if running:
            return None
        return HarvestRun.objects.create(source=source)


def harvest_run(*, source: HarvestSource, from_: str | None = None) -> HarvestRun:
    """Harvest ``source`` from ``from_`` (default: where the last successful run ended;
    empty: everything). Always returns the run, done or failed: no exception escapes for
    anything a repository sends."""
    run = _claim_source(source)
    if run is None:
        run = HarvestRun.objects.create(
            source=source,
            status=HarvestStatus.FAILED,
            error=_("Another harvest of this source is still running."),
            finished_at=timezone.now(),
        )
        return run
    report = Report()
    start = source.harvested_until if from_ is None else from_
    counts: Counter = Counter()
    until = ""
    try:
        contributor = harvest_contributor(source.organisation)
        pages = list_record_pages(
            source.base_url,
            metadata_prefix=source.metadata_prefix,
            from_=start,
            set_spec=source.set_spec,
        )
        for page in pages:
            until = until or page.response_date
            report.pages += 1
            for record in page.records:
                report.records += 1
                try:
                    outcome = import_record(
                        record, source=source, run=run, report=report, contributor=contributor
                    )
                except Exception as error:  # one bad record never ends the run
                    logger.exception("Harvest of %s: record failed", source)
                    report.skip(identifier_of(record), f"error: {type(error).__name__}: {error}")
                    outcome = "skipped"
                counts[outcome] += 1
            _save_counts(run, counts, report)
    except HarvestError as error:
        run.status = HarvestStatus.FAILED
        run.error = str(error)
    except Exception as error:
        logger.exception("Harvest of %s failed", source)
        run.status = HarvestStatus.FAILED
        run.error = f"{type(error).__name__}: {error}"
    else:
        run.status = HarvestStatus.DONE
        if until:
            HarvestSource.objects.filter(pk=source.pk).update(harvested_until=until[:30])
            source.harvested_until = until[:30]
    run.finished_at = timezone.now()
    _save_counts(run, counts, report, final=True)
    return run


def _save_counts(run: HarvestRun, counts: Counter, report: Report, *, final=False) -> None:
    run.created = counts["created"]
    run.updated = counts["updated"]
    run.deleted = counts["deleted"]
    run.skipped = counts["skipped"]
    run.report = report.as_json()
    fields = ["created", "updated", "deleted", "skipped", "report"]
    if final:
        fields += ["status", "error", "finished_at"]
    run.save(update_fields=fields)


# --- staff actions ----------------------------------------------------------------------------


def harvest_enqueue(*, staff: Member, source: HarvestSource, from_: str | None = None) -> None:
    """Have the worker harvest ``source`` (once this transaction commits)."""
    if not staff.is_staff:
        raise PermissionDenied
    if from_ is not None and from_ and not DATESTAMP.match(from_):
        raise ValidationError(_("Give the date as YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ."))
    transaction.on_commit(lambda: tasks.harvest_source.enqueue(source.pk, from_))


@transaction.atomic
def harvest_source_save(
    *, staff: Member, data: HarvestSourceInput, source: HarvestSource | None = None
) -> HarvestSource:
    """Create a source, or replace ``source``'s settings (staff only)."""
    if not staff.is_staff:
        raise PermissionDenied
    source = source or HarvestSource()
    source.name = data.name
    source.base_url = data.base_url
    source.metadata_prefix = data.metadata_prefix
    source.set_spec = data.set_spec
    source.organisation = data.organisation
    source.moderated = data.moderated
    source.active = data.active
    source.full_clean(exclude=["harvested_until"])
    source.save()
    return source
