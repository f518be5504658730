from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils import timezone

from .deletion import Cause, member_delete
from .models import (
    DataExport,
    DeletionRecord,
    Follow,
    Member,
    Organisation,
    OrganisationMembership,
    RoleChange,
    TermsVersion,
)
from .terms import terms_in_effect, terms_model_text


@admin.register(Member)
class MemberAdmin(UserAdmin):
    """Deleting here goes through the one deletion service (shared work stays under "former
    member", the deletion is logged); the staff page asks for a reason, this logs "admin"."""

    ordering = ["email"]
    list_display = ["email", "name", "region", "is_moderator", "is_staff", "is_active"]
    list_filter = ["region", "is_moderator", "is_staff", "is_active"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            "Profile",
            {
                "fields": [
                    "name",
                    "town",
                    "region",
                    "language",
                    "notification_mail",
                    "bio",
                    "levels",
                    "subjects",
                ]
            },
        ),
        (
            "Roles",
            {
                "fields": [
                    "is_moderator",
                    "moderated_levels",
                    "moderated_subjects",
                    "is_active",
                    "is_staff",
                    "is_superuser",
                ]
            },
        ),
    ]
    add_fieldsets = [(None, {"fields": ["email", "name", "password1", "password2"]})]
    filter_horizontal = ["levels", "subjects", "moderated_levels", "moderated_subjects"]

    def delete_model(self, request, obj):
        member_delete(member=obj, cause=Cause.STAFF, deleted_by=request.user, reason="Django admin")

    def delete_queryset(self, request, queryset):
        for member in queryset.filter(is_former_member=False):
            self.delete_model(request, member)

    def get_deleted_objects(self, objs, request):
        # What a member shared is moved, not deleted: nothing "protected" stops the deletion.
        deleted, counts, perms_needed, _protected = super().get_deleted_objects(objs, request)
        return deleted, counts, perms_needed, []

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_former_member:
            return False
        return super().has_delete_permission(request, obj)


class MembershipInline(admin.TabularInline):
    model = OrganisationMembership
    autocomplete_fields = ["member"]
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "website"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(RoleChange)
class RoleChangeAdmin(admin.ModelAdmin):
    list_display = ["member", "changed_by", "created_at"]
    readonly_fields = ["member", "changed_by", "summary", "created_at"]


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["follower", "member", "organisation", "subject", "created_at"]
    list_select_related = ["follower", "member", "organisation", "subject"]
    raw_id_fields = ["follower", "member", "organisation", "subject"]


@admin.register(DeletionRecord)
class DeletionRecordAdmin(admin.ModelAdmin):
    list_display = ["member_number", "cause", "deleted_by", "created_at"]
    list_filter = ["cause"]
    readonly_fields = ["member_number", "cause", "deleted_by", "reason", "summary", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(DataExport)
class DataExportAdmin(admin.ModelAdmin):
    list_display = ["member", "status", "size", "created_at", "expires_at"]
    list_filter = ["status"]
    raw_id_fields = ["member"]
    readonly_fields = ["member", "status", "file", "size", "created_at", "ready_at", "expires_at"]


@admin.register(TermsVersion)
class TermsVersionAdmin(admin.ModelAdmin):
    """Staff publish the terms of use here (docs/operations.md, "Terms of use"). A version is
    fixed once it is in effect: members accepted that text, so a correction is a new version."""

    list_display = ["label", "effective_from", "created_at"]
    ordering = ["-effective_from"]

    def get_changeform_initial_data(self, request):
        # A new version starts from the one in effect, or from the project's model terms.
        current = terms_in_effect()
        return {
            "text_nl": current.text_nl if current else terms_model_text("nl"),
            "text_en": current.text_en if current else terms_model_text("en"),
        }

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.effective_from <= timezone.now():
            return ["label", "effective_from", "text_nl", "text_en", "changes_nl", "changes_en"]
        return []

    def has_delete_permission(self, request, obj=None):
        # A version in effect was (or may have been) accepted; its consents point to it.
        if obj is not None and obj.effective_from <= timezone.now():
            return False
        return super().has_delete_permission(request, obj)
