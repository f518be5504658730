from django.apps import AppConfig
from django.db.models.signals import pre_delete


class InsightConfig(AppConfig):
    name = "staffroom.insight"
    verbose_name = "Insight"

    def ready(self) -> None:
        from staffroom.accounts.models import Member
        from staffroom.core.signals import usage_history_off
        from staffroom.core.usage import register_recorder

        from . import tasks
        from .recorder import record
        from .services import insight_forget_member

        register_recorder(record)

        from staffroom.newsletter.compose import register_recommender
        from staffroom.resources.queries import register_also_used

        from .recommend import also_used, recommend

        def recommend_for_issue(profile, day, limit):
            return recommend(
                member_id=profile.member_id,
                level_ids=profile.level_ids,
                subject_ids=profile.subject_ids,
                region=profile.region,
                today=day,
                limit=limit,
            )

        register_recommender(recommend_for_issue)
        register_also_used(lambda resource, member: also_used(resource, member=member))

        def history_off(sender, member_id: int, **kwargs) -> None:
            tasks.forget_member_usage.enqueue(member_id)

        usage_history_off.connect(history_off, dispatch_uid="insight-history-off", weak=False)

        def forget(sender, instance, **kwargs) -> None:
            insight_forget_member(instance.pk)

        # A deleted member's pseudonymised events go with the account (docs/analytics.md).
        pre_delete.connect(forget, sender=Member, dispatch_uid="insight-forget-member", weak=False)
