"""Insight's pages: the staff dashboard and forecasts, partners' figures, the public figures.

Each feature's views live in a module of their own; their routes are listed here."""

from django.urls import path

from . import dashboard_views, forecast_views, partner_views, stats_views

app_name = "insight"

urlpatterns: list = [
    path("staff/insight/", dashboard_views.dashboard, name="dashboard"),
    path(
        "staff/insight/charts/<slug:name>.svg",
        dashboard_views.dashboard_chart,
        name="dashboard_chart",
    ),
    path("staff/insight/forecasts/", forecast_views.forecasts, name="forecasts"),
    path("partner/insight/", partner_views.partner_home, name="partner_home"),
    path("organisations/<slug:slug>/insight/", partner_views.partner_insight, name="partner"),
    path(
        "organisations/<slug:slug>/insight/<str:table>.csv",
        partner_views.partner_csv,
        name="partner_csv",
    ),
    path("stats/", stats_views.stats, name="stats"),
]
