from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Follow, Member, Organisation, OrganisationMembership, RoleChange


@admin.register(Member)
class MemberAdmin(UserAdmin):
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
