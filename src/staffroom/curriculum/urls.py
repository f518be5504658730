from django.urls import path

from . import views

app_name = "curriculum"
# Without a trailing slash: these are the URIs that our metadata records use.
urlpatterns = [
    path("vocabularies/<slug:name>", views.scheme, name="scheme"),
    path("vocabularies/<slug:name>/<slug:code>", views.concept, name="concept"),
]
