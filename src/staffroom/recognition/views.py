from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from staffroom.accounts.models import Member
from staffroom.core.permissions import staff_required
from staffroom.curriculum.models import Region

from .models import Score
from .queries import current_month, leaderboard
from .services import reward_grant


def leaderboards(request):
    """This month's and all-time top contributors of the reader's region."""
    region = request.GET.get("region")
    region = region if region in Region.values else request.region
    return render(
        request,
        "recognition/leaderboards.html",
        {
            "shown_region": region,
            "shown_region_label": Region(region).label,
            "other_region": next(r for r in Region.values if r != region),
            "month": leaderboard(region=region, period=current_month()),
            "all_time": leaderboard(region=region, period=Score.ALL_TIME),
        },
    )


@staff_required
@require_POST
def grant(request, pk: int):
    member = get_object_or_404(Member, pk=pk, is_active=True)
    try:
        reward_grant(
            staff=request.user,
            member=member,
            title=request.POST.get("title", ""),
            message=request.POST.get("message", ""),
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("Reward granted to %(name)s.") % {"name": member})
    return redirect(member)
