"""Presenter view and live Q&A: addresses under /events/ (namespace ``events``)."""

from . import live_views  # noqa: F401

urlpatterns: list = []
