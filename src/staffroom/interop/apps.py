from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "staffroom.interop"
    verbose_name = "Interoperability"
