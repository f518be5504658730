from django.urls import path

from . import views

urlpatterns = [
    path("staff/security/", views.security_event_log, name="security_events"),
]
