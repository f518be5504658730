from django.contrib import admin

from .models import Level, ResourceType, Subject


@admin.register(Level)
class LevelAdmin(admin.ModelAdmin):
    list_display = ["code", "region", "isced", "equivalent"]
    list_filter = ["region", "isced"]
    search_fields = ["code"]


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ["code", "region", "equivalent"]
    list_filter = ["region"]
    search_fields = ["code"]


@admin.register(ResourceType)
class ResourceTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "hcrt_uri"]
