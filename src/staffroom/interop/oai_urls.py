"""The OAI-PMH data provider at /oai."""

urlpatterns: list = []
