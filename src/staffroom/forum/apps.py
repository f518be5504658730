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
