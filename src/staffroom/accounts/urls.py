from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("members/<int:pk>/", views.profile, name="profile"),
    path("profile/", views.profile_edit, name="profile_edit"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/<slug:slug>/", views.organisation, name="organisation"),
    path("feed/", views.feed, name="feed"),
    path("following/", views.following, name="following"),
    path("follow/<str:kind>/<str:key>/", views.follow, name="follow"),
    path("staff/roles/", views.roles, name="roles"),
    path("staff/roles/<int:pk>/", views.roles_edit, name="roles_edit"),
    path("staff/organisations/new/", views.organisation_create, name="organisation_create"),
]
