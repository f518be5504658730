from django.urls import path

from staffroom.core.ratelimit import rate_limited_page

from . import views

app_name = "search"
urlpatterns = [
    # Limited per member or client address (core/ratelimit.py): 429 with Retry-After beyond.
    path("", rate_limited_page("search")(views.search), name="search"),
    path("suggest/", rate_limited_page("suggest")(views.suggest), name="suggest"),
    path("save/", views.save, name="save"),
    path("saved/", views.saved, name="saved"),
    path("zero-results/", views.zero_results, name="zero_results"),
]
