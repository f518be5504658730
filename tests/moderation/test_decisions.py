"""Deciding queue items: publish with corrections, ask for changes, reject, and what happens
when two moderators decide the same item."""

import html

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import strip_tags
from tests.factories import (
    MemberFactory,
    ModerationItemFactory,
    ModeratorFactory,
    contribution_data,
    pdf_upload,
)

from staffroom.curriculum.models import Level
from staffroom.moderation import services
from staffroom.moderation.models import Decision, ModerationItem, Reason
from staffroom.moderation.services import AlreadyDecided
from staffroom.resources.models import Resource, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    return ModerationItemFactory(
        resource__title="Breukken vergelijken",
        resource__contributor__name="Ann Peeters",
        resource__contributor__email="ann@example.org",
    )


@pytest.fixture
def moderator():
    return ModeratorFactory(name="Mo Derator", levels=[Level.objects.get(code="fl-lo")])


def _form(resource: Resource, action: str, **overrides) -> dict:
    data = {
        "title": resource.title,
        "description": resource.description,
        "language": resource.language,
        "url": resource.url,
        "levels": [level.pk for level in resource.levels.all()],
        "subjects": [subject.pk for subject in resource.subjects.all()],
        "resource_type": resource.resource_type_id,
        "licence": resource.licence,
        "keywords": ", ".join(resource.keywords),
        "action": action,
        "message": "",
    }
    data.update(overrides)
    return data


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- Publishing with corrections --------------------------------------------------------------


def test_corrections_are_recorded_field_by_field(client, item, moderator):
    resource = item.resource
    client.force_login(moderator)
    levels = Level.objects.filter(code__in=["fl-lo-3", "fl-lo-4"])
    response = client.post(
        reverse("moderation:item", args=[item.pk]),
        _form(
            resource,
            "publish",
            title="Breuken vergelijken",
            licence="cc-by-sa",
            levels=[level.pk for level in levels],
            keywords="breuken, pizza",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("moderation:queue")
    item.refresh_from_db()
    assert item.decision == Decision.PUBLISH
    assert item.decided_by == moderator
    assert item.corrections == [
        {"field": "title", "before": "Breukken vergelijken", "after": "Breuken vergelijken"},
        {"field": "keywords", "before": [], "after": ["breuken", "pizza"]},
        {"field": "licence", "before": "cc-by", "after": "cc-by-sa"},
        {"field": "levels", "before": ["fl-lo-3"], "after": ["fl-lo-3", "fl-lo-4"]},
    ]
    resource.refresh_from_db()
    assert resource.status == Status.PUBLISHED
    assert resource.title == "Breuken vergelijken"
    assert resource.licence == "cc-by-sa"
    assert resource.keywords == ["breuken", "pizza"]
    assert set(resource.levels.values_list("code", flat=True)) == {"fl-lo-3", "fl-lo-4"}
    assert resource.published_at is not None
    assert resource.checked_at is not None


def test_the_contributor_sees_the_corrections_in_the_email_and_on_their_page(
    client, item, moderator, django_capture_on_commit_callbacks
):
    resource = item.resource
    with django_capture_on_commit_callbacks(execute=True):
        services.moderation_item_publish(
            item=item,
            moderator=moderator,
            message="Mooi werk!",
            corrected={"title": "Breuken vergelijken", "licence": "cc-by-sa"},
        )
    resource.refresh_from_db()
    [decision_mail] = mail.outbox
    assert decision_mail.to == ["ann@example.org"]
    assert "Breuken vergelijken" in decision_mail.subject
    assert "is published" in decision_mail.subject
    body = decision_mail.body
    assert "- Title: Breukken vergelijken → Breuken vergelijken" in body
    assert "- Licence: CC BY 4.0 → CC BY-SA 4.0" in body
    assert "Mooi werk!" in body
    assert resource.get_absolute_url() in body

    client.force_login(resource.contributor)
    response = client.get(reverse("resources:mine"))
    [row] = response.context["rows"]
    assert row["corrections"] == [
        {"label": "Title", "before": "Breukken vergelijken", "after": "Breuken vergelijken"},
        {"label": "Licence", "before": "CC BY 4.0", "after": "CC BY-SA 4.0"},
    ]
    page = html.unescape(response.content.decode())
    assert "Breukken vergelijken" in page
    assert "CC BY-SA" in page
    assert "Mooi werk!" in page


def test_corrected_levels_are_shown_in_the_contributors_terminology(item, moderator):
    contributor = item.resource.contributor
    contributor.region, contributor.language = "nl", "nl"
    contributor.save()
    services.moderation_item_publish(
        item=item, moderator=moderator, corrected={"levels": ["fl-lo-4"]}
    )
    # Mail goes out on commit; render it directly.
    from staffroom.moderation.tasks import send_decision_email

    send_decision_email.call(item.pk)
    assert "Groep 5 → Groep 6" in mail.outbox[-1].body


def test_publishing_without_changes_records_no_corrections(item, moderator):
    services.moderation_item_publish(item=item, moderator=moderator, corrected={})
    item.refresh_from_db()
    assert item.corrections == []
    assert item.resource.status == Status.PUBLISHED


def test_only_moderators_decide(item):
    teacher = MemberFactory()
    with pytest.raises(PermissionDenied):
        services.moderation_item_publish(item=item, moderator=teacher)
    with pytest.raises(PermissionDenied):
        services.moderation_item_reject(item=item, moderator=teacher, message="Nee")
    item.refresh_from_db()
    assert item.is_open


# --- Asking for changes and rejecting -----------------------------------------------------------


@pytest.mark.parametrize("action", ["changes", "reject"])
def test_asking_for_changes_or_rejecting_requires_a_message(client, item, moderator, action):
    client.force_login(moderator)
    response = client.post(
        reverse("moderation:item", args=[item.pk]), _form(item.resource, action, message="  ")
    )
    assert response.status_code == 200
    assert "message" in response.context["form"].errors
    item.refresh_from_db()
    assert item.is_open
    assert item.resource.status == Status.PENDING
    assert mail.outbox == []


@pytest.mark.parametrize("service", ["moderation_item_request_changes", "moderation_item_reject"])
def test_the_services_refuse_an_empty_message_too(item, moderator, service):
    with pytest.raises(ValidationError) as error:
        getattr(services, service)(item=item, moderator=moderator, message="")
    assert "message" in error.value.message_dict


def test_asking_for_changes_mails_the_message_and_lets_the_contributor_resubmit(
    client, item, moderator, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("moderation:item", args=[item.pk]),
            _form(item.resource, "changes", message="Voeg de oplossingen toe."),
        )
    assert response.status_code == 302
    resource = Resource.objects.get(pk=item.resource_id)
    assert resource.status == Status.CHANGES_REQUESTED
    [changes_mail] = mail.outbox
    assert changes_mail.to == ["ann@example.org"]
    assert "Voeg de oplossingen toe." in changes_mail.body
    assert reverse("resources:edit", args=[resource.pk]) in changes_mail.body

    client.force_login(resource.contributor)
    mine = client.get(reverse("resources:mine"))
    assert "Voeg de oplossingen toe." in html.unescape(mine.content.decode())
    data = contribution_data(
        title=resource.title, kind="link", url=resource.url, files=[pdf_upload()]
    )
    response = client.post(reverse("resources:edit", args=[resource.pk]), data)
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.status == Status.PENDING
    reopened = ModerationItem.objects.get(resource=resource, decision="")
    assert reopened.pk != item.pk
    assert reopened.reason == Reason.NEW


def test_rejecting_mails_the_reason_and_takes_the_resource_out_of_reach(
    client, item, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.moderation_item_reject(
            item=item, moderator=moderator, message="Dit is een kopie van een handboek."
        )
    resource = Resource.objects.get(pk=item.resource_id)
    assert resource.status == Status.REJECTED
    [reject_mail] = mail.outbox
    assert "was not published" in reject_mail.subject
    assert "Dit is een kopie van een handboek." in reject_mail.body
    assert client.get(resource.get_absolute_url()).status_code == 404


# --- Two moderators, one item -------------------------------------------------------------------


def test_the_second_decision_gets_already_decided_naming_who_decided(item, moderator):
    other = ModeratorFactory(name="Tweede Moderator")
    services.moderation_item_publish(item=item, moderator=moderator, corrected={})
    stale = ModerationItem.objects.get(pk=item.pk)
    with pytest.raises(AlreadyDecided) as decided:
        services.moderation_item_reject(item=stale, moderator=other, message="Toch niet.")
    assert "Mo Derator already decided this item (Published)." in decided.value.messages
    item.refresh_from_db()
    assert (item.decision, item.decided_by, item.message) == (Decision.PUBLISH, moderator, "")
    assert item.resource.status == Status.PUBLISHED


@pytest.mark.parametrize(
    ("first", "second", "status"),
    [
        ("reject", "publish", Status.REJECTED),
        ("changes", "publish", Status.CHANGES_REQUESTED),
        ("publish", "changes", Status.PUBLISHED),
        ("reject", "changes", Status.REJECTED),
    ],
)
def test_whatever_lands_first_stays(item, moderator, first, second, status):
    calls = {
        "publish": lambda i, m: services.moderation_item_publish(item=i, moderator=m),
        "changes": lambda i, m: services.moderation_item_request_changes(
            item=i, moderator=m, message="Graag aanpassen."
        ),
        "reject": lambda i, m: services.moderation_item_reject(
            item=i, moderator=m, message="Niet geschikt."
        ),
    }
    # Both moderators loaded the item while it was open.
    first_copy = ModerationItem.objects.get(pk=item.pk)
    second_copy = ModerationItem.objects.get(pk=item.pk)
    calls[first](first_copy, moderator)
    with pytest.raises(AlreadyDecided):
        calls[second](second_copy, ModeratorFactory())
    resource = Resource.objects.get(pk=item.resource_id)
    assert resource.status == status
    assert ModerationItem.objects.filter(resource=resource).count() == 1
    assert ModerationItem.objects.get(pk=item.pk).decided_by == moderator


def test_taking_a_decided_item_is_refused(item, moderator):
    services.moderation_item_publish(item=item, moderator=moderator)
    with pytest.raises(AlreadyDecided):
        services.moderation_item_take(item=item, moderator=ModeratorFactory())


def test_a_post_on_an_already_decided_item_shows_who_decided(client, item, moderator):
    services.moderation_item_publish(item=item, moderator=moderator)
    client.force_login(ModeratorFactory())
    response = client.post(
        reverse("moderation:item", args=[item.pk]),
        _form(item.resource, "reject", message="Toch niet."),
        follow=True,
    )
    assert response.status_code == 200
    assert "Mo Derator already decided this item (Published)." in _messages(response)
    assert "Mo Derator" in response.content.decode()
    item.refresh_from_db()
    assert item.decision == Decision.PUBLISH
    assert item.message == ""
    assert Resource.objects.get(pk=item.resource_id).status == Status.PUBLISHED


def test_when_the_other_moderator_decides_while_the_form_is_checked(
    client, item, moderator, monkeypatch
):
    """The race inside the view: the item was open when loaded, decided before the claim."""
    from staffroom.moderation import views

    original = views.ModerationForm.is_valid

    def is_valid_after_a_colleague_decided(form):
        services.moderation_item_reject(
            item=ModerationItem.objects.get(pk=item.pk), moderator=moderator, message="Nee."
        )
        return original(form)

    monkeypatch.setattr(views.ModerationForm, "is_valid", is_valid_after_a_colleague_decided)
    client.force_login(ModeratorFactory())
    response = client.post(
        reverse("moderation:item", args=[item.pk]), _form(item.resource, "publish"), follow=True
    )
    assert response.status_code == 200
    assert "Mo Derator already decided this item (Rejected)." in _messages(response)
    assert Resource.objects.get(pk=item.resource_id).status == Status.REJECTED


def test_taking_an_item_through_the_view(client, item, moderator):
    client.force_login(moderator)
    response = client.post(reverse("moderation:take", args=[item.pk]), follow=True)
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.taken_by == moderator
    services.moderation_item_publish(item=item, moderator=moderator)
    response = client.post(reverse("moderation:take", args=[item.pk]), follow=True)
    assert "This item has already been decided." in _messages(response)


def test_an_unknown_action_is_a_form_error(client, item, moderator):
    client.force_login(moderator)
    response = client.post(
        reverse("moderation:item", args=[item.pk]), _form(item.resource, "explode")
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    item.refresh_from_db()
    assert item.is_open


def test_a_too_long_title_from_the_moderator_is_a_form_error(client, item, moderator):
    client.force_login(moderator)
    response = client.post(
        reverse("moderation:item", args=[item.pk]), _form(item.resource, "publish", title="x" * 201)
    )
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    item.refresh_from_db()
    assert item.is_open


def test_the_item_page_shows_the_checks_and_a_decided_item_has_no_form(client, moderator):
    item = ModerationItemFactory(
        resource__description="Een werkblad om breukken te vergelijken, met oplossingen."
    )
    services.moderation_prechecks_run(item=item)
    client.force_login(moderator)
    response = client.get(reverse("moderation:item", args=[item.pk]))
    assert response.status_code == 200
    assert "breukken → breuken" in html.unescape(strip_tags(response.content.decode()))
    assert 'name="action"' in response.content.decode()
    services.moderation_item_publish(item=item, moderator=moderator)
    response = client.get(reverse("moderation:item", args=[item.pk]))
    assert 'name="action"' not in response.content.decode()


def test_rerunning_the_checks(client, item, moderator, django_capture_on_commit_callbacks):
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("moderation:rerun_checks", args=[item.pk]))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.checks_ran_at is not None
    assert [check["code"] for check in item.checks] == [
        "spelling",
        "language",
        "licence",
        "duplicates",
        "metadata",
    ]
    services.moderation_item_publish(item=item, moderator=moderator)
    assert client.post(reverse("moderation:rerun_checks", args=[item.pk])).status_code == 404


def test_decision_mail_is_in_the_contributors_language(item, moderator):
    from django.utils import translation

    from staffroom.moderation.tasks import send_decision_email

    with translation.override("nl"):
        dutch = translation.gettext("The Staffroom team")
    assert dutch != "The Staffroom team"
    contributor = item.resource.contributor
    contributor.language = "nl"
    contributor.save()
    services.moderation_item_reject(item=item, moderator=moderator, message="Nee.")
    send_decision_email.call(item.pk)
    assert dutch in mail.outbox[-1].body
    assert "The Staffroom team" not in mail.outbox[-1].body


def test_mail_to_the_contributor_is_plain_text_not_html_escaped(moderator):
    from django.core import mail

    from staffroom.moderation.tasks import send_decision_email

    item = ModerationItemFactory(resource__title="Rock & Roll <3 'live'")
    services.moderation_item_request_changes(
        item=item, moderator=moderator, message='Voeg "bronnen" toe & <kijk> na.'
    )
    send_decision_email.call(item.pk)
    message = mail.outbox[-1]
    assert "Rock & Roll <3 'live'" in message.subject
    assert 'Voeg "bronnen" toe & <kijk> na.' in message.body
    assert "&amp;" not in message.body
