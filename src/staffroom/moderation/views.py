from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from staffroom.core.http import safe_next
from staffroom.core.pagination import paginate
from staffroom.core.permissions import moderator_required
from staffroom.core.ratelimit import report_limit_check
from staffroom.resources.forms import ModerationForm
from staffroom.resources.metadata import (
    changes_between,
    describe_changes,
    snapshot,
    snapshot_from_data,
)

from . import community, services
from .checks import describe_check
from .models import ModerationItem, Reason
from .queries import open_report_count, open_reports, queue_for_moderator, recently_hidden

QUEUE_PAGE_SIZE = 50


@moderator_required
def queue(request):
    """The open items, the moderator's own first, filterable by reason, 50 to a page."""
    reason = request.GET.get("reason", "")
    items = queue_for_moderator(request.user)
    if reason in Reason.values:
        items = items.filter(reason=reason)
    else:
        reason = ""
    page = paginate(request, items, QUEUE_PAGE_SIZE)
    return render(
        request,
        "moderation/queue.html",
        {
            "page": page,
            "mine": [item for item in page if item.is_mine],
            "open_reports": open_report_count(),
            "others": [item for item in page if not item.is_mine],
            "mine_total": items.filter(is_mine=True).count(),
            "others_total": items.filter(is_mine=False).count(),
            "reason": reason,
            "reasons": Reason.choices,
        },
    )


def _proposed_changes(item: ModerationItem, region: str) -> list[dict]:
    # changes_between keeps the form's field order (jsonb does not keep the keys' order).
    return describe_changes(changes_between(snapshot(item.resource), item.proposed), region)


@moderator_required
@require_http_methods(["GET", "POST"])
def item_detail(request, pk: int):
    item = get_object_or_404(
        ModerationItem.objects.select_related("resource", "resource__contributor", "taken_by"),
        pk=pk,
    )
    resource = item.resource
    if resource.contributor_id == request.user.pk:
        raise PermissionDenied(_("Another moderator reviews what you contributed yourself."))
    form_kwargs = {"member": request.user, "region": request.region, "resource": resource}
    if request.method == "POST" and not item.is_open:
        # A colleague decided since this moderator opened the page: say so, change nothing.
        messages.error(request, " ".join(services.already_decided(item).messages))
        return redirect("moderation:item", pk=item.pk)
    if request.method == "POST":
        form = ModerationForm(request.POST, **form_kwargs)
        action = request.POST.get("action")
        if form.is_valid():
            message = form.cleaned_data.get("message", "")
            try:
                if action == "publish":
                    services.moderation_item_publish(
                        item=item,
                        moderator=request.user,
                        message=message,
                        corrected=snapshot_from_data(form.corrected_metadata()),
                    )
                    messages.success(request, _("Published: %(title)s") % {"title": resource})
                elif action == "changes":
                    services.moderation_item_request_changes(
                        item=item, moderator=request.user, message=message
                    )
                    messages.success(request, _("Sent back to the contributor with your message."))
                elif action == "reject":
                    services.moderation_item_reject(
                        item=item, moderator=request.user, message=message
                    )
                    messages.success(request, _("Rejected."))
                else:
                    form.add_error(None, _("Choose publish, ask for changes or reject."))
                if not form.errors:
                    return redirect("moderation:queue")
            except services.AlreadyDecided as decided:
                messages.error(request, " ".join(decided.messages))
                return redirect("moderation:item", pk=item.pk)
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, problems)
    else:
        form = ModerationForm(
            initial=ModerationForm.initial_from(resource, item.proposed), **form_kwargs
        )
    return render(
        request,
        "moderation/item.html",
        {
            "item": item,
            "resource": resource,
            "form": form,
            "files": resource.files.all(),
            "checks": [describe_check(check) for check in item.checks],
            "proposed_changes": _proposed_changes(item, request.region),
        },
    )


@moderator_required
@require_POST
def item_take(request, pk: int):
    item = get_object_or_404(ModerationItem, pk=pk)
    try:
        services.moderation_item_take(item=item, moderator=request.user)
        messages.success(request, _("You are now reviewing this item."))
    except services.AlreadyDecided as decided:
        messages.error(request, " ".join(decided.messages))
    return redirect("moderation:item", pk=pk)


@moderator_required
@require_POST
def item_rerun_checks(request, pk: int):
    """Queue the checks again (the worker runs them; the page says when they last ran)."""
    item = get_object_or_404(ModerationItem, pk=pk, decision="")
    services.moderation_prechecks_request(item=item)
    messages.info(request, _("The checks will run again in a moment; reload to see them."))
    return redirect("moderation:item", pk=pk)


@login_required
@require_POST
def report(request, kind: str, object_id: int):
    """A member reports a reply, a resource or a forum post."""
    back = safe_next(request, request.POST.get("next"))
    try:
        report_limit_check(request, request.user)
        community.report_file(
            reporter=request.user,
            kind=kind,
            object_id=object_id,
            reason=request.POST.get("reason", ""),
            message=request.POST.get("message", ""),
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("Thank you. A moderator will look at your report."))
    return redirect(back)


@moderator_required
def reports(request):
    """Open reports, most reported first, and what was hidden lately (to restore)."""
    return render(
        request,
        "moderation/reports.html",
        {"rows": open_reports(), "hidden": recently_hidden()},
    )


@moderator_required
@require_POST
def report_resolve(request, kind: str, object_id: int):
    hide = request.POST.get("decision") == "hide"
    try:
        closed = community.reports_resolve(
            moderator=request.user,
            kind=kind,
            object_id=object_id,
            hide=hide,
            note=request.POST.get("note", ""),
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request,
            (
                _("Hidden; %(count)d report(s) closed.")
                if hide
                else _("Kept; %(count)d report(s) closed.")
            )
            % {"count": closed},
        )
    return redirect("moderation:reports")


@moderator_required
@require_POST
def content_restore(request, kind: str, object_id: int):
    try:
        community.content_restore(moderator=request.user, kind=kind, object_id=object_id)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("Restored."))
    return redirect("moderation:reports")
