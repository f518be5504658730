from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "staffroom.forum"
    verbose_name = "Teachers' room"

    def ready(self):
        from staffroom.core.ratelimit import register_post_model

        from . import documents  # registers the "questions" search collection
        from .models import Answer, Question

        del documents
        # Questions and answers count towards the posting limits of new accounts.
        register_post_model(Question)
        register_post_model(Answer)

        from staffroom.accounts.queries import register_feed_source

        from .moderation import register_reportables
        from .queries import questions_for_feed

        # Members report questions and answers like replies; moderators hide or restore them.
        register_reportables()
        # Questions from followed colleagues and in followed subjects appear in the feed.
        register_feed_source(
            "forum-questions",
            items=questions_for_feed,
            date_field="created_at",
            template="forum/_feed_question.html",
        )
