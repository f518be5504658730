"""Themes, sections and items through the services: the rules, the references an editor may
type, ordering, permissions in the service, and notices to followers."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone

from staffroom.notifications.messages import describe
from staffroom.notifications.models import Notification
from staffroom.themes import services
from staffroom.themes.inputs import ItemInput, SectionInput, ThemeInput
from staffroom.themes.models import Theme, ThemeItem, ThemeStatus
from staffroom.themes.queries import may_curate, may_edit, theme_visible_to
from tests.events.factories import EventFactory
from tests.factories import DraftFactory, MemberFactory, ResourceFactory, StaffFactory
from tests.forum.factories import QuestionFactory

from .factories import DraftThemeFactory, SectionFactory, ThemeFactory, curator

pytestmark = pytest.mark.django_db


def test_a_staff_member_creates_a_draft_theme_with_a_slug_from_its_title():
    staff = StaffFactory()
    theme = services.theme_create(data=ThemeInput(title="  Les op   afstand "), by=staff)
    assert theme.title == "Les op afstand"
    assert theme.slug == "les-op-afstand"
    assert theme.status == ThemeStatus.DRAFT
    assert list(theme.editors.all()) == [staff]
    again = services.theme_create(data=ThemeInput(title="Les op afstand"), by=staff)
    assert again.slug == "les-op-afstand-2"


def test_a_member_without_the_permission_cannot_create_or_edit():
    member = MemberFactory()
    assert not may_curate(member)
    with pytest.raises(PermissionDenied):
        services.theme_create(data=ThemeInput(title="Niet van mij"), by=member)
    theme = ThemeFactory()
    with pytest.raises(PermissionDenied):
        services.theme_edit(theme=theme, data=ThemeInput(title="Overgenomen"), by=member)
    with pytest.raises(PermissionDenied):
        services.section_add(theme=theme, data=SectionInput(heading="Extra"), by=member)


def test_a_curator_edits_their_own_themes_but_not_others():
    teacher = curator()
    assert may_curate(teacher)
    own = services.theme_create(data=ThemeInput(title="Mijn thema"), by=teacher)
    other = ThemeFactory()
    assert may_edit(own, teacher)
    assert not may_edit(other, teacher)
    with pytest.raises(PermissionDenied):
        services.theme_edit(theme=other, data=ThemeInput(title="Niet van mij"), by=teacher)
    other.editors.add(teacher)
    assert may_edit(other, teacher)


def test_the_group_gives_the_permission_and_taking_it_back_removes_it():
    staff, teacher = StaffFactory(), MemberFactory()
    services.curator_grant(member=teacher, by=staff)
    assert may_curate(type(teacher).objects.get(pk=teacher.pk))
    services.curator_revoke(member=teacher, by=staff)
    assert not may_curate(type(teacher).objects.get(pk=teacher.pk))
    with pytest.raises(PermissionDenied):
        services.curator_grant(member=teacher, by=curator())


def test_bad_theme_input_is_refused_with_messages():
    staff = StaffFactory()
    ThemeFactory(slug="bezet")
    with pytest.raises(ValidationError) as refused:
        services.theme_create(data=ThemeInput(title="   "), by=staff)
    assert "title" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.theme_create(data=ThemeInput(title="Twee", slug="bezet"), by=staff)
    assert "slug" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.theme_create(data=ThemeInput(title="Drie", slug="Niet Goed!"), by=staff)
    assert "slug" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.theme_create(data=ThemeInput(title="Vier", slug="new"), by=staff)
    assert "slug" in refused.value.message_dict
    now = timezone.now()
    with pytest.raises(ValidationError) as refused:
        services.theme_create(
            data=ThemeInput(title="Vijf", publish_from=now, publish_until=now - timedelta(1)),
            by=staff,
        )
    assert "publish_until" in refused.value.message_dict
    assert Theme.objects.count() == 1


def test_a_theme_is_public_only_when_published_and_inside_its_window():
    now = timezone.now()
    visitor = MemberFactory()
    public = ThemeFactory()
    draft = DraftThemeFactory()
    later = ThemeFactory(publish_from=now + timedelta(days=2))
    ended = ThemeFactory(publish_from=now - timedelta(days=9), publish_until=now - timedelta(1))
    assert set(Theme.objects.public()) == {public}
    for hidden in (draft, later, ended):
        assert not theme_visible_to(hidden, visitor)
        assert theme_visible_to(hidden, hidden.created_by)  # its editors see a preview
    assert theme_visible_to(public, visitor)


def test_publishing_records_the_first_publication_once():
    staff = StaffFactory()
    theme = services.theme_create(data=ThemeInput(title="Welzijn"), by=staff)
    assert theme.published_at is None
    theme = services.theme_edit(
        theme=theme, data=ThemeInput(title="Welzijn", status=ThemeStatus.PUBLISHED), by=staff
    )
    first = theme.published_at
    assert first is not None
    theme = services.theme_edit(
        theme=theme, data=ThemeInput(title="Welzijn", status=ThemeStatus.PUBLISHED), by=staff
    )
    assert theme.published_at == first


def test_items_of_each_kind_are_added_by_reference():
    staff = StaffFactory()
    section = SectionFactory(theme=ThemeFactory(created_by=staff))
    resource, question, event = ResourceFactory(), QuestionFactory(), EventFactory()
    by_number = services.item_add(
        section=section, data=ItemInput(kind="resource", reference=str(resource.pk)), by=staff
    )
    by_question_url = services.item_add(
        section=section,
        data=ItemInput(kind="question", reference=f"https://x.test{question.get_absolute_url()}"),
        by=staff,
    )
    by_event_url = services.item_add(
        section=section, data=ItemInput(kind="event", reference=event.get_absolute_url()), by=staff
    )
    link = services.item_add(
        section=section,
        data=ItemInput(
            kind="link", reference="https://tool.example/", link_title="Tool", note="Gratis."
        ),
        by=staff,
    )
    assert by_number.resource == resource
    assert by_question_url.question == question
    assert by_event_url.event == event
    assert (link.url, link.link_title, link.note) == ("https://tool.example/", "Tool", "Gratis.")
    assert [item.position for item in section.items.all()] == [0, 1, 2, 3]
    assert [item.kind for item in section.items.all()] == ["resource", "question", "event", "link"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (ItemInput(kind="resource", reference="999999"), "reference"),
        (ItemInput(kind="resource", reference="https://elders.test/pagina"), "reference"),
        (ItemInput(kind="resource", reference=""), "reference"),
        (ItemInput(kind="question", reference="/forum/questions/999999/"), "reference"),
        (ItemInput(kind="event", reference="/events/999999/"), "reference"),
        (ItemInput(kind="link", reference="javascript:alert(1)", link_title="x"), "url"),
        (ItemInput(kind="link", reference="geen adres", link_title="x"), "url"),
        (ItemInput(kind="link", reference="https://ok.example/", link_title=""), "link_title"),
        (ItemInput(kind="iets", reference="1"), "kind"),
        (ItemInput(kind="link", url="https://ok.example/", link_title="x", note="n" * 501), "note"),
    ],
)
def test_bad_item_references_are_refused_with_a_message(data, field):
    staff = StaffFactory()
    section = SectionFactory(theme=ThemeFactory(created_by=staff))
    with pytest.raises(ValidationError) as refused:
        services.item_add(section=section, data=data, by=staff)
    assert field in refused.value.message_dict
    assert not ThemeItem.objects.exists()


def test_unpublished_resources_cannot_be_added_and_nothing_twice():
    staff = StaffFactory()
    section = SectionFactory(theme=ThemeFactory(created_by=staff))
    with pytest.raises(ValidationError):
        services.item_add(
            section=section,
            data=ItemInput(kind="resource", reference=str(DraftFactory().pk)),
            by=staff,
        )
    resource = ResourceFactory()
    data = ItemInput(kind="resource", reference=f"/resources/{resource.pk}/")
    services.item_add(section=section, data=data, by=staff)
    with pytest.raises(ValidationError) as refused:
        services.item_add(section=SectionFactory(theme=section.theme), data=data, by=staff)
    assert "already" in " ".join(refused.value.messages)


def test_an_item_needs_exactly_one_target():
    section = SectionFactory()
    with pytest.raises(IntegrityError):
        ThemeItem.objects.create(
            section=section, resource=ResourceFactory(), url="https://x.example/", link_title="x"
        )


def test_sections_and_items_move_up_and_down():
    staff = StaffFactory()
    theme = ThemeFactory(created_by=staff)
    first, _second, third = (
        services.section_add(theme=theme, data=SectionInput(heading=h), by=staff)
        for h in ("Een", "Twee", "Drie")
    )
    assert services.section_move(section=third, offset=-1, by=staff)
    assert [s.heading for s in theme.sections.all()] == ["Een", "Drie", "Twee"]
    assert not services.section_move(section=first, offset=-1, by=staff)
    items = [
        services.item_add(
            section=first,
            data=ItemInput(kind="link", url=f"https://x.example/{n}", link_title=f"L{n}"),
            by=staff,
        )
        for n in range(3)
    ]
    services.item_remove(item=items[1], by=staff)
    services.item_move(item=items[2], offset=-1, by=staff)
    assert [i.link_title for i in first.items.all()] == ["L2", "L0"]
    assert [i.position for i in first.items.all()] == [0, 1]


def test_followers_are_told_once_per_addition_never_the_editor(django_capture_on_commit_callbacks):
    staff = StaffFactory()
    theme = ThemeFactory(created_by=staff, title="Digitaal toetsen")
    section = SectionFactory(theme=theme)
    follower, other = MemberFactory(), MemberFactory()
    services.theme_follow(theme=theme, member=follower)
    services.theme_follow(theme=theme, member=follower)  # again: no change
    services.theme_follow(theme=theme, member=staff)
    with django_capture_on_commit_callbacks(execute=True):
        item = services.item_add(
            section=section,
            data=ItemInput(kind="link", url="https://quiz.example/", link_title="Quiztool"),
            by=staff,
        )
    notices = Notification.objects.filter(kind="theme_item_added")
    assert [n.member for n in notices] == [follower]
    assert notices[0].url == f"{theme.get_absolute_url()}#item-{item.pk}"
    assert describe(notices[0]) == "New in the theme “Digitaal toetsen”: Quiztool"
    assert services.followers_notify_item_added(item=item) == 0  # a retry tells nobody twice
    assert other.notifications.count() == 0


def test_a_draft_theme_growing_tells_nobody(django_capture_on_commit_callbacks):
    staff = StaffFactory()
    theme = ThemeFactory(created_by=staff)
    follower = MemberFactory()
    services.theme_follow(theme=theme, member=follower)
    Theme.objects.filter(pk=theme.pk).update(status=ThemeStatus.DRAFT)
    theme.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.item_add(
            section=SectionFactory(theme=theme),
            data=ItemInput(kind="link", url="https://quiz.example/", link_title="Quiztool"),
            by=staff,
        )
    assert not Notification.objects.exists()


def test_a_draft_cannot_be_followed():
    with pytest.raises(PermissionDenied):
        services.theme_follow(theme=DraftThemeFactory(), member=MemberFactory())
