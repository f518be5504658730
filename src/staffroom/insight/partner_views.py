"""Partner insight pages: an organisation's figures, for its members and for staff."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from staffroom.accounts.models import Organisation
from staffroom.core.pagination import paginate

from . import partner

RESOURCES_PER_PAGE = 25


def _organisation_for(request, slug: str) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not partner.may_see_insight(request.user, organisation):
        raise PermissionDenied
    return organisation


@login_required
@require_GET
def partner_home(request):
    """The menu's way in: straight to the member's organisation, or a choice among several."""
    organisations = list(partner.organisations_of(request.user))
    if len(organisations) == 1:
        return redirect("insight:partner", slug=organisations[0].slug)
    if not organisations and not request.user.is_staff:
        raise PermissionDenied
    if not organisations:
        organisations = list(Organisation.objects.order_by("name"))
    return render(request, "insight/partner.html", {"choices": organisations})


@login_required
@require_GET
def partner_insight(request, slug: str):
    organisation = _organisation_for(request, slug)
    period = partner.period_of(request.GET.get("months", partner.DEFAULT_MONTHS))
    insight = partner.resource_insight(organisation, period)
    return render(
        request,
        "insight/partner.html",
        {
            "organisation": organisation,
            "period": period,
            "months": len(period.months),
            "period_choices": partner.PERIOD_CHOICES,
            "insight": insight,
            "page": paginate(request, insight.resources, RESOURCES_PER_PAGE),
            "promotions": partner.promotion_insight(organisation, period),
        },
    )


EXPORTS = {
    "resources": lambda organisation, period: partner.resources_csv(
        partner.resource_insight(organisation, period)
    ),
    "months": lambda organisation, period: partner.months_csv(
        partner.resource_insight(organisation, period)
    ),
    "promotions": lambda organisation, period: partner.promotions_csv(
        partner.promotion_insight(organisation, period)
    ),
}


@login_required
@require_GET
def partner_csv(request, slug: str, table: str):
    organisation = _organisation_for(request, slug)
    if table not in EXPORTS:
        raise Http404
    period = partner.period_of(request.GET.get("months", partner.DEFAULT_MONTHS))
    text = EXPORTS[table](organisation, period)
    response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
    name = f"{organisation.slug}-{table}-{period.start:%Y-%m}-{period.months[-1]:%Y-%m}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
