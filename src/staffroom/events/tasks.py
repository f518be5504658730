from django_tasks import task

from .services import confirmation_mail, reminders_send


@task()
def mail_confirmation(registration_id: int) -> bool:
    """Mail a confirmed registrant the confirmation with the .ics attachment."""
    return confirmation_mail(registration_id=registration_id)


@task()
def send_reminders() -> int:
    """Every few minutes, by the clock: reminders 24 hours and 1 hour before each event."""
    return reminders_send()


@task()
def poll_attendance() -> int:
    """Every minute: who is in each running BigBlueButton room counts as having attended."""
    from .room import attendance_poll

    return attendance_poll()
