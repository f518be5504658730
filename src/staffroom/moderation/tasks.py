"""Background work of moderation: pre-checks, mail to contributors, periodic re-checks."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

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
    with translation.override(contributor.language):
        corrections = describe_changes(item.corrections, contributor.region)
        context = {
            "item": item,
            "resource": item.resource,
            "member": contributor,
            "corrections": corrections,
            "site_url": settings.SITE_URL,
        }
        subject = render_to_string(f"moderation/email/{template}_subject.txt", context)
        body = render_to_string(f"moderation/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, None, [contributor.email])


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
