from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from staffroom.curriculum.queries import levels_for_region, resource_types, subjects_for_region
from staffroom.resources.licences import Licence
from staffroom.resources.models import ContentLanguage, Kind

from .queries import (
    RATINGS,
    describe_filters,
    min_rating_from,
    publisher_labels,
    search_filters_from,
    search_resources,
    search_suggestions,
)
from .services import saved_search_create, saved_search_delete, search_record_zero_result

SORT_LABELS = {
    "relevance": gettext_lazy("Relevance"),
    "newest": gettext_lazy("Newest"),
    "popular": gettext_lazy("Most downloaded"),
    "rated": gettext_lazy("Best rated"),
}


def _options(choices, counts: dict[str, int], selected: str) -> list[tuple[str, str, int]]:
    """Filter options with how many results each would give; empty ones are left out."""
    return [
        (code, label, counts.get(code, 0))
        for code, label in choices
        if counts.get(code) or code == selected
    ]


def suggest(request):
    """Suggestions as you type (JSON); without JavaScript the search box is a plain search."""
    return JsonResponse(
        {"suggestions": search_suggestions(request.GET.get("q", ""), request.region)}
    )


def _rating_options(counts: dict[str, int], selected: int) -> list[tuple[str, str, int]]:
    return [
        (value, _("%(stars)s stars and up") % {"stars": value}, counts.get(value, 0))
        for value in RATINGS
        if counts.get(value) or value == str(selected)
    ]


def search(request):
    text = request.GET.get("q", "").strip()
    filters = search_filters_from(request.GET)
    min_rating = min_rating_from(request.GET)
    sort = request.GET.get("sort", "relevance")
    languages = [request.LANGUAGE_CODE[:2], "nl", "en", "fr", "de"]
    region = request.region
    found = search_resources(
        text,
        filters,
        request.GET.get("page"),
        sort=sort,
        languages=tuple(dict.fromkeys(languages)),
        region=region,
        min_rating=min_rating,
    )
    facets = found.facets
    first_page = request.GET.get("page", "1") in ("", "1")
    if first_page and not found.page.paginator.count and request.GET.get("fragment") is None:
        recorded = filters | ({"rating": str(min_rating)} if min_rating else {})
        search_record_zero_result(text=text, filters=recorded, region=region)
    publishers = facets.get("publisher", {})
    if filters.get("publisher"):
        publishers = {filters["publisher"]: 0} | publishers
    publisher_names = publisher_labels(publishers)
    context = {
        "q": text,
        "filters": filters,
        "min_rating": min_rating,
        # Hidden fields that carry the current search along (the filters and the rating).
        "carried": filters | ({"rating": str(min_rating)} if min_rating else {}),
        "page": found.page,
        "similar_words": found.similar_words,
        "suggestion": found.suggestion,
        "sort": sort if sort in SORT_LABELS else "relevance",
        "sorts": SORT_LABELS,
        "facet_groups": [
            (name, _options(choices, facets.get(name, {}), filters.get(name, "")))
            for name, choices in (
                ("level", [(t.code, t.label) for t in levels_for_region(region)]),
                ("subject", [(t.code, t.label) for t in subjects_for_region(region)]),
                ("type", [(t.code, t.label) for t in resource_types()]),
                ("language", ContentLanguage.choices),
                ("licence", Licence.choices),
                ("kind", Kind.choices),
                ("publisher", [(key, publisher_names.get(key, key)) for key in publishers]),
            )
        ]
        + [("rating", _rating_options(facets.get("rating", {}), min_rating))],
    }
    if request.GET.get("fragment") == "results":
        return render(request, "resources/_results.html", context)
    return render(request, "search/search.html", context)


@login_required
@require_POST
def save(request):
    """Keep the current search; the member is mailed when new resources match it."""
    text = request.POST.get("q", "").strip()
    filters = search_filters_from(request.POST)
    if min_rating := min_rating_from(request.POST):
        filters["rating"] = str(min_rating)
    try:
        saved_search_create(member=request.user, text=text, filters=filters)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("Search saved. We will email you when new resources match it."))
    return redirect(f"{reverse('search:search')}?{urlencode({'q': text, **filters})}")


@login_required
@require_http_methods(["GET", "POST"])
def saved(request):
    if request.method == "POST":
        saved_search_delete(member=request.user, saved_search_id=_int(request.POST.get("id")))
        messages.success(request, _("Saved search deleted."))
        return redirect("search:saved")
    searches = [
        (saved, describe_filters(saved.filters, request.region))
        for saved in request.user.saved_searches.all()
    ]
    return render(request, "search/saved.html", {"searches": searches})


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
