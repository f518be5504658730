from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "staffroom.search"
    verbose_name = "Search"

    def ready(self) -> None:
        from staffroom.resources.review import resource_changed

        from .services import search_follow_resource_change

        # The index is derived from resources: it follows every change of one.
        resource_changed.connect(search_follow_resource_change, dispatch_uid="search-resource")
