"""Staff pages of the harvested sources."""

from django.urls import path

from . import harvest_views

urlpatterns = [
    path("staff/harvest/", harvest_views.harvest_sources, name="harvest_sources"),
    path("staff/harvest/new/", harvest_views.harvest_source_edit, name="harvest_source_new"),
    path("staff/harvest/<int:pk>/", harvest_views.harvest_source, name="harvest_source"),
    path(
        "staff/harvest/<int:pk>/edit/",
        harvest_views.harvest_source_edit,
        name="harvest_source_edit",
    ),
    path("staff/harvest/<int:pk>/run/", harvest_views.harvest_source_run, name="harvest_run_now"),
    path("staff/harvest/runs/<int:pk>/", harvest_views.harvest_run, name="harvest_run"),
]
