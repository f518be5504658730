"""Search forecasts: the model against its baselines on a known seasonal series, and the
staff page that shows what is expected to rise (docs/analytics.md, "Forecasts")."""

import re
from datetime import date, timedelta

import numpy as np
import pytest
from django.urls import reverse

from staffroom.curriculum.models import Level, Subject
from staffroom.curriculum.school_calendar import week_features
from staffroom.insight.forecast import (
    forecast_backtest_summary,
    forecasts_refresh,
    rising_forecasts,
)
from staffroom.insight.models import DailyDemand, DailySearch, SearchForecast
from staffroom.search.services import search_reindex
from tests.factories import MemberFactory, ResourceFactory, StaffFactory

pytestmark = pytest.mark.django_db

FIRST_WEEK = date(2023, 9, 4)
# A Monday in November: the weeks before Sinterklaas are ahead.
TODAY = date(2026, 11, 9)
QUERY = "sinterklaasgedicht"


def _expected(region: str, monday: date) -> float:
    """Searches a week: growing 30 % a year, down in holidays, up before Sinterklaas and
    in exam weeks."""
    features = week_features(region, monday)
    value = 60 * (1 + 0.3 * (monday - FIRST_WEEK).days / 365) * (1 - 0.85 * features.holiday_share)
    if "sinterklaas" in features.events:
        value *= 3
    if features.exam:
        value *= 1.4
    return value


def _weekly_counts(region: str, *, seed: int = 0, until: date = TODAY) -> list[tuple[date, int]]:
    rng = np.random.default_rng(seed)
    weeks = (until - FIRST_WEEK).days // 7
    mondays = [FIRST_WEEK + timedelta(weeks=week) for week in range(weeks)]
    return [(monday, int(rng.poisson(_expected(region, monday)))) for monday in mondays]


def _seed_rollups(region: str = "nl") -> None:
    """Three years of weekly searches of QUERY and of "3de leerjaar" x "wiskunde" (each
    week's count on its Monday), and this week's first searches."""
    counts = _weekly_counts(region)
    DailySearch.objects.bulk_create(
        DailySearch(day=monday, folded=QUERY, region=region, count=count)
        for monday, count in counts
    )
    level = Level.objects.get(code="fl-lo-3")
    subject = Subject.objects.get(code="fl-wis")
    DailyDemand.objects.bulk_create(
        DailyDemand(day=monday, region=region, level_id=level.pk, subject_id=subject.pk, count=c)
        for monday, c in counts
    )
    # The week in progress is not history yet.
    DailySearch.objects.create(day=TODAY, folded=QUERY, region=region, count=5)


def test_the_model_beats_both_baselines_on_a_seasonal_series():
    _seed_rollups()
    stored = forecasts_refresh(today=TODAY)
    # Each series for its region and for all regions together.
    assert stored == 4
    row = SearchForecast.objects.get(kind=SearchForecast.Kind.QUERY, region="nl")
    assert row.method == "model"
    assert row.mase_model < row.mase_seasonal
    assert row.mase_model < row.mase_last
    assert row.mae_model < min(row.mae_seasonal, row.mae_last)
    # History up to the last complete week; the forecast from this week on.
    assert row.recent[-1][0] == "2026-11-02"
    assert [week for week, _value in row.forecast][:2] == ["2026-11-09", "2026-11-16"]
    # The weeks before Sinterklaas are forecast well above the last weeks.
    assert row.rise > 1.5
    summary = forecast_backtest_summary()
    assert summary["overall"]["tested"] == 4
    assert summary["overall"]["mase_model"] < summary["overall"]["mase_seasonal"]
    assert summary["overall"]["mase_model"] < summary["overall"]["mase_last"]
    assert {entry["series"] for entry in summary["series"]} >= {QUERY}


def test_a_short_history_falls_back_to_the_seasonal_naive_forecast_with_a_note(
    browser_client, search_index
):
    for monday, count in _weekly_counts("fl")[-56:]:
        DailySearch.objects.create(day=monday, folded="breuken", region="fl", count=count)
    forecasts_refresh(today=TODAY)
    row = SearchForecast.objects.get(region="fl")
    assert row.method == "seasonal_naive"
    # 56 weeks: too few to hold 12 weeks out and keep a year before them.
    assert row.mase_model is None
    # Same week last year: 52 weeks before this one.
    history = [count for _monday, count in _weekly_counts("fl")[-56:]]
    assert row.forecast[0][1] == history[-52]


def test_the_page_lists_the_rising_query_and_cell_with_resources_and_search_links(
    browser_client, search_index
):
    _seed_rollups()
    ResourceFactory(title="Een sinterklaasgedicht schrijven")
    ResourceFactory(title="Sinterklaasgedicht met rijm")
    ResourceFactory(title="Breuken vergelijken", levels=["fl-lo-4"])
    search_reindex()
    forecasts_refresh(today=TODAY)
    browser_client.force_login(StaffFactory())

    page = browser_client.get(reverse("insight:forecasts"), {"region": "nl"})

    assert page.status_code == 200
    html = page.content.decode()
    query_link = f"{reverse('search:search')}?q={QUERY}"
    assert f'<a href="{query_link}">{QUERY}</a>' in html
    assert f'<a href="{query_link}">2</a>' in html
    # The cell, named as a Flemish reader names it, with the two resources tagged with it.
    cell_link = f"{reverse('search:search')}?level=fl-lo-3&amp;subject=fl-wis"
    assert f'<a href="{cell_link}">Primary year 3 · Mathematics</a>' in html
    assert f'<a href="{cell_link}">2</a>' in html
    rising = rising_forecasts("nl", "fl")
    assert [row.available for row in rising["queries"]] == [2]
    assert [row.available for row in rising["cells"]] == [2]
    # A Dutch reader sees the Dutch level and its code.
    dutch = rising_forecasts("nl", "nl")["cells"][0]
    assert "level=nl-po-5" in dutch.search_url


def test_when_nothing_rises_the_page_shows_the_forecasts_that_fall_least(
    browser_client, search_index
):
    _seed_rollups()
    forecasts_refresh(today=TODAY)
    SearchForecast.objects.update(rise=0.5)  # the weeks before the Christmas holidays
    browser_client.force_login(StaffFactory())
    html = browser_client.get(reverse("insight:forecasts"), {"region": "nl"}).content.decode()
    assert "Nothing is expected to rise in the coming weeks" in html
    assert "expected to rise in the next weeks" not in html  # no heading or caption says so
    assert f'<a href="{reverse("search:search")}?q={QUERY}">{QUERY}</a>' in html


def test_a_region_without_forecasts_lists_nothing_rising(browser_client, search_index):
    _seed_rollups("nl")
    forecasts_refresh(today=TODAY)
    browser_client.force_login(StaffFactory())
    page = browser_client.get(reverse("insight:forecasts"), {"region": "fl"})
    html = page.content.decode()
    assert "No search words are expected to rise." in html
    assert QUERY not in html


def test_an_unknown_region_is_ignored(browser_client, search_index):
    _seed_rollups()
    forecasts_refresh(today=TODAY)
    browser_client.force_login(StaffFactory())
    page = browser_client.get(reverse("insight:forecasts"), {"region": "<mars>"})
    assert page.status_code == 200
    html = page.content.decode()
    # Read as both regions together: the series of all regions is listed.
    assert QUERY in html
    assert '<option value="all">' in html
    assert "&lt;mars&gt;" not in html


def test_before_any_forecast_the_page_says_so(browser_client):
    browser_client.force_login(StaffFactory())
    page = browser_client.get(reverse("insight:forecasts"))
    assert page.status_code == 200
    assert "No forecasts yet" in page.content.decode()


def test_the_page_is_for_staff_only(browser_client):
    url = reverse("insight:forecasts")
    visitor = browser_client.get(url)
    assert visitor.status_code == 302 and "login" in visitor["Location"]
    browser_client.force_login(MemberFactory())
    assert browser_client.get(url).status_code == 403


def test_the_benchmark_summary_computes_the_forecasts_when_none_are_stored():
    _seed_rollups()
    summary = forecast_backtest_summary()
    assert list(summary) == ["overall", "series"]
    assert summary["overall"]["series"] == SearchForecast.objects.count() == 4


def test_the_command_computes_the_forecasts_and_prints_the_backtest():
    from io import StringIO

    from django.core.management import call_command

    _seed_rollups()
    out = StringIO()
    call_command("forecasts", stdout=out)
    assert SearchForecast.objects.count() == 4
    assert "Forecast 4 series" in out.getvalue()
    # The figures themselves depend on today's date (the seeded searches end on TODAY).
    assert re.search(
        r"Mean MASE: model [\d.]+, same week last year [\d.]+, last value [\d.]+\.", out.getvalue()
    )
