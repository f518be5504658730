from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "staffroom.resources"
    verbose_name = "Resources"

    def ready(self):
        from staffroom.core.ratelimit import register_post_model

        from .models import Reply

        # Replies count towards the posting limits of new accounts.
        register_post_model(Reply)
