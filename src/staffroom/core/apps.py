from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "staffroom.core"
    verbose_name = "Core"
