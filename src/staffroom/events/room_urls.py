"""Online room, attendance, recordings, certificates and feedback: addresses under /events/."""

from django.urls import path

from . import room_views

urlpatterns: list = [
    path("recordings/", room_views.recordings, name="recordings"),
    path("certificates/<str:code>/", room_views.certificate_verify, name="certificate_verify"),
    path("<int:pk>/join/", room_views.join, name="join"),
    path("<int:pk>/attendance/", room_views.attendance, name="attendance"),
    path("<int:pk>/materials/", room_views.materials, name="materials"),
    path("<int:pk>/certificate.pdf", room_views.certificate, name="certificate"),
    path("<int:pk>/feedback/", room_views.feedback, name="feedback"),
    path("<int:pk>/feedback/results/", room_views.feedback_results, name="feedback_results"),
]
