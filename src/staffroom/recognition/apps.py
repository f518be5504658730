from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    name = "staffroom.recognition"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from staffroom.accounts.profiles import register_profile_section
        from staffroom.notifications.messages import register_message

        from . import notices
        from .queries import badges_of, points_of

        register_message("badge_earned", notices.badge_earned)
        register_message("reward_granted", notices.REWARD_GRANTED)
        # A member's page shows their points, badges and rewards under their name.
        register_profile_section(
            "recognition",
            page="member",
            slot="summary",
            template="recognition/_profile_summary.html",
            context=lambda request, member: {
                "points": points_of(member),
                "badges": badges_of(member),
                "rewards": member.rewards.all(),
            },
        )
