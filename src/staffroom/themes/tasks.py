"""Background work of theme pages; each task loads its rows by id and calls a service."""

from django_tasks import task

# services imports this module to enqueue tasks: import it whole, used at run time only.
from . import services
from .models import ThemeItem


@task()
def notify_theme_followers(item_id: int) -> int:
    """Tell a theme's followers about an item added to it (a removed item tells nobody)."""
    item = ThemeItem.objects.filter(pk=item_id).select_related("section__theme").first()
    if item is None:
        return 0
    return services.followers_notify_item_added(item=item)
