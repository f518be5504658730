from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "staffroom.moderation"
    verbose_name = "Moderation"

    def ready(self) -> None:
        from staffroom.core.signals import post_revised
        from staffroom.notifications.messages import register_message
        from staffroom.resources.review import connect_queue

        from . import notices
        from .community import keep_revision_of_post
        from .queue import ModerationQueue

        # Resources wait for review in moderation's queue; earlier versions of edited posts
        # are kept for moderators.
        connect_queue(ModerationQueue())
        post_revised.connect(keep_revision_of_post, dispatch_uid="moderation-keep-revision")
        # The contributor's notice that a moderator published their resource or edit.
        register_message(notices.RESOURCE_PUBLISHED, notices.resource_published)
