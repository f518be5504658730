from django.contrib import admin

from .models import Answer, ForumExpert, Question


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "answer_count", "vote_count", "created_at"]
    search_fields = ["title", "body"]
    raw_id_fields = ["author", "accepted_answer", "resources"]
    readonly_fields = ["answer_count", "vote_count", "created_at", "active_at"]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["question", "author", "vote_count", "created_at"]
    search_fields = ["body"]
    raw_id_fields = ["question", "author", "resources"]
    readonly_fields = ["vote_count", "created_at"]


@admin.register(ForumExpert)
class ForumExpertAdmin(admin.ModelAdmin):
    list_display = ["member", "expertise", "marked_by", "created_at"]
    raw_id_fields = ["member", "marked_by"]
