from django.apps import AppConfig
from django.db.models.signals import pre_delete


class InsightConfig(AppConfig):
    name = "staffroom.insight"
    verbose_name = "Insight"

    def ready(self) -> None:
        """Fill in the hooks of the apps below: what they record, what they recommend, what
        a member's export and deletion do with usage data (insight may not be imported by
        them)."""
        from staffroom.accounts.member_data import register_export_part
        from staffroom.accounts.models import Member
        from staffroom.core.signals import usage_history_off
        from staffroom.core.usage import register_recorder
        from staffroom.newsletter.compose import register_recommender
        from staffroom.resources.queries import register_also_used

        from . import tasks
        from .recommend import also_used, recommend
        from .recorder import record
        from .services import insight_forget_member, member_usage_history

        register_recorder(record)

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

        # A member's copy of their data holds what is kept under their pseudonym.
        register_export_part("insight.usage_history", member_usage_history)

        def history_off(sender, member_id: int, **kwargs) -> None:
            tasks.forget_member_usage.enqueue(member_id)

        usage_history_off.connect(history_off, dispatch_uid="insight-history-off", weak=False)

        def forget(sender, instance, **kwargs) -> None:
            insight_forget_member(instance.pk)

        # A deleted member's pseudonymised events go with the account (docs/analytics.md).
        pre_delete.connect(forget, sender=Member, dispatch_uid="insight-forget-member", weak=False)
