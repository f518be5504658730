"""The OAI-PMH data provider at /oai."""

from django.urls import path

from .oai.views import oai_endpoint

urlpatterns = [path("oai", oai_endpoint, name="oai")]
