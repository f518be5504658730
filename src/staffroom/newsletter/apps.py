from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "staffroom.newsletter"
    verbose_name = "Newsletter"
