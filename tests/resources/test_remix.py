"""Remix in one click ("Share your adaptation") and remix alerts."""

import html
from datetime import UTC, datetime
from urllib.parse import quote

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from tests.factories import (
    DraftFactory,
    MemberFactory,
    ModeratorFactory,
    ResourceFactory,
    StaffFactory,
    contribution_data,
    pdf_upload,
)

from staffroom.curriculum.models import Level, Subject
from staffroom.moderation.community import reports_resolve
from staffroom.moderation.models import ModerationItem, Reason
from staffroom.moderation.services import moderation_item_publish
from staffroom.notifications.messages import describe
from staffroom.notifications.models import Notification
from staffroom.resources import lifecycle, remix, services
from staffroom.resources.inputs import ResourceInput
from staffroom.resources.models import Resource, Status

pytestmark = pytest.mark.django_db

CONTRIBUTE = reverse("resources:contribute")
EARLIER = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 9, 14, 9, 0, tzinfo=UTC)


def share_link(resource) -> str:
    return f"{CONTRIBUTE}?based_on={resource.pk}&advanced=1"


def alerts(kind=remix.REMIX_ALERT) -> list[tuple[int, dict]]:
    return [
        (notice.member_id, notice.params)
        for notice in Notification.objects.filter(kind=kind).order_by("member_id", "pk")
    ]


# --- the button -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("licence", "shown"),
    [
        ("cc-by", True),
        ("cc0", True),
        ("cc-by-sa", True),
        ("cc-by-nc", True),
        ("cc-by-nd", False),
        ("cc-by-nc-nd", False),
        ("arr", False),
    ],
)
def test_the_button_shows_only_where_the_licence_allows_adaptations(client, licence, shown):
    resource = ResourceFactory(licence=licence)
    client.force_login(MemberFactory())
    page = client.get(resource.get_absolute_url()).content.decode()
    assert ("Share your adaptation" in page) is shown
    assert (html.escape(share_link(resource)) in page) is shown


def test_the_button_is_not_offered_on_a_resource_that_is_not_published(client):
    draft = DraftFactory(licence="cc-by")
    client.force_login(draft.contributor)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Not public" in page and "Share your adaptation" not in page


def test_a_visitor_logs_in_and_comes_back_to_the_prefilled_form(client):
    original = ResourceFactory(licence="cc-by-sa")
    page = client.get(original.get_absolute_url()).content.decode()
    assert html.escape(share_link(original)) in page
    response = client.get(share_link(original))
    login = reverse("account_login")
    assert response.status_code == 302
    assert response["Location"] == f"{login}?next={quote(share_link(original), safe='/')}"
    member = MemberFactory(email="an@example.org")
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    response = client.post(
        response["Location"], {"login": member.email, "password": "correct horse battery"}
    )
    assert client.session[SESSION_KEY] == str(member.pk)
    assert response["Location"] == share_link(original)
    form = client.get(response["Location"]).context["form"]
    assert form["based_on"].value() == str(original.pk)


# --- the prefilled form ---------------------------------------------------------------------


def licence_radios(form) -> list[str]:
    return [value for value, _label in form.fields["licence"].widget.choices]


def test_the_form_starts_from_the_original(client):
    original = ResourceFactory(
        licence="cc-by-nc",
        language="en",
        title="Fractions with pizza",
        levels=["fl-lo-5"],
        subjects=["fl-wis"],
    )
    # The adapter teaches in the Netherlands: the original's levels in their terms.
    adapter = MemberFactory(region="nl")
    adapter.levels.set(Level.objects.filter(code="nl-po-3"))
    client.force_login(adapter)
    response = client.get(share_link(original))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.original == original
    assert form["based_on"].value() == str(original.pk)
    assert form["language"].value() == "en"
    assert form["licence"].value() == "cc-by-nc"
    levels = Level.objects.filter(pk__in=form["levels"].value())
    assert [level.code for level in levels] == ["nl-po-7"]
    subjects = Subject.objects.filter(pk__in=form["subjects"].value())
    assert list(subjects) == [Subject.objects.get(code="fl-wis").in_region("nl")]
    # Only the licences that keep the non-commercial condition are offered.
    assert licence_radios(form) == ["cc-by-nc", "cc-by-nc-sa", "cc-by-nc-nd"]
    page = response.content.decode()
    assert "Your adaptation of" in page and "Fractions with pizza" in page
    assert 'value="cc-by"' not in page and 'value="cc-by-nc-sa"' in page


def test_a_share_alike_original_offers_its_own_licence_only(client):
    original = ResourceFactory(licence="cc-by-sa")
    client.force_login(MemberFactory())
    form = client.get(share_link(original)).context["form"]
    assert licence_radios(form) == ["cc-by-sa"]
    assert form["licence"].value() == "cc-by-sa"


def test_a_cc_by_original_offers_every_licence_a_teacher_may_choose(client):
    original = ResourceFactory(licence="cc-by")
    client.force_login(MemberFactory())
    form = client.get(share_link(original)).context["form"]
    assert "cc-by-nd" in licence_radios(form) and "arr" not in licence_radios(form)


def test_the_simple_form_keeps_the_original_out_of_sight(client):
    original = ResourceFactory(licence="cc-by-sa", levels=["fl-lo-4"])
    client.force_login(MemberFactory())
    response = client.get(f"{CONTRIBUTE}?based_on={original.pk}")
    form = response.context["form"]
    assert not form.advanced and form["based_on"].is_hidden
    assert form["based_on"].value() == str(original.pk)
    assert "Use the advanced form" in response.content.decode()
    advanced = f"{CONTRIBUTE}?advanced=1&amp;based_on={original.pk}"
    assert f'href="{advanced}"' in response.content.decode()
    response = client.post(
        CONTRIBUTE,
        {
            **contribution_data(licence="cc-by-sa", levels=[Level.objects.get(code="fl-lo-4").pk]),
            "based_on": str(original.pk),
            "files": [pdf_upload()],
        },
    )
    assert response.status_code == 302
    adaptation = Resource.objects.exclude(pk=original.pk).get()
    assert adaptation.based_on == original and adaptation.status == Status.PENDING


def test_typing_the_number_into_the_advanced_form_still_works(client):
    original = ResourceFactory(licence="cc-by")
    client.force_login(MemberFactory())
    response = client.post(
        CONTRIBUTE,
        {
            **contribution_data(licence="cc-by-sa"),
            "advanced": "1",
            "based_on": f"https://staffroom.example{original.get_absolute_url()}",
            "files": [pdf_upload()],
        },
    )
    assert response.status_code == 302
    adaptation = Resource.objects.exclude(pk=original.pk).get()
    assert adaptation.based_on == original and adaptation.licence == "cc-by-sa"


def test_a_draft_of_an_adaptation_keeps_its_original_and_limited_licences(client):
    original = ResourceFactory(licence="cc-by-sa")
    draft = DraftFactory(based_on=original, licence="cc-by-sa")
    client.force_login(draft.contributor)
    form = client.get(reverse("resources:edit", args=[draft.pk])).context["form"]
    assert form.original == original and licence_radios(form) == ["cc-by-sa"]
    assert form["based_on"].value() == str(original.pk)


# --- licences the original does not allow ---------------------------------------------------


def test_an_incompatible_licence_is_refused_with_the_reason(client):
    original = ResourceFactory(licence="cc-by-sa")
    client.force_login(MemberFactory())
    response = client.post(
        CONTRIBUTE,
        {
            **contribution_data(licence="cc0", action="draft"),
            "advanced": "1",
            "based_on": str(original.pk),
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["licence"] == [
        "The original is licensed CC BY-SA 4.0 (share alike): an adaptation must carry one of "
        "these licences: CC BY-SA 4.0, GNU GPL 3.0 only."
    ]
    # What was typed is kept in the draft; the refused licence is not.
    draft = Resource.objects.exclude(pk=original.pk).get()
    assert draft.based_on == original and draft.licence != "cc0"
    assert draft.status == Status.DRAFT
    # The form still offers only what the original allows.
    assert licence_radios(form) == ["cc-by-sa"]


def test_a_non_commercial_original_refuses_a_commercial_adaptation_from_the_simple_form(client):
    original = ResourceFactory(licence="cc-by-nc")
    client.force_login(MemberFactory())
    response = client.post(
        CONTRIBUTE,
        {**contribution_data(licence="cc-by"), "based_on": str(original.pk)},
    )
    assert response.status_code == 200
    assert "non-commercial" in response.context["form"].errors["licence"][0]
    assert not ModerationItem.objects.exists()


def test_an_original_that_allows_no_adaptation_is_refused_on_the_original(client):
    original = ResourceFactory(licence="cc-by-nd", title="Kaart van Europa")
    client.force_login(MemberFactory())
    response = client.post(
        CONTRIBUTE,
        {**contribution_data(), "advanced": "1", "based_on": str(original.pk)},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "no derivatives" in errors["based_on"][0] and "licence" not in errors


def test_the_remix_rules_belong_to_the_input():
    original = ResourceFactory(licence="cc-by-sa")
    assert ResourceInput(based_on=original, licence="cc-by-sa").remix_problems() == {}
    assert list(ResourceInput(based_on=original, licence="cc0").remix_problems()) == ["licence"]
    assert ResourceInput(licence="cc0").remix_problems() == {}
    assert ResourceInput(based_on=original).remix_problems() == {}


# --- a bad based_on -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("999999", "No published resource has the number or address “999999”"),
        ("een werkblad", "No published resource has the number or address “een werkblad”"),
        ("9" * 40, "No published resource has the number or address"),
    ],
)
def test_an_unknown_original_is_said_and_the_form_works_without_it(client, reference, message):
    member = MemberFactory()
    member.levels.set(Level.objects.filter(code="fl-lo-2"))
    client.force_login(member)
    response = client.get(CONTRIBUTE, {"based_on": reference, "advanced": "1"})
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert message in page
    form = response.context["form"]
    assert form.original is None and not form["based_on"].value()
    # The profile's levels, as for any new contribution, and every licence.
    assert [level.code for level in Level.objects.filter(pk__in=form["levels"].value())] == [
        "fl-lo-2"
    ]
    assert "cc-by-nd" in licence_radios(form)


def test_an_unpublished_original_is_not_named(client):
    draft = DraftFactory(licence="cc-by", title="Geheim ontwerp")
    client.force_login(MemberFactory())
    response = client.get(CONTRIBUTE, {"based_on": str(draft.pk)})
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert f"No published resource has the number or address “{draft.pk}”" in page
    assert "Geheim ontwerp" not in page and response.context["form"].original is None


def test_an_original_whose_licence_forbids_adaptation_is_said(client):
    original = ResourceFactory(licence="cc-by-nd", title="Kaart van Europa")
    client.force_login(MemberFactory())
    response = client.get(share_link(original))
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "“Kaart van Europa” is licensed CC BY-ND 4.0, which does not allow adaptations" in page
    form = response.context["form"]
    assert form.original is None and not form["based_on"].value()


def test_posting_an_unknown_original_is_a_field_error(client):
    client.force_login(MemberFactory())
    response = client.post(
        CONTRIBUTE,
        {**contribution_data(), "advanced": "1", "based_on": "123456789"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["based_on"] == [
        "No published resource found at that address or number."
    ]


# --- the page lists the lineage -------------------------------------------------------------


def test_the_pages_link_original_and_adaptations(client):
    original = ResourceFactory(title="Breuken met pizza")
    adaptation = ResourceFactory(based_on=original, title="Breuken met taart")
    DraftFactory(based_on=original, title="Breuken met cake")
    client.force_login(MemberFactory())
    page = client.get(original.get_absolute_url()).content.decode()
    assert "Remixed into" in page and adaptation.get_absolute_url() in page
    assert "Breuken met cake" not in page
    page = client.get(adaptation.get_absolute_url()).content.decode()
    assert "Based on" in page and f'href="{original.get_absolute_url()}"' in page


# --- alerts ---------------------------------------------------------------------------------


def publish_new(resource):
    """A moderator publishes ``resource`` after its submission."""
    item = lifecycle.resource_submit_for_review(resource)
    moderation_item_publish(item=item, moderator=ModeratorFactory())
    resource.refresh_from_db()


def test_the_original_contributor_is_told_once_when_an_adaptation_is_published():
    original = ResourceFactory(title="Breuken met pizza")
    adapter = MemberFactory(name="Lies Peeters")
    adaptation = DraftFactory(based_on=original, contributor=adapter, title="Breuken met taart")
    publish_new(adaptation)
    notices = list(Notification.objects.filter(kind=remix.REMIX_PUBLISHED))
    assert [notice.member for notice in notices] == [original.contributor]
    assert notices[0].url == adaptation.get_absolute_url()
    assert describe(notices[0]) == (
        "Lies Peeters shared an adaptation of your “Breuken met pizza”: “Breuken met taart”"
    )
    # Withdrawn and published again: nobody is told twice.
    services.resource_withdraw(resource=adaptation, member=adapter)
    publish_new(Resource.objects.get(pk=adaptation.pk))
    assert Notification.objects.filter(kind=remix.REMIX_PUBLISHED).count() == 1


def test_adapting_ones_own_resource_tells_nobody():
    original = ResourceFactory()
    publish_new(DraftFactory(based_on=original, contributor=original.contributor))
    publish_new(DraftFactory())  # not an adaptation
    assert not Notification.objects.filter(kind=remix.REMIX_PUBLISHED).exists()


@pytest.fixture
def lineage():
    """An original with published adaptations by two colleagues (one of them two), by its own
    contributor and by a moderator, and a draft adaptation."""
    original = ResourceFactory(title="Breuken met pizza")
    first, second = MemberFactory(), MemberFactory()
    moderator = ModeratorFactory()
    # Told in the order they were published.
    ResourceFactory(based_on=original, contributor=first, title="Taart", published_at=EARLIER)
    ResourceFactory(based_on=original, contributor=first, title="Cake", published_at=LATER)
    ResourceFactory(based_on=original, contributor=second, title="Pannenkoek")
    ResourceFactory(based_on=original, contributor=original.contributor)
    ResourceFactory(based_on=original, contributor=moderator, title="Van de moderator")
    DraftFactory(based_on=original, contributor=MemberFactory())
    ResourceFactory(based_on=ResourceFactory(), contributor=MemberFactory())  # elsewhere
    return original, first, second, moderator


def test_a_correction_by_a_moderator_alerts_each_adapter_once(lineage):
    original, first, second, moderator = lineage
    edit = services.resource_propose_edit(
        resource=original,
        contributor=original.contributor,
        data=ResourceInput(title="Breuken met pizza en taart"),
        uploads=[],
    )
    assert edit.reason == Reason.EDIT and not alerts()  # proposed, not yet published
    moderation_item_publish(
        item=edit,
        moderator=moderator,
        corrected={"description": "Een werkblad over breuken, nu met een oefening over taart."},
    )
    assert alerts() == [
        (
            first.pk,
            {
                "event": "corrected",
                "original": "Breuken met pizza en taart",
                "title": "Taart”, “Cake",
            },
        ),
        (
            second.pk,
            {"event": "corrected", "original": "Breuken met pizza en taart", "title": "Pannenkoek"},
        ),
    ]
    notice = Notification.objects.get(kind=remix.REMIX_ALERT, member=second)
    original.refresh_from_db()
    assert notice.url == original.get_absolute_url()
    assert describe(notice) == (
        "“Breuken met pizza en taart”, which your adaptation “Pannenkoek” is based on, was "
        "corrected: see whether your adaptation needs the change too"
    )


def test_a_published_edit_with_new_files_alerts_adapters(lineage):
    original, first, second, moderator = lineage
    services.resource_propose_edit(
        resource=original,
        contributor=original.contributor,
        data=ResourceInput(),
        uploads=[services.file_handling.check_upload(pdf_upload("extra.pdf"))],
    )
    moderation_item_publish(item=ModerationItem.objects.get(), moderator=ModeratorFactory())
    # The moderator who adapted it is told too: another moderator published the change.
    assert [member for member, _params in alerts()] == [first.pk, second.pk, moderator.pk]


def test_a_publication_that_changes_nothing_alerts_nobody(lineage):
    original, *_ = lineage
    item = lifecycle.resource_queue_recheck(original)
    moderation_item_publish(item=item, moderator=ModeratorFactory())
    assert not alerts()


def test_a_trusted_source_s_new_version_alerts_adapters(lineage):
    original, first, second, moderator = lineage
    lifecycle.resource_update_metadata(original, values={"title": original.title})
    assert not alerts()
    lifecycle.resource_update_metadata(original, values={"title": "Breuken, herzien"})
    assert [member for member, _params in alerts()] == [first.pk, second.pk, moderator.pk]


def test_withdrawing_the_original_alerts_adapters_once(client, lineage):
    original, first, second, moderator = lineage
    client.force_login(original.contributor)
    client.post(reverse("resources:withdraw", args=[original.pk]))
    original.refresh_from_db()
    assert original.status == Status.WITHDRAWN
    assert alerts() == [
        (first.pk, {"event": "offline", "original": "Breuken met pizza", "title": "Taart”, “Cake"}),
        (second.pk, {"event": "offline", "original": "Breuken met pizza", "title": "Pannenkoek"}),
        (
            moderator.pk,
            {"event": "offline", "original": "Breuken met pizza", "title": "Van de moderator"},
        ),
    ]
    notice = Notification.objects.get(kind=remix.REMIX_ALERT, member=second)
    assert notice.url == Resource.objects.get(title="Pannenkoek").get_absolute_url()
    assert describe(notice) == (
        "“Breuken met pizza”, which your adaptation “Pannenkoek” is based on, is no longer online"
    )
    # Withdrawing what is already offline is refused, and tells nobody again.
    client.post(reverse("resources:withdraw", args=[original.pk]))
    assert len(alerts()) == 3


def test_staff_withdrawing_is_not_told_about_their_own_change(lineage):
    original, first, second, moderator = lineage
    staff = StaffFactory()
    ResourceFactory(based_on=original, contributor=staff)
    services.resource_withdraw(resource=original, member=staff)
    assert [member for member, _params in alerts()] == [first.pk, second.pk, moderator.pk]


def test_hiding_the_original_after_a_report_alerts_adapters(lineage):
    original, first, second, moderator = lineage
    reports_resolve(
        moderator=ModeratorFactory(),
        kind="resource",
        object_id=original.pk,
        hide=True,
        note="Auteursrecht",
    )
    assert Resource.objects.get(pk=original.pk).status == Status.HIDDEN
    # The reason stays between the moderators and the original's contributor.
    assert [params for _member, params in alerts()] == [
        {"event": "offline", "original": "Breuken met pizza", "title": "Taart”, “Cake"},
        {"event": "offline", "original": "Breuken met pizza", "title": "Pannenkoek"},
        {"event": "offline", "original": "Breuken met pizza", "title": "Van de moderator"},
    ]
    assert [member for member, _params in alerts()] == [first.pk, second.pk, moderator.pk]


def test_taking_a_pending_original_out_of_the_queue_alerts_nobody(lineage):
    original, *_ = lineage
    Resource.objects.filter(pk=original.pk).update(status=Status.PENDING)
    services.resource_withdraw(resource=original, member=original.contributor)
    assert not alerts()


def test_editing_a_published_adaptation_offers_the_licences_its_original_allows(client):
    original = ResourceFactory(licence="cc-by-nc-sa")
    adaptation = ResourceFactory(based_on=original, licence="cc-by-nc-sa")
    client.force_login(adaptation.contributor)
    response = client.get(reverse("resources:edit_published", args=[adaptation.pk]))
    form = response.context["form"]
    assert form.original == original and licence_radios(form) == ["cc-by-nc-sa"]
    response = client.post(
        reverse("resources:edit_published", args=[adaptation.pk]),
        {**contribution_data(licence="cc-by"), "advanced": "1", "based_on": str(original.pk)},
    )
    assert (
        response.status_code == 200
        and "share alike" in response.context["form"].errors["licence"][0]
    )
    assert not ModerationItem.objects.exists()
