from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "staffroom.api"
    verbose_name = "API"
