"""A search that finds nothing says so once and leads on: the search relaxed, popular
resources for the teacher's levels, asking colleagues, being told when something appears.
Staff see such searches on a page of their own."""

import re
from datetime import timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.factories import MemberFactory, ResourceFactory, StaffFactory

from staffroom.search.models import SavedSearch, SearchLog
from staffroom.search.services import search_record, search_reindex
from staffroom.search.zero_results import (
    LEADS_MARK,
    popular_resources,
    relaxed_searches,
    unfound_searches,
    zero_results_for,
)

pytestmark = pytest.mark.django_db

SEARCH = "/search/"


@pytest.fixture(autouse=True)
def english(client):
    """Visitors read English (members' factory language is English too)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def indexed():
    ResourceFactory(
        title="Breuken vergelijken", levels=["fl-lo-3"], licence="cc-by", download_count=5
    )
    ResourceFactory(
        title="Breuken optellen", levels=["fl-lo-4"], licence="cc-by-sa", download_count=40
    )
    ResourceFactory(
        title="Photosynthesis explained",
        description="How plants turn light into sugar.",
        language="en",
        levels=["nl-vwo-4"],
        download_count=90,
    )
    search_reindex()


def _text(response) -> str:
    """The page's text without tags, spaces collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def _links(response) -> dict[str, str]:
    """Link text -> address, of the zero-results part of the page."""
    html = response.content.decode().partition('class="zero-results"')[2]
    return {
        " ".join(unescape(re.sub(r"<[^>]+>", "", text)).split()): unescape(href)
        for href, text in re.findall(r'<a[^>]*href="([^"]*)"[^>]*>(.*?)</a>', html, re.S)
    }


def _query(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


def test_nothing_found_says_so_once(client, indexed):
    text = _text(client.get(SEARCH, {"q": "zzzyx"}))
    assert "No resources found for “zzzyx”." in text
    # Not "similar words", "0 resources" and "no resources match these filters" at once.
    assert "similar words" not in text
    assert "0 resources" not in text
    assert "match these filters" not in text
    filtered = _text(client.get(SEARCH, {"q": "zzzyx", "licence": "cc0"}))
    assert "No resources found for “zzzyx” with these filters." in filtered
    only_filters = _text(client.get(SEARCH, {"licence": "cc0"}))
    assert "No resources match these filters." in only_filters
    assert "found for" not in only_filters


def test_a_filter_left_out_leads_to_what_it_finds(client, indexed):
    response = client.get(SEARCH, {"q": "breuken", "level": "fl-lo-3", "licence": "cc-by-sa"})
    relaxed = {shown.dropped: shown for shown in response.context["zero"].relaxed}
    # Either filter left out finds one resource; the word left out (those two filters alone)
    # finds none and is not offered.
    assert {name: shown.search.count for name, shown in relaxed.items()} == {
        "Primary year 3": 1,
        "CC BY-SA 4.0": 1,
    }
    links = _links(response)
    assert _query(links["breuken · CC BY-SA 4.0"]) == {"q": ["breuken"], "licence": ["cc-by-sa"]}
    assert _query(links["breuken · Primary year 3"]) == {"q": ["breuken"], "level": ["fl-lo-3"]}
    text = _text(response)
    assert "without “Primary year 3”: 1 resource" in text
    assert "without “CC BY-SA 4.0”: 1 resource" in text

    response = client.get(SEARCH, {"q": "breuken", "licence": "cc0", "rating": "4"})
    # Either filter alone still finds nothing: no link leads nowhere.
    assert response.context["zero"].relaxed == []
    assert 'id="zero-relaxed"' not in response.content.decode()
    response = client.get(SEARCH, {"q": "breuken", "licence": "cc0"})
    relaxed = {shown.dropped: shown.search for shown in response.context["zero"].relaxed}
    assert relaxed == {"CC0 1.0": relaxed["CC0 1.0"]}
    assert (relaxed["CC0 1.0"].count, relaxed["CC0 1.0"].filters) == (2, {})
    assert "without “CC0 1.0”: 2 resources" in _text(response)
    assert _query(_links(response)["breuken"]) == {"q": ["breuken"]}


def test_a_word_left_out_leads_to_what_it_finds(client, indexed):
    found = {r.dropped_words: r for r in relaxed_searches("breuken zzzyx", {"licence": "cc-by"})}
    assert set(found) == {"zzzyx"}
    assert (found["zzzyx"].text, found["zzzyx"].filters) == ("breuken", {"licence": "cc-by"})
    assert found["zzzyx"].count == 1
    shown = zero_results_for("breuken zzzyx", {"licence": "cc-by"}, region="nl", member=None)
    assert [(r.label, r.dropped) for r in shown.relaxed] == [("breuken · CC BY 4.0", "zzzyx")]


def test_popular_resources_for_the_levels_a_teacher_teaches(client, indexed):
    member = MemberFactory(region="nl")
    member.levels.set(member.levels.model.objects.filter(code="nl-po-6"))  # = 4de leerjaar
    client.force_login(member)
    response = client.get(SEARCH, {"q": "zzzyx"})
    zero = response.context["zero"]
    assert zero.popular_for_levels
    assert [r.title for r in zero.popular] == ["Breuken optellen"]
    assert "Popular at the levels you teach" in _text(response)

    visitor = popular_resources(None)
    assert [r.title for r in visitor[0]] == [
        "Photosynthesis explained",
        "Breuken optellen",
        "Breuken vergelijken",
    ]
    assert not visitor[1]
    # Levels nothing is published for: the popular ones overall.
    lonely = MemberFactory()
    lonely.levels.set(lonely.levels.model.objects.filter(code="nl-vwo-6"))
    assert popular_resources(lonely)[1] is False


def test_popular_leaves_out_what_is_not_published(indexed):
    from staffroom.resources.models import Resource, Status

    Resource.objects.filter(title="Photosynthesis explained").update(status=Status.WITHDRAWN)
    assert "Photosynthesis explained" not in [r.title for r in popular_resources(None)[0]]


def test_ask_it_in_the_teachers_room_with_the_search_as_question(client, indexed):
    response = client.get(SEARCH, {"q": "rekenen met zzzyx & qqqwv", "licence": "cc0"})
    href = _links(response)["Ask your colleagues"]
    assert href.startswith(reverse("forum:ask") + "?")
    assert _query(href) == {"title": ["rekenen met zzzyx & qqqwv"]}
    # Without words there is no question to prefill.
    assert _links(client.get(SEARCH, {"licence": "cc0"}))["Ask your colleagues"] == reverse(
        "forum:ask"
    )


def test_a_member_saves_the_search_to_be_told_a_visitor_is_asked_to_log_in(client, indexed):
    params = {"q": "zzzyx", "licence": "cc0", "rating": "3"}
    visitor = client.get(SEARCH, params)
    login = _links(visitor)["Log in"]
    assert login.startswith(reverse("account_login"))
    assert _query(_query(login)["next"][0]) == {"q": ["zzzyx"], "licence": ["cc0"], "rating": ["3"]}

    member = MemberFactory()
    client.force_login(member)
    html = client.get(SEARCH, params).content.decode().partition('id="zero-save"')[2]
    form = html.partition("</form>")[0]
    assert f'action="{reverse("search:save")}"' in form
    assert "csrfmiddlewaretoken" in form
    for name, value in params.items():
        assert f'name="{name}" value="{value}"' in form
    client.post(reverse("search:save"), params)
    saved = SavedSearch.objects.get(member=member)
    assert (saved.query, saved.filters) == ("zzzyx", {"licence": "cc0", "rating": "3"})
    again = client.get(SEARCH, params)
    assert again.context["zero"].already_saved
    assert "You saved this search" in _text(again)


def test_the_leads_are_per_reader_though_the_results_are_cached(client, settings, indexed):
    settings.SEARCH_CACHE_SECONDS = 60
    first = MemberFactory()
    client.force_login(first)
    client.post(reverse("search:save"), {"q": "zzzyx"})
    assert client.get(SEARCH, {"q": "zzzyx"}).context["zero"].already_saved
    second = MemberFactory()
    second.levels.set(second.levels.model.objects.filter(code="fl-lo-3"))
    client.force_login(second)
    cached = client.get(SEARCH, {"q": "zzzyx"})
    assert "page" not in cached.context  # the results came from the cache
    zero = cached.context["zero"]
    assert not zero.already_saved
    assert [r.title for r in zero.popular] == ["Breuken vergelijken"]
    html = cached.content.decode()
    assert "csrfmiddlewaretoken" in html.partition('id="zero-save"')[2]
    assert LEADS_MARK not in html


def test_the_live_results_lead_on_too(client, indexed):
    response = client.get(SEARCH, {"q": "breuken", "licence": "cc0", "fragment": "body"})
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="zero-relaxed"' in html and 'id="zero-ask"' in html
    assert LEADS_MARK not in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 2000},
        {"q": '"zzzyx'},
        {"q": "-breuken -photosynthesis"},
        {"q": "zzzyx", "level": "nope", "licence": "cc-zzz", "kind": "<script>"},
        {"q": "zzzyx", "publisher": "member:999999", "rating": "9"},
        {"q": "<!--search:zero-results-leads--> zzzyx"},
        {"q": "zzzyx", "page": "abc"},
        {"q": "zzzyx", "sort": "bogus", "fragment": "results"},
        {"level": "fl-lo-3", "licence": "cc0", "rating": "4", "kind": "embed"},
    ],
)
def test_bad_input_leads_somewhere_without_an_error(client, indexed, params):
    member = MemberFactory()
    member.levels.set(member.levels.model.objects.filter(code="fl-lo-3"))
    client.force_login(member)
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="zero-ask"' in html
    assert LEADS_MARK not in html
    assert "<script>" not in html.partition('class="zero-results"')[2]


@pytest.mark.parametrize("text", ['" - OR', "AND OR -", "(((", "-", "OR OR"])
def test_what_is_hardly_a_search_gets_a_page(client, indexed, text):
    response = client.get(SEARCH, {"q": text})
    assert response.status_code == 200
    assert LEADS_MARK not in response.content.decode()


# --- The staff page ---


def _unfound(text, *, days_ago=0, similar=False, **kwargs):
    recorded = search_record(
        text=text,
        filters=kwargs.pop("filters", {}),
        region=kwargs.pop("region", "fl"),
        result_count=3 if similar else 0,
        similar_words=similar,
        **kwargs,
    )
    if days_ago:
        SearchLog.objects.filter(pk=recorded.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )
    return recorded


def test_the_staff_page_is_for_staff_only(client):
    url = reverse("search:zero_results")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(MemberFactory())
    assert client.get(url).status_code == 403
    assert "zero-results" not in client.get("/").content.decode()
    client.force_login(MemberFactory(is_moderator=True))
    assert client.get(url).status_code == 403
    client.force_login(StaffFactory())
    assert client.get(url).status_code == 200
    assert f'href="{url}"' in client.get(reverse("staff_home")).content.decode()  # staff area


def test_staff_see_what_found_nothing_most_frequent_first(client):
    for text in ("Zzzyx", "zzzyx ", "ZZZYX"):
        _unfound(text)
    _unfound("zzzyx", region="nl")
    _unfound("quantumfysica", filters={"licence": "cc0", "level": "fl-lo-3"}, source="api")
    _unfound("fotosynthese", similar=True)
    _unfound("oud nieuws", days_ago=31)
    search_record(text="breuken", filters={}, region="fl", result_count=12)
    client.force_login(StaffFactory(language="en"))
    response = client.get(reverse("search:zero_results"))
    rows = [
        (row["folded"], row["region"], row["searches"], row["similar"])
        for row in response.context["page"]
    ]
    assert rows[0] == ("zzzyx", "fl", 3, 0)
    assert set(rows[1:]) == {
        ("zzzyx", "nl", 1, 0),
        ("quantumfysica", "fl", 1, 0),
        ("fotosynthese", "fl", 1, 1),
    }
    text = _text(response)
    assert "Primary year 3 · CC0" in text
    assert "only similar words once" in text
    assert "oud nieuws" not in text
    figures = response.context["figures"]
    # Of the 7 searches of the last 30 days, 5 found nothing and 1 only similar words.
    assert (figures.searches, figures.nothing, figures.similar) == (7, 5, 1)
    assert round(figures.nothing_rate) == 71
    assert "71.4 %" in text
    # Each row is a link to the search itself.
    link = _links_in_table(response)["quantumfysica"]
    assert _query(link) == {"q": ["quantumfysica"], "level": ["fl-lo-3"], "licence": ["cc0"]}


def _links_in_table(response) -> dict[str, str]:
    html = response.content.decode().partition("<table")[2]
    return {
        " ".join(unescape(re.sub(r"<[^>]+>", "", text)).split()): unescape(href)
        for href, text in re.findall(r'<a href="([^"]*)">(.*?)</a>', html, re.S)
    }


def test_the_staff_page_pages_and_takes_any_page_number(client):
    for n in range(53):
        _unfound(f"zoekterm {n}")
    client.force_login(StaffFactory())
    url = reverse("search:zero_results")
    assert len(client.get(url).context["page"]) == 50
    assert len(client.get(url, {"page": "2"}).context["page"]) == 3
    for page in ("abc", "-1", "99999", "1" * 40):
        assert client.get(url, {"page": page}).status_code == 200
    assert unfound_searches().count() == 53


def test_searches_without_words_are_listed_as_such(client):
    _unfound("", filters={"licence": "cc0"})
    client.force_login(StaffFactory())
    assert "(no words)" in _text(client.get(reverse("search:zero_results")))
