"""`staffroom demo`: demo accounts with their roles, and resources made through the real flow."""

from datetime import timedelta
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from staffroom.accounts.models import Member
from staffroom.moderation.models import ModerationItem
from staffroom.moderation.queries import queue_for_moderator
from staffroom.resources.licences import remix_problem
from staffroom.resources.models import Resource, ResourceFile, Status
from staffroom.site.demo.distance import DATA as DISTANCE
from staffroom.site.management.commands.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

DOMAIN = "demo.staffroom.invalid"
DISTANCE_RESOURCES = sum(len(DISTANCE[part]) for part in ("resources", "offers", "paid", "manuals"))
MIME_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}


def _member(local_part: str) -> Member:
    return Member.objects.get(email=f"{local_part}@{DOMAIN}")


def _codes(terms) -> set[str]:
    return {term.code for term in terms.all()}


def _assert_demo_accounts() -> None:
    an, sanne = _member("an.peeters"), _member("sanne.devries")
    assert (an.region, sanne.region) == ("fl", "nl")
    assert not an.is_moderator and not an.is_staff
    assert an.check_password(DEMO_PASSWORD)
    assert EmailAddress.objects.filter(user=an, email=an.email, verified=True).exists()

    lager, secundair = _member("moderator.lager"), _member("moderator.secundair")
    assert lager.is_moderator and _codes(lager.moderated_levels) == {"fl-lo", "nl-po"}
    assert secundair.is_moderator and _codes(secundair.moderated_levels) == {"fl-so", "nl-vo"}
    assert not lager.is_staff

    staff = _member("staff")
    assert staff.is_staff and staff.is_superuser and staff.is_moderator

    partner = _member("partner")
    assert partner.organisations.exists()
    assert not partner.is_moderator


def _assert_community() -> None:
    from django.db.models import Avg

    from staffroom.recognition.models import PointEvent, Score
    from staffroom.recognition.services import scores_recompute
    from staffroom.resources.models import Rating

    rated = Resource.objects.filter(rating_count__gt=0)
    assert rated.exists()
    for resource in rated[:5]:
        average = Rating.objects.filter(resource=resource).aggregate(a=Avg("stars"))["a"]
        assert resource.rating_average == round(average, 2)
    assert Rating.objects.exclude(used_with=None).exists()
    assert _member("an.peeters").folders.exclude(share_token="").exists()
    from staffroom.events.models import Event, EventQuestion

    upcoming = Event.objects.filter(status="published", starts_at__gt=timezone.now())
    assert upcoming.count() >= 3 and upcoming.filter(registrations__isnull=False).exists()
    assert EventQuestion.objects.filter(event__in=upcoming).exclude(group="").exists()
    past = Event.objects.get(status="published", ends_at__lt=timezone.now())
    assert past.recording.status == Status.PUBLISHED and past.slides is not None
    assert past.registrations.filter(attended_at__isnull=False).exists()
    assert past.feedback.exists()
    moved = past.questions.exclude(forum_question=None)
    assert moved and all(q.forum_question.author_id == q.author_id for q in moved)
    from staffroom.newsletter.models import Mailing, OrderStatus, PromotionOrder

    archived = Mailing.objects.get(status="sent", kind="issue")
    assert archived.started_at < timezone.now() - timedelta(days=6)
    assert archived.deliveries.filter(status="sent").count() > 10
    assert Mailing.objects.filter(status="scheduled", kind="issue").exclude(editorial="").exists()
    assert set(PromotionOrder.objects.values_list("status", flat=True)) == {
        OrderStatus.INVOICED,
        OrderStatus.REQUESTED,
    }
    # Points for sharing are dated when the resource was published.
    event = PointEvent.objects.filter(kind="resource_published").first()
    assert event.occurred_at == Resource.objects.get(pk=event.subject_id).published_at
    live = set(Score.objects.values_list("member_id", "period", "points"))
    scores_recompute()
    assert set(Score.objects.values_list("member_id", "period", "points")) == live


def _assert_resources() -> None:
    # The 40 asked for, the recording and slides of the past webinar, and distance learning.
    assert Resource.objects.count() == 42 + DISTANCE_RESOURCES
    assert Resource.objects.filter(status=Status.PUBLISHED).count() > 25
    assert Resource.objects.filter(status=Status.PENDING).exists()
    assert Resource.objects.exclude(organisation=None).filter(status=Status.PUBLISHED).exists()
    assert Resource.objects.values("title").distinct().count() > 20
    regions = set(Resource.objects.values_list("contributor__region", flat=True))
    assert regions == {"fl", "nl"}

    for language in ("nl", "en", "fr", "de"):
        assert (
            ResourceFile.objects.filter(resource__language=language)
            .exclude(extracted_text="")
            .exists()
        ), f"no file with extracted text in {language}"
    assert ResourceFile.objects.filter(analysed_at=None).count() == 0
    for name, mime_type in MIME_TYPES.items():
        assert ResourceFile.objects.filter(mime_type=mime_type).exists(), f"no {name} file"

    remixes = Resource.objects.exclude(based_on=None).select_related("based_on")
    assert remixes
    for remix in remixes:
        assert remix.based_on.status == Status.PUBLISHED
        assert remix_problem(remix.based_on.licence, remix.licence) is None


def _assert_queue() -> None:
    queue = list(queue_for_moderator(_member("moderator.lager")))
    assert any(item.is_mine for item in queue)
    assert all(item.checks_ran_at is not None for item in queue)
    assert {check["code"] for check in queue[0].checks} >= {"spelling", "language"}


def _assert_themes() -> None:
    from staffroom.themes.models import Theme, ThemeItem
    from staffroom.themes.queries import home_themes, may_curate

    public = Theme.objects.public()
    assert public.count() >= 10
    for theme in public:
        sections = list(theme.sections.all())
        assert 2 <= len(sections) <= 4, theme.title
        assert theme.introduction and (theme.levels.exists() or theme.subjects.exists())
        assert all(s.items.exclude(resource=None).exists() for s in sections), theme.title
        assert all(item.note for s in sections for item in s.items.all()), theme.title
        items = ThemeItem.objects.filter(section__theme=theme)
        assert items.exclude(question=None).exists(), theme.title
        assert items.exclude(event=None).exists(), theme.title
        assert items.exclude(url="").exists(), theme.title
    items = ThemeItem.objects.filter(section__theme__in=public)
    assert all(item.url.startswith("https://") for item in items.exclude(url=""))
    # Items are what the page would show: every resource in a theme is published.
    assert not items.exclude(resource=None).exclude(resource__status=Status.PUBLISHED).exists()
    slotted = home_themes()
    assert 1 <= len(slotted) <= 2
    assert "Afstandsonderwijs: online lesgeven" in [theme.title for theme in slotted]
    staff, curator = _member("staff"), _member("katrien.desmet")
    makers = set(public.values_list("created_by", flat=True))
    assert staff.pk in makers and curator.pk in makers
    assert may_curate(curator) and not curator.is_staff


def _assert_offers() -> None:
    from staffroom.resources.models import Cost
    from staffroom.resources.queries import offers_open

    partner = _member("partner")
    offers = Resource.objects.filter(cost=Cost.FREE_UNTIL)
    assert 4 <= offers.count() <= 6
    assert set(offers.values_list("contributor", flat=True)) == {partner.pk}
    assert not offers.filter(organisation=None).exists()
    today = timezone.localdate()
    running = offers_open()
    assert running.count() >= 3
    assert all(offer.free_until >= today for offer in running)
    ended = offers.filter(status=Status.ENDED)
    assert ended.count() == 2
    assert all(offer.free_until < today for offer in ended)
    paid = Resource.objects.filter(cost=Cost.PAID, status=Status.PUBLISHED)
    assert 1 <= paid.count() <= 2 and all("€" in r.cost_note for r in paid)
    manuals = Resource.objects.exclude(manual_for=None).filter(status=Status.PUBLISHED)
    assert manuals.count() >= 2
    assert {manual.manual_for.cost for manual in manuals} == {Cost.FREE_UNTIL}


def _assert_collections() -> None:
    from staffroom.resources.collection_queries import collections_listed

    listed = list(collections_listed())
    assert 3 <= len(listed) <= 4
    assert len([folder for folder in listed if folder.featured_at]) == 1
    assert listed[0].featured_at is not None
    for folder in listed:
        assert folder.description and folder.member.email.endswith(DOMAIN)
        assert folder.items.count() >= 3
        assert not folder.items.filter(note="").exists()


def _assert_links() -> None:
    from staffroom.resources.links import check_moved_to
    from staffroom.resources.models import LinkCheck, LinkState

    dead = LinkCheck.objects.get(state=LinkState.DEAD)
    assert dead.resource.status == Status.PUBLISHED and dead.status_code == 404
    assert dead.failing_since is not None
    moved = LinkCheck.objects.get(state=LinkState.MOVED)
    assert check_moved_to(moved).startswith("https://")
    assert check_moved_to(moved) != moved.resource.url


def _assert_distance_learning_is_found(client, settings, tmp_path) -> None:
    from django.urls import reverse

    from staffroom.search import documents
    from staffroom.search.backends import reset_backend
    from staffroom.search.services import search_reindex_all

    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    reset_backend()
    documents.clear_caches()
    try:
        search_reindex_all()
        page = client.get(reverse("search:search"), {"q": "afstandsonderwijs"})
    finally:
        reset_backend()
    text = page.content.decode()
    assert 'id="pages-theme-pages"' in text
    assert "Afstandsonderwijs: online lesgeven" in text
    # Found by their addresses (titles are highlighted in the results).
    found = [
        resource
        for resource in Resource.objects.published()
        if "afstandsonderwijs" in resource.keywords
        and f'href="{resource.get_absolute_url()}?rank=' in text
    ]
    assert len(found) >= 3


def test_demo_fills_an_empty_database_once(client, settings, tmp_path):
    output = StringIO()
    call_command("demo", "--resources", "40", stdout=output)
    assert "Demo content ready: 40 resources" in output.getvalue()

    _assert_demo_accounts()
    _assert_resources()
    _assert_community()
    _assert_queue()
    _assert_themes()
    _assert_offers()
    _assert_collections()
    _assert_links()
    _assert_distance_learning_is_found(client, settings, tmp_path)

    items = ModerationItem.objects.count()
    output = StringIO()
    call_command("demo", "--if-empty", stdout=output)
    assert "already holds resources" in output.getvalue()
    assert Resource.objects.count() == 42 + DISTANCE_RESOURCES
    assert ModerationItem.objects.count() == items


def test_demo_refuses_a_size_too_small_for_its_mix():
    with pytest.raises(CommandError):
        call_command("demo", "--resources", "5")
    assert not Resource.objects.exists()
