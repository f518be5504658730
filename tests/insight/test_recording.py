"""Usage events: what is recorded, for whom, and what is not (docs/analytics.md)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from staffroom.core import usage
from staffroom.curriculum.models import Level
from staffroom.insight.models import DailyCount, DailyDemand, DailySearch, UsageEvent
from staffroom.insight.recorder import member_key
from staffroom.insight.services import insight_rollup_day
from staffroom.search.services import search_reindex
from tests.factories import MemberFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def test_a_resource_view_and_a_download_are_recorded_with_the_members_pseudonym(browser_client):
    member = MemberFactory()
    member.levels.set(Level.objects.filter(code="fl-lo-4"))
    resource = ResourceFactory()
    browser_client.force_login(member)
    browser_client.get(resource.get_absolute_url())
    browser_client.get(reverse("resources:visit", args=[resource.pk]))
    view, download = UsageEvent.objects.order_by("pk")
    assert (view.kind, view.object_id) == (usage.RESOURCE_VIEW, resource.pk)
    assert (download.kind, download.object_id) == (usage.DOWNLOAD, resource.pk)
    assert view.member_key == member_key(member.pk) != str(member.pk)
    assert view.levels == [Level.objects.get(code="fl-lo-4").pk]


def test_a_visitor_is_counted_without_identity(browser_client):
    resource = ResourceFactory()
    browser_client.get(resource.get_absolute_url())
    event = UsageEvent.objects.get()
    assert (event.member_key, event.levels) == ("", [])


@pytest.mark.parametrize(
    "agent", ["", "Googlebot/2.1 (+http://www.google.com/bot.html)", "python-requests/2.32"]
)
def test_bots_and_scripts_are_not_recorded(client, agent):
    resource = ResourceFactory()
    client.get(resource.get_absolute_url(), HTTP_USER_AGENT=agent)
    assert not UsageEvent.objects.exists()


def test_a_search_is_recorded_with_its_filters_count_and_page(browser_client, search_index):
    ResourceFactory(title="Breuken vergelijken")
    search_reindex()
    browser_client.get(reverse("search:search"), {"q": "Breuken", "level": "fl-lo-3"})
    browser_client.get(reverse("search:search"), {"q": "Breuken", "level": "fl-lo-3", "page": 2})
    first, second = UsageEvent.objects.filter(kind=usage.SEARCH).order_by("pk")
    assert (first.query, first.folded, first.page) == ("Breuken", "breuken", 1)
    assert first.filters == {"level": "fl-lo-3"}
    assert first.levels == [Level.objects.get(code="fl-lo-3").pk]
    assert first.result_count == 1
    assert second.page == 2


def test_a_result_opened_from_the_search_page_records_its_rank(browser_client, search_index):
    resource = ResourceFactory(title="Breuken vergelijken")
    search_reindex()
    page = browser_client.get(reverse("search:search"), {"q": "breuken"})
    link = f"{resource.get_absolute_url()}?rank=1"
    assert link in page.content.decode()
    search_url = f"http://testserver{reverse('search:search')}?q=breuken"
    browser_client.get(link, HTTP_REFERER=search_url)
    click = UsageEvent.objects.get(kind=usage.SEARCH_CLICK)
    assert (click.object_id, click.rank, click.folded) == (resource.pk, 1, "breuken")


def test_forum_and_event_views_are_recorded(browser_client):
    from tests.events.factories import EventFactory
    from tests.forum.factories import QuestionFactory

    question = QuestionFactory()
    event = EventFactory()
    browser_client.get(question.get_absolute_url())
    browser_client.get(event.get_absolute_url())
    kinds = set(UsageEvent.objects.values_list("kind", "object_id"))
    assert kinds == {(usage.FORUM_VIEW, question.pk), (usage.EVENT_VIEW, event.pk)}


def test_opting_out_stops_identifiable_recording_and_deletes_the_history(
    browser_client, django_capture_on_commit_callbacks
):
    member = MemberFactory()
    member.levels.set(Level.objects.filter(code="fl-lo-4"))
    resource = ResourceFactory()
    browser_client.force_login(member)
    browser_client.get(resource.get_absolute_url())
    assert UsageEvent.objects.filter(member_key=member_key(member.pk)).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = browser_client.post(
            reverse("accounts:profile_edit"),
            {"name": member.name, "region": member.region, "language": member.language},
        )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.usage_history is False
    assert not UsageEvent.objects.filter(member_key=member_key(member.pk)).exists()

    browser_client.get(resource.get_absolute_url())
    later = UsageEvent.objects.get()
    assert (later.member_key, later.levels, later.subjects) == ("", [], [])


def test_raw_events_past_the_retention_period_are_deleted_by_the_clock(settings):
    settings.INSIGHT_RAW_EVENT_DAYS = 30
    now = timezone.now()
    old = UsageEvent.objects.create(
        kind=usage.SEARCH, query="oud", folded="oud", created_at=now - timedelta(days=31)
    )
    kept = UsageEvent.objects.create(
        kind=usage.SEARCH, query="nieuw", created_at=now - timedelta(days=29)
    )
    insight_rollup_day((now - timedelta(days=31)).date())
    from staffroom.site.schedule import SCHEDULE

    task_path, _interval = SCHEDULE["insight-prune"]
    from django.utils.module_loading import import_string

    import_string(task_path).enqueue()
    assert list(UsageEvent.objects.all()) == [kept]
    assert not UsageEvent.objects.filter(pk=old.pk).exists()
    # The day's rollup stays.
    assert DailySearch.objects.filter(folded="oud").exists()


def test_deleting_a_member_deletes_their_pseudonymised_events(browser_client):
    member = MemberFactory()
    resource = ResourceFactory()
    browser_client.force_login(member)
    browser_client.get(resource.get_absolute_url())
    from staffroom.accounts.deletion import member_delete

    member_delete(member=member, cause="request")
    assert not UsageEvent.objects.exclude(member_key="").exists()


def test_the_daily_rollup_counts_what_was_recorded():
    day = timezone.localdate() - timedelta(days=1)
    at = timezone.make_aware(
        timezone.datetime.combine(day, timezone.datetime.min.time())
    ) + timedelta(hours=10)
    level = Level.objects.get(code="fl-lo-4").pk
    rows = [
        UsageEvent(
            kind=usage.DOWNLOAD,
            object_id=7,
            member_key="a",
            levels=[level],
            region="fl",
            created_at=at,
        ),
        UsageEvent(
            kind=usage.DOWNLOAD,
            object_id=7,
            member_key="a",
            levels=[level],
            region="fl",
            created_at=at,
        ),
        UsageEvent(
            kind=usage.DOWNLOAD, object_id=7, member_key="b", levels=[], region="fl", created_at=at
        ),
        UsageEvent(
            kind=usage.SEARCH,
            query="Sint",
            folded="sint",
            result_count=0,
            page=1,
            levels=[level],
            subjects=[3],
            region="nl",
            created_at=at,
        ),
        UsageEvent(
            kind=usage.SEARCH,
            query="sint",
            folded="sint",
            result_count=2,
            page=1,
            levels=[],
            region="nl",
            created_at=at,
        ),
        UsageEvent(
            kind=usage.SEARCH,
            query="sint",
            folded="sint",
            result_count=2,
            page=2,
            levels=[],
            region="nl",
            created_at=at,
        ),
    ]
    UsageEvent.objects.bulk_create(rows)
    assert insight_rollup_day(day) == 6
    total = DailyCount.objects.get(day=day, kind=usage.DOWNLOAD, object_id=7, level_id=0)
    assert (total.count, total.members) == (3, 2)
    assert DailyCount.objects.get(day=day, kind=usage.DOWNLOAD, level_id=level).count == 2
    search = DailySearch.objects.get(day=day, folded="sint")
    assert (search.count, search.zero, search.low) == (2, 1, 1)
    demand = DailyDemand.objects.get(day=day)
    assert (demand.level_id, demand.subject_id, demand.count, demand.zero) == (level, 3, 1, 1)
    # Counting the day again replaces its rollups.
    insight_rollup_day(day)
    assert DailySearch.objects.get(day=day, folded="sint").count == 2
    call_command("check")


def test_the_rollup_command_counts_days_again_and_refuses_a_bad_number(capsys):
    from django.core.management.base import CommandError

    UsageEvent.objects.create(
        kind=usage.SEARCH, query="kerst", folded="kerst", page=1, created_at=timezone.now()
    )
    call_command("insight", "rollup", "--days", "1")
    assert DailySearch.objects.get(folded="kerst").count == 1
    assert "Counted 1 events" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("insight", "rollup", "--days", "0")


def test_a_members_export_holds_what_is_kept_under_their_pseudonym(browser_client):
    import io
    import json
    import zipfile

    from staffroom.accounts.export import write_export

    member = MemberFactory()
    resource = ResourceFactory()
    browser_client.force_login(member)
    browser_client.get(resource.get_absolute_url())
    MemberFactory()  # someone else's history stays out
    buffer = io.BytesIO()
    write_export(member, buffer)
    with zipfile.ZipFile(buffer) as archive:
        rows = json.loads(archive.read("data/insight.usage_history.json"))
    assert [(row["kind"], row["object_id"]) for row in rows] == [(usage.RESOURCE_VIEW, resource.pk)]
