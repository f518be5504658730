from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from staffroom.core.pagination import paginate

from .queries import notifications_for
from .services import notification_open, notifications_mark_read


@login_required
@require_http_methods(["GET", "POST"])
def inbox(request):
    if request.method == "POST":
        notifications_mark_read(member=request.user)
        messages.success(request, _("All notifications marked as read."))
        return redirect("notifications:inbox")
    page = paginate(request, notifications_for(request.user), 30)
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
def open_notification(request, pk: int):
    """Follow a notice: it is marked read on the way."""
    return redirect(
        notification_open(member=request.user, notification_id=pk) or "notifications:inbox"
    )
