"""Filters people can see and combine: several values of a filter (any of them), counts that
leave a filter's own choice out, the new filters (file format, reuse, accessibility notes,
moderators' picks), chips with their links, old single-value addresses, saved searches with
several values, and no error for anything in the address."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from tests.factories import MemberFactory, ResourceFactory, ResourceFileFactory

from staffroom.resources.licences import NO_DERIVATIVES, NON_COMMERCIAL, REUSE, Licence
from staffroom.search.backends.base import engine_filters, filter_values
from staffroom.search.documents import resource_document
from staffroom.search.facets import address_format, file_format, with_reuse_counts
from staffroom.search.models import SavedSearch
from staffroom.search.queries import describe_filters, search_filters_from
from staffroom.search.services import saved_searches_matching, search_reindex

pytestmark = pytest.mark.django_db

SEARCH = reverse("search:search")
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def _file_resource(title: str, mime_type: str, **fields):
    resource = ResourceFactory(title=title, kind="file", url="", **fields)
    ResourceFileFactory(resource=resource, mime_type=mime_type)
    return resource


@pytest.fixture
def indexed():
    ResourceFactory(
        title="Breuken vergelijken",
        levels=["fl-lo-3"],
        licence="cc-by",
        rating_average=4.5,
        rating_count=3,
        duration=50,
    )
    ResourceFactory(title="Breuken optellen", levels=["fl-lo-4"], licence="cc-by-nd", duration=10)
    ResourceFactory(
        title="Breuken delen",
        levels=["fl-lo-5"],
        licence="cc-by-nc",
        accessibility_notes="Groot lettertype; geschikt voor leerlingen met dyslexie.",
    )
    ResourceFactory(
        title="Breuken in de keuken",
        levels=["fl-so-1g-a"],
        licence="cc-by-sa",
        picked_at=timezone.now(),
        duration=100,
    )
    _file_resource("Breuken op een werkblad", "application/pdf", levels=["fl-lo-3"])
    _file_resource("Breuken in dia's", PPTX, levels=["fl-lo-6"], licence="cc0")
    ResourceFactory(
        title="Breuken uitgelegd",
        kind="embed",
        url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        levels=["fl-lo-4"],
    )
    ResourceFactory(
        title="Breuken oefenen",
        kind="embed",
        url="https://learningapps.org/1234567",
        levels=["fl-lo-4"],
        licence="arr",
    )
    search_reindex()


def _titles(response) -> set[str]:
    return {resource.title for resource in response.context["page"]}


def _counts(response, group: str) -> dict[str, int]:
    for found in response.context["facet_groups"]:
        if found.name == group:
            return {option.value: option.count for option in found.options}
    return {}


def _ticked(response) -> set[str]:
    return {
        f"{option.name}={option.value}"
        for found in response.context["facet_groups"]
        for option in found.options
        if option.selected
    }


# --- several values of a filter ------------------------------------------------------------


def test_several_values_of_a_filter_find_any_of_them(client, indexed):
    response = client.get(SEARCH, {"q": "breuken", "level": ["fl-lo-3", "fl-lo-5"]})
    assert _titles(response) == {"Breuken vergelijken", "Breuken op een werkblad", "Breuken delen"}
    assert {"level=fl-lo-3", "level=fl-lo-5"} <= _ticked(response)
    # Joined by commas (how links and saved searches carry them): the same.
    joined = client.get(SEARCH, {"q": "breuken", "level": "fl-lo-5,fl-lo-3"})
    assert _titles(joined) == _titles(response)


def test_an_old_single_value_address_still_works(client, indexed):
    response = client.get(SEARCH, {"q": "breuken", "licence": "cc-by-nd"})
    assert _titles(response) == {"Breuken optellen"}
    assert "licence=cc-by-nd" in _ticked(response)


def test_a_filter_in_use_counts_its_other_values_and_the_others_within_it(client, indexed):
    response = client.get(SEARCH, {"q": "breuken", "level": ["fl-lo-3", "fl-lo-5"]})
    levels = _counts(response, "level")
    # The level filter's own choice is left out of its counts: what each would give instead.
    assert levels["fl-lo-3"] == 2
    assert levels["fl-lo-4"] == 3
    assert levels["fl-lo-5"] == 1
    assert levels["fl-lo"] == 7
    # The other filters are counted within the levels chosen.
    assert _counts(response, "licence") == {"cc-by": 2, "cc-by-nc": 1}
    # A second filter: each keeps its own choice out of its counts.
    both = client.get(
        SEARCH, {"q": "breuken", "level": ["fl-lo-3", "fl-lo-5"], "licence": "cc-by-nc"}
    )
    assert _titles(both) == {"Breuken delen"}
    assert _counts(both, "licence") == {"cc-by": 2, "cc-by-nc": 1}
    levels = _counts(both, "level")
    assert (levels["fl-lo-3"], levels["fl-lo-5"]) == (0, 1)  # chosen: shown, with 0
    assert "fl-lo-4" not in levels  # nothing in CC BY-NC


def test_the_api_takes_several_values_and_counts_alike(client, indexed):
    body = client.get("/api/v1/search?q=breuken&level=fl-lo-3&level=fl-lo-5&licence=cc-by").json()
    assert {hit["title"] for hit in body["results"]} == {
        "Breuken vergelijken",
        "Breuken op een werkblad",
    }
    assert body["facets"]["licence"] == {"cc-by": 2, "cc-by-nc": 1}
    assert body["facets"]["level"]["fl-lo-4"] == 1  # within CC BY
    joined = client.get("/api/v1/search?q=breuken&level=fl-lo-3,fl-lo-5&licence=cc-by").json()
    assert joined["total"] == body["total"] == 2
    # An old single value.
    assert client.get("/api/v1/search?q=breuken&level=fl-lo-5").json()["total"] == 1


# --- the new filters ----------------------------------------------------------------------


def test_file_format_from_files_and_addresses(client, indexed):
    counts = _counts(client.get(SEARCH, {"q": "breuken"}), "format")
    assert counts == {"pdf": 1, "presentation": 1, "video": 1, "interactive": 1}
    response = client.get(SEARCH, {"q": "breuken", "format": ["pdf", "video"]})
    assert _titles(response) == {"Breuken op een werkblad", "Breuken uitgelegd"}
    assert file_format("application/vnd.oasis.opendocument.text") == "document"
    assert file_format("video/mp4") == "video"
    assert file_format("application/zip") == ""
    assert address_format("https://vimeo.com/123", "link") == "video"
    assert address_format("https://example.org/les", "link") == ""
    assert address_format("https://example.org/player", "embed", "video") == "video"
    assert address_format("https://example.org/quiz", "embed") == "interactive"


def test_a_pending_file_gives_no_format(indexed):
    resource = ResourceFactory(title="Nog niet", kind="file", url="")
    ResourceFileFactory(resource=resource, mime_type=PPTX, pending=True)
    assert resource_document(resource)["format"] == []


def test_reuse_options_must_all_hold_and_count_within_the_choice(client, indexed):
    adapt = client.get(SEARCH, {"q": "breuken", "reuse": "adapt"})
    assert "Breuken optellen" not in _titles(adapt)  # CC BY-ND
    assert "Breuken oefenen" not in _titles(adapt)  # all rights reserved
    assert "Breuken delen" in _titles(adapt)  # CC BY-NC may be adapted
    both = client.get(SEARCH, {"q": "breuken", "reuse": ["adapt", "commercial"]})
    assert "Breuken delen" not in _titles(both)  # not commercially
    assert {r.licence for r in both.context["page"]} <= {"cc0", "cc-by", "cc-by-sa"}
    # Reuse options add up: each counts within what the others ticked allow.
    total = both.context["page"].paginator.count
    assert _counts(both, "reuse") == {"share": total, "adapt": total, "commercial": total}
    # The licences offered are those the choice allows, with what each gives.
    assert set(_counts(both, "licence")) <= {"cc0", "cc-by", "cc-by-sa"}
    # With a licence chosen: reuse within it; a reuse no chosen licence allows finds nothing.
    nd = client.get(SEARCH, {"q": "breuken", "licence": "cc-by-nd"})
    assert _counts(nd, "reuse") == {"share": 1, "commercial": 1}
    nothing = client.get(SEARCH, {"q": "breuken", "licence": "cc-by-nd", "reuse": "adapt"})
    assert nothing.context["page"].paginator.count == 0


def test_reuse_follows_the_licence_rules():
    for licence in Licence:
        allowed = {use for use, licences in REUSE.items() if licence.value in licences}
        if licence in (Licence.ALL_RIGHTS_RESERVED, Licence.SEE_SOURCE):
            assert allowed == set()
        else:
            assert "share" in allowed
            assert ("adapt" in allowed) == (licence not in NO_DERIVATIVES)
            assert ("commercial" in allowed) == (licence not in NON_COMMERCIAL)
    free = engine_filters({"reuse": "adapt,commercial"})["licence"].split(",")
    assert {"cc-by", "cc-by-sa", "cc0", "cc-by-sa-3.0", "cc-by-2.0-be", "pdm", "mit"} <= set(free)
    assert free == sorted(
        licence
        for licence in Licence
        if licence not in NO_DERIVATIVES | NON_COMMERCIAL
        and licence not in (Licence.ALL_RIGHTS_RESERVED, Licence.SEE_SOURCE)
    )
    assert engine_filters({"reuse": "adapt", "licence": "cc-by-nd"}) == {"licence": "-"}
    assert engine_filters({"reuse": "nonsense", "level": "fl-lo"}) == {"level": "fl-lo"}


def test_reuse_counts_come_from_the_licence_counts():
    licences = {"cc0": 1, "cc-by": 2, "cc-by-nc": 4, "cc-by-nd": 8, "arr": 16}
    counted = with_reuse_counts({"licence": licences}, {})
    assert counted["reuse"] == {"share": 15, "adapt": 7, "commercial": 11}
    counted = with_reuse_counts({"licence": licences}, {"reuse": "adapt"})
    assert counted["reuse"] == {"share": 7, "adapt": 7, "commercial": 3}
    assert counted["licence"] == {"cc0": 1, "cc-by": 2, "cc-by-nc": 4}
    counted = with_reuse_counts({"licence": licences}, {"licence": "cc-by-nd,arr"})
    assert counted["reuse"] == {"share": 8, "commercial": 8}


def test_accessibility_notes_and_moderators_picks(client, indexed):
    response = client.get(SEARCH, {"q": "breuken"})
    only = {option.name: option.count for option in _group(response, "only").options}
    assert only == {"pick": 1, "accessibility": 1}
    assert _titles(client.get(SEARCH, {"q": "breuken", "accessibility": "described"})) == {
        "Breuken delen"
    }
    assert _titles(client.get(SEARCH, {"q": "breuken", "pick": "yes"})) == {"Breuken in de keuken"}


def test_time_in_class_where_known(client, indexed):
    response = client.get(SEARCH, {"q": "breuken"})
    assert _counts(response, "duration") == {"short": 1, "lesson": 1, "longer": 1}
    assert _titles(client.get(SEARCH, {"q": "breuken", "duration": "lesson"})) == {
        "Breuken vergelijken"
    }
    assert _titles(client.get(SEARCH, {"q": "breuken", "duration": "short,lesson"})) == {
        "Breuken vergelijken",
        "Breuken optellen",
    }
    # The API takes the same values, and only known ones.
    api = client.get("/api/v1/search", {"q": "breuken", "duration": "longer"}).json()
    assert [hit["title"] for hit in api["results"]] == ["Breuken in de keuken"]
    assert api["facets"]["duration"] == {"short": 1, "lesson": 1, "longer": 1}


@pytest.mark.parametrize(
    ("minutes", "bucket"),
    [(None, ""), (1, "short"), (15, "short"), (16, "lesson"), (60, "lesson"), (61, "longer")],
)
def test_durations_fall_in_plain_buckets(minutes, bucket):
    from staffroom.search.facets import duration_bucket

    assert duration_bucket(minutes) == bucket


def _group(response, name: str):
    return next(group for group in response.context["facet_groups"] if group.name == name)


def test_questions_carry_the_new_fields_empty():
    from tests.forum.factories import QuestionFactory

    from staffroom.forum.documents import question_document

    document = question_document(QuestionFactory())
    assert (document["format"], document["accessibility"], document["pick"]) == ("", "", "")
    assert document["duration"] == ""


def test_a_backend_counts_only_the_facets_asked_for(indexed):
    from staffroom.search.backends import get_backend
    from staffroom.search.backends.base import SearchRequest

    backend = get_backend()
    everything = backend.search(SearchRequest(text="breuken"))
    some = backend.search(SearchRequest(text="breuken", facets=("licence", "rating")))
    assert some.facets == {
        "licence": everything.facets["licence"],
        "rating": everything.facets["rating"],
    }
    assert some.total == everything.total
    assert backend.search(SearchRequest(text="breuken", facets=("publisher",))).facets == {
        "publisher": everything.facets["publisher"]
    }
    assert backend.search(SearchRequest(text="breuken", facets=False)).facets == {}
    nothing = backend.search(SearchRequest(text="zzzyx", facets=("level",)))
    assert nothing.facets == {"level": {}}
    # Counts only: no hits (and nothing ranked), the same total and counts.
    counted = backend.search(SearchRequest(text="breuken", limit=0, facets=("licence",)))
    assert (counted.ids, counted.total) == ([], everything.total)
    assert counted.facets == {"licence": everything.facets["licence"]}


# --- the panel, chips and links -------------------------------------------------------------


def test_the_panel_has_checkbox_groups_and_a_collapsible_level_tree(client, indexed):
    english = {"accept-language": "en"}
    response = client.get(SEARCH, {"q": "breuken", "level": "fl-lo-3"}, headers=english)
    html = response.content.decode()
    assert '<fieldset class="facet">' in html
    assert (
        '<input type="checkbox" id="f-level-fl-lo-3" name="level" value="fl-lo-3" checked>' in html
    )
    # The branch holding the choice is open; the others are closed.
    assert '<details id="f-level-fl-bao-below" open>' in html
    assert '<details id="f-level-fl-so-below">' in html
    levels = _group(response, "level")
    assert [branch.top.value for branch in levels.branches] == ["fl-bao", "fl-so"]
    assert {option.depth for option in levels.branches[0].below} == {1, 2}
    # Without JavaScript: a submit button, and the drawer's summary says how many are in use.
    assert "Show results" in html
    assert "Filters (1)" in html
    # The minimum rating is one choice: radio buttons, "any" among them.
    rated = client.get(SEARCH, {"q": "breuken", "rating": "4"}, headers=english).content.decode()
    assert 'type="radio" id="f-rating-any" name="rating" value="">' in rated
    assert 'type="radio" id="f-rating-4" name="rating" value="4" checked>' in rated
    assert "Filters (1)" in rated


def test_chips_remove_one_value_and_clear_all_keeps_the_words(client, indexed):
    response = client.get(
        SEARCH,
        {"q": "breuken", "level": ["fl-lo-3", "fl-lo-5"], "licence": "cc-by", "sort": "newest"},
    )
    chips = {
        chip.label: parse_qs(urlparse(chip.url).query) for chip in response.context["filter_chips"]
    }
    assert set(chips) == {"3de leerjaar", "5de leerjaar", "CC BY 4.0"}
    assert chips["3de leerjaar"] == {
        "q": ["breuken"],
        "level": ["fl-lo-5"],
        "licence": ["cc-by"],
        "sort": ["newest"],
    }
    assert chips["CC BY 4.0"] == {
        "q": ["breuken"],
        "level": ["fl-lo-3", "fl-lo-5"],
        "sort": ["newest"],
    }
    clear = parse_qs(urlparse(response.context["clear_url"]).query)
    assert clear == {"q": ["breuken"], "sort": ["newest"]}
    html = client.get(SEARCH + response.context["clear_url"], headers={"accept-language": "en"})
    assert "Clear all" not in html.content.decode()
    html = response.content.decode()
    assert 'class="clear-all"' in html
    assert "“5de leerjaar”" in html
    # Following a chip's link gives the search without that value.
    chip = next(chip for chip in response.context["filter_chips"] if chip.label == "CC BY 4.0")
    followed = client.get(SEARCH + chip.url)
    assert "licence=cc-by" not in _ticked(followed)
    assert {"level=fl-lo-3", "level=fl-lo-5"} <= _ticked(followed)


def test_no_chips_without_filters(client, indexed):
    response = client.get(SEARCH, {"q": "breuken"})
    assert response.context["filter_chips"] == []
    assert "Filters in use" not in response.content.decode()


@translation.override("en")
def test_filters_are_described_with_their_values_listed():
    assert describe_filters({"level": "fl-lo-3,fl-lo-4,fl-lo-5"}, "fl") == [
        "Primary year 3, Primary year 4 or Primary year 5"
    ]
    # In the reader's region's terms.
    assert describe_filters({"level": "fl-lo-3,fl-lo-4"}, "nl") == [
        describe_filters({"level": "nl-po-5,nl-po-6"}, "nl")[0]
    ]
    assert describe_filters({"reuse": "adapt,commercial"}, "fl") == [
        "Free to adapt and Commercial use allowed"
    ]
    assert describe_filters({"format": "pdf", "pick": "yes", "level": "nope"}, "fl") == [
        "PDF",
        "Moderators' picks only",
    ]


# --- saved searches -------------------------------------------------------------------------


def test_a_search_with_several_values_is_saved_and_matched(client, indexed):
    teacher = MemberFactory()
    client.force_login(teacher)
    response = client.post(
        reverse("search:save"),
        {"q": "breuken", "level": ["fl-lo-5", "fl-lo-3"], "format": "pdf,video"},
    )
    assert response.status_code == 302
    saved = SavedSearch.objects.get(member=teacher)
    assert saved.filters == {"level": "fl-lo-3,fl-lo-5", "format": "pdf,video"}
    # Its link gives the same search.
    again = client.get(f"{SEARCH}?{saved.querystring}")
    assert _titles(again) == {"Breuken op een werkblad"}
    page = client.get(reverse("search:saved")).content.decode()
    assert "Primary year 3 or Primary year 5" in page
    # A new resource of either level and format matches it.
    match = _file_resource("Breuken knippen", "application/pdf", levels=["fl-lo-5"])
    other = _file_resource("Breuken plakken", PPTX, levels=["fl-lo-5"])
    search_reindex()
    assert saved in saved_searches_matching(match.pk)
    assert saved not in saved_searches_matching(other.pk)


def test_an_old_saved_search_with_one_value_still_matches(indexed):
    teacher = MemberFactory()
    saved = SavedSearch.objects.create(member=teacher, query="breuken", filters={"level": "fl-lo"})
    resource = ResourceFactory(title="Breuken tekenen", levels=["fl-lo-2"])
    search_reindex()
    assert saved in saved_searches_matching(resource.pk)


def test_a_saved_search_with_a_reuse_filter_matches_by_licence(indexed):
    teacher = MemberFactory()
    saved = SavedSearch.objects.create(
        member=teacher, query="breuken", filters={"reuse": "adapt,commercial"}
    )
    allowed = ResourceFactory(title="Breuken vouwen", licence="cc-by-sa")
    refused = ResourceFactory(title="Breuken scheuren", licence="cc-by-nc")
    search_reindex()
    assert saved in saved_searches_matching(allowed.pk)
    assert saved not in saved_searches_matching(refused.pk)


# --- reading filters from an address --------------------------------------------------------


def test_filters_are_read_sorted_deduplicated_and_known_only():
    from django.http import QueryDict

    params = QueryDict(
        "level=fl-lo-4&level=fl-lo-3,fl-lo-4&level=nope&licence=cc-by&reuse=adapt,sell"
        "&format=exe&pick=no&accessibility=described"
    )
    assert search_filters_from(params) == {
        "level": "fl-lo-3,fl-lo-4",
        "licence": "cc-by",
        "reuse": "adapt",
        "accessibility": "described",
    }
    # A plain mapping, as the API gives it: lists or single values.
    assert search_filters_from({"level": ["fl-lo-3"], "format": "pdf"}) == {
        "level": "fl-lo-3",
        "format": "pdf",
    }
    assert filter_values("a,,b") == ("a", "b")
    assert filter_values(("a", "")) == ("a",)


@pytest.mark.parametrize(
    "query",
    [
        "level=fl-lo-3&level=<script>",
        "level=" + "&level=".join(["fl-lo-3"] * 300),
        "level=" + ",".join(f"x{i}" for i in range(500)),
        "level=,,,&licence=,",
        "reuse=adapt&reuse=adapt&reuse=share&licence=arr",
        "format=pdf&format=pdf,%00",
        "pick=yes&pick=no&accessibility=",
        "publisher=member:abc&publisher=organisation:999999&publisher=member:",
        "rating=4&rating=5",
        "q=breuken&level=fl-lo-3&fragment=body",
    ],
)
def test_bad_filter_input_gets_a_page_not_an_error(client, indexed, query):
    assert client.get(f"{SEARCH}?{query}").status_code == 200
    assert client.get(f"/api/v1/search?{query}").status_code == 200
