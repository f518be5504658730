from django_tasks import task

from .models import Mailing


@task()
def run_mailing(mailing_id: int) -> None:
    """Prepare a started mailing's recipients and start its senders."""
    from .sending import mailing_run

    mailing = Mailing.objects.filter(pk=mailing_id).first()
    if mailing is not None:
        mailing_run(mailing=mailing)


@task()
def send_mailing(mailing_id: int) -> int:
    """One sender: sends pending deliveries until none is left; returns how many it sent."""
    from .sending import deliveries_send

    mailing = Mailing.objects.filter(pk=mailing_id).first()
    if mailing is None:
        return 0
    return deliveries_send(mailing=mailing).sent


@task()
def start_due_mailings() -> list[int]:
    """Every few minutes, by the clock: this week's issue, due mailings, stalled runs."""
    from .services import due_mailings_start

    return due_mailings_start()
