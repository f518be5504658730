"""The staff dashboard: its numbers are the events recorded and the rows created."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from staffroom.accounts.models import Member
from staffroom.curriculum.models import Level
from staffroom.insight.dashboard import DEFAULT_DAYS
from staffroom.insight.indicators import INDICATORS
from staffroom.insight.models import DailySearch
from staffroom.insight.services import insight_rollup_recent
from staffroom.moderation.models import ModerationItem
from staffroom.resources.models import Resource
from staffroom.search.services import search_reindex
from tests.events.factories import EventFactory
from tests.factories import (
    MemberFactory,
    ModerationItemFactory,
    ResourceFactory,
    StaffFactory,
)
from tests.forum.factories import QuestionFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "insight:dashboard"
LAST_YEAR = timezone.now() - timedelta(days=400)


def old_resource(**kwargs):
    """A resource published long ago: out of every week the dashboard shows."""
    resource = ResourceFactory(published_at=LAST_YEAR, **kwargs)
    Resource.objects.filter(pk=resource.pk).update(created_at=LAST_YEAR)
    return resource


def as_staff(client):
    client.force_login(StaffFactory())
    return client


def test_counts_equal_the_events_recorded(browser_client, search_index):
    a = old_resource(title="Breuken vergelijken")
    b = old_resource(title="Tafels oefenen")
    search_reindex()
    for _ in range(2):
        browser_client.get(a.get_absolute_url())
    for _ in range(3):
        browser_client.get(reverse("resources:visit", args=[a.pk]))
    browser_client.get(reverse("resources:visit", args=[b.pk]))
    search = reverse("search:search")
    browser_client.get(search, {"q": "breuken"})
    browser_client.get(search, {"q": "breuken"})
    browser_client.get(search, {"q": "zwaartekracht", "level": "fl-lo-4"})
    question, event = QuestionFactory(title="Hoe leer ik breuken aan?"), EventFactory()
    browser_client.get(question.get_absolute_url())
    for _ in range(2):
        browser_client.get(event.get_absolute_url())
    insight_rollup_recent()

    response = as_staff(browser_client).get(reverse(DASHBOARD))
    assert response.status_code == 200
    figures = response.context["figures"]
    assert [(r["title"], r["count"]) for r in figures["downloaded"]] == [
        ("Breuken vergelijken", 3),
        ("Tafels oefenen", 1),
    ]
    assert [(r["title"], r["count"]) for r in figures["viewed"]] == [("Breuken vergelijken", 2)]
    assert [(r["title"], r["count"]) for r in figures["questions"]] == [(question.title, 1)]
    assert [(r["title"], r["count"]) for r in figures["events"]] == [(event.title, 2)]
    assert [(r["query"], r["count"]) for r in figures["searches"]] == [
        ("breuken", 2),
        ("zwaartekracht", 1),
    ]
    # One resource matches "breuken": fewer than 3, a low-result search.
    assert [(r["query"], r["zero"], r["low"]) for r in figures["zero_queries"]] == [
        ("zwaartekracht", 1, 0),
        ("breuken", 0, 2),
    ]
    # The empty search for a level is that level's gap, with a link that opens the search.
    level = Level.objects.get(code="fl-lo-4")
    (gap,) = response.context["gaps"]
    assert (gap["level"], gap["subject"], gap["count"], gap["zero"]) == (level.label, "", 1, 1)
    assert gap["url"] == f"{search}?level=fl-lo-4"
    page = response.content.decode()
    assert f'href="{search}?level=fl-lo-4"' in page
    assert browser_client.get(gap["url"]).status_code == 200
    assert '<td data-label="Times">3</td>' in page


def test_a_level_filter_counts_only_the_members_of_that_level(browser_client):
    resource = old_resource()
    teacher = MemberFactory()
    teacher.levels.set(Level.objects.filter(code="fl-lo-4"))
    browser_client.force_login(teacher)
    browser_client.get(reverse("resources:visit", args=[resource.pk]))
    browser_client.logout()
    browser_client.get(reverse("resources:visit", args=[resource.pk]))
    insight_rollup_recent()
    client = as_staff(browser_client)

    def downloads(**params):
        figures = client.get(reverse(DASHBOARD), params).context["figures"]
        return [r["count"] for r in figures["downloaded"]]

    assert downloads() == [2]
    assert downloads(level="fl-lo-4") == [1]
    assert downloads(level="fl-so") == []


def test_a_region_filter_and_the_period_change_the_numbers(browser_client):
    resource = old_resource()
    browser_client.get(reverse("resources:visit", args=[resource.pk]))
    browser_client.get(reverse("resources:visit", args=[resource.pk]), HTTP_ACCEPT_LANGUAGE="nl-NL")
    browser_client.get(reverse("resources:visit", args=[resource.pk]), HTTP_ACCEPT_LANGUAGE="nl-NL")
    insight_rollup_recent()
    client = as_staff(browser_client)

    def downloads(**params):
        figures = client.get(reverse(DASHBOARD), params).context["figures"]
        return [r["count"] for r in figures["downloaded"]]

    assert downloads() == [3]
    assert downloads(region="fl") == [1]
    assert downloads(region="nl") == [2]
    assert downloads(days="7") == [3]
    # A period that ended before today leaves today's events out.
    week_ago = timezone.localdate() - timedelta(days=8)
    earlier = week_ago - timedelta(days=5)
    assert downloads(**{"from": earlier.isoformat(), "to": week_ago.isoformat()}) == []


@pytest.mark.parametrize(
    "params",
    [
        {"days": "banana"},
        {"days": "12"},
        {"from": "2026-13-45", "to": "yesterday"},
        {"from": "2030-01-01", "to": "2020-01-01"},
        {"region": "xx", "level": "nope", "subject": "<script>"},
        {"format": "csv", "table": "nothing"},
    ],
)
def test_bad_filter_values_fall_back_to_the_defaults(client, params):
    response = as_staff(client).get(reverse(DASHBOARD), params)
    assert response.status_code == 200
    if "format" not in params:
        filters = response.context["filters"]
        defaults = (DEFAULT_DAYS, "", None, None)
        assert (filters.days, filters.region, filters.level, filters.subject) == defaults


def weekly(response) -> dict[str, list]:
    """Each indicator's values per week, as the page's table shows them."""
    keys = [card["key"] for card in response.context["cards"]]
    columns: dict[str, list] = {key: [] for key in keys}
    for row in response.context["week_rows"]:
        for key, (_label, value) in zip(keys, row["values"], strict=True):
            columns[key].append(value)
    return columns


def test_indicators_equal_the_rows_created(client):
    now = timezone.now()
    for _ in range(2):
        ResourceFactory(published_at=now)
    old_resource()
    MemberFactory(region="nl")
    MemberFactory(region="nl")
    # A decision that took 10 hours, last week.
    item = ModerationItemFactory()
    decided = now - timedelta(days=7)
    ModerationItem.objects.filter(pk=item.pk).update(
        created_at=decided - timedelta(hours=10), decided_at=decided, decision="publish"
    )
    ModerationItemFactory()  # still waiting
    client = as_staff(client)
    response = client.get(reverse(DASHBOARD))
    cards = {card["key"]: card for card in response.context["cards"]}
    values = weekly(response)
    assert values["published"][-1] == 2
    assert sum(values["published"]) == 2
    assert values["members"][-1] == Member.objects.count()
    assert values["wait_median"][-2] == 10.0
    assert values["wait_p90"][-2] == 10.0
    assert response.context["queue_now"] == 1
    assert cards["wait_median"]["value"] == 10.0
    assert weekly(client.get(reverse(DASHBOARD), {"region": "nl"}))["members"][-1] == 2


def test_csv_downloads_the_table_with_formulas_neutralised(browser_client):
    today = timezone.localdate()
    DailySearch.objects.create(day=today, folded="=cmd|' /c calc'!a0", region="fl", count=4, zero=4)
    DailySearch.objects.create(day=today, folded="breuken", region="fl", count=2)
    response = as_staff(browser_client).get(
        reverse(DASHBOARD), {"format": "csv", "table": "searches", "days": "7"}
    )
    assert response["Content-Type"].startswith("text/csv")
    start = today - timedelta(days=6)
    assert f"insight-searches-{start:%Y%m%d}-{today:%Y%m%d}.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Search words", "Searches", "Found nothing", "Results opened"]
    assert rows[1] == ["'=cmd|' /c calc'!a0", "4", "4", "0"]
    assert rows[2] == ["breuken", "2", "0", "0"]


def test_search_words_are_escaped_in_the_chart_and_the_tables(browser_client):
    DailySearch.objects.create(
        day=timezone.localdate(), folded="<script>alert(1)</script>", region="fl", count=5
    )
    client = as_staff(browser_client)
    page = client.get(reverse(DASHBOARD)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    chart = client.get(reverse("insight:dashboard_chart", args=["searches"]))
    assert chart["Content-Type"].startswith("image/svg+xml")
    svg = chart.content.decode()
    assert "<script" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "cdn" not in svg.lower()


def test_each_chart_is_an_image_with_a_text_alternative(client):
    client = as_staff(client)
    page = client.get(reverse(DASHBOARD), {"region": "nl"}).content.decode()
    for indicator in INDICATORS:
        src = f"{reverse('insight:dashboard_chart', args=[indicator.key])}?days=7&amp;region=nl"
        assert f'<img class="chart" src="{src}"' in page
        chart = client.get(src.replace("&amp;", "&"))
        assert chart.status_code == 200
        assert chart.content.startswith(b"<svg")
    assert 'alt="New members per week, ' in page
    assert client.get(reverse("insight:dashboard_chart", args=["nothing"])).status_code == 404


def test_only_staff_see_the_dashboard(client):
    url = reverse(DASHBOARD)
    assert client.get(url).status_code == 302
    client.force_login(MemberFactory())
    assert client.get(url).status_code == 403
    assert client.get(url, {"format": "csv"}).status_code == 403
    chart = reverse("insight:dashboard_chart", args=["members"])
    assert client.get(chart).status_code == 403


def test_the_staff_menu_and_home_link_the_dashboard(client):
    as_staff(client)
    page = client.get(reverse(DASHBOARD)).content.decode()
    assert f'<a href="{reverse(DASHBOARD)}" aria-current="page">Insight</a>' in page
    home = client.get(reverse("staff_home")).content.decode()
    assert reverse(DASHBOARD) in home


def test_the_page_reads_a_bounded_number_of_queries(browser_client, django_assert_max_num_queries):
    for _ in range(15):
        resource = old_resource()
        browser_client.get(resource.get_absolute_url())
        browser_client.get(reverse("resources:visit", args=[resource.pk]))
    insight_rollup_recent()
    as_staff(browser_client)
    with django_assert_max_num_queries(40):
        assert (
            browser_client.get(reverse(DASHBOARD), {"region": "fl", "level": "fl-lo"}).status_code
            == 200
        )
