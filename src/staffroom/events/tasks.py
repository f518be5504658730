from django_tasks import task

# The module, not its functions: services enqueue these tasks, so each imports the other.
from . import room, services


@task()
def mail_confirmation(registration_id: int) -> bool:
    """Mail a confirmed registrant the confirmation with the .ics attachment."""
    return services.confirmation_mail(registration_id=registration_id)


@task()
def send_reminders() -> int:
    """Every few minutes, by the clock: reminders 24 hours and 1 hour before each event."""
    return services.reminders_send()


@task()
def prune_registrations() -> int:
    """Daily: registrations of long past events kept as attendance only (docs/privacy.md)."""
    return services.registrations_prune()


@task()
def poll_attendance() -> int:
    """Every minute: who is in each running BigBlueButton room counts as having attended."""
    return room.attendance_poll()
