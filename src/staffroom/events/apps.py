from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "staffroom.events"
    verbose_name = "Events"

    def ready(self):
        from staffroom.core.ratelimit import register_post_model

        from .models import EventQuestion

        # Questions for presenters count towards the posting limits like forum questions.
        register_post_model(EventQuestion)
