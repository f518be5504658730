"""The school calendars against real published dates.

Sources of the expected dates: for Flanders, the school holidays published by the Flemish
Department of Education (onderwijs.vlaanderen.be, "Schoolvakanties", school years 2015-2016,
2019-2020 and 2021-2022 to 2025-2026), as Flemish schools list them; for the Netherlands, the
Rijksoverheid's school holidays (rijksoverheid.nl, "Schoolvakanties", school years 2022-2023
to 2025-2026).
"""

from datetime import date, timedelta

import pytest

from staffroom.curriculum.school_calendar import (
    dutch_holidays,
    flemish_holidays,
    holiday_share,
    school_year_week,
    week_features,
)


def _period(periods, name):
    return next((p.start, p.end) for p in periods if p.name == name)


def _weekdays(start, end):
    day = start
    while day <= end:
        if day.weekday() < 5:
            yield day
        day += timedelta(days=1)


@pytest.mark.parametrize(
    ("school_year", "name", "first", "last"),
    [
        (2024, "autumn", date(2024, 10, 28), date(2024, 11, 3)),
        (2025, "autumn", date(2025, 10, 27), date(2025, 11, 2)),
        (2021, "autumn", date(2021, 11, 1), date(2021, 11, 7)),
        (2024, "christmas", date(2024, 12, 23), date(2025, 1, 5)),
        (2025, "christmas", date(2025, 12, 22), date(2026, 1, 4)),
        (2021, "christmas", date(2021, 12, 27), date(2022, 1, 9)),
        (2024, "spring", date(2025, 3, 3), date(2025, 3, 9)),
        (2025, "spring", date(2026, 2, 16), date(2026, 2, 22)),
        (2019, "spring", date(2020, 2, 24), date(2020, 3, 1)),
        (2021, "spring", date(2022, 2, 28), date(2022, 3, 6)),
        # Easter on 20 April 2025 (after 15 April): from the second Monday before Easter.
        (2024, "easter", date(2025, 4, 7), date(2025, 4, 20)),
        (2025, "easter", date(2026, 4, 6), date(2026, 4, 19)),
        (2019, "easter", date(2020, 4, 6), date(2020, 4, 19)),
        (2021, "easter", date(2022, 4, 4), date(2022, 4, 17)),
        # Easter in March (27 March 2016): from Easter Monday.
        (2015, "easter", date(2016, 3, 28), date(2016, 4, 10)),
        (2024, "summer", date(2025, 7, 1), date(2025, 8, 31)),
    ],
)
def test_flemish_holidays_match_the_published_calendar(school_year, name, first, last):
    assert _period(flemish_holidays(school_year), name) == (first, last)


def test_flanders_kept_its_calendar_after_2022():
    """The two-week autumn and carnival breaks of 2022-2023 are the French Community's
    reform: Flemish schools had one week in autumn 2024 (28 October - 3 November) and went
    back on 4 November."""
    assert holiday_share("fl", date(2024, 11, 4)) == 0
    assert holiday_share("fl", date(2025, 3, 10)) == 0  # after one week of krokus
    assert holiday_share("fl", date(2024, 8, 30)) == 1  # summer until 31 August
    assert holiday_share("fl", date(2024, 9, 2)) == 0
    assert holiday_share("fl", date(2025, 6, 30)) == 0
    assert holiday_share("fl", date(2025, 7, 1)) == 1
    assert holiday_share("fl", date(2024, 11, 11)) == 1  # Armistice Day
    # 1 November 2026 is a Sunday: the autumn break is the week after.
    assert _period(flemish_holidays(2026), "autumn") == (date(2026, 11, 2), date(2026, 11, 8))


def test_easter_monday_outside_the_flemish_easter_break_is_a_day_off():
    # Easter 2025 fell on 20 April, the break ended that day; Monday 21 April was free.
    assert holiday_share("fl", date(2025, 4, 21)) == 1
    assert holiday_share("fl", date(2025, 4, 22)) == 0


@pytest.mark.parametrize(
    ("school_year", "region", "name", "first_weekday", "last_weekday"),
    [
        # Spring 2025: noord 15-23 February (week 8), midden and zuid 22 February-2 March (9).
        (2024, "noord", "spring", date(2025, 2, 17), date(2025, 2, 21)),
        (2024, "midden", "spring", date(2025, 2, 24), date(2025, 2, 28)),
        (2024, "zuid", "spring", date(2025, 2, 24), date(2025, 2, 28)),
        # Spring 2026: noord 21 February-1 March (week 9), midden and zuid week 8.
        (2025, "noord", "spring", date(2026, 2, 23), date(2026, 2, 27)),
        (2025, "midden", "spring", date(2026, 2, 16), date(2026, 2, 20)),
        # Autumn 2024: noord and midden 19-27 October (week 43), zuid 12-20 October (42).
        (2024, "noord", "autumn", date(2024, 10, 21), date(2024, 10, 25)),
        (2024, "zuid", "autumn", date(2024, 10, 14), date(2024, 10, 18)),
        # Autumn 2025: noord 18-26 October (week 43).
        (2025, "noord", "autumn", date(2025, 10, 20), date(2025, 10, 24)),
        # Christmas 2024: 21 December 2024 - 5 January 2025, every region.
        (2024, "midden", "christmas", date(2024, 12, 23), date(2025, 1, 3)),
        # May 2025: 19 April - 4 May (weeks 17 and 18).
        (2024, "zuid", "may", date(2025, 4, 21), date(2025, 5, 2)),
        # Summer 2025: zuid 5 July, noord 12 July, midden 19 July, six weeks each.
        (2024, "zuid", "summer", date(2025, 7, 7), date(2025, 8, 15)),
        (2024, "noord", "summer", date(2025, 7, 14), date(2025, 8, 22)),
        (2024, "midden", "summer", date(2025, 7, 21), date(2025, 8, 29)),
        # Summer 2023: midden 8 July, zuid 15 July, noord 22 July.
        (2022, "midden", "summer", date(2023, 7, 10), date(2023, 8, 18)),
        (2022, "noord", "summer", date(2023, 7, 24), date(2023, 9, 1)),
        # Summer 2026: noord 4 July, zuid 11 July, midden 18 July.
        (2025, "noord", "summer", date(2026, 7, 6), date(2026, 8, 14)),
        (2025, "zuid", "summer", date(2026, 7, 13), date(2026, 8, 21)),
        (2025, "midden", "summer", date(2026, 7, 20), date(2026, 8, 28)),
    ],
)
def test_dutch_holidays_match_the_rijksoverheid_dates(
    school_year, region, name, first_weekday, last_weekday
):
    start, end = _period(dutch_holidays(school_year, region), name)
    weekdays = list(_weekdays(start, end))
    assert (weekdays[0], weekdays[-1]) == (first_weekday, last_weekday)


def test_the_dutch_holiday_share_averages_the_three_regions():
    # Week 9 of 2025: midden and zuid on holiday, noord at school.
    assert week_features("nl", date(2025, 2, 24)).holiday_share == pytest.approx(2 / 3, abs=1e-3)
    # Week 29 of 2025: zuid and noord on holiday.
    assert week_features("nl", date(2025, 7, 14)).holiday_share == pytest.approx(2 / 3, abs=1e-3)
    assert week_features("nl", date(2025, 8, 4)).holiday_share == 1
    assert week_features("nl", date(2025, 11, 17)).holiday_share == 0


def test_week_features_name_exams_and_events():
    flemish_december = week_features("fl", date(2024, 12, 9))
    assert flemish_december.exam and "christmas" in flemish_december.events
    assert week_features("fl", date(2025, 6, 16)).exam  # June exams before summer
    assert not week_features("fl", date(2025, 3, 24)).exam
    assert week_features("nl", date(2025, 5, 19)).exam  # central exams in May
    sinterklaas = week_features("nl", date(2025, 12, 1))
    assert "sinterklaas" in sinterklaas.events
    assert "sinterklaas" in week_features("nl", date(2025, 11, 17)).events  # preparing
    assert "sinterklaas" not in week_features("nl", date(2025, 12, 8)).events
    assert "kings_day" in week_features("nl", date(2026, 4, 27)).events
    assert "kings_day" not in week_features("fl", date(2026, 4, 27)).events
    assert "flemish_day" in week_features("fl", date(2025, 7, 7)).events
    assert "carnival" in week_features("fl", date(2025, 2, 24)).events  # carnival 2 March 2025
    assert "teachers_day" in week_features("fl", date(2025, 9, 29)).events
    # An unknown region is read as Flanders, never an error.
    assert week_features("xx", date(2024, 10, 28)).holiday_share == 1


def test_school_year_weeks_count_from_the_week_of_1_september():
    assert school_year_week(date(2024, 8, 26)) == 1
    assert school_year_week(date(2024, 9, 2)) == 2
    assert school_year_week(date(2025, 9, 1)) == 1
    assert school_year_week(date(2025, 8, 31)) == 53  # 2024-2025 had 53 weeks
    assert school_year_week(date(2026, 1, 1)) == 18


def test_every_year_of_the_range_has_a_calendar():
    for year in range(2015, 2036):
        for region in ("fl", "nl"):
            shares = [
                week_features(region, date(year, 1, 5) + timedelta(weeks=w)).holiday_share
                for w in range(52)
            ]
            # About 14 to 17 weeks of holidays a year in both regions.
            assert 11 < sum(shares) < 19, (year, region, sum(shares))
