from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("region/", views.set_region, name="set_region"),
    path("language/", views.set_language, name="set_language"),
]
