from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The top of the house: the home page, sitemaps, the clock's schedule, the API's router
    assembly and the demo. It may import every app; no app imports it."""

    name = "staffroom.site"
    label = "site"
    verbose_name = "Site"

    def ready(self) -> None:
        # What every app's rows that refer to a member become on export and deletion.
        from . import member_data

        member_data.register()
