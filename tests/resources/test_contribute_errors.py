"""Bad input on the contribute form: a clear message for each problem, and nothing typed or
uploaded is lost (the draft is saved and the form comes back with it)."""

import html

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from tests.factories import (
    MemberFactory,
    ResourceFactory,
    SimpleUploadedFile,
    contribution_data,
    docx_bytes,
    pdf_bytes,
    pdf_upload,
    png_bytes,
)

from staffroom.moderation.models import ModerationItem
from staffroom.resources.models import Resource, Status

pytestmark = pytest.mark.django_db

TITLE = "Breuken vergelijken met pizza's"
DESCRIPTION = "Een werkblad waarin leerlingen breuken vergelijken met pizzapunten."


@pytest.fixture
def teacher(client):
    member = MemberFactory()
    client.force_login(member)
    return member


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _page(response) -> str:
    return html.unescape(response.content.decode())


def _the_draft(teacher) -> Resource:
    return Resource.objects.get(contributor=teacher)


def test_disguised_files_are_refused_one_by_one_and_the_rest_is_kept(client, teacher):
    response = client.post(
        reverse("resources:contribute"),
        {
            **contribution_data(),
            "files": [
                _upload("les.pdf", b"<!DOCTYPE html><html><body>Hallo</body></html>"),
                _upload("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 512),
                _upload("archief.pdf", b"PK\x05\x06" + b"\x00" * 18),
                _upload("foto.docx", png_bytes()),
                pdf_upload("werkblad.pdf"),
            ],
        },
    )
    assert response.status_code == 200
    page = _page(response)
    errors = response.context["form"].errors["files"]
    assert len(errors) == 3
    for name in ("les.pdf", "setup.pdf", "archief.pdf"):
        assert any(f"“{name}”" in error for error in errors)
        assert f"“{name}” is not a file type we accept" in page
    draft = _the_draft(teacher)
    assert draft.status == Status.DRAFT
    assert draft.title == TITLE
    assert draft.description == DESCRIPTION
    attached = {f.original_name: f.mime_type for f in draft.files.all()}
    assert attached == {"foto.docx": "image/png", "werkblad.pdf": "application/pdf"}
    # The form comes back with what was typed, and lists the files that were kept.
    assert response.context["resource"] == draft
    assert f'value="{TITLE}"' in page
    assert DESCRIPTION in page
    assert "foto.docx" in page
    assert not ModerationItem.objects.exists()


@override_settings(MAX_UPLOAD_MB={"document": 1, "image": 20, "audio": 1, "video": 1})
def test_an_oversized_file_is_refused_and_the_valid_ones_are_attached(client, teacher):
    big = pdf_bytes() + b"\n%" + b"0" * (1024 * 1024 + 100 * 1024)
    response = client.post(
        reverse("resources:contribute"),
        {
            **contribution_data(),
            "files": [_upload("groot.pdf", big), _upload("foto.png", png_bytes())],
        },
    )
    assert response.status_code == 200
    page = _page(response)
    assert "“groot.pdf” is 1.1 MB; files of this kind may be at most 1 MB." in page
    draft = _the_draft(teacher)
    assert [f.original_name for f in draft.files.all()] == ["foto.png"]
    assert (draft.title, draft.description) == (TITLE, DESCRIPTION)
    assert draft.status == Status.DRAFT


def test_the_kept_files_count_when_the_draft_is_submitted_later(client, teacher):
    client.post(
        reverse("resources:contribute"),
        {**contribution_data(), "files": [_upload("les.pdf", b"<html></html>"), pdf_upload()]},
    )
    draft = _the_draft(teacher)
    # No new upload: what was kept from the first attempt is enough to submit.
    response = client.post(reverse("resources:edit", args=[draft.pk]), contribution_data())
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.PENDING
    assert draft.files.count() == 1
    assert ModerationItem.objects.filter(resource=draft, decision="").count() == 1


def test_submitting_with_required_fields_missing_lists_them_and_keeps_a_draft(client, teacher):
    response = client.post(
        reverse("resources:contribute"),
        {"title": "Breuken", "description": "Te kort", "kind": "file", "action": "submit"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"description", "levels", "subjects", "resource_type", "files"}
    page = _page(response)
    for message in (
        "Describe the resource in at least a sentence",
        "Choose at least one education level.",
        "Choose at least one subject.",
        "Choose the type of resource.",
        "Add at least one file, or choose a web link instead.",
    ):
        assert message in page
    draft = _the_draft(teacher)
    assert draft.status == Status.DRAFT
    assert draft.title == "Breuken"
    assert draft.description == "Te kort"
    assert draft.submitted_at is None
    assert not ModerationItem.objects.exists()
    assert mail.outbox == []


def test_a_link_needs_its_web_address(client, teacher):
    response = client.post(reverse("resources:contribute"), contribution_data(kind="link"))
    assert response.status_code == 200
    assert "url" in response.context["form"].errors
    assert _the_draft(teacher).status == Status.DRAFT


def test_an_invalid_web_address_is_reported_and_the_rest_saved(client, teacher):
    response = client.post(
        reverse("resources:contribute"),
        contribution_data(kind="link", url="https://exa mple.org/<script>"),
    )
    assert response.status_code == 200
    assert "url" in response.context["form"].errors
    draft = _the_draft(teacher)
    assert draft.title == TITLE
    assert draft.url == ""


def test_a_title_longer_than_200_characters_is_an_error_not_a_crash(client, teacher):
    long_title = "Breuken " * 40
    response = client.post(
        reverse("resources:contribute"),
        {**contribution_data(title=long_title), "files": [pdf_upload()]},
    )
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert "at most 200 characters" in _page(response)
    # The long title is shown again so that it can be shortened, not typed again.
    assert long_title.strip() in _page(response)
    draft = _the_draft(teacher)
    assert draft.title == "Untitled draft"
    assert draft.description == DESCRIPTION
    assert draft.files.count() == 1
    assert not ModerationItem.objects.exists()


def test_saving_a_draft_needs_nothing_and_keeps_everything(client, teacher):
    response = client.post(
        reverse("resources:contribute"),
        {"title": "Half af", "action": "draft", "files": [_upload("a.docx", docx_bytes("x"))]},
    )
    draft = _the_draft(teacher)
    assert response.status_code == 302
    assert response["Location"] == reverse("resources:edit", args=[draft.pk])
    assert draft.title == "Half af"
    assert draft.files.get().mime_type.endswith("wordprocessingml.document")


# --- Remixes ----------------------------------------------------------------------------------


def _remix(client, source, licence):
    return client.post(
        reverse("resources:contribute"),
        contribution_data(
            advanced="1",
            kind="link",
            url="https://example.org/remix",
            based_on=str(source.pk),
            licence=licence,
            language="nl",
        ),
    )


def test_a_remix_of_a_no_derivatives_resource_is_refused_with_the_reason(client, teacher):
    source = ResourceFactory(licence="cc-by-nd", title="Origineel zonder bewerkingen")
    response = _remix(client, source, "cc-by")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["based_on"]
    reason = "The original is licensed CC BY-ND 4.0 (no derivatives): it may not be adapted."
    assert reason in _page(response)
    draft = _the_draft(teacher)
    assert draft.status == Status.DRAFT
    assert draft.based_on == source
    assert not ModerationItem.objects.exists()


@pytest.mark.parametrize(
    ("source_licence", "wrong", "right", "reason"),
    [
        ("cc-by-sa", "cc-by", "cc-by-sa", "(share alike)"),
        ("cc-by-sa", "cc-by-nc-sa", "cc-by-sa", "(share alike)"),
        ("cc-by-nc", "cc-by", "cc-by-nc-sa", "(non-commercial)"),
        ("cc-by-nc", "cc-by-sa", "cc-by-nc", "(non-commercial)"),
    ],
)
def test_a_remix_must_keep_share_alike_and_non_commercial(
    client, teacher, source_licence, wrong, right, reason
):
    source = ResourceFactory(licence=source_licence)
    response = _remix(client, source, wrong)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["licence"]
    assert reason in _page(response)
    assert not ModerationItem.objects.exists()

    draft = _the_draft(teacher)
    response = client.post(
        reverse("resources:edit", args=[draft.pk]),
        contribution_data(
            advanced="1",
            kind="link",
            url="https://example.org/remix",
            based_on=str(source.pk),
            licence=right,
            language="nl",
        ),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.licence, draft.based_on) == (Status.PENDING, right, source)


@pytest.mark.parametrize(
    "address",
    [
        "{pk}",
        " {pk} ",
        "/resources/{pk}/",
        "http://testserver/resources/{pk}/slug/",
        "http://127.0.0.1:8000/resources/{pk}/werkblad/",
        "https://staffroom2.example/resources/{pk}/",
    ],
)
def test_the_original_of_a_remix_is_found_by_its_number_or_address(client, teacher, address):
    ResourceFactory.create_batch(3)
    source = ResourceFactory(licence="cc-by")
    response = _remix(client, source, "cc-by")
    draft = _the_draft(teacher)
    response = client.post(
        reverse("resources:edit", args=[draft.pk]),
        contribution_data(
            advanced="1",
            kind="link",
            url="https://example.org/remix",
            based_on=address.format(pk=source.pk),
            licence="cc-by",
            language="nl",
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    draft.refresh_from_db()
    assert draft.based_on == source


@pytest.mark.parametrize("address", ["abc", "99999", "99999999999999999999999999"])
def test_an_unknown_original_is_a_clear_error(client, teacher, address):
    response = client.post(
        reverse("resources:contribute"),
        contribution_data(advanced="1", based_on=address, files=[pdf_upload()]),
    )
    assert response.status_code == 200
    assert "No published resource found at that address or number." in _page(response)
    assert _the_draft(teacher).files.count() == 1


def test_an_unpublished_original_cannot_be_chosen(client, teacher):
    draft_source = ResourceFactory(status=Status.DRAFT, published_at=None)
    response = _remix(client, draft_source, "cc-by")
    assert list(response.context["form"].errors) == ["based_on"]


@pytest.mark.parametrize("title", ["", "   "])
def test_submitting_without_a_title_is_refused_though_the_draft_gets_a_name(client, teacher, title):
    response = client.post(
        reverse("resources:contribute"),
        {**contribution_data(title=title), "files": [pdf_upload()]},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["title"]
    assert "Give the resource a title." in _page(response)
    draft = _the_draft(teacher)
    assert draft.status == Status.DRAFT
    assert draft.title == "Untitled draft"
    assert not ModerationItem.objects.exists()
    # The placeholder is no title in any interface language either.
    teacher.language = "nl"
    teacher.save()
    response = client.post(reverse("resources:edit", args=[draft.pk]), contribution_data(title=""))
    assert "title" in response.context["form"].errors
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


@pytest.mark.parametrize(
    "url", ["ftps://example.org/les", "ftp://example.org/les", "javascript:alert(1)"]
)
def test_only_web_addresses_are_accepted_for_links(client, teacher, url):
    response = client.post(reverse("resources:contribute"), contribution_data(kind="link", url=url))
    assert response.status_code == 200
    assert "url" in response.context["form"].errors
    assert _the_draft(teacher).url == ""


def test_a_web_address_without_scheme_gets_https(client, teacher):
    client.post(
        reverse("resources:contribute"),
        contribution_data(kind="link", url="example.org/les", action="draft"),
    )
    assert _the_draft(teacher).url == "https://example.org/les"


def test_partners_publish_as_their_organisation_with_all_rights_reserved(client, teacher):
    from tests.factories import OrganisationFactory

    from staffroom.accounts.models import OrganisationMembership

    publisher = OrganisationFactory()
    response = client.post(
        reverse("resources:contribute"),
        contribution_data(
            advanced="1",
            kind="link",
            url="https://example.org/les",
            licence="arr",
            organisation=str(publisher.pk),
            language="nl",
        ),
    )
    # Not a member (yet): neither the organisation nor its licence can be chosen.
    assert response.status_code == 200
    assert {"organisation", "licence"} <= set(response.context["form"].errors)
    OrganisationMembership.objects.create(member=teacher, organisation=publisher)
    draft = _the_draft(teacher)
    response = client.post(
        reverse("resources:edit", args=[draft.pk]),
        contribution_data(
            advanced="1",
            kind="link",
            url="https://example.org/les",
            licence="arr",
            organisation=str(publisher.pk),
            language="nl",
        ),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.organisation, draft.licence) == (Status.PENDING, publisher, "arr")


def test_the_simple_form_offers_publishing_as_the_organisation_to_partners_only(client, teacher):
    from tests.factories import OrganisationFactory

    from staffroom.accounts.models import OrganisationMembership

    page = client.get(reverse("resources:contribute"))
    assert "organisation" not in page.context["form"].fields
    publisher = OrganisationFactory()
    OrganisationMembership.objects.create(member=teacher, organisation=publisher)
    page = client.get(reverse("resources:contribute"))
    assert "organisation" in page.context["form"].fields
    assert "keywords" not in page.context["form"].fields
    client.post(
        reverse("resources:contribute"),
        {**contribution_data(organisation=str(publisher.pk), licence="arr"), "files": []},
    )
    assert _the_draft(teacher).organisation == publisher
