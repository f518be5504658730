from django.urls import path

from . import views

app_name = "moderation"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/take/", views.item_take, name="take"),
    path("items/<int:pk>/checks/", views.item_rerun_checks, name="rerun_checks"),
]
