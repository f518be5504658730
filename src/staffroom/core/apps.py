from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "staffroom.core"
    verbose_name = "Core"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)
        from .sites import site_sync

        post_migrate.connect(site_sync, sender=self)
