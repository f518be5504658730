"""The link check on pages: the notice on a resource's page, and a contributor's links to fix
on their contributions page (``resources.links``)."""

from datetime import timedelta

from django import template
from django.conf import settings

from staffroom.resources.links import (
    check_moved_to,
    current_link_check,
    links_to_fix_for_contributor,
)
from staffroom.resources.models import LinkState
from staffroom.resources.review import pending_edit_values

register = template.Library()


@register.inclusion_tag("resources/_link_notice.html", takes_context=True)
def link_notice(context, resource):
    """ "This link did not work when we checked it on ..." or "moved to ...", for a published
    link or embed whose last check found so; its contributor also gets the way to fix it."""
    check = current_link_check(resource) if resource.is_published else None
    if check is None or check.state == LinkState.OK:
        return {"check": None}
    user = context["user"]
    moved_to = check_moved_to(check)
    is_contributor = user.is_authenticated and user.pk == resource.contributor_id
    waiting = False
    if is_contributor and moved_to:
        waiting = (pending_edit_values(resource) or {}).get("url") == moved_to
    offline_on = None
    if check.state == LinkState.DEAD and check.failing_since is not None:
        offline_on = check.failing_since + timedelta(days=settings.LINKCHECK_GRACE_DAYS)
    return {
        "check": check,
        "offline_on": offline_on,
        "resource": resource,
        "moved_to": moved_to,
        "is_contributor": is_contributor,
        "fix_waiting": waiting,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("resources/_links_to_fix.html", takes_context=True)
def links_to_fix(context, member):
    """The member's published resources whose link is dead or moved (nothing if none)."""
    return {
        "rows": links_to_fix_for_contributor(member),
        "for_contributor": True,
        "heading": True,
        "csrf_token": context.get("csrf_token"),
    }
