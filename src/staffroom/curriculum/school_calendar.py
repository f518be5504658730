"""School calendars of Flanders and the Netherlands, as rules, for any school year (2015-2035).

What teachers search for follows the school year: little during holidays, a lot in the weeks
before Sinterklaas, Christmas or Easter, revision material before exams. The forecasts
(``insight.forecast``) take these as regressors; this module knows nothing of usage.

The rules follow the official regulations, not scraped dates:

- Flanders: the Flemish Government's decision on the organisation of the school year in
  primary and secondary education (Besluit van de Vlaamse Regering van 17 april 1991
  betreffende de organisatie van het schooljaar in het basisonderwijs en het secundair
  onderwijs; the yearly dates on onderwijs.vlaanderen.be, "Schoolvakanties"): the school year
  from 1 September, one week of autumn break (the week of 1 November), two of Christmas break,
  one of spring (krokus) break from carnival Monday, two of Easter break from the first Monday
  of April (from Easter Monday when Easter falls in March, from the second Monday before
  Easter when it falls after 15 April), the summer from 1 July to 31 August, and the days off
  (11 November, Easter Monday, 1 May, Ascension and the Friday after, Whit Monday). The
  reformed calendar of 2022-2023 (two weeks in autumn and at carnival, the summer from early
  July to late August) is the French Community's; Flanders kept its calendar, as the
  published Flemish dates of 2022-2023 to 2025-2026 show.
- The Netherlands: the Rijksoverheid's holiday scheme for primary and secondary schools
  (Regeling vakantiedata / "Schoolvakanties", rijksoverheid.nl, onderwerp schoolvakanties),
  with its three holiday regions noord, midden and zuid: the summer holiday of six weeks
  starts on a rotating Saturday per region (early, middle, late), the spring holiday falls in
  week 7, 8 or 9, the autumn holiday in week 42 or 43, Christmas two weeks for all, and the
  May holiday (week 18 set, week 17 advised and taken by most schools).

Approximations, said plainly: the Dutch government fixes which region takes week 42 or 43
(autumn) and 7, 8 or 9 (spring) some years ahead in a published table whose rotation is not a
simple rule; the rule here gets the weeks right (autumn in weeks 42 and 43, spring in 7 to 9)
but may swap regions in some years. The forecasts use the share over the three regions, which
does not depend on which region is which. The summer rotation follows the six-year cycle of the
published schemes (checked against the orders of 2018 and 2020 to 2026). Flemish exceptions
decided for a single year are not modelled. Exam periods vary per school: Flemish secondary
schools test in the weeks before the Christmas break and in June, Dutch final-year pupils sit
the central exams (centraal examen) from mid-May.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter  # type: ignore[import-untyped]

FLANDERS = "fl"
NETHERLANDS = "nl"
REGIONS = (FLANDERS, NETHERLANDS)
# The Dutch holiday regions (Rijksoverheid): their shares are averaged per week.
NL_HOLIDAY_REGIONS = ("noord", "midden", "zuid")
# The Dutch summer holiday: the order of the regions' starts, from 2022 on (see
# ``_dutch_summer_order``).
SUMMER_ORDERS = (
    ("midden", "noord", "zuid"),
    ("midden", "zuid", "noord"),
    ("zuid", "midden", "noord"),
    ("zuid", "noord", "midden"),
    ("noord", "zuid", "midden"),
    ("noord", "midden", "zuid"),
)

# Events teachers prepare lessons for, with the weeks before them in which they do.
EVENT_NAMES = (
    "back_to_school",
    "teachers_day",
    "book_week",
    "halloween",
    "sinterklaas",
    "christmas",
    "valentine",
    "carnival",
    "easter",
    "kings_day",
    "mothers_day",
    "fathers_day",
    "flemish_day",
)


@dataclass(frozen=True)
class Period:
    """A holiday from ``start`` to ``end``, both included."""

    start: date
    end: date
    name: str

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass(frozen=True)
class WeekFeatures:
    """What a week (Monday to Sunday) is for teachers of a region."""

    region: str
    monday: date
    # Share of the week's school days (Monday to Friday) that are holidays or days off,
    # averaged over the region's holiday regions: 0 (a full school week) to 1.
    holiday_share: float
    # Exams in secondary schools (Flemish tests before Christmas and in June; Dutch central
    # exams in May).
    exam: bool
    # The events whose preparation weeks (or the event itself) fall in this week.
    events: frozenset[str] = field(default_factory=frozenset)
    # Week of the school year: 1 is the week of 1 September.
    school_week: int = 1


def monday_of(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` (0 = Monday) of a month."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _iso_week_monday(year: int, week: int) -> date:
    return date.fromisocalendar(year, week, 1)


def _weeks(start: date, weeks: int, name: str) -> Period:
    """``weeks`` whole weeks from the Monday ``start`` (ending on a Sunday)."""
    return Period(start, start + timedelta(days=7 * weeks - 1), name)


def school_year_of(day: date) -> int:
    """The year a school year starts in (2024 for 2024-2025): the school year begins in the
    week of 1 September."""
    start = monday_of(date(day.year, 9, 1))
    return day.year if day >= start else day.year - 1


def school_year_week(day: date) -> int:
    """The week of the school year ``day`` falls in: 1 for the week of 1 September, up to 52
    (or 53) for the last week of August. The same in both regions, so a week can be compared
    with the same week of earlier school years."""
    start = monday_of(date(school_year_of(day), 9, 1))
    return (monday_of(day) - start).days // 7 + 1


# --- Flanders -------------------------------------------------------------------------


def _christmas_monday(year: int) -> date:
    """The first Monday of the Christmas break in both regions: the week with 25 December,
    or the week after when it falls on a weekend."""
    return monday_of(date(year, 12, 27))


def _carnival_monday(year: int) -> date:
    return easter(year) - timedelta(days=48)


def _flemish_easter_start(year: int) -> date:
    """First day of the Easter break: the first Monday of April; Easter Monday when Easter
    falls in March; the second Monday before Easter when Easter falls after 15 April."""
    easter_day = easter(year)
    if easter_day.month == 3:
        return easter_day + timedelta(days=1)
    if easter_day > date(year, 4, 15):
        return easter_day - timedelta(days=13)
    return _nth_weekday(year, 4, 0, 1)


@lru_cache(maxsize=64)
def flemish_holidays(school_year: int) -> tuple[Period, ...]:
    """The holidays and days off of Flemish schools in school year ``school_year`` (the year
    it starts in), the summer after it included."""
    y, n = school_year, school_year + 1
    nov1 = date(y, 11, 1)
    # The week of 1 November; the week after when 1 November is a Sunday.
    autumn = monday_of(nov1) if nov1.weekday() < 6 else nov1 + timedelta(days=1)
    easter_monday = easter(n) + timedelta(days=1)
    ascension = easter(n) + timedelta(days=39)
    whit_monday = easter(n) + timedelta(days=50)
    periods = [
        _weeks(autumn, 1, "autumn"),
        Period(date(y, 11, 11), date(y, 11, 11), "armistice"),
        _weeks(_christmas_monday(y), 2, "christmas"),
        _weeks(_carnival_monday(n), 1, "spring"),
        _weeks(_flemish_easter_start(n), 2, "easter"),
        Period(easter_monday, easter_monday, "easter_monday"),
        Period(date(n, 5, 1), date(n, 5, 1), "labour_day"),
        Period(ascension, ascension + timedelta(days=1), "ascension"),
        Period(whit_monday, whit_monday, "whit_monday"),
        Period(date(n, 7, 1), date(n, 8, 31), "summer"),
    ]
    return tuple(periods)


# --- The Netherlands --------------------------------------------------------------------


def _dutch_summer_order(year: int) -> tuple[str, ...]:
    """The holiday regions from earliest to latest summer holiday start. Each region starts
    first two years running while the other two swap places, so the orders repeat every six
    years (midden, noord, zuid in 2022; midden, zuid, noord in 2023; zuid, midden, noord in
    2024 ...), as in the published schemes of 2018 to 2026."""
    return SUMMER_ORDERS[(year - 2022) % len(SUMMER_ORDERS)]


def _dutch_spring_week(year: int, region: str) -> int:
    """ISO week of the spring holiday: the south keeps it in carnival week (weeks 7 to 9);
    noord and midden take weeks 8 and 9 in turn."""
    if region == "zuid":
        return min(max(_carnival_monday(year).isocalendar()[1], 7), 9)
    odd = year % 2 == 1
    return (8 if odd else 9) if region == "noord" else (9 if odd else 8)


@lru_cache(maxsize=64)
def dutch_holidays(school_year: int, region: str) -> tuple[Period, ...]:
    """The holidays and days off of Dutch schools of holiday ``region`` (noord, midden, zuid)
    in school year ``school_year``, the summer after it included."""
    y, n = school_year, school_year + 1
    periods = [
        # Autumn: week 42 in the south, week 43 in the north and the middle (mostly).
        _weeks(_iso_week_monday(y, 42 if region == "zuid" else 43), 1, "autumn"),
        _weeks(_christmas_monday(y), 2, "christmas"),
        _weeks(_iso_week_monday(n, _dutch_spring_week(n, region)), 1, "spring"),
        # May: week 18 (set by the government) and week 17 (advised, taken by most schools).
        _weeks(_iso_week_monday(n, 17), 2, "may"),
    ]
    good_friday = easter(n) - timedelta(days=2)
    easter_monday = easter(n) + timedelta(days=1)
    ascension = easter(n) + timedelta(days=39)
    whit_monday = easter(n) + timedelta(days=50)
    kings_day = date(n, 4, 27) if date(n, 4, 27).weekday() != 6 else date(n, 4, 26)
    periods += [
        Period(good_friday, good_friday, "good_friday"),
        Period(easter_monday, easter_monday, "easter_monday"),
        Period(kings_day, kings_day, "kings_day"),
        Period(ascension, ascension + timedelta(days=1), "ascension"),
        Period(whit_monday, whit_monday, "whit_monday"),
    ]
    if n % 5 == 0:  # Liberation Day is a day off in lustrum years
        periods.append(Period(date(n, 5, 5), date(n, 5, 5), "liberation_day"))
    # Summer: six weeks from a Saturday; the earliest region starts on the first Saturday on
    # or after 4 July, the others one and two weeks later.
    july4 = date(n, 7, 4)
    earliest = july4 + timedelta(days=(5 - july4.weekday()) % 7)
    rank = _dutch_summer_order(n).index(region)
    start = earliest + timedelta(days=7 * rank)
    periods.append(Period(start, start + timedelta(days=43), "summer"))
    return tuple(periods)


# --- Per region -------------------------------------------------------------------------


def holiday_share(region: str, day: date) -> float:
    """The share (0 to 1) of ``region``'s holiday regions that have no school on ``day``."""
    if day.weekday() >= 5:
        return 1.0
    year = school_year_of(day)
    if region == NETHERLANDS:
        off = sum(
            any(day in period for y in (year - 1, year) for period in dutch_holidays(y, part))
            for part in NL_HOLIDAY_REGIONS
        )
        return off / len(NL_HOLIDAY_REGIONS)
    periods = flemish_holidays(year - 1) + flemish_holidays(year)
    return 1.0 if any(day in period for period in periods) else 0.0


def is_exam_week(region: str, monday: date) -> bool:
    """Whether secondary schools of ``region`` hold exams in the week of ``monday``."""
    monday = monday_of(monday)
    if region == NETHERLANDS:
        # Central exams, first period: from about mid-May for two and a half weeks.
        week = monday.isocalendar()[1]
        return 20 <= week <= 22
    year = school_year_of(monday)
    christmas = _christmas_monday(year)
    if christmas - timedelta(weeks=2) <= monday < christmas:
        return True
    summer = next(p for p in flemish_holidays(year) if p.name == "summer")
    summer_monday = monday_of(summer.start + timedelta(days=2))
    return summer_monday - timedelta(weeks=3) <= monday < summer_monday


def _event_dates(region: str, year: int) -> dict[str, tuple[date, int]]:
    """Events of calendar ``year`` in ``region``: name -> (date, weeks of preparation)."""
    easter_day = easter(year)
    may_sunday2 = _nth_weekday(year, 5, 6, 2)
    events: dict[str, tuple[date, int]] = {
        "back_to_school": (date(year, 9, 1), 2),
        "teachers_day": (date(year, 10, 5), 1),
        "halloween": (date(year, 10, 31), 2),
        "christmas": (date(year, 12, 25), 3),
        "valentine": (date(year, 2, 14), 1),
        "carnival": (easter_day - timedelta(days=49), 2),
        "easter": (easter_day, 3),
        "mothers_day": (may_sunday2, 2),
    }
    if region == NETHERLANDS:
        events["sinterklaas"] = (date(year, 12, 5), 3)
        events["kings_day"] = (date(year, 4, 27), 1)
        events["fathers_day"] = (_nth_weekday(year, 6, 6, 3), 2)
        # Kinderboekenweek: from the first Wednesday of October, eleven days.
        events["book_week"] = (_nth_weekday(year, 10, 2, 1) + timedelta(days=7), 1)
    else:
        events["sinterklaas"] = (date(year, 12, 6), 3)
        events["fathers_day"] = (_nth_weekday(year, 6, 6, 2), 2)
        events["flemish_day"] = (date(year, 7, 11), 0)
        # Jeugdboekenweek: in March, around the second week.
        events["book_week"] = (_nth_weekday(year, 3, 0, 2) + timedelta(days=6), 1)
    return events


def events_in_week(region: str, monday: date) -> frozenset[str]:
    """The events whose day, or whose weeks of preparation, fall in the week of ``monday``."""
    monday = monday_of(monday)
    found = set()
    for year in {monday.year, (monday + timedelta(days=6)).year}:
        for name, (day, lead) in _event_dates(region, year).items():
            event_monday = monday_of(day)
            if event_monday - timedelta(weeks=lead) <= monday <= event_monday:
                found.add(name)
    return frozenset(found)


@lru_cache(maxsize=4096)
def week_features(region: str, monday: date) -> WeekFeatures:
    """The school calendar of the week of ``monday`` for teachers of ``region`` ("fl" or
    "nl"; anything else is read as Flanders)."""
    region = region if region in REGIONS else FLANDERS
    monday = monday_of(monday)
    days = [monday + timedelta(days=offset) for offset in range(5)]
    share = sum(holiday_share(region, day) for day in days) / len(days)
    return WeekFeatures(
        region=region,
        monday=monday,
        holiday_share=round(share, 4),
        exam=is_exam_week(region, monday),
        events=events_in_week(region, monday),
        school_week=school_year_week(monday),
    )
