from django.urls import path

from . import offer_views

app_name = "offers"
urlpatterns = [
    path("", offer_views.offer_list, name="list"),
    path("new/", offer_views.offer_new, name="new"),
]
