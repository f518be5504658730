"""Pages of the link check: the staff's report and moderators' links to fix, and the
contributor's one click to take a moved link's new address."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from staffroom.core.permissions import moderator_required

from . import links
from .models import Resource


@moderator_required
def links_report(request):
    """Staff see every link's state and the dead and moved ones; a moderator who is not staff
    sees the links to fix in their levels."""
    context: dict[str, object]
    if request.user.is_staff:
        context = {"report": links.link_report(request.user)}
    else:
        context = {"to_fix": links.links_to_fix_for_moderator(request.user)}
    return render(request, "resources/links_report.html", context)


@login_required
@require_POST
def link_accept_move(request, pk: int):
    resource = get_object_or_404(Resource, pk=pk, contributor=request.user)
    try:
        links.link_accept_move(resource=resource, member=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The new address is waiting for a moderator, as every edit does.")
        )
    return redirect(resource)
