from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "staffroom.search"
    verbose_name = "Search"
