"""One staff area: a landing page linking every staff page, a staff menu on each of them with
the open page marked, and a main menu with one Staff entry (plus Moderation for moderators and
Promotions and API tokens for partner organisations' members)."""

import re

import pytest
from django.urls import reverse
from tests.factories import MemberFactory, ModeratorFactory, OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    reverse("staff_home"),
    reverse("accounts:roles"),
    reverse("moderation:queue"),
    reverse("interop:harvest_sources"),
    reverse("forum:experts"),
    reverse("events:review"),
    reverse("newsletter:staff"),
    reverse("newsletter:staff_orders"),
    reverse("search:zero_results"),
    reverse("staff_tasks"),
    reverse("security_events"),
    reverse("styleguide"),
]


def main_menu(html: str) -> str:
    return re.search(r'<nav aria-label="Main">(.*?)</nav>', html, re.S).group(1)


def staff_menu(html: str) -> str:
    return re.search(r'<nav class="staff-nav"[^>]*>(.*?)</nav>', html, re.S).group(1)


def test_the_landing_page_is_for_staff_only(client):
    url = reverse("staff_home")
    assert url == "/staff/"
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response["Location"]
    for member in (MemberFactory(), ModeratorFactory()):
        client.force_login(member)
        assert client.get(url).status_code == 403


def test_every_staff_page_shows_the_staff_menu_with_itself_marked(client):
    client.force_login(StaffFactory())
    landing = client.get(reverse("staff_home")).content.decode()
    for path in STAFF_PAGES:
        assert f'href="{path}"' in landing, path
    for path in STAFF_PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        menu = staff_menu(response.content.decode())
        current = re.findall(r'<a href="([^"]+)" aria-current="page">', menu)
        assert current == [path], (path, current)
    # A page deeper in a section marks its section.
    page = client.get(reverse("newsletter:staff_price", args=["block"])).content.decode()
    assert re.findall(r'<a href="([^"]+)" aria-current="page">', staff_menu(page)) == [
        reverse("newsletter:staff_orders")
    ]


def test_the_main_menu_holds_one_staff_entry(client):
    client.force_login(StaffFactory())
    menu = main_menu(client.get("/").content.decode())
    assert f'href="{reverse("staff_home")}"' in menu
    for scattered in ("accounts:roles", "newsletter:staff", "search:zero_results", "staff_tasks"):
        assert f'href="{reverse(scattered)}"' not in menu, scattered


def test_moderators_get_moderation_and_a_menu_of_their_pages(client):
    client.force_login(ModeratorFactory())
    menu = main_menu(client.get("/").content.decode())
    assert f'href="{reverse("moderation:queue")}"' in menu
    assert f'href="{reverse("staff_home")}"' not in menu
    queue = client.get(reverse("moderation:queue")).content.decode()
    links = re.findall(r'href="([^"]+)"', staff_menu(queue))
    assert links == [
        reverse("moderation:queue"),
        reverse("moderation:reports"),
        reverse("resources:links_report"),
    ]


def test_partners_find_promotions_and_api_tokens_in_the_menu(client):
    partner = MemberFactory()
    OrganisationFactory().members.add(partner)
    client.force_login(partner)
    menu = main_menu(client.get("/").content.decode())
    assert f'href="{reverse("newsletter:promotions")}"' in menu
    assert f'href="{reverse("api:tokens")}"' in menu
    assert "Moderation" not in menu and "Staff" not in menu
    client.force_login(MemberFactory())
    menu = main_menu(client.get("/").content.decode())
    assert reverse("newsletter:promotions") not in menu and reverse("api:tokens") not in menu
