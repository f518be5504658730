"""The first start (issue 15, point 9): `staffroom prepare`, which `staffroom serve` (`make run`)
runs before it starts the web server, the worker and the clock, leaves a site that is ready at
its first request: the search index holds every published resource, every open item has its
pre-checks, and nothing waits to burst out once the worker and the clock start (re-checks,
mail, stale notices). Demo members find a handful of recent notices, not a hundred."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from tests.factories import ResourceFactory

from staffroom.accounts.deletion import members_to_warn
from staffroom.core.models import ScheduledJob
from staffroom.core.schedule import enqueue_due_jobs, jobs_record_run
from staffroom.moderation.models import ModerationItem
from staffroom.moderation.services import moderation_recheck_due
from staffroom.notifications.models import Notification
from staffroom.resources.models import Resource, Status
from staffroom.search import documents
from staffroom.search.backends import get_backend, reset_backend
from staffroom.search.collections import collection_named, collection_names
from staffroom.search.queries import search_resources
from staffroom.site import prepare
from staffroom.site.demo.notices import RECENT, UNREAD_AT_MOST
from staffroom.site.prepare import site_prepare
from staffroom.site.schedule import SCHEDULE, enqueue_due

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
# What the worker may find queued after the first start: preview pages and pictures, made in the
# background after the start on purpose (they take seconds a file).
BACKGROUND_AFTER_START = {
    "staffroom.resources.tasks.render_preview_pages",
    "staffroom.resources.tasks.fetch_resource_picture",
}


@pytest.fixture
def empty_index(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    reset_backend()
    documents.clear_caches()
    yield
    reset_backend()


def _indexed_equals_expected() -> None:
    for name in collection_names():
        assert get_backend(name).indexed_ids() == set(collection_named(name).indexed_ids()), name


# --- the preparation itself, on a few resources --------------------------------------------


@pytest.mark.django_db
def test_prepare_builds_an_empty_index_and_prechecks_open_items(empty_index):
    published = [ResourceFactory(status=Status.PUBLISHED) for _ in range(3)]
    pending = ResourceFactory(status=Status.PENDING)
    item = ModerationItem.objects.create(resource=pending, reason="new")
    assert not get_backend().indexed_ids()

    seen: list[tuple[str, int, int]] = []
    prepared = site_prepare(lambda label, done, total: seen.append((label, done, total)))

    assert get_backend().indexed_ids() == {resource.pk for resource in published}
    _indexed_equals_expected()
    assert prepared.search["resources"] == "rebuilt"
    item.refresh_from_db()
    assert item.checks_ran_at is not None and item.checks
    assert prepared.prechecked == 1
    # The progress bar heard of each step and ended each at its total.
    assert ("Pre-checks of open items", 1, 1) in seen
    assert ("Search index: published resources", 3, 3) in seen


@pytest.mark.django_db
def test_prepare_leaves_an_index_that_is_up_to_date_alone(empty_index, monkeypatch):
    ResourceFactory(status=Status.PUBLISHED)
    site_prepare()

    def no_rebuild(**kwargs):
        raise AssertionError("an index that is up to date was rebuilt")

    monkeypatch.setattr(prepare, "search_reindex", no_rebuild)
    prepared = site_prepare()
    assert set(prepared.search.values()) == {"up to date"}
    _indexed_equals_expected()


@pytest.mark.django_db
def test_prepare_rebuilds_for_a_database_filled_just_now(empty_index):
    """An index left from an earlier database holds the same ids with other content."""
    resource = ResourceFactory(status=Status.PUBLISHED, title="Breuken vergelijken")
    site_prepare()
    Resource.objects.filter(pk=resource.pk).update(title="Fotosynthese in de klas")
    assert site_prepare().search["resources"] == "up to date"
    assert search_resources("fotosynthese", {}).page.paginator.count == 0
    assert site_prepare(rebuild=True).search["resources"] == "rebuilt"
    assert search_resources("fotosynthese", {}).page.paginator.count == 1


@pytest.mark.django_db
def test_prepare_repairs_an_index_with_entries_missing_or_left_over(empty_index):
    kept, lost = ResourceFactory(status=Status.PUBLISHED), ResourceFactory(status=Status.PUBLISHED)
    site_prepare()
    get_backend().delete([lost.pk])
    Resource.objects.filter(pk=kept.pk).update(status=Status.WITHDRAWN)

    prepared = site_prepare()
    assert prepared.search["resources"] == "repaired"
    assert get_backend().indexed_ids() == {lost.pk}


@pytest.mark.django_db
def test_prepare_removes_only_index_tasks_queued_before_its_rebuild(empty_index, settings):
    settings.TASKS = DATABASE_TASKS
    resource = ResourceFactory(status=Status.PUBLISHED)
    from staffroom.search.tasks import update_search_index

    update_search_index.enqueue(resource.pk)
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    prepared = site_prepare()
    assert prepared.tasks_removed == 1
    assert not DBTaskResult.objects.filter(status="READY").exists()

    # A restart with the index up to date keeps what is queued (changes made meanwhile).
    update_search_index.enqueue(resource.pk)
    assert site_prepare().tasks_removed == 0
    assert DBTaskResult.objects.filter(status="READY").count() == 1


@pytest.mark.django_db
def test_a_schedule_recorded_as_run_waits_one_interval():
    now = timezone.now()
    assert jobs_record_run(SCHEDULE, now=now) == len(SCHEDULE)
    assert ScheduledJob.objects.count() == len(SCHEDULE)
    assert enqueue_due_jobs(SCHEDULE, now=now + timedelta(seconds=59)) == []
    # The shortest interval is a minute: that one is due a minute later, the daily ones not.
    due = enqueue_due_jobs(SCHEDULE, now=now + timedelta(minutes=1))
    assert due and all(SCHEDULE[name][1] <= timedelta(minutes=1) for name in due)


# --- the whole first start on a small demo ---------------------------------------------------


@pytest.fixture
def fresh_database(transactional_db, settings, empty_index):
    """A database as `make run` finds it on a fresh clone: migrated, nothing else (tasks in
    the database, as the worker takes them)."""
    from staffroom.curriculum.models import Level, ResourceType, Subject
    from staffroom.curriculum.vocabularies import load_vocabularies

    # Transactional tests flush the database afterwards, migration-loaded vocabularies too.
    if not ResourceType.objects.exists():
        load_vocabularies(Level, Subject, ResourceType)
    settings.TASKS = DATABASE_TASKS


def test_the_first_start_is_ready_at_the_first_request(fresh_database, monkeypatch):
    call_command("demo", "--resources", "40", stdout=StringIO())
    output = StringIO()
    call_command("prepare", stdout=output)
    now = timezone.now()

    # What the first request finds: search complete, every open item checked.
    published = set(Resource.objects.published().values_list("pk", flat=True))
    assert published and get_backend().indexed_ids() == published
    _indexed_equals_expected()
    assert ModerationItem.objects.filter(decision="").exists()
    assert not ModerationItem.objects.filter(decision="", checks_ran_at=None).exists()
    assert "Ready in" in output.getvalue()

    # Nothing waits to burst out: no queued work but previews, no re-check due, the clock's
    # first pass enqueues nothing, nothing was mailed.
    queued = set(DBTaskResult.objects.filter(status="READY").values_list("task_path", flat=True))
    assert queued <= BACKGROUND_AFTER_START
    assert enqueue_due() == []
    assert moderation_recheck_due() == 0
    assert not ModerationItem.objects.filter(reason="recheck").exists()
    assert mail.outbox == []
    # Nor does the daily pass over accounts warn demo members as unused, tomorrow.
    assert not members_to_warn(timezone.now() + timedelta(days=1)).exists()

    # A handful of recent notices unread per member; none dated after now.
    unread = Notification.objects.filter(read_at=None)
    assert unread.exists()
    assert not unread.filter(created_at__lt=now - RECENT).exists()
    assert not Notification.objects.filter(created_at__gt=now).exists()
    per_member: dict[int, int] = {}
    for member_id in unread.values_list("member_id", flat=True):
        per_member[member_id] = per_member.get(member_id, 0) + 1
    assert max(per_member.values()) <= UNREAD_AT_MOST
    # Read ones owe no mail: the next digest lists only what is new.
    assert not Notification.objects.exclude(read_at=None).filter(mailed_at=None).exists()

    # A second start rebuilds nothing and is as ready.
    def no_rebuild(**kwargs):
        raise AssertionError("the second start rebuilt an index that was up to date")

    monkeypatch.setattr(prepare, "search_reindex", no_rebuild)
    output = StringIO()
    call_command("prepare", stdout=output)
    assert "already holds resources" in output.getvalue()
    assert "(up to date)" in output.getvalue()
    assert get_backend().indexed_ids() == published
