"""The clock: periodic tasks are enqueued once per interval, however many clocks run."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from tests.factories import ResourceFactory

from staffroom.core import schedule
from staffroom.core.models import ScheduledJob
from staffroom.core.schedule import enqueue_due_jobs
from staffroom.moderation.models import ModerationItem, Reason
from staffroom.site import schedule as site_schedule
from staffroom.site.schedule import SCHEDULE

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _checked(days_ago: int, **kwargs):
    return ResourceFactory(checked_at=NOW - timedelta(days=days_ago), **kwargs)


@pytest.fixture
def enqueued():
    from django_tasks.signals import task_enqueued

    names = []

    def record(sender, task_result, **kwargs):
        names.append(task_result.task.name)

    task_enqueued.connect(record)
    yield names
    task_enqueued.disconnect(record)


# The clock's mechanics, shown with one of the scheduled jobs.
ONLY_THE_RECHECK = {"moderation-recheck": SCHEDULE["moderation-recheck"]}


@pytest.fixture(autouse=True)
def only_the_recheck(monkeypatch):
    monkeypatch.setattr(site_schedule, "SCHEDULE", ONLY_THE_RECHECK)


def test_the_recheck_and_the_search_refresh_are_scheduled_daily():
    task_path, interval = SCHEDULE["moderation-recheck"]
    assert task_path == "staffroom.moderation.tasks.queue_due_rechecks"
    assert interval == timedelta(days=1)
    task_path, interval = SCHEDULE["search-refresh"]
    assert task_path == "staffroom.search.tasks.refresh_search_index"
    assert interval == timedelta(days=1)


@override_settings(RECHECK_AFTER_DAYS=30)
def test_jobs_are_enqueued_once_per_interval(enqueued):
    stale = _checked(400)
    assert enqueue_due_jobs(ONLY_THE_RECHECK, now=NOW) == ["moderation-recheck"]
    assert enqueued == ["queue_due_rechecks"]
    # The (immediate) task ran the service.
    assert ModerationItem.objects.get(resource=stale).reason == Reason.RECHECK
    assert ScheduledJob.objects.get(name="moderation-recheck").last_enqueued_at == NOW

    assert enqueue_due_jobs(ONLY_THE_RECHECK, now=NOW) == []
    assert enqueue_due_jobs(ONLY_THE_RECHECK, now=NOW + timedelta(hours=23, minutes=59)) == []
    assert enqueued == ["queue_due_rechecks"]

    later = NOW + timedelta(days=1)
    assert enqueue_due_jobs(ONLY_THE_RECHECK, now=later) == ["moderation-recheck"]
    assert enqueue_due_jobs(ONLY_THE_RECHECK, now=later + timedelta(seconds=1)) == []
    assert enqueued == ["queue_due_rechecks", "queue_due_rechecks"]
    assert ScheduledJob.objects.get().last_enqueued_at == later


def test_a_clock_that_read_a_stale_time_does_not_enqueue_again(enqueued, monkeypatch):
    """Two clocks: the second read the job before the first moved it on."""
    ScheduledJob.objects.create(name="moderation-recheck", last_enqueued_at=NOW - timedelta(days=2))
    stale = ScheduledJob.objects.get()
    assert enqueue_due_jobs(ONLY_THE_RECHECK, now=NOW) == ["moderation-recheck"]

    class StaleRead:
        def first(self):
            return stale

    class StaleJobs:
        def filter(self, **kwargs):
            if "last_enqueued_at" in kwargs:
                return ScheduledJob.objects.filter(**kwargs)
            return StaleRead()

    monkeypatch.setattr(schedule, "ScheduledJob", type("Job", (), {"objects": StaleJobs()}))
    assert enqueue_due_jobs(ONLY_THE_RECHECK, now=NOW + timedelta(seconds=5)) == []
    assert enqueued == ["queue_due_rechecks"]


def test_the_clock_command_runs_once(enqueued):
    output = StringIO()
    call_command("clock", "--once", stdout=output)
    assert output.getvalue() == "enqueued moderation-recheck\n"
    call_command("clock", "--once", stdout=output)
    assert enqueued == ["queue_due_rechecks"]
