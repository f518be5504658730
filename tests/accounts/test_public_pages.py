"""Public profile and organisation pages show only what is published."""

import pytest
from django.core.paginator import Paginator
from django.urls import reverse
from tests.factories import DraftFactory, MemberFactory, OrganisationFactory, ResourceFactory

from staffroom.accounts import profiles
from staffroom.resources.models import Status

pytestmark = pytest.mark.django_db


def test_a_profile_lists_only_the_members_own_published_resources(client):
    member = MemberFactory(name="Ann Peeters", town="Gent")
    published = ResourceFactory(contributor=member, title="Gepubliceerd werkblad")
    hidden = [
        DraftFactory(contributor=member, title="Mijn kladversie"),
        ResourceFactory(contributor=member, status=Status.PENDING, title="Wacht op nazicht"),
        ResourceFactory(contributor=member, status=Status.REJECTED, title="Afgewezen werkblad"),
        ResourceFactory(contributor=member, status=Status.WITHDRAWN, title="Offline gehaald"),
        # Published under an organisation: listed on the organisation's page instead.
        ResourceFactory(
            contributor=member, organisation=OrganisationFactory(), title="Van de uitgever"
        ),
    ]
    ResourceFactory(title="Van iemand anders")
    response = client.get(member.get_absolute_url())
    assert response.status_code == 200
    assert list(response.context["page"]) == [published]
    page = response.content.decode()
    assert "Ann Peeters" in page
    assert published.title in page
    for resource in hidden:
        assert resource.title not in page
    assert "Van iemand anders" not in page


def test_an_organisation_page_lists_only_its_published_resources(client):
    organisation = OrganisationFactory(name="Uitgeverij Krijt")
    author = MemberFactory()
    published = ResourceFactory(organisation=organisation, contributor=author, licence="arr")
    pending = ResourceFactory(
        organisation=organisation, contributor=author, status=Status.PENDING, title="Nog niet"
    )
    ResourceFactory(contributor=author, title="Eigen werk")
    response = client.get(reverse("accounts:organisation", args=[organisation.slug]))
    assert response.status_code == 200
    assert list(response.context["page"]) == [published]
    assert pending.title not in response.content.decode()
    assert "Eigen werk" not in response.content.decode()
    listing = client.get(reverse("accounts:organisations"))
    [listed] = listing.context["organisations"]
    assert listed.published_count == 1


def test_unknown_or_inactive_profiles_and_organisations_are_404(client):
    inactive = MemberFactory(is_active=False)
    assert client.get(inactive.get_absolute_url()).status_code == 404
    assert client.get("/members/987654/").status_code == 404
    assert client.get("/members/abc/").status_code == 404
    assert client.get("/organisations/no-such-partner/").status_code == 404


def test_profile_pages_accept_any_page_number(client):
    member = MemberFactory()
    ResourceFactory.create_batch(13, contributor=member)
    for page in ("abc", "99999", "2"):
        response = client.get(member.get_absolute_url(), {"page": page})
        assert response.status_code == 200
        assert response.context["page"].number == (1 if page == "abc" else 2)


def test_members_edit_their_own_profile(client):
    member = MemberFactory(region="fl")
    client.force_login(member)
    response = client.post(
        reverse("accounts:profile_edit"),
        {"name": "Nieuwe Naam", "town": "Brugge", "region": "fl", "language": "nl", "bio": "Hoi"},
    )
    assert response.status_code == 302
    assert response.cookies["staffroom_language"].value == "nl"
    member.refresh_from_db()
    assert (member.name, member.town, member.language, member.bio) == (
        "Nieuwe Naam",
        "Brugge",
        "nl",
        "Hoi",
    )
    response = client.post(reverse("accounts:profile_edit"), {"name": "", "region": "mars"})
    assert response.status_code == 200
    assert {"name", "region"} <= set(response.context["form"].errors)
    client.logout()
    assert client.get(reverse("accounts:profile_edit")).status_code == 302


def test_other_apps_add_their_sections_to_the_pages(client, monkeypatch):
    """Recognition shows points and badges under the member's name, resources lists what
    they published after the profile; another app's section follows in its slot."""
    monkeypatch.setattr(
        profiles,
        "PROFILE_SECTIONS",
        {key: dict(sections) for key, sections in profiles.PROFILE_SECTIONS.items()},
    )
    profiles.register_profile_section(
        "folders",
        page="member",
        slot="content",
        template="_pagination.html",
        context=lambda request, member: {"page": Paginator([member, member], 1).page(1)},
    )
    member = MemberFactory(bio="Juf in Gent", profile_public=True)
    ResourceFactory(contributor=member, title="Gepubliceerd werkblad")
    response = client.get(member.get_absolute_url())
    page = response.content.decode()
    points, bio = page.index('class="recognition"'), page.index("Juf in Gent")
    published = page.index("Gepubliceerd werkblad")
    assert points < bio < published < page.index('class="pagination"')
    with pytest.raises(ValueError):
        profiles.register_profile_section(
            "x", page="organisation", slot="summary", template="x.html", context=dict
        )
