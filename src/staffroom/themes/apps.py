from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "staffroom.themes"
    verbose_name = "Themes"

    def ready(self):
        from staffroom.newsletter.compose import register_theme_blocks
        from staffroom.notifications.messages import register_message
        from staffroom.search.suggestions import register_page_source

        from . import member_data, notices
        from .links import theme_links_connect
        from .newsletter import theme_blocks_for_issue
        from .queries import themes_matching

        # A member's follows go with them; what they made stays (accounts.member_data).
        member_data.register()
        register_message(notices.THEME_ITEM_ADDED, notices.THEME_ITEM_ADDED_MESSAGE)
        # Theme pages are a group of the search box's suggestions and lead the results page.
        register_page_source("theme-pages", notices.THEME_PAGES_LABEL, themes_matching)
        # Themes that fit a member's levels or subjects get a block in the weekly issue.
        register_theme_blocks(theme_blocks_for_issue)
        # Their external links are checked with those of resources (core.linkcheck).
        theme_links_connect()
