from django.contrib import admin

from .models import ZeroResultSearch


@admin.register(ZeroResultSearch)
class ZeroResultSearchAdmin(admin.ModelAdmin):
    list_display = ["query", "region", "created_at"]
    list_filter = ["region"]
    search_fields = ["query"]
    readonly_fields = ["query", "filters", "region", "created_at"]
