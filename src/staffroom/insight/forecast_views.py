"""The staff page of search forecasts: what teachers are expected to search more in the next
weeks, how good the forecasts have been, and how much the collection has for it.

Thin: the forecasts are computed by the clock (``insight.forecast.forecasts_refresh``); this
reads the stored rows and counts the published resources per row."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from staffroom.core.permissions import staff_required

from . import charts
from .forecast import (
    BACKTEST_WEEKS,
    RECENT_WEEKS,
    REGION_FILTERS,
    RisingRow,
    forecasts_exist,
    rising_forecasts,
)

SHOWN = 10


def _charts(rows: list[RisingRow]) -> None:
    """A line per row: its last weeks, then its forecast (the table beside it has both)."""
    drawn = charts.render(
        [
            charts.Chart(
                kind="line",
                labels=[monday.strftime("%d/%m") for monday, _value, _ahead in row.weeks],
                values=[value for _monday, value, _ahead in row.weeks],
                series=_("Searches per week"),
            )
            for row in rows
        ]
    )
    for row, svg in zip(rows, drawn, strict=True):
        row.svg = svg


@staff_required
def forecasts(request: HttpRequest) -> HttpResponse:
    """Staff: the queries and level x subject cells expected to rise in the next weeks."""
    region = request.GET.get("region", "all")
    if region not in REGION_FILTERS:
        region = "all"  # an unknown region is ignored, as if none was chosen
    reader_region = getattr(request, "region", "fl")
    rising = rising_forecasts(region, reader_region, limit=SHOWN) if forecasts_exist() else None
    # Nothing rises (the holidays are near): the forecasts that fall least, so that staff
    # still see what is coming rather than an empty page.
    falling = rising is not None and not (rising["queries"] or rising["cells"])
    if falling:
        rising = rising_forecasts(region, reader_region, limit=SHOWN, min_rise=0.0)
    if rising:
        _charts(rising["queries"] + rising["cells"])
    return render(
        request,
        "insight/forecasts.html",
        {
            "region": region,
            "rising": rising,
            "falling": falling,
            "recent_weeks": RECENT_WEEKS,
            "backtest_weeks": BACKTEST_WEEKS,
        },
    )
