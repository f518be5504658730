from django.urls import path

from . import views

app_name = "search"
urlpatterns = [
    path("", views.search, name="search"),
    path("suggest/", views.suggest, name="suggest"),
    path("save/", views.save, name="save"),
    path("saved/", views.saved, name="saved"),
    path("zero-results/", views.zero_results, name="zero_results"),
]
