"""Insight's pages: the staff dashboard and forecasts, partners' figures, the public figures.

Each feature's views live in a module of their own; their routes are listed here."""

from django.urls import path

from . import forecast_views

app_name = "insight"

urlpatterns: list = [
    path("staff/insight/forecasts/", forecast_views.forecasts, name="forecasts"),
]
