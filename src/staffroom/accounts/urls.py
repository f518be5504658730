from django.urls import path

from . import terms_views, views

app_name = "accounts"
urlpatterns = [
    # Random, never sequential: /members/<number>/ answers 404.
    path("members/<str:public_id>/", views.profile, name="profile"),
    path("profile/", views.profile_edit, name="profile_edit"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/<slug:slug>/", views.organisation, name="organisation"),
    path("feed/", views.feed, name="feed"),
    path("following/", views.following, name="following"),
    path("follow/<str:kind>/<str:key>/", views.follow, name="follow"),
    path("staff/roles/", views.roles, name="roles"),
    path("staff/roles/<int:pk>/", views.roles_edit, name="roles_edit"),
    path("privacy/", views.privacy, name="privacy"),
    path("terms/", terms_views.terms, name="terms"),
    path("terms/accept/", terms_views.terms_accept, name="terms_accept"),
    path("terms/decline/", terms_views.terms_decline, name="terms_decline"),
    path("terms/<str:label>/", terms_views.terms, name="terms_version"),
    path("settings/data/", views.data, name="data"),
    path("settings/data/<str:token>/", views.data_export_download, name="data_export_download"),
    path("settings/delete/", views.account_delete, name="account_delete"),
    path("keep-account/<str:token>/", views.keep_account, name="keep_account"),
    path("staff/roles/<int:pk>/delete/", views.staff_member_delete, name="staff_member_delete"),
    path("staff/deletions/", views.deletions, name="deletions"),
    path("staff/organisations/new/", views.organisation_create, name="organisation_create"),
]
