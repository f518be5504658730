from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "staffroom.resources"
    verbose_name = "Resources"
