import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from staffroom.core.http import int_param
from staffroom.curriculum.queries import levels_for_region, resource_types, subjects_for_region
from staffroom.resources.licences import Licence
from staffroom.resources.models import ContentLanguage, Kind

from .backends import get_backend
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


def _options(choices, counts: dict[str, int], selected: str) -> list[tuple[str, str, int, bool]]:
    """Filter options with how many results each would give, and whether it is the chosen
    one; empty ones are left out."""
    return [
        (code, label, counts.get(code, 0), code == selected)
        for code, label in choices
        if counts.get(code) or code == selected
    ]


def suggest(request):
    """Suggestions as you type (JSON); without JavaScript the search box is a plain search."""
    return JsonResponse(
        {"suggestions": search_suggestions(request.GET.get("q", ""), request.region)}
    )


def _rating_options(counts: dict[str, int], selected: int) -> list[tuple[str, str, int, bool]]:
    labels = [(value, _("%(stars)s stars and up") % {"stars": value}) for value in RATINGS]
    return _options(labels, counts, str(selected))


FACET_LABELS = {
    "level": gettext_lazy("Education level"),
    "subject": gettext_lazy("Subject"),
    "type": gettext_lazy("Type"),
    "language": gettext_lazy("Language"),
    "licence": gettext_lazy("Licence"),
    "kind": gettext_lazy("Kind"),
    "publisher": gettext_lazy("Publisher"),
    "rating": gettext_lazy("Rating"),
}


def _facet_groups(facets, filters, min_rating, region):
    publishers = facets.get("publisher", {})
    if filters.get("publisher"):
        publishers = {filters["publisher"]: 0} | publishers
    publisher_names = publisher_labels(publishers)
    choices = {
        "level": [(t.code, t.label) for t in levels_for_region(region)],
        "subject": [(t.code, t.label) for t in subjects_for_region(region)],
        "type": [(t.code, t.label) for t in resource_types()],
        "language": ContentLanguage.choices,
        "licence": Licence.choices,
        "kind": Kind.choices,
        "publisher": [(key, publisher_names.get(key, key)) for key in publishers],
    }
    groups = [
        (name, FACET_LABELS[name], _options(options, facets.get(name, {}), filters.get(name, "")))
        for name, options in choices.items()
    ]
    groups.append(
        ("rating", FACET_LABELS["rating"], _rating_options(facets.get("rating", {}), min_rating))
    )
    return groups


FRAGMENTS = ("results", "body")


def _results(request, text, filters, min_rating, sort, fragment: str):
    """The filters and results part of the page (or the results alone, for the live update),
    rendered, with how many resources matched and the context it was rendered from."""
    languages = [request.LANGUAGE_CODE[:2], "nl", "en", "fr", "de"]
    found = search_resources(
        text,
        filters,
        request.GET.get("page"),
        sort=sort,
        languages=tuple(dict.fromkeys(languages)),
        region=request.region,
        min_rating=min_rating,
    )
    context = {
        "q": text,
        "carried": _carried(filters, min_rating),
        "page": found.page,
        "similar_words": found.similar_words,
        "suggestion": found.suggestion,
        "sort": sort,
        "sorts": SORT_LABELS,
        "facet_groups": _facet_groups(found.facets, filters, min_rating, request.region),
    }
    template = "search/_results.html" if fragment == "results" else "search/_body.html"
    return render_to_string(template, context, request), found.page.paginator.count, context


def _carried(filters, min_rating) -> dict:
    """What the search box and the save button carry along: the filters and the rating."""
    return filters | ({"rating": str(min_rating)} if min_rating else {})


def _cache_key(request) -> str:
    """Results depend on the query string, the reader's language and region, and the index
    (its version changes with every write)."""
    identity = (
        sorted(request.GET.lists()),
        request.LANGUAGE_CODE,
        request.region,
        get_backend().version(),
    )
    return "search:page:" + hashlib.sha256(repr(identity).encode()).hexdigest()


def search(request):
    text = request.GET.get("q", "").strip()
    filters = search_filters_from(request.GET)
    min_rating = min_rating_from(request.GET)
    sort = request.GET.get("sort", "relevance")
    sort = sort if sort in SORT_LABELS else "relevance"
    # The live filters ask for the filters and results ("body") or the results alone.
    fragment = request.GET.get("fragment") if request.GET.get("fragment") in FRAGMENTS else ""
    # Teachers repeat each other's searches: the rendered results are kept for a short while
    # (the index version is part of the key, so a publication shows at once).
    seconds = settings.SEARCH_CACHE_SECONDS
    key = _cache_key(request) if seconds else ""
    cached = cache.get(key) if key else None
    context = {}
    if cached is None:
        body, total, context = _results(request, text, filters, min_rating, sort, fragment)
        if key:
            cache.set(key, (body, total), seconds)
    else:
        body, total = cached
    first_page = request.GET.get("page", "1") in ("", "1")
    if first_page and not total and not fragment:
        search_record_zero_result(
            text=text, filters=_carried(filters, min_rating), region=request.region
        )
    if fragment:
        return HttpResponse(body)
    context |= {"q": text, "carried": _carried(filters, min_rating), "sort": sort, "body": body}
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
        saved_search_delete(member=request.user, saved_search_id=int_param(request.POST.get("id")))
        messages.success(request, _("Saved search deleted."))
        return redirect("search:saved")
    searches = [
        (saved, describe_filters(saved.filters, request.region))
        for saved in request.user.saved_searches.all()
    ]
    return render(request, "search/saved.html", {"searches": searches})
