"""The theme pages as readers and editors use them: who sees what, the editors' pages without
JavaScript, bad input answered with messages, following, regional terms, offers, the image."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from staffroom.themes.models import LinkState, Theme, ThemeFollow, ThemeItem, ThemeStatus
from tests.factories import MemberFactory, ResourceFactory, StaffFactory, pdf_bytes, png_bytes

from .factories import DraftThemeFactory, LinkItemFactory, SectionFactory, ThemeFactory, curator

pytestmark = pytest.mark.django_db


def _login(client, member):
    client.force_login(member)
    return member


def test_the_list_shows_public_themes_filtered_by_level(client):
    ThemeFactory(title="Rekenen op afstand", levels=["fl-lo-3"])
    ThemeFactory(title="Chemie thuis", levels=["fl-so-3"], subjects=["fl-wis"])
    DraftThemeFactory(title="Nog niet klaar")
    page = client.get(reverse("themes:list")).content.decode()
    assert "Rekenen op afstand" in page and "Chemie thuis" in page
    assert "Nog niet klaar" not in page
    filtered = client.get(reverse("themes:list"), {"level": "fl-lo"}).content.decode()
    assert "Rekenen op afstand" in filtered and "Chemie thuis" not in filtered
    assert client.get(reverse("themes:list"), {"level": "bestaat-niet"}).status_code == 200


def test_a_draft_or_a_theme_outside_its_window_is_404_for_others(client):
    now = timezone.now()
    hidden = [
        DraftThemeFactory(),
        ThemeFactory(publish_from=now + timedelta(days=1)),
        ThemeFactory(publish_from=now - timedelta(days=5), publish_until=now - timedelta(1)),
    ]
    for theme in hidden:
        assert client.get(theme.get_absolute_url()).status_code == 404
        assert client.get(reverse("themes:feed", args=[theme.slug])).status_code == 404
    _login(client, MemberFactory())
    for theme in hidden:
        assert client.get(theme.get_absolute_url()).status_code == 404
    # Its editors see a preview.
    _login(client, hidden[0].created_by)
    page = client.get(hidden[0].get_absolute_url())
    assert page.status_code == 200
    assert "Preview: this theme is a draft" in page.content.decode()


def test_members_without_the_permission_cannot_reach_the_editors_pages(client):
    theme = ThemeFactory()
    section = SectionFactory(theme=theme)
    assert client.get(reverse("themes:new")).status_code == 302  # to log in
    _login(client, MemberFactory())
    assert client.get(reverse("themes:new")).status_code == 403
    assert client.post(reverse("themes:new"), {"title": "X", "status": "draft"}).status_code == 403
    assert client.get(reverse("themes:edit", args=[theme.slug])).status_code == 403
    posts = [
        reverse("themes:edit", args=[theme.slug]),
        reverse("themes:section_add", args=[theme.slug]),
        reverse("themes:item_add", args=[section.pk]),
        reverse("themes:section_remove", args=[section.pk]),
        reverse("themes:delete", args=[theme.slug]),
    ]
    for url in posts:
        assert client.post(url, {"title": "X", "heading": "X", "kind": "link"}).status_code == 403
    assert Theme.objects.get(pk=theme.pk).title == theme.title
    assert theme.sections.count() == 1
    # A curator may not edit someone else's theme either.
    _login(client, curator())
    assert client.get(reverse("themes:edit", args=[theme.slug])).status_code == 403
    assert client.get(reverse("themes:new")).status_code == 200


def test_a_curator_builds_a_theme_without_javascript(client):
    teacher = _login(client, curator())
    resource = ResourceFactory(title="Breuken met pizza")
    response = client.post(
        reverse("themes:new"),
        {"title": "Breuken op afstand", "introduction": "Alles over *breuken*.", "status": "draft"},
    )
    theme = Theme.objects.get()
    assert response.url == reverse("themes:edit", args=[theme.slug])
    assert theme.created_by == teacher and theme.status == ThemeStatus.DRAFT
    client.post(reverse("themes:section_add", args=[theme.slug]), {"heading": "Oefenen"})
    section = theme.sections.get()
    client.post(
        reverse("themes:item_add", args=[section.pk]),
        {"kind": "resource", "reference": resource.get_absolute_url(), "note": "Een topper."},
    )
    client.post(
        reverse("themes:item_add", args=[section.pk]),
        {"kind": "link", "reference": "https://tool.example/", "link_title": "Tekentool"},
    )
    assert [item.title for item in section.items.all()] == ["Breuken met pizza", "Tekentool"]
    last = section.items.last()
    client.post(reverse("themes:item_move", args=[last.pk]), {"direction": "up"})
    assert [item.title for item in section.items.all()] == ["Tekentool", "Breuken met pizza"]
    edit = client.get(reverse("themes:edit", args=[theme.slug])).content.decode()
    assert "Tekentool" in edit and "Move down" in edit
    preview = client.get(theme.get_absolute_url()).content.decode()
    assert "<em>breuken</em>" in preview and "Een topper." in preview
    # Publishing makes it public.
    client.post(
        reverse("themes:edit", args=[theme.slug]),
        {"title": "Breuken op afstand", "slug": theme.slug, "status": "published"},
    )
    client.logout()
    assert client.get(theme.get_absolute_url()).status_code == 200


def test_bad_input_gives_messages_not_errors(client):
    staff = _login(client, StaffFactory())
    response = client.post(reverse("themes:new"), {"title": "", "status": "draft"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    theme = ThemeFactory(created_by=staff)
    section = SectionFactory(theme=theme)
    response = client.post(
        reverse("themes:item_add", args=[section.pk]),
        {"kind": "resource", "reference": "987654", "note": "bewaard"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "No published resource has the number or address “987654”." in page
    assert 'value="bewaard"' in page  # what was typed is kept
    response = client.post(
        reverse("themes:item_add", args=[section.pk]),
        {"kind": "link", "reference": "geen-adres", "link_title": ""},
    )
    assert response.status_code == 400
    assert "Give a web address that starts with http:// or https://." in response.content.decode()
    response = client.post(reverse("themes:section_add", args=[theme.slug]), {"heading": " "})
    assert response.status_code == 400
    response = client.post(
        reverse("themes:edit", args=[theme.slug]),
        {
            "title": theme.title,
            "status": "published",
            "publish_from": "2026-05-01T10:00",
            "publish_until": "2026-04-01T10:00",
        },
    )
    assert response.status_code == 400
    assert "The theme must stop being public after it starts." in response.content.decode()
    assert not ThemeItem.objects.exists()


def test_the_image_is_checked_stored_and_served(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    staff = _login(client, StaffFactory())
    theme = ThemeFactory(created_by=staff)
    data = {"title": theme.title, "slug": theme.slug, "status": "published"}
    refused = client.post(
        reverse("themes:edit", args=[theme.slug]),
        data | {"image": SimpleUploadedFile("plaatje.png", pdf_bytes(), "image/png")},
    )
    assert refused.status_code == 400
    assert "is not an image" in refused.content.decode()
    client.post(
        reverse("themes:edit", args=[theme.slug]),
        data | {"image": SimpleUploadedFile("foto.png", png_bytes(), "image/png")},
    )
    theme.refresh_from_db()
    assert theme.image.name.endswith(".jpg")
    client.logout()
    served = client.get(reverse("themes:image", args=[theme.slug]))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert b"".join(served.streaming_content)[:2] == b"\xff\xd8"


def test_items_are_shown_in_the_readers_regional_terms(client):
    theme = ThemeFactory()
    resource = ResourceFactory(title="Breuken", levels=["fl-lo-3"])
    ThemeItem.objects.create(section=SectionFactory(theme=theme), resource=resource)
    _login(client, MemberFactory(region="nl", language="nl"))
    page = client.get(theme.get_absolute_url()).content.decode()
    assert "Groep 5" in page
    _login(client, MemberFactory(region="fl", language="nl"))
    page = client.get(theme.get_absolute_url()).content.decode()
    assert "3de leerjaar" in page and "Groep 5" not in page


def test_unpublished_targets_are_left_out_and_dead_links_marked(client):
    theme = ThemeFactory()
    section = SectionFactory(theme=theme)
    gone = ResourceFactory(title="Ingetrokken werkblad")
    ThemeItem.objects.create(section=section, resource=gone)
    gone.status = "withdrawn"
    gone.save()
    LinkItemFactory(section=section, link_title="Dode link", link_state=LinkState.DEAD)
    LinkItemFactory(section=section, link_title="Goede link", link_state=LinkState.OK)
    page = client.get(theme.get_absolute_url(), headers={"accept-language": "en"}).content.decode()
    assert "Ingetrokken werkblad" not in page
    assert page.count("This link may not work") == 1
    assert "Dode link" in page and "Goede link" in page


def test_open_offers_of_the_themes_levels_show_the_time_left(client):
    today = timezone.localdate()
    theme = ThemeFactory(levels=["fl-lo-3"], subjects=[])
    ResourceFactory(
        title="Gratis rekentool", cost="free-until", free_until=today + timedelta(days=10)
    )
    ResourceFactory(title="Voorbij", cost="free-until", free_until=today - timedelta(days=1))
    ResourceFactory(
        title="Andere klas",
        cost="free-until",
        free_until=today + timedelta(days=3),
        levels=["fl-so-3"],
    )
    client.cookies["staffroom_language"] = "en"
    page = client.get(theme.get_absolute_url()).content.decode()
    assert "Gratis rekentool" in page and "10 days left" in page and "Free until" in page
    assert "Voorbij" not in page and "Andere klas" not in page


def test_a_theme_s_items_say_what_an_offer_or_a_paid_resource_costs(client):
    section = SectionFactory()
    offer = ResourceFactory(cost="free-until", free_until=timezone.localdate() + timedelta(days=10))
    paid = ResourceFactory(cost="paid", cost_note="€ 95 per participant")
    for resource in (offer, paid, ResourceFactory()):
        ThemeItem.objects.create(section=section, resource=resource)
    client.cookies["staffroom_language"] = "en"
    page = client.get(section.theme.get_absolute_url()).content.decode()
    # On the item itself (the block of the theme's open offers says it without brackets).
    assert "(10 days left)" in page
    assert "Paid: € 95 per participant" in page


def test_a_visitor_is_offered_to_log_in_to_follow(client):
    theme = ThemeFactory()
    client.cookies["staffroom_language"] = "en"
    page = client.get(theme.get_absolute_url()).content.decode()
    assert "Log in to follow this theme" in page
    assert f"?next={theme.get_absolute_url()}" in page


def test_following_and_unfollowing_with_a_button(client):
    theme = ThemeFactory()
    assert client.post(reverse("themes:follow", args=[theme.slug])).status_code == 302
    assert not ThemeFollow.objects.exists()  # a visitor is sent to log in
    member = _login(client, MemberFactory())
    assert "Follow this theme" in client.get(theme.get_absolute_url()).content.decode()
    client.post(reverse("themes:follow", args=[theme.slug]))
    assert ThemeFollow.objects.filter(theme=theme, member=member).exists()
    assert "Stop following" in client.get(theme.get_absolute_url()).content.decode()
    client.post(reverse("themes:unfollow", args=[theme.slug]))
    assert not ThemeFollow.objects.exists()
    assert client.get(reverse("themes:follow", args=[theme.slug])).status_code == 405


def test_staff_grant_and_take_back_the_permission_on_the_curators_page(client):
    teacher = MemberFactory(email="an@school.example")
    _login(client, MemberFactory())
    assert client.get(reverse("themes:staff_curators")).status_code == 403
    _login(client, StaffFactory())
    client.post(reverse("themes:staff_curators"), {"email": "AN@school.example"})
    assert teacher.groups.filter(name="Theme curators").exists()
    unknown = client.post(reverse("themes:staff_curators"), {"email": "niemand@x.example"})
    assert "No member has this email address." in unknown.content.decode()
    client.post(reverse("themes:staff_curator_remove", args=[teacher.pk]))
    assert not teacher.groups.exists()
