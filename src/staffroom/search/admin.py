from django.contrib import admin

from .models import SearchLog


@admin.register(SearchLog)
class SearchLogAdmin(admin.ModelAdmin):
    """The search log as recorded (staff read it grouped at /search/zero-results/)."""

    list_display = ["query", "result_count", "similar_words", "region", "source", "created_at"]
    list_filter = ["source", "region", "similar_words"]
    search_fields = ["folded"]
    # Millions of rows: no count of them all on every page.
    show_full_result_count = False
    readonly_fields = [
        "query",
        "folded",
        "filters",
        "region",
        "result_count",
        "similar_words",
        "source",
        "created_at",
    ]
    # The log is what was searched; nobody adds to it or changes it by hand.

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
