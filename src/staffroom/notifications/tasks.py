from django_tasks import task

# Imported as a module: services enqueue these tasks (read at run time, not at import).
from . import services
from .queries import members_with_digest_due


@task()
def prune_notifications() -> int:
    return services.notifications_prune()


@task()
def mail_notification(notification_id: int) -> bool:
    """Mail one notice to a member who wants notices by mail at once."""
    return services.notification_mail(notification_id=notification_id)


@task()
def mail_digests() -> int:
    """Daily, by the clock: one digest task per member with notices waiting, so that workers
    share the work and one failing address holds up nobody else."""
    member_ids = members_with_digest_due()
    for member_id in member_ids:
        mail_digest.enqueue(member_id)
    return len(member_ids)


@task()
def mail_digest(member_id: int) -> int:
    return services.notifications_mail_digest(member_id=member_id)
