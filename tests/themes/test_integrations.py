"""Themes where other apps show them: the Atom feed, search (suggestions and results), the
newsletter's theme block and the home page's editorial slots."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from staffroom.newsletter import compose, queries
from staffroom.search import suggestions
from staffroom.search.backends import reset_backend
from staffroom.search.suggestions import search_suggestions
from staffroom.themes import services
from staffroom.themes.models import ThemeItem
from tests.factories import MemberFactory, ResourceFactory, StaffFactory
from tests.newsletter.factories import DutchSubscriberFactory, IssueFactory, SubscriberFactory

from .factories import DraftThemeFactory, LinkItemFactory, SectionFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_search(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    reset_backend()
    suggestions.forget_published()
    yield
    suggestions.forget_published()
    reset_backend()


def test_the_feed_lists_the_newest_items_first(client):
    theme = ThemeFactory(title="Welzijn op afstand")
    section = SectionFactory(theme=theme, heading="Voor leerlingen")
    old = LinkItemFactory(section=section, link_title="Oud", added_at=timezone.now() - timedelta(1))
    new = LinkItemFactory(section=section, link_title="Nieuw")
    feed = client.get(reverse("themes:feed", args=[theme.slug]))
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert body.index("Nieuw") < body.index("Oud")
    assert f"#item-{new.pk}" in body and f"#item-{old.pk}" in body
    assert "Welzijn op afstand" in body


def test_theme_pages_are_a_suggestion_group_and_lead_the_results(client):
    ThemeFactory(title="Afstandsonderwijs voor beginners")
    DraftThemeFactory(title="Afstandsonderwijs in opbouw")
    with translation.override("en"):
        groups = search_suggestions("afstands", "fl")
    pages = [group for group in groups if group.kind == "theme-pages"]
    assert [(g.label, [i.label for i in g.items]) for g in pages] == [
        ("Theme pages", ["Afstandsonderwijs voor beginners"])
    ]
    answer = client.get(reverse("search:suggest"), {"q": "afstandsonderwijs begin"}).json()
    assert any(group["kind"] == "theme-pages" for group in answer["groups"])
    page = client.get(reverse("search:search"), {"q": "afstandsonderwijs"}).content.decode()
    assert "Afstandsonderwijs voor beginners" in page
    assert "Afstandsonderwijs in opbouw" not in page
    assert 'id="pages-theme-pages"' in page
    nothing = client.get(reverse("search:search"), {"q": "fotosynthese"}).content.decode()
    assert 'id="pages-theme-pages"' not in nothing


def _blocks(member, issue):
    profile = queries.profiles_of([member.pk])[member.pk]
    return compose.Composer(issue).edition(profile).themes


def test_the_newsletter_has_a_theme_block_for_members_whose_classes_fit():
    ThemeFactory(title="Rekenen thuis", levels=["fl-lo-3"], subjects=["fl-wis"])
    ThemeFactory(
        title="Oud thema",
        levels=["fl-lo-3"],
        published_at=timezone.now() - timedelta(days=30),
    )
    issue = IssueFactory()
    fits = SubscriberFactory()  # 3de leerjaar, mathematics
    dutch = DutchSubscriberFactory()  # groep 5: the crosswalk of 3de leerjaar
    elsewhere = SubscriberFactory(levels=["fl-so-3"], subjects=["fl-ned"])
    assert [block.title for block in _blocks(fits, issue)] == ["Rekenen thuis"]
    assert [block.title for block in _blocks(dutch, issue)] == ["Rekenen thuis"]
    assert _blocks(elsewhere, issue) == []
    composed = compose.Composer(issue).composed(queries.profiles_of([fits.pk])[fits.pk])
    assert "Rekenen thuis" in composed.html and "Rekenen thuis" in composed.text


def test_home_slots_show_public_themes_and_the_page_is_as_usual_without(client):
    ResourceFactory(title="Gewoon nieuw werkblad")
    empty = client.get("/").content.decode()
    assert 'id="home-themes"' not in empty and "Gewoon nieuw werkblad" in empty
    staff = StaffFactory()
    shown = ThemeFactory(title="Thema in de kijker")
    draft = DraftThemeFactory(title="Nog een kladje")
    services.home_slots_set(themes={1: shown, 2: draft}, by=staff)
    page = client.get("/").content.decode()
    assert 'id="home-themes"' in page and "Thema in de kijker" in page
    assert "Nog een kladje" not in page and "Gewoon nieuw werkblad" in page
    services.home_slots_set(themes={1: None, 2: None}, by=staff)
    assert 'id="home-themes"' not in client.get("/").content.decode()


def test_staff_fill_the_slots_on_their_page(client):
    theme = ThemeFactory()
    client.force_login(MemberFactory())
    assert client.get(reverse("themes:staff_home_slots")).status_code == 403
    client.force_login(StaffFactory())
    assert client.get(reverse("themes:staff_home_slots")).status_code == 200
    client.post(reverse("themes:staff_home_slots"), {"slot_1": "", "slot_2": theme.pk})
    assert theme.title in client.get("/").content.decode()
    bad = client.post(reverse("themes:staff_home_slots"), {"slot_1": "999999"})
    assert bad.status_code == 200 and "Select a valid choice" in bad.content.decode()


def test_a_resource_item_goes_with_its_resource():
    resource = ResourceFactory()
    ThemeItem.objects.create(section=SectionFactory(), resource=resource)
    resource.delete()
    assert not ThemeItem.objects.exists()
