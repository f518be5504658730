from django.contrib.auth import get_user_model
from django_tasks import task

# Modules, not their functions: sending and services enqueue these tasks, so each imports the
# other.
from . import sending, services
from .models import Mailing


@task()
def run_mailing(mailing_id: int) -> None:
    """Prepare a started mailing's recipients and start its senders."""
    mailing = Mailing.objects.filter(pk=mailing_id).first()
    if mailing is not None:
        sending.mailing_run(mailing=mailing)


@task()
def send_mailing(mailing_id: int) -> int:
    """One sender: sends pending deliveries until none is left; returns how many it sent."""
    mailing = Mailing.objects.filter(pk=mailing_id).first()
    if mailing is None:
        return 0
    return sending.deliveries_send(mailing=mailing).sent


@task()
def start_due_mailings() -> list[int]:
    """Every few minutes, by the clock: this week's issue, due mailings, stalled runs."""
    return services.due_mailings_start()


@task()
def send_fresh_link(member_id: int) -> None:
    """Mail a member fresh links to their newsletter choices."""
    member = get_user_model().objects.filter(pk=member_id, is_active=True).first()
    if member is not None:
        services.fresh_link_send(member=member)
