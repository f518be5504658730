from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    name = "staffroom.recognition"
    default_auto_field = "django.db.models.BigAutoField"
