"""Forecasts of what teachers will search in the next weeks, and how good they have been.

Why: staff can commission or promote resources before teachers look for them (Sinterklaas
material in November, revision before exams), if they know what is coming and where the
collection is thin. Teachers' searching follows the school calendar far more than a plain
trend, so each series is modelled with it.

Series: the searches per ISO week (Monday to Sunday) of the most searched words (the folded
text of ``DailySearch``) and of the most searched level x subject cells (``DailyDemand``), per
region ("fl", "nl", and all regions together), over complete weeks only.

Model, per series: a Poisson regression (a GLM with log link, statsmodels) on a trend, the
school-year week as a few Fourier terms (the same week of every school year looks alike), the
week's holiday share, the exam flag and the events teachers prepare for
(``curriculum.school_calendar``). For all regions together the calendars of Flanders and the
Netherlands are mixed by their share of the searches. A series with too little history (less
than ``MIN_MODEL_WEEKS``) is forecast by the same week last year (seasonal naive), or with less
than a year by its last week, and says so.

Backtest: a rolling origin over the last ``BACKTEST_WEEKS`` weeks of history: from each week,
forecast the next 1 to ``HORIZON`` weeks from what came before and compare with what happened.
The errors are reported as MAE and as MASE (the MAE divided by the mean week-to-week change of
the series before the test weeks: below 1 beats "same as last week" in-sample), for the model,
the seasonal-naive forecast (52 weeks back) and the last value.

Everything is computed by ``forecasts_refresh`` (the clock, daily) into ``SearchForecast``
rows; the page reads those and only counts the resources available per row.
"""

from __future__ import annotations

import math
import warnings
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.db import transaction
from django.db.models import Min, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone

from staffroom.curriculum.models import Level, Subject
from staffroom.curriculum.queries import filter_by_terms, terms_by_id
from staffroom.curriculum.school_calendar import EVENT_NAMES, monday_of, week_features
from staffroom.resources.models import Resource
from staffroom.search.backends import get_backend
from staffroom.search.backends.base import SearchRequest

from .models import DailyDemand, DailySearch, SearchForecast

if TYPE_CHECKING:
    import numpy as np

HORIZON = 8  # weeks ahead
TOP_SERIES = 20  # per kind and region
BACKTEST_WEEKS = 12  # rolling origins
# The regression needs a school year of history and some weeks to learn the calendar from.
MIN_MODEL_WEEKS = 60
SEASON = 52
FOURIER_TERMS = 3
RECENT_WEEKS = 4  # what "rising" is measured against
# Listed as rising: a tenth more searches expected (small counts: +1 each, see ``rise``).
MIN_RISE = 1.1
SHOWN_RECENT = 8  # weeks of history kept with each forecast
# The page's region filter; "all" is stored as "".
REGION_FILTERS = ("all", "fl", "nl")
METHOD_MODEL = "model"
METHOD_SEASONAL = "seasonal_naive"
METHOD_LAST = "last_value"


@dataclass(frozen=True)
class Backtest:
    """Errors of the three methods over the held-out weeks (None: not enough history)."""

    mae_model: float | None = None
    mae_seasonal: float | None = None
    mae_last: float | None = None
    mase_model: float | None = None
    mase_seasonal: float | None = None
    mase_last: float | None = None


@dataclass(frozen=True)
class SeriesForecast:
    method: str
    forecast: list[float]
    backtest: Backtest


# --- The calendar as regressors ------------------------------------------------------------


def _calendar_row(region: str, monday: date) -> list[float]:
    features = week_features(region, monday)
    return [
        features.holiday_share,
        float(features.exam),
        *(float(name in features.events) for name in EVENT_NAMES),
    ]


def calendar_matrix(
    mondays: Sequence[date], weights: dict[str, float]
) -> tuple[np.ndarray, np.ndarray]:
    """The school-calendar regressors of ``mondays``, the regions' calendars mixed by
    ``weights`` ({"fl": 0.8, "nl": 0.2}), and the school-year week of each."""
    import numpy as np  # noqa: PLC0415 - loaded by the clock's forecasts, not by pages

    rows = []
    for monday in mondays:
        mixed = np.zeros(2 + len(EVENT_NAMES))
        for region, weight in weights.items():
            if weight:
                mixed += weight * np.asarray(_calendar_row(region, monday))
        rows.append(mixed)
    school_weeks = np.array([week_features("fl", monday).school_week for monday in mondays])
    return np.asarray(rows), school_weeks


def design_matrix(mondays: Sequence[date], weights: dict[str, float]) -> np.ndarray:
    """Intercept, trend (per year), Fourier terms of the school-year week, calendar."""
    import numpy as np  # noqa: PLC0415 - loaded by the clock's forecasts, not by pages

    calendar, school_weeks = calendar_matrix(mondays, weights)
    t = np.arange(len(mondays)) / SEASON
    columns = [np.ones(len(mondays)), t]
    for k in range(1, FOURIER_TERMS + 1):
        angle = 2 * math.pi * k * (school_weeks - 1) / SEASON
        columns += [np.sin(angle), np.cos(angle)]
    return np.column_stack([*columns, calendar])


# --- Methods -----------------------------------------------------------------------------


def seasonal_naive(history: Sequence[float], steps: int) -> list[float]:
    """The same week a year (52 weeks) earlier; the last value where there is none."""
    n = len(history)
    last = float(history[-1]) if n else 0.0
    return [
        float(history[n + h - SEASON]) if 0 <= n + h - SEASON < n else last for h in range(steps)
    ]


def last_value(history: Sequence[float], steps: int) -> list[float]:
    return [float(history[-1]) if len(history) else 0.0] * steps


def glm_forecast(history: Sequence[float], design: np.ndarray, steps: int) -> list[float] | None:
    """Fit a Poisson regression on the first ``len(history)`` rows of ``design`` and predict
    the next ``steps`` rows; None when it cannot be fitted."""
    import numpy as np  # noqa: PLC0415 - loaded by the clock's forecasts, not by pages

    # Seconds to import (scipy): only the task needs it.
    from statsmodels.genmod import families  # noqa: PLC0415
    from statsmodels.genmod.generalized_linear_model import GLM  # noqa: PLC0415

    n = len(history)
    train = design[:n]
    # Regressors that never change in the training weeks carry nothing (and make the fit
    # singular): left out.
    keep = [0] + [j for j in range(1, train.shape[1]) if np.ptp(train[:, j]) > 0]
    y = np.asarray(history, dtype=float)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = GLM(y, train[:, keep], family=families.Poisson()).fit(maxiter=100)
            predicted = result.predict(design[n : n + steps, keep])
    except (ValueError, np.linalg.LinAlgError, OverflowError):
        return None
    if not np.all(np.isfinite(predicted)):
        return None
    # A calendar combination never seen in training can extrapolate wildly: capped.
    cap = 3 * max(float(y.max()), 1.0)
    return [float(min(max(value, 0.0), cap)) for value in predicted]


def _mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def backtest(history: Sequence[float], design: np.ndarray) -> Backtest:
    """Rolling-origin errors over the last ``BACKTEST_WEEKS`` weeks of ``history``."""

    n = len(history)
    first = n - BACKTEST_WEEKS
    if first < SEASON + 1:
        return Backtest()
    errors: dict[str, list[float]] = defaultdict(list)
    use_model = first >= MIN_MODEL_WEEKS
    for origin in range(first, n):
        past = history[:origin]
        steps = min(HORIZON, n - origin)
        actual = history[origin : origin + steps]
        forecasts = {
            METHOD_SEASONAL: seasonal_naive(past, steps),
            METHOD_LAST: last_value(past, steps),
        }
        if use_model:
            predicted = glm_forecast(past, design, steps)
            forecasts[METHOD_MODEL] = predicted or seasonal_naive(past, steps)
        for method, predicted_values in forecasts.items():
            errors[method] += [abs(a - p) for a, p in zip(actual, predicted_values, strict=True)]
    scale = _mean(abs(history[t] - history[t - 1]) for t in range(1, first))
    maes = {method: _mean(values) for method, values in errors.items()}

    def mase(method: str) -> float | None:
        mae = maes.get(method)
        if mae is None or not scale:
            return None
        return round(mae / scale, 4)

    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 4)

    return Backtest(
        mae_model=rounded(maes.get(METHOD_MODEL)),
        mae_seasonal=rounded(maes.get(METHOD_SEASONAL)),
        mae_last=rounded(maes.get(METHOD_LAST)),
        mase_model=mase(METHOD_MODEL),
        mase_seasonal=mase(METHOD_SEASONAL),
        mase_last=mase(METHOD_LAST),
    )


def forecast_series(
    history: Sequence[float], mondays: Sequence[date], weights: dict[str, float]
) -> SeriesForecast:
    """The next ``HORIZON`` weeks after ``history`` (one value per week of ``mondays``, which
    runs ``HORIZON`` weeks further), by the best method its length allows, with its
    backtest."""
    design = design_matrix(mondays, weights)
    tested = backtest(history, design)
    if len(history) >= MIN_MODEL_WEEKS:
        predicted = glm_forecast(history, design, HORIZON)
        if predicted is not None:
            return SeriesForecast(METHOD_MODEL, predicted, tested)
    if len(history) >= SEASON:
        return SeriesForecast(METHOD_SEASONAL, seasonal_naive(history, HORIZON), tested)
    return SeriesForecast(METHOD_LAST, last_value(history, HORIZON), tested)


# --- Series from the rollups -------------------------------------------------------------


def _region_filter(region: str) -> dict[str, str]:
    return {"region": region} if region else {}


def _weights(model: type[DailySearch] | type[DailyDemand], region: str) -> dict[str, float]:
    """How much each region's calendar counts for a series of ``region`` ("" for all)."""
    if region:
        return {region: 1.0}
    totals = dict(
        model.objects.filter(region__in=("fl", "nl"))
        .values_list("region")
        .annotate(total=Sum("count"))
        .values_list("region", "total")
    )
    everything = sum(totals.values())
    if not everything:
        return {"fl": 1.0}
    return {name: total / everything for name, total in totals.items()}


def _weekly(rows: Iterable[tuple[Any, date, int]], start: date, weeks: int) -> dict[Any, list]:
    series: dict[Any, list[float]] = defaultdict(lambda: [0.0] * weeks)
    for key, day, count in rows:
        index = (day - start).days // 7
        if 0 <= index < weeks:
            series[key][index] += count
    return series


def _span(rows: QuerySet, end: date) -> tuple[date, int] | None:
    """The Monday of the first week of ``rows`` and the number of complete weeks to ``end``."""
    first_day = rows.aggregate(first=Min("day"))["first"]
    if first_day is None:
        return None
    start = monday_of(first_day)
    return start, (end - start).days // 7


def _query_series(region: str, end: date) -> tuple[date, dict[Any, list[float]]]:
    """The weekly counts, up to the week before ``end`` (a Monday), of the ``TOP_SERIES``
    most searched words of ``region`` over the last year, and their first week."""
    rows = DailySearch.objects.filter(day__lt=end, **_region_filter(region))
    span = _span(rows, end)
    if span is None:
        return end, {}
    start, weeks = span
    top = list(
        rows.filter(day__gte=end - timedelta(weeks=SEASON))
        .exclude(folded="")
        .values_list("folded")
        .annotate(total=Sum("count"))
        .order_by("-total", "folded")
        .values_list("folded", flat=True)[:TOP_SERIES]
    )
    found = rows.filter(folded__in=top).values_list("folded", "day", "count").iterator(2000)
    return start, _weekly(found, start, weeks)


def _demand_series(region: str, end: date) -> tuple[date, dict[Any, list[float]]]:
    """As ``_query_series``, for the most searched level x subject cells."""
    rows = DailyDemand.objects.filter(day__lt=end, **_region_filter(region))
    span = _span(rows, end)
    if span is None:
        return end, {}
    start, weeks = span
    cells = list(
        rows.filter(day__gte=end - timedelta(weeks=SEASON))
        .values_list("level_id", "subject_id")
        .annotate(total=Sum("count"))
        .order_by("-total", "level_id", "subject_id")
        .values_list("level_id", "subject_id")[:TOP_SERIES]
    )
    wanted = set(cells)
    found = (
        ((level, subject), day, count)
        for level, subject, day, count in rows.filter(
            level_id__in={level for level, _subject in cells}
        )
        .values_list("level_id", "subject_id", "day", "count")
        .iterator(2000)
        if (level, subject) in wanted
    )
    return start, _weekly(found, start, weeks)


def _pairs(mondays: Sequence[date], values: Sequence[float]) -> list[list]:
    return [
        [monday.isoformat(), round(value, 1)]
        for monday, value in zip(mondays, values, strict=False)
    ]


def forecasts_compute(*, today: date | None = None) -> list[SearchForecast]:
    """Forecast every series (unsaved rows): the top queries and level x subject cells of
    each region and of all regions together."""
    today = today or timezone.localdate()
    end = monday_of(today)  # weeks before this one are complete
    now = timezone.now()
    computed = []
    for kind in (SearchForecast.Kind.QUERY, SearchForecast.Kind.DEMAND):
        model: type[DailySearch] | type[DailyDemand] = (
            DailySearch if kind == SearchForecast.Kind.QUERY else DailyDemand
        )
        for region in ("", "fl", "nl"):
            start, series = (
                _query_series(region, end)
                if kind == SearchForecast.Kind.QUERY
                else _demand_series(region, end)
            )
            if not series:
                continue
            weights = _weights(model, region)
            weeks = (end - start).days // 7
            mondays = [start + timedelta(weeks=w) for w in range(weeks + HORIZON)]
            for key, history in series.items():
                result = forecast_series(history, mondays, weights)
                recent = history[-RECENT_WEEKS:]
                ahead = result.forecast[:RECENT_WEEKS]
                rise = (sum(ahead) / len(ahead) + 1) / (sum(recent) / len(recent) + 1)
                folded, level_id, subject_id = (
                    (key, 0, 0) if kind == SearchForecast.Kind.QUERY else ("", *key)
                )
                computed.append(
                    SearchForecast(
                        kind=kind,
                        region=region,
                        folded=folded,
                        level_id=level_id,
                        subject_id=subject_id,
                        method=result.method,
                        recent=_pairs(
                            mondays[weeks - SHOWN_RECENT : weeks], history[-SHOWN_RECENT:]
                        ),
                        forecast=_pairs(mondays[weeks:], result.forecast),
                        rise=round(rise, 4),
                        computed_at=now,
                        **vars(result.backtest),
                    )
                )
    return computed


def forecasts_refresh(*, today: date | None = None) -> int:
    """Compute every forecast and replace the stored ones; returns how many were stored."""
    computed = forecasts_compute(today=today)
    with transaction.atomic():
        SearchForecast.objects.all().delete()
        SearchForecast.objects.bulk_create(computed, batch_size=500)
    return len(computed)


# --- Reads: the page and the benchmark -------------------------------------------------------


def forecast_backtest_summary(*, refresh: bool = False) -> dict[str, Any]:
    """The backtest figures (for docs/benchmarks.md): the mean MASE and MAE of each method
    over the series where all three could be tested, then each series' own. Reads the stored
    forecasts; computes them first when ``refresh`` or when none are stored (a fresh demo)."""
    if refresh or not SearchForecast.objects.exists():
        forecasts_refresh()
    rows = list(SearchForecast.objects.order_by("kind", "region", "folded", "level_id"))
    series = [
        {
            "kind": row.kind,
            "region": row.region or "all",
            "series": row.folded or f"{row.level_id}x{row.subject_id}",
            "method": row.method,
            "mase_model": row.mase_model,
            "mase_seasonal": row.mase_seasonal,
            "mase_last": row.mase_last,
            "mae_model": row.mae_model,
            "mae_seasonal": row.mae_seasonal,
            "mae_last": row.mae_last,
        }
        for row in rows
    ]
    tested = [row for row in rows if None not in (row.mase_model, row.mase_seasonal, row.mase_last)]

    def mean(name: str) -> float | None:
        value = _mean(getattr(row, name) for row in tested)
        return None if value is None else round(value, 4)

    overall = {
        "series": len(rows),
        "tested": len(tested),
        "backtest_weeks": BACKTEST_WEEKS,
        "horizon": HORIZON,
        "mase_model": mean("mase_model"),
        "mase_seasonal": mean("mase_seasonal"),
        "mase_last": mean("mase_last"),
        "mae_model": mean("mae_model"),
        "mae_seasonal": mean("mae_seasonal"),
        "mae_last": mean("mae_last"),
        "model_beats_both": sum(
            1
            for row in tested
            if row.mase_model is not None
            and row.mase_model < min(row.mase_seasonal or math.inf, row.mase_last or math.inf)
        ),
    }
    return {"overall": overall, "series": series}


@dataclass
class RisingRow:
    """A series expected to rise, as the staff page shows it."""

    label: str
    forecast: SearchForecast
    available: int
    search_url: str
    # [(week's Monday, value, is_forecast)]
    weeks: list[tuple[date, float, bool]]
    svg: str = ""  # the chart, drawn by the view

    @property
    def first_forecast_week(self) -> date | None:
        return next((monday for monday, _value, ahead in self.weeks if ahead), None)

    @property
    def recent_mean(self) -> float:
        values = [value for _monday, value in self.forecast.recent[-RECENT_WEEKS:]]
        return sum(values) / len(values) if values else 0.0

    @property
    def ahead_mean(self) -> float:
        values = [value for _monday, value in self.forecast.forecast[:RECENT_WEEKS]]
        return sum(values) / len(values) if values else 0.0


def _weeks_of(row: SearchForecast) -> list[tuple[date, float, bool]]:
    weeks = [(date.fromisoformat(day), value, False) for day, value in row.recent]
    return weeks + [(date.fromisoformat(day), value, True) for day, value in row.forecast]


def _query_count(text: str, region: str) -> int:
    request = SearchRequest(text=text, limit=1, facets=False, region=region)
    return get_backend().search(request).total


def rising_forecasts(
    region_filter: str, reader_region: str, *, limit: int = 10, min_rise: float = MIN_RISE
) -> dict[str, list[RisingRow]]:
    """The queries and level x subject cells of ``region_filter`` ("all", "fl", "nl")
    expected to rise most, with the resources published for each and a link to their search,
    named in ``reader_region``'s terms: {"queries": [...], "cells": [...]}."""
    region = "" if region_filter == "all" else region_filter
    stored = SearchForecast.objects.filter(region=region, rise__gt=min_rise).order_by(
        "-rise", "folded", "level_id", "subject_id"
    )
    search_url = reverse("search:search")
    queries = [
        RisingRow(
            label=row.folded,
            forecast=row,
            available=_query_count(row.folded, reader_region),
            search_url=f"{search_url}?{urlencode({'q': row.folded})}",
            weeks=_weeks_of(row),
        )
        for row in stored.filter(kind=SearchForecast.Kind.QUERY)[:limit]
    ]
    levels = terms_by_id(Level)
    subjects = terms_by_id(Subject)
    cells = []
    for row in stored.filter(kind=SearchForecast.Kind.DEMAND)[: limit * 2]:
        level = levels.get(row.level_id)
        subject = subjects.get(row.subject_id) if row.subject_id else None
        if level is None or (row.subject_id and subject is None):
            continue  # a term removed from the vocabulary since
        level = level.in_region(reader_region)
        subject = subject.in_region(reader_region) if subject else None
        parameters = {"level": level.code}
        if subject:
            parameters["subject"] = subject.code
        published = filter_by_terms(Resource.objects.published(), level=level, subject=subject)
        cells.append(
            RisingRow(
                label=f"{level.label} · {subject.label}" if subject else level.label,
                forecast=row,
                available=published.count(),
                search_url=f"{search_url}?{urlencode(parameters)}",
                weeks=_weeks_of(row),
            )
        )
        if len(cells) == limit:
            break
    return {"queries": queries, "cells": cells}


def forecasts_exist() -> bool:
    return SearchForecast.objects.exists()
