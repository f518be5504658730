from django_tasks import task

from .services import notifications_prune


@task()
def prune_notifications() -> int:
    return notifications_prune()
