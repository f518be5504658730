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
imported before it stay, and the next run starts again from the same point. One record's
import (mapping, duplicates, the lifecycle) is in ``records``; a run that does not end, or
whose worker died, is stopped or taken over here (docs/harvesting.md, "Harvests that end").
"""

import logging
import re
import time
from collections import Counter
from datetime import UTC, timedelta

from django.conf import settings
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

from .client import HarvestError, identify, list_record_pages
from .inputs import HarvestSourceInput
from .records import harvest_contributor, identifier_of, import_record
from .report import Report

logger = logging.getLogger(__name__)

DATESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$")
# A running run writes its heartbeat (beat_at) on every page and, within a page or while it
# waits on the repository, at least this often.
BEAT_EVERY = timedelta(seconds=30)


class RunTakenOver(Exception):
    """The run was marked failed (lost) by another harvest of the source: stop quietly."""


# --- a run --------------------------------------------------------------------------------


def _stale_after(*, after_lost_worker: bool) -> timedelta:
    """How long a running run may be silent before it counts as lost with its worker.

    Normally ``HARVEST_RUN_STALE_AFTER``. When the harvest task is an attempt that the task
    recovery queued again because its worker died, that worker's run has been silent at least
    as long as the worker (``TASKS_LOST_AFTER_SECONDS``, less one worker heartbeat): waiting
    the full time would only refuse the retry."""
    if after_lost_worker:
        seconds = settings.TASKS_LOST_AFTER_SECONDS - settings.TASKS_HEARTBEAT_SECONDS
        return timedelta(seconds=max(seconds, 0))
    return timedelta(seconds=settings.HARVEST_RUN_STALE_AFTER)


def _claim_source(source: HarvestSource, *, after_lost_worker: bool = False) -> HarvestRun | None:
    """Start a run unless another run of the source is still going (then None). A running
    run whose heartbeat is older than ``_stale_after`` lost its worker: it is marked failed
    first, and this run starts."""
    now = timezone.now()
    silent_since = now - _stale_after(after_lost_worker=after_lost_worker)
    with transaction.atomic():
        HarvestSource.objects.select_for_update().get(pk=source.pk)
        for run in source.runs.filter(status=HarvestStatus.RUNNING):
            beat = run.beat_at or run.started_at
            if beat > silent_since:
                return None
            when = beat.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
            HarvestRun.objects.filter(pk=run.pk, status=HarvestStatus.RUNNING).update(
                status=HarvestStatus.FAILED,
                finished_at=now,
                error_code="worker_lost",
                error_params={"beat": when},
                error=f"The worker running this harvest stopped (last sign of life {when} UTC).",
            )
            logger.warning("Harvest run %s of %s lost its worker: marked failed", run.pk, source)
        return HarvestRun.objects.create(source=source, beat_at=now)


class _Clock:
    """The run's time limit and heartbeat, called before every HTTP request and record."""

    def __init__(self, run: HarvestRun):
        self.run = run
        self.started = time.monotonic()
        self.last_beat = self.started
        self.limit = settings.HARVEST_RUN_TIME_LIMIT

    def __call__(self) -> None:
        now = time.monotonic()
        if self.limit and now - self.started > self.limit:
            minutes: float = round(self.limit / 60, 2)
            if minutes == int(minutes):
                minutes = int(minutes)
            raise HarvestError(
                "time_limit",
                f"The harvest stopped after {minutes} minutes, the longest one run may take.",
                minutes=minutes,
            )
        if now - self.last_beat >= BEAT_EVERY.total_seconds():
            self.beat()

    def beat(self, **fields) -> None:
        """Write the heartbeat (and ``fields``), only while the run is still running."""
        self.last_beat = time.monotonic()
        still_running = HarvestRun.objects.filter(
            pk=self.run.pk, status=HarvestStatus.RUNNING
        ).update(beat_at=timezone.now(), **fields)
        if not still_running:
            raise RunTakenOver


def _read_identify(source: HarvestSource, clock: _Clock, report: Report) -> str:
    """Ask the source's Identify and keep what it says; the granularity to ask with. A
    repository whose Identify fails is still harvested, with what an earlier Identify said
    (the failure is a quirk of the report); one that cannot be reached fails the run."""
    try:
        identity = identify(source.base_url, tick=clock)
    except HarvestError as error:
        if error.code in ("unreachable", "time_limit"):
            raise
        logger.warning("Harvest of %s: Identify failed: %s", source, error)
        report.quirk("Identify could not be read", str(error)[:200])
        return source.granularity
    source.granularity = identity.granularity
    source.earliest_datestamp = identity.earliest_datestamp
    source.deleted_record = identity.deleted_record
    source.identified_at = timezone.now()
    HarvestSource.objects.filter(pk=source.pk).update(
        granularity=source.granularity,
        earliest_datestamp=source.earliest_datestamp,
        deleted_record=source.deleted_record,
        identified_at=source.identified_at,
    )
    return identity.granularity


def harvest_run(
    *, source: HarvestSource, from_: str | None = None, after_lost_worker: bool = False
) -> HarvestRun:
    """Harvest ``source`` from ``from_`` (default: where the last successful run ended;
    empty: everything). Always returns the run, done or failed: no exception escapes for
    anything a repository sends.

    ``after_lost_worker``: this is the task's retry after its worker died (see
    ``_stale_after``)."""
    run = _claim_source(source, after_lost_worker=after_lost_worker)
    if run is None:
        return HarvestRun.objects.create(
            source=source,
            status=HarvestStatus.FAILED,
            error_code="already_running",
            error="Another harvest of this source is still running.",
            finished_at=timezone.now(),
        )
    report = Report()
    clock = _Clock(run)
    start = source.harvested_until if from_ is None else from_
    counts: Counter = Counter()
    until = ""
    try:
        contributor = harvest_contributor(source.organisation)
        granularity = _read_identify(source, clock, report)
        pages = list_record_pages(
            source.base_url,
            metadata_prefix=source.metadata_prefix,
            from_=start,
            set_spec=source.set_spec,
            granularity=granularity,
            tick=clock,
        )
        for page in pages:
            until = until or page.response_date
            report.pages += 1
            for record in page.records:
                clock()
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
            clock.beat(**_count_fields(run))
    except RunTakenOver:
        logger.warning("Harvest run %s of %s was taken over: stopped", run.pk, source)
        run.refresh_from_db()
        return run
    except HarvestError as error:
        _fail(run, error.code, error.params, str(error))
    except Exception as error:
        logger.exception("Harvest of %s failed", source)
        detail = f"{type(error).__name__}: {error}"
        _fail(run, "internal", {"detail": detail[:300]}, detail)
    except BaseException:
        # The worker is stopping (WorkerStopping) or the command was interrupted: the run
        # ends here, failed, so that the task handed back to the queue can start again.
        _fail(run, "interrupted", {}, "The harvest was interrupted.")
        try:
            _finish(run, counts, report)
        except Exception:
            logger.exception("Harvest run %s: could not record the interruption", run.pk)
        raise
    else:
        run.status = HarvestStatus.DONE
        if until:
            HarvestSource.objects.filter(pk=source.pk).update(harvested_until=until[:30])
            source.harvested_until = until[:30]
    _finish(run, counts, report)
    return run


def _fail(run: HarvestRun, code: str, params: dict, text: str) -> None:
    run.status = HarvestStatus.FAILED
    run.error_code = code
    run.error_params = params
    run.error = text


def _count_fields(run: HarvestRun) -> dict:
    return {
        "created": run.created,
        "updated": run.updated,
        "deleted": run.deleted,
        "skipped": run.skipped,
        "report": run.report,
    }


def _save_counts(run: HarvestRun, counts: Counter, report: Report) -> None:
    run.created = counts["created"]
    run.updated = counts["updated"]
    run.deleted = counts["deleted"]
    run.skipped = counts["skipped"]
    run.report = report.as_json()


def _finish(run: HarvestRun, counts: Counter, report: Report) -> None:
    """Record the run's end, unless another harvest marked it lost meanwhile."""
    _save_counts(run, counts, report)
    run.finished_at = timezone.now()
    HarvestRun.objects.filter(pk=run.pk, status=HarvestStatus.RUNNING).update(
        **_count_fields(run),
        status=run.status,
        error=run.error,
        error_code=run.error_code,
        error_params=run.error_params,
        finished_at=run.finished_at,
        beat_at=run.finished_at,
    )


# --- staff actions ----------------------------------------------------------------------------


def harvest_enqueue(*, staff: Member, source: HarvestSource, from_: str | None = None) -> None:
    """Have the harvest worker harvest ``source`` (once this transaction commits)."""
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
