from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "staffroom.core"
    verbose_name = "Core"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)
        from .sites import site_sync

        post_migrate.connect(site_sync, sender=self)
        post_migrate.connect(cache_table_create, sender=self)


# The table of the database cache (settings.CACHES without REDIS_URL).
CACHE_TABLE = "staffroom_cache"


def cache_table_create(**kwargs):
    """The database cache's table, made by every ``migrate`` (``make run``, a release, the test
    database), whatever cache this process is configured with, so that a site can move
    between Redis and the database cache; nothing to do when it exists."""
    from django.core.management.commands.createcachetable import Command as CreateCacheTable

    database = kwargs.get("using", "default")
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(database, CACHE_TABLE, dry_run=False)
