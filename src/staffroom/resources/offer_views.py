"""Pages of tool offers: the open offers (``/offers/``) and "Offer a tool" for partners."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from staffroom.core.pagination import paginate
from staffroom.core.ratelimit import submission_limit_check
from staffroom.curriculum.queries import (
    level_by_code,
    levels_for_region,
    subject_by_code,
    subjects_for_region,
)

from .forms import OfferForm
from .offers import OfferInput, may_offer, offer_submit
from .queries import offers_open


class _Filters:
    """The level and subject an offers list is narrowed to (``_term_filters.html``)."""

    def __init__(self, query):
        self.level = level_by_code(query.get("level", ""))
        self.subject = subject_by_code(query.get("subject", ""))


def offer_list(request):
    """The tools offered free for a period, soonest ending first, with the time left."""
    filters = _Filters(request.GET)
    found = offers_open(
        levels=[filters.level] if filters.level else None,
        subjects=[filters.subject] if filters.subject else None,
    )
    context = {
        "page": paginate(request, found),
        "filters": filters,
        "levels": levels_for_region(request.region),
        "subjects": subjects_for_region(request.region),
        "may_offer": may_offer(request.user),
    }
    return render(request, "resources/offers/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def offer_new(request):
    """A partner (or staff) offers a tool; it waits for a moderator like any contribution."""
    if not may_offer(request.user):
        raise PermissionDenied
    form_kwargs = {"member": request.user, "region": request.region}
    if request.method == "GET":
        return _form_page(request, OfferForm(**form_kwargs))
    form = OfferForm(request.POST, **form_kwargs)
    if not form.is_valid():
        return _form_page(request, form)
    cleaned = form.cleaned_data
    data = OfferInput(
        title=cleaned["title"],
        description=cleaned["description"],
        url=cleaned["url"],
        cost_note=cleaned.get("cost_note") or "",
        levels=list(cleaned["levels"]),
        subjects=list(cleaned["subjects"]),
        free_from=cleaned.get("free_from"),
        free_until=cleaned["free_until"],
        organisation=cleaned.get("organisation"),
    )
    try:
        submission_limit_check(request, request.user)
        offer_submit(member=request.user, data=data)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            form.add_error(None, error.messages)
        return _form_page(request, form)
    messages.success(request, _("Thank you! Your offer is waiting for a moderator to review it."))
    return redirect("resources:mine")


def _form_page(request, form):
    status = 400 if form.is_bound else 200
    return render(request, "resources/offers/new.html", {"form": form}, status=status)
