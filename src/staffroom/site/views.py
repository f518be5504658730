from typing import Any
from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import check_for_language
from django.views.decorators.http import require_POST

from staffroom.accounts.inputs import ProfileInput
from staffroom.accounts.services import member_update_profile
from staffroom.core.http import safe_next
from staffroom.core.permissions import staff_required
from staffroom.curriculum.middleware import REGION_SESSION_KEY
from staffroom.curriculum.models import Region
from staffroom.curriculum.queries import levels_for_region, terms_in_region
from staffroom.insight.recommend import recommendations_for
from staffroom.resources.queries import (
    published_counts_by_level,
    resources_for_levels,
    resources_newest,
    resources_popular,
)
from staffroom.themes.queries import home_themes

from .styleguide import styleguide_context


def home(request):
    """The general page; a member with levels gets their recommendations first and the new and
    popular resources of their levels (a visitor, or a member without levels, the general)."""
    top_levels = [level for level in levels_for_region(request.region) if level.parent_id is None]
    counts = published_counts_by_level(top_levels)
    context: dict[str, Any] = {
        "levels": [(level, counts.get(level.code, 0)) for level in top_levels],
        # Themes staff put in the editorial slots (none: the page is as it always was).
        "home_themes": home_themes(),
    }
    member = request.user
    mine = terms_in_region(member.levels.all(), request.region) if member.is_authenticated else []
    if not mine:
        context |= {"newest": resources_newest(8), "popular": resources_popular(4)}
        return render(request, "site/home.html", context)
    search = reverse("search:search")
    codes = ",".join(sorted(level.code for level in mine))
    context |= {
        "my_levels": mine,
        # Named in the heading when few ("For your 4de leerjaar ..."), else "your classes".
        "named_levels": mine if len(mine) <= 2 else [],
        "recommended": recommendations_for(member),
        "newest": resources_for_levels(mine, order="newest", limit=8, not_by=member.pk),
        "popular": resources_for_levels(mine, order="popular", limit=4, not_by=member.pk),
        "newest_url": f"{search}?{urlencode({'level': codes, 'sort': 'newest'})}",
        "popular_url": f"{search}?{urlencode({'level': codes, 'sort': 'popular'})}",
    }
    return render(request, "site/home.html", context)


def _back(request) -> str:
    return safe_next(request, request.POST.get("next") or request.META.get("HTTP_REFERER"))


@require_POST
def set_region(request):
    """A visitor chooses whose terminology to see; a member's choice updates their profile."""
    region = request.POST.get("region")
    response = HttpResponseRedirect(_back(request))
    if region in Region.values:
        request.session[REGION_SESSION_KEY] = region
        response.set_cookie(REGION_SESSION_KEY, region, max_age=365 * 24 * 3600, samesite="Lax")
        if request.user.is_authenticated:
            member_update_profile(member=request.user, data=ProfileInput(region=region))
    return response


@require_POST
def set_language(request):
    language = request.POST.get("language", "")
    response = HttpResponseRedirect(_back(request))
    if language in ("nl", "en") and check_for_language(language):
        response.set_cookie("staffroom_language", language, max_age=365 * 24 * 3600, samesite="Lax")
        if request.user.is_authenticated:
            member_update_profile(member=request.user, data=ProfileInput(language=language))
    return response


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


@staff_required
def styleguide(request):
    """The living style page: every component of the design system as the real templates
    render it, with its markup (staff only, like the other staff pages: 403 for members)."""
    return render(request, "site/styleguide.html", styleguide_context())
