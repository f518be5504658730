"""Whose terminology a page uses: Flemish by default, the visitor's choice, a member's region."""

import pytest
from django.urls import reverse
from tests.factories import MemberFactory, ResourceFactory

from staffroom.curriculum.middleware import REGION_SESSION_KEY

pytestmark = pytest.mark.django_db


@pytest.fixture
def resource():
    return ResourceFactory(levels=["fl-lo-3"], subjects=["fl-fra"], title="Les verbes")


def _page(client, resource) -> str:
    response = client.get(resource.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_visitor_sees_flemish_terms_by_default(client, resource):
    page = _page(client, resource)
    assert "3de leerjaar" in page
    assert "Groep 5" not in page
    assert client.get("/").context["region"] == "fl"


def test_a_visitor_switches_to_dutch_terms_and_the_choice_persists(client, resource):
    response = client.post(
        reverse("set_region"), {"region": "nl", "next": resource.get_absolute_url()}
    )
    assert response.status_code == 302
    assert response["Location"] == resource.get_absolute_url()
    assert response.cookies[REGION_SESSION_KEY].value == "nl"
    assert client.session[REGION_SESSION_KEY] == "nl"
    page = _page(client, resource)
    assert "Groep 5" in page
    assert "3de leerjaar" not in page
    assert "Frans" in page

    # A new session still has the cookie.
    client.session.flush()
    assert REGION_SESSION_KEY not in client.session
    assert "Groep 5" in _page(client, resource)

    client.post(reverse("set_region"), {"region": "fl"})
    assert "3de leerjaar" in _page(client, resource)


@pytest.mark.parametrize("region", ["", "be", "NL", "<script>"])
def test_an_unknown_region_changes_nothing(client, resource, region):
    response = client.post(reverse("set_region"), {"region": region})
    assert response.status_code == 302
    assert REGION_SESSION_KEY not in response.cookies
    assert "3de leerjaar" in _page(client, resource)


def test_a_forged_cookie_falls_back_to_flanders(client, resource):
    client.cookies[REGION_SESSION_KEY] = "xx"
    assert "3de leerjaar" in _page(client, resource)


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [("https://evil.example/", "/"), ("//evil.example/", "/"), ("/resources/", "/resources/")],
)
def test_the_region_form_only_returns_to_this_site(client, next_url, expected):
    response = client.post(reverse("set_region"), {"region": "nl", "next": next_url})
    assert response["Location"] == expected


def test_the_region_and_language_forms_only_accept_post(client):
    assert client.get(reverse("set_region")).status_code == 405
    assert client.get(reverse("set_language")).status_code == 405


def test_members_see_their_own_regions_terms_on_the_same_page(client, resource):
    client.force_login(MemberFactory(region="nl", language="nl"))
    page = _page(client, resource)
    assert "Groep 5" in page
    assert "3de leerjaar" not in page
    client.force_login(MemberFactory(region="fl", language="nl"))
    page = _page(client, resource)
    assert "3de leerjaar" in page
    assert "Groep 5" not in page


def test_a_members_region_choice_is_saved_on_their_profile(client, resource):
    member = MemberFactory(region="fl", language="nl")
    client.force_login(member)
    client.post(reverse("set_region"), {"region": "nl"})
    member.refresh_from_db()
    assert member.region == "nl"
    assert "Groep 5" in _page(client, resource)


def test_the_browse_filters_offer_the_viewers_terms(client):
    response = client.get(reverse("resources:browse"))
    assert {level.region for level in response.context["levels"]} == {"fl"}
    client.post(reverse("set_region"), {"region": "nl"})
    response = client.get(reverse("resources:browse"))
    assert {level.region for level in response.context["levels"]} == {"nl"}
    assert {subject.region for subject in response.context["subjects"]} == {"nl"}


def test_interface_language_choice(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/resources/"})
    assert response["Location"] == "/resources/"
    assert response.cookies["staffroom_language"].value == "en"
    assert client.get("/resources/")["Content-Language"] == "en"
    response = client.post(reverse("set_language"), {"language": "tlh"})
    assert "staffroom_language" not in response.cookies


def test_a_members_language_choice_is_saved_and_used(client):
    member = MemberFactory(language="nl")
    client.force_login(member)
    client.post(reverse("set_language"), {"language": "en"})
    member.refresh_from_db()
    assert member.language == "en"
    # The member's language wins over a browser asking for another one.
    response = client.get("/resources/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.context["LANGUAGE_CODE"] == "en"


@pytest.mark.parametrize(
    ("accept_language", "region"),
    [
        ("nl-NL,nl;q=0.9,en;q=0.8", "nl"),
        ("en-GB,en;q=0.9,nl-NL;q=0.5", "nl"),
        ("nl-BE,nl;q=0.9", "fl"),
        ("fr-BE,nl-NL;q=0.5", "fl"),
        ("nl", "fl"),
        ("en-US,en;q=0.9", "fl"),
        ("", "fl"),
        ("nl-NL;q=garbage,,;", "fl"),
    ],
)
def test_a_visitor_gets_the_terms_of_the_country_their_browser_asks_for(
    client, resource, accept_language, region
):
    """The first language the browser prefers that names the Netherlands or Belgium decides;
    one that names no country says nothing."""
    response = client.get(resource.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.context["region"] == region


def test_a_dutch_browser_reads_dutch_terms(client, resource):
    page = client.get(resource.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="nl-NL,nl;q=0.9")
    assert "Groep 5" in page.content.decode()
    assert "3de leerjaar" not in page.content.decode()


def test_a_visitors_own_choice_wins_over_the_browser(client, resource):
    client.post(reverse("set_region"), {"region": "fl"})
    response = client.get(resource.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="nl-NL,nl;q=0.9")
    assert response.context["region"] == "fl"


def test_a_members_profile_wins_over_the_browser(client, resource):
    client.force_login(MemberFactory(region="fl", language="nl"))
    response = client.get(resource.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="nl-NL")
    assert response.context["region"] == "fl"
