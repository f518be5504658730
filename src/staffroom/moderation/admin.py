from django.contrib import admin

from .models import ModerationItem


@admin.register(ModerationItem)
class ModerationItemAdmin(admin.ModelAdmin):
    list_display = ["resource", "reason", "decision", "taken_by", "decided_by", "created_at"]
    list_filter = ["reason", "decision"]
    raw_id_fields = ["resource", "taken_by", "decided_by"]
