from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "staffroom.moderation"
    verbose_name = "Moderation"
