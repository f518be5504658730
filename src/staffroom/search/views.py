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
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from staffroom.core import usage
from staffroom.core.http import int_param
from staffroom.core.pagination import paginate
from staffroom.core.permissions import staff_required
from staffroom.curriculum.models import Region
from staffroom.curriculum.queries import level_by_code, subject_by_code, terms_in_region
from staffroom.resources.card_saving import card_save_forms_fill

from .backends import get_backend
from .models import SearchLog
from .panel import FACET_LABELS, facet_groups, filter_chips, selected_count
from .queries import (
    describe_filters,
    min_rating_from,
    search_filters_from,
    search_resources,
)
from .services import saved_search_create, saved_search_delete, search_record
from .suggestions import matching_pages, search_suggestions, suggestions_json
from .understanding import without_words
from .zero_results import (
    LEADS_MARK,
    UNFOUND_DAYS,
    search_figures,
    unfound_searches,
    zero_results_for,
)

SORT_LABELS = {
    "relevance": gettext_lazy("Relevance"),
    "newest": gettext_lazy("Newest"),
    "popular": gettext_lazy("Most downloaded"),
    "rated": gettext_lazy("Best rated"),
}


def suggest(request):
    """Suggestions as you type (JSON), grouped: levels, subjects, themes and titles, each
    with the address picking it leads to (a level or subject applies its filter); see
    suggestions.py. Without JavaScript the search boxes are plain search boxes."""
    return JsonResponse(
        suggestions_json(search_suggestions(request.GET.get("q", ""), request.region))
    )


FRAGMENTS = ("results", "body")


def _filter_chips(text, filters, min_rating, sort, region) -> dict:
    chips, clear_url = filter_chips(text, filters, min_rating, sort, region)
    return {"filter_chips": chips, "clear_url": clear_url}


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
        # "Did you mean" keeps the filters and the recognised curriculum words.
        "suggestion_url": "?" + urlencode({"q": found.suggestion, **_carried(filters, min_rating)}),
        "understood": _chips(text, found.recognised, _carried(filters, min_rating), request.region),
        "relaxed": found.relaxed,
        "sort": sort,
        "sorts": SORT_LABELS,
        # The filter panel: checkbox groups with counts, chips of the filters in use.
        "facet_groups": facet_groups(found.facets, filters, min_rating, request.region),
        "filter_count": selected_count(filters, min_rating),
        **_filter_chips(text, filters, min_rating, sort, request.region),
    }
    template = "search/_results.html" if fragment == "results" else "search/_body.html"
    return render_to_string(template, context, request), found.page.paginator.count, context


def _chips(text: str, recognised, carried: dict, region: str) -> list[dict[str, str]]:
    """The curriculum words the search applied as filters, named in the reader's region's
    terms, each with the search without them."""
    chips = []
    for term in recognised:
        lookup = level_by_code if term.facet == "level" else subject_by_code
        known = lookup(term.codes[0])
        remaining = without_words(text, term.words)
        chips.append(
            {
                "facet": str(FACET_LABELS[term.facet]),
                "label": known.in_region(region).label if known else term.words,
                "url": "?" + urlencode({"q": remaining, **carried}),
            }
        )
    return chips


def _carried(filters, min_rating) -> dict:
    """What the search box and the save button carry along: the filters and the rating."""
    return filters | ({"rating": str(min_rating)} if min_rating else {})


def _cache_key(request) -> str:
    """Results depend on the query string, the reader's language and region, and the index
    (its version changes with every write)."""
    identity = (
        sorted(request.GET.lists()),
        request.LANGUAGE_CODE,
        # A visitor's default region is the Region enum, a member's a plain "fl": one key.
        str(request.region),
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
    # ":2": the cached value holds whether only similar words were found (a process of the
    # previous release, sharing the cache, reads its own two-value entries).
    key = f"{_cache_key(request)}:2" if seconds else ""
    cached = cache.get(key) if key else None
    context = {}
    if cached is None:
        body, total, context = _results(request, text, filters, min_rating, sort, fragment)
        similar_words = bool(context["similar_words"])
        if key:
            cache.set(key, (body, total, similar_words), seconds)
    else:
        body, total, similar_words = cached
    # The cards' Save forms are each reader's own: filled in after the shared cache.
    body = card_save_forms_fill(request, body)
    # Every search is recorded, from the cache too (never who searched); paging through the
    # results is not a new search.
    search_record(
        text=text,
        filters=_carried(filters, min_rating),
        region=request.region,
        result_count=total,
        similar_words=similar_words,
        source=SearchLog.Source.PAGE,
        first_page=request.GET.get("page", "1") in ("", "1"),
    )
    searched = usage.Usage(
        usage.SEARCH,
        query=text,
        filters=_carried(filters, min_rating),
        result_count=total,
        page=int_param(request.GET.get("page"), 1) or 1,
    )
    if text or filters:
        usage.record_usage(request, searched)
    if not total:
        body = _with_zero_results(request, body, text, _carried(filters, min_rating))
    if fragment:
        return HttpResponse(body)
    context |= {"q": text, "carried": _carried(filters, min_rating), "sort": sort, "body": body}
    # Pages of other apps that match the words (theme pages) lead the first page of results.
    if text and request.GET.get("page", "1") in ("", "1"):
        context["matching_pages"] = matching_pages(text, request.region)
    if not text and not filters and not min_rating:
        context["my_levels_url"] = _my_levels_url(request)
    return render(request, "search/search.html", context)


def _my_levels_url(request) -> str:
    """A search for the member's levels: offered, one click away, on the empty search page;
    the results themselves stay the same for everyone."""
    if not request.user.is_authenticated:
        return ""
    levels = terms_in_region(request.user.levels.all(), request.region)
    if not levels:
        return ""
    codes = ",".join(sorted(level.code for level in levels))
    return f"{reverse('search:search')}?{urlencode({'level': codes})}"


def _with_zero_results(request, body: str, text: str, filters: dict[str, str]) -> str:
    """The rendered results of a search that found nothing, with what leads on from there
    (the relaxed search, popular resources for the reader's levels, asking colleagues,
    saving the search) where the results template left room for it: these differ per reader,
    so they are not part of the cached results."""
    member = request.user if request.user.is_authenticated else None
    leads = zero_results_for(text, filters, region=request.region, member=member)
    search_path = f"{reverse('search:search')}?{urlencode({'q': text, **filters}, doseq=True)}"
    login_url = f"{reverse('account_login')}?{urlencode({'next': search_path})}"
    context = {"q": text, "carried": filters, "zero": leads, "login_url": login_url}
    rendered = render_to_string("search/_zero_results_leads.html", context, request)
    # Both parts are rendered (escaped) templates.
    return mark_safe(body.replace(LEADS_MARK, rendered, 1))


@staff_required
def zero_results(request):
    """Staff: the searches of the last 30 days that found nothing (or only similar words),
    most frequent first, and how many searches there were."""
    page = paginate(request, unfound_searches(), 50)
    for row in page:
        row["described"] = describe_filters(row["filters"] or {}, request.region)
        row["region_label"] = Region(row["region"]).label if row["region"] in Region.values else ""
        row["querystring"] = urlencode({"q": row["query"], **(row["filters"] or {})}, doseq=True)
    return render(
        request,
        "search/zero_results.html",
        {"page": page, "figures": search_figures(), "days": UNFOUND_DAYS},
    )


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
