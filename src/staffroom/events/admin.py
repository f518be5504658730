from django.contrib import admin

from .models import Event, Registration


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "starts_at", "capacity", "organisation"]
    list_filter = ["kind", "status", "topic"]
    search_fields = ["title"]
    filter_horizontal = ["levels", "subjects", "presenters"]
    raw_id_fields = ["created_by", "organisation"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["event", "member", "status", "registered_at"]
    list_filter = ["status"]
    raw_id_fields = ["event", "member"]
