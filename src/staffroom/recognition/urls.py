from django.urls import path

from . import views

app_name = "recognition"
urlpatterns = [
    path("leaderboards/", views.leaderboards, name="leaderboards"),
    path("members/<int:pk>/reward/", views.grant, name="grant"),
]
