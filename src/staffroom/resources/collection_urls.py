"""Public collections, at /collections/ (a namespace of their own: they are pages of their
own, not of one resource)."""

from django.urls import path

from . import collection_views

app_name = "collections"
urlpatterns = [
    path("", collection_views.collections, name="list"),
    path("<int:pk>/", collection_views.collection, name="detail"),
    path("<int:pk>/cover/", collection_views.cover, name="cover"),
    path("<int:pk>/edit/", collection_views.edit, name="edit"),
    path("<int:pk>/follow/", collection_views.follow, name="follow"),
    path("<int:pk>/copy/", collection_views.copy, name="copy"),
    path("<int:pk>/feature/", collection_views.feature, name="feature"),
]
