from django.urls import path

from . import views

app_name = "moderation"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/take/", views.item_take, name="take"),
    path("items/<int:pk>/checks/", views.item_rerun_checks, name="rerun_checks"),
    path("report/<slug:kind>/<int:object_id>/", views.report, name="report"),
    path("reports/", views.reports, name="reports"),
    path("reports/<slug:kind>/<int:object_id>/", views.report_resolve, name="resolve"),
    path("reports/<slug:kind>/<int:object_id>/restore/", views.content_restore, name="restore"),
]
