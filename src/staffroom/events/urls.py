from django.urls import path

from . import live_urls, record_views, room_urls, views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("past/", views.event_list, {"past": True}, name="past"),
    path("new/", views.event_new, name="new"),
    path("review/", views.review, name="review"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/reset/", views.calendar_reset, name="calendar_reset"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>-<slug:slug>/", views.event_detail, name="detail"),
    path("<int:pk>/event.ics", views.event_ics, name="ics"),
    path("<int:pk>/lom.xml", record_views.event_lom_record, name="lom"),
    path("<int:pk>/nl-lom.xml", record_views.event_nl_lom_record, name="nl_lom"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/publish/", views.moderate, {"action": "publish"}, name="publish"),
    path("<int:pk>/return/", views.moderate, {"action": "return"}, name="return"),
    path("<int:pk>/cancel-event/", views.cancel_event, name="cancel_event"),
]
urlpatterns += live_urls.urlpatterns + room_urls.urlpatterns
