"""The staff dashboard: weekly indicators, what was used and searched, and the gaps.

Thin: the figures come from ``insight.indicators`` and ``insight.dashboard`` (both cached per
filter), the charts from ``insight.charts``. Every table is also offered as CSV
(``?format=csv&table=<name>`` with the same filters).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from staffroom.core.permissions import staff_required
from staffroom.core.spreadsheet import csv_text
from staffroom.curriculum.queries import indentation, levels_for_region, subjects_for_region

from . import charts
from .dashboard import PERIODS, Filters, dashboard_figures, named_gaps, parse_filters
from .indicators import BY_KEY, INDICATORS, TREND_WEEKS, weekly_indicators


def week_label(monday: date) -> str:
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


def _tables(indicators: dict[str, Any], figures: dict[str, Any], gaps: list[dict[str, Any]]):
    """Every table of the page as (title, headers, rows): for the CSV downloads."""
    week_rows = [
        [week_label(week), week.isoformat()]
        + [indicators["values"][indicator.key][index] for indicator in INDICATORS]
        for index, week in enumerate(indicators["weeks"])
    ]

    def used(rows: list[dict[str, Any]]) -> list[list[Any]]:
        return [[row["title"], row["count"], row["url"]] for row in rows]

    title, times, address = _("Title"), _("Times"), _("Address")
    searches, nothing, few = _("Searches"), _("Found nothing"), _("Found fewer than 3")
    return {
        "indicators": (
            [_("Week"), _("Monday")] + [str(indicator.label) for indicator in INDICATORS],
            week_rows,
        ),
        "viewed": ([title, times, address], used(figures["viewed"])),
        "downloaded": ([title, times, address], used(figures["downloaded"])),
        "questions": ([title, times, address], used(figures["questions"])),
        "events": ([title, times, address], used(figures["events"])),
        "searches": (
            [_("Search words"), searches, nothing, _("Results opened")],
            [[r["query"], r["count"], r["zero"], r["clicks"]] for r in figures["searches"]],
        ),
        "rising": (
            [_("Search words"), searches, _("Previous period"), _("Change")],
            [[r["query"], r["count"], r["previous"], r["change"]] for r in figures["rising"]],
        ),
        "gaps": (
            [_("Level"), _("Subject"), searches, nothing, few, address],
            [[r["level"], r["subject"], r["count"], r["zero"], r["low"], r["url"]] for r in gaps],
        ),
        "zero_queries": (
            [_("Search words"), searches, nothing, few],
            [[r["query"], r["count"], r["zero"], r["low"]] for r in figures["zero_queries"]],
        ),
    }


def _csv_response(name: str, table: tuple[list[str], list[list[Any]]], filters: Filters):
    headers, rows = table
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"insight-{name}-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write(csv_text(headers, rows))
    return response


def _forecasts_url() -> str:
    """The forecasts page, once it exists (another part of insight provides it)."""
    try:
        return reverse("insight:forecasts")
    except NoReverseMatch:
        return ""


def _chart_url(name: str, filters: Filters) -> str:
    return reverse("insight:dashboard_chart", args=[name]) + "?" + filters.query()


def _indicator_cards(indicators: dict[str, Any], filters: Filters) -> list[dict[str, Any]]:
    labels = [week_label(week) for week in indicators["weeks"]]
    cards = []
    for indicator in INDICATORS:
        trend = indicators["trends"][indicator.key]
        cards.append(
            {
                "key": indicator.key,
                "label": indicator.label,
                "unit": indicator.unit,
                "chart": _chart_url(indicator.key, filters),
                "first": labels[0],
                "last": labels[-1],
                # The week the figure is of: the last complete one.
                "week": labels[indicators["complete"] - 1] if indicators["complete"] else "",
                **trend,
                "change_size": abs(trend["change"] or 0),
            }
        )
    return cards


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    filters = parse_filters(request.GET)
    region = getattr(request, "region", "") or "fl"
    indicators = weekly_indicators(filters)
    figures = dashboard_figures(filters)
    gaps = named_gaps(figures["gaps"], region)
    if request.GET.get("format") == "csv":
        tables = _tables(indicators, figures, gaps)
        name = str(request.GET.get("table") or "indicators")
        name = name if name in tables else "indicators"
        return _csv_response(name, tables[name], filters)

    weeks = indicators["weeks"]
    current_week = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    context = {
        "filters": filters,
        "periods": PERIODS,
        "levels": [(level, indentation(level)) for level in levels_for_region(region)],
        "subjects": subjects_for_region(region),
        "cards": _indicator_cards(indicators, filters),
        "indicators": INDICATORS,
        "trend_weeks": TREND_WEEKS,
        "queue_now": indicators["queue_now"],
        "week_rows": [
            {
                "label": week_label(week),
                "monday": week,
                "partial": week == current_week,
                "values": [(i.label, indicators["values"][i.key][index]) for i in INDICATORS],
            }
            for index, week in enumerate(weeks)
        ],
        "figures": figures,
        "gaps": gaps,
        "search_chart": _chart_url("searches", filters),
        "search_chart_height": charts.bar_height(len(figures["searches"])),
        "csv": {
            name: "?" + filters.query(format="csv", table=name)
            for name in (
                "indicators",
                "viewed",
                "downloaded",
                "questions",
                "events",
                "searches",
                "rising",
                "gaps",
                "zero_queries",
            )
        },
        "forecasts_url": _forecasts_url(),
    }
    return render(request, "insight/dashboard.html", context)


@staff_required
def dashboard_chart(request: HttpRequest, name: str) -> HttpResponse:
    """One chart of the dashboard as an SVG image, for the same filters. Drawn in a request
    of its own so that the page does not wait for a dozen drawings; the numbers are in the
    page's tables."""
    filters = parse_filters(request.GET)
    if name == "searches":
        rows = dashboard_figures(filters)["searches"]
        chart = charts.Chart(
            "bar", [r["query"] for r in rows], [r["count"] for r in rows], _("Searches")
        )
    elif name in BY_KEY:
        indicators = weekly_indicators(filters)
        # The year is in the table; the chart's axis has room for the week only.
        labels = [f"W{week.isocalendar()[1]:02d}" for week in indicators["weeks"]]
        chart = charts.Chart("line", labels, indicators["values"][name], str(BY_KEY[name].label))
    else:
        raise Http404
    (svg,) = charts.render([chart])
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
