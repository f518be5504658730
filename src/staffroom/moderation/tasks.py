"""Background work of moderation: pre-checks, mail to contributors, periodic re-checks."""

from django.utils import translation
from django_tasks import task

from staffroom.core.mail import mail_member
from staffroom.resources.metadata import describe_changes

from . import services
from .models import ModerationItem


@task()
def run_prechecks(item_id: int) -> None:
    item = ModerationItem.objects.select_related("resource").filter(pk=item_id).first()
    if item is not None and item.is_open:
        services.moderation_prechecks_run(item=item)


def _mail_contributor(item: ModerationItem, template: str) -> None:
    contributor = item.resource.contributor
    with translation.override(contributor.interface_language):
        # Field labels and terms are worded in the contributor's language and region.
        corrections = describe_changes(item.corrections, contributor.region)
    mail_member(
        contributor,
        f"moderation/email/{template}",
        {"item": item, "resource": item.resource, "corrections": corrections},
    )


@task()
def send_submission_receipt(item_id: int) -> None:
    item = ModerationItem.objects.select_related("resource__contributor").filter(pk=item_id).first()
    if item is not None:
        _mail_contributor(item, "received")


@task()
def send_decision_email(item_id: int) -> None:
    item = ModerationItem.objects.select_related("resource__contributor").filter(pk=item_id).first()
    if item is not None and item.decision:
        _mail_contributor(item, "decision")


@task()
def queue_due_rechecks() -> int:
    return services.moderation_recheck_due()
