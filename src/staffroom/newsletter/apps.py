from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "staffroom.newsletter"
    verbose_name = "Newsletter"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)
