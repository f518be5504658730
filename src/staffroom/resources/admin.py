from django.contrib import admin

from .models import Resource, ResourceFile


class ResourceFileInline(admin.TabularInline):
    model = ResourceFile
    fields = ("original_name", "mime_type", "size", "sha256", "analysed_at")
    readonly_fields = fields
    extra = 0


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "language", "contributor", "published_at", "download_count"]
    list_filter = ["status", "language", "licence", "kind"]
    search_fields = ["title", "description"]
    raw_id_fields = ["contributor", "based_on"]
    filter_horizontal = ["levels", "subjects"]
    inlines = [ResourceFileInline]
