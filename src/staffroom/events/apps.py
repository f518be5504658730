from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "staffroom.events"
    verbose_name = "Events"
