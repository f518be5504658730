"""The search page: results with facet counts, and no error for anything a user can type."""

import pytest
from django.urls import reverse
from tests.factories import MemberFactory, OrganisationFactory, ResourceFactory

from staffroom.search.services import search_reindex

pytestmark = pytest.mark.django_db


def _facets(response) -> dict:
    return {
        group.name: [(o.value, o.label, o.count, o.selected) for o in group.options]
        for group in response.context["facet_groups"]
    }


def test_results_and_facet_counts_over_all_matches(client, indexed):
    response = client.get(reverse("search:search"), {"q": "breuken"})
    assert response.status_code == 200
    titles = {resource.title for resource in response.context["page"]}
    assert titles == {"Breuken vergelijken", "Breuken optellen"}
    groups = _facets(response)
    assert ("cc-by-sa", "CC BY-SA 4.0", 1, False) in groups["licence"]
    assert ("cc-by", "CC BY 4.0", 1, False) in groups["licence"]
    # A level counts what its filter would find: both are in "lager onderwijs".
    assert dict((code, count) for code, _label, count, _selected in groups["level"])["fl-lo"] == 2


def test_a_filter_narrows_and_the_fragment_serves_results_only(client, indexed):
    response = client.get(
        reverse("search:search"), {"q": "breuken", "licence": "cc-by-sa", "fragment": "results"}
    )
    assert [r.title for r in response.context["page"]] == ["Breuken optellen"]
    assert b"<html" not in response.content


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": "x" * 2000},
        {"q": '"breuken vergelijken'},
        {"q": "de het een"},
        {"q": "AND OR -"},
        {"q": '" - OR'},
        {"q": "((("},
        {"q": "breuken", "level": "nope", "licence": "cc-zzz", "kind": "<script>"},
        {"q": "breuken", "page": "10000"},
        {"q": "breuken", "page": "abc"},
    ],
)
def test_bad_input_gets_a_page_not_an_error(client, indexed, params):
    response = client.get(reverse("search:search"), params)
    assert response.status_code == 200


def test_a_page_past_the_end_shows_the_last_page(client, indexed):
    response = client.get(reverse("search:search"), {"q": "breuken", "page": "99"})
    assert response.context["page"].number == 1
    assert len(list(response.context["page"])) == 2


def test_typos_still_find_results_and_a_correction_is_offered(client, indexed):
    response = client.get(reverse("search:search"), {"q": "photosyntesis"})
    assert [r.title for r in response.context["page"]] == ["Photosynthesis explained"]
    assert response.context["similar_words"]
    assert response.context["suggestion"] == "photosynthesis"
    exact = client.get(reverse("search:search"), {"q": "photosynthesis"})
    assert not exact.context["similar_words"]


def test_a_word_of_any_language_is_not_corrected_into_another(client, indexed):
    # "klok" is Dutch: an English reader is not offered "kook" when it finds little.
    response = client.get(reverse("search:search"), {"q": "klok"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["suggestion"] == ""


def test_a_word_that_found_resources_is_not_corrected(client, indexed):
    # "particulaire" is French and in a resource; no dictionary of the site knows it, and
    # "Did you mean articulaire?" above the resource it found was wrong.
    ResourceFactory(
        title="Le modèle particulaire de la matière",
        description="Les élèves étudient le passage de l'état solide à l'état liquide.",
        language="fr",
    )
    search_reindex()
    response = client.get(reverse("search:search"), {"q": "particulaire"})
    assert [r.title for r in response.context["page"]] == ["Le modèle particulaire de la matière"]
    assert response.context["suggestion"] == ""


def test_sorting_by_downloads_and_by_date(client, indexed):
    from staffroom.resources.models import Resource

    Resource.objects.filter(title="Breuken optellen").update(download_count=50)
    search_reindex()
    response = client.get(reverse("search:search"), {"q": "breuken", "sort": "popular"})
    assert [r.title for r in response.context["page"]] == [
        "Breuken optellen",
        "Breuken vergelijken",
    ]
    response = client.get(reverse("search:search"), {"q": "breuken", "sort": "bogus"})
    assert response.status_code == 200
    assert response.context["sort"] == "relevance"


def test_searches_that_find_nothing_are_recorded_without_who_searched(client, indexed):
    from tests.factories import MemberFactory

    from staffroom.search.models import SearchLog

    client.force_login(MemberFactory(region="nl"))
    client.get(reverse("search:search"), {"q": "quantumfysica", "licence": "cc0"})
    client.get(reverse("search:search"), {"q": "breuken"})
    recorded = SearchLog.objects.get(result_count=0)
    assert recorded.query == "quantumfysica"
    assert recorded.filters == {"licence": "cc0"}
    assert recorded.region == "nl"
    assert not {field.name for field in SearchLog._meta.fields} & {"member", "user"}


def test_minimum_rating_filter_with_counts_per_step(client):
    ResourceFactory(title="Breuken goed", rating_average=4.5, rating_count=12)
    ResourceFactory(title="Breuken redelijk", rating_average=3.2, rating_count=5)
    ResourceFactory(title="Breuken zonder beoordeling")
    search_reindex()
    response = client.get(reverse("search:search"), {"q": "breuken"})
    ratings = {code: count for code, _label, count, _selected in _facets(response)["rating"]}
    assert ratings == {"4": 1, "3": 2, "2": 2, "1": 2}
    response = client.get(reverse("search:search"), {"q": "breuken", "rating": "3"})
    assert {r.title for r in response.context["page"]} == {"Breuken goed", "Breuken redelijk"}
    # The rating is carried along by the search box and the save form.
    assert b'name="rating" value="3"' in response.content
    # Anything but 1-4 is no filter at all.
    response = client.get(reverse("search:search"), {"q": "breuken", "rating": "9"})
    assert response.context["page"].paginator.count == 3


def test_publisher_filter_named_and_counted(client):
    partner = OrganisationFactory(name="Vlaams Rekencentrum")
    teacher = MemberFactory(name="An Peeters")
    ResourceFactory(title="Breuken van de partner", organisation=partner)
    ResourceFactory(title="Breuken van An", contributor=teacher)
    ResourceFactory(title="Breuken van An, deel 2", contributor=teacher)
    search_reindex()
    response = client.get(reverse("search:search"), {"q": "breuken"})
    publishers = _facets(response)["publisher"]
    assert (f"member:{teacher.pk}", "An Peeters", 2, False) in publishers
    assert (f"organisation:{partner.pk}", "Vlaams Rekencentrum", 1, False) in publishers
    response = client.get(
        reverse("search:search"), {"q": "breuken", "publisher": f"organisation:{partner.pk}"}
    )
    assert [r.title for r in response.context["page"]] == ["Breuken van de partner"]
    # An unknown publisher is ignored, not an error.
    response = client.get(reverse("search:search"), {"q": "breuken", "publisher": "member:99999"})
    assert response.context["page"].paginator.count == 3


def test_matches_are_highlighted_and_the_rest_escaped(client):
    ResourceFactory(
        title="Breuken <vergelijken>",
        description="Met pizzapunten ontdekken leerlingen wat een breuk is. <b>Leuk</b>.",
    )
    search_reindex()
    response = client.get(reverse("search:search"), {"q": "pizzapunten breuken"})
    html = response.content.decode()
    assert "<mark>Breuken</mark> &lt;vergelijken&gt;" in html
    assert "<mark>pizzapunten</mark>" in html
    assert "<b>Leuk</b>" not in html


def test_moderators_picks_carry_a_badge_in_results(client):
    from django.utils import timezone

    ResourceFactory(title="Breuken aanrader", picked_at=timezone.now())
    search_reindex()
    response = client.get(reverse("search:search"), {"q": "breuken"})
    assert 'class="badge pick">Aanrader<' in response.content.decode()  # the page is in Dutch


def test_rendered_results_are_reused_until_the_index_changes(client, settings, indexed):
    settings.SEARCH_CACHE_SECONDS = 60
    first = client.get(reverse("search:search"), {"q": "breuken"})
    assert "page" in first.context  # searched and rendered
    again = client.get(reverse("search:search"), {"q": "breuken"})
    assert "page" not in again.context  # served from the cache

    def results(response):
        return response.content.decode().partition('<div class="browse">')[2]

    assert results(again) == results(first) != ""
    # The other region's reader gets their own terms, not the cached page.
    client.post(reverse("set_region"), {"region": "nl", "next": "/"})
    assert "page" in client.get(reverse("search:search"), {"q": "breuken"}).context
    # A publication changes the index version: the next search sees it at once.
    ResourceFactory(title="Breuken delen")
    search_reindex()
    fresh = client.get(reverse("search:search"), {"q": "breuken"})
    assert "<mark>Breuken</mark> delen" in fresh.content.decode()


def test_searches_without_results_are_recorded_even_when_cached(client, settings, indexed):
    from staffroom.search.models import SearchLog

    settings.SEARCH_CACHE_SECONDS = 60
    client.get(reverse("search:search"), {"q": "zzzyx"})
    client.get(reverse("search:search"), {"q": "zzzyx"})
    assert SearchLog.objects.filter(query="zzzyx", result_count=0).count() == 2


def test_a_filter_in_use_still_offers_its_other_values_with_their_counts(client, indexed):
    response = client.get(reverse("search:search"), {"q": "breuken", "licence": "cc-by"})
    assert [r.title for r in response.context["page"]] == ["Breuken vergelijken"]
    licences = {code: (count, chosen) for code, _l, count, chosen in _facets(response)["licence"]}
    # Switching to CC BY-SA would give one result: it stays on offer.
    assert licences == {"cc-by": (1, True), "cc-by-sa": (1, False)}
    # Other filters are counted within the chosen licence.
    levels = {code: count for code, _l, count, _chosen in _facets(response)["level"]}
    assert levels["fl-lo-3"] == 1 and "fl-lo-4" not in levels


def test_accessibility_notes_are_searched_and_shown_where_they_matched(client):
    """Issue 13: "dyslexie" found nothing though resources say they suit dyslexic pupils."""
    ResourceFactory(
        title="Breuken met pizza's",
        accessibility_notes="Geschikt voor leerlingen met dyslexie: groot lettertype.",
    )
    ResourceFactory(title="Breuken met taart")
    search_reindex()
    response = client.get(reverse("search:search"), {"q": "dyslexie"})
    assert [resource.title for resource in response.context["page"]] == ["Breuken met pizza's"]
    assert "<mark>dyslexie</mark>" in response.content.decode()
