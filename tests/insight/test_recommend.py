"""Recommendations at a point in time, "colleagues also used", and where members see them:
the home page, the weekly newsletter, a resource page, the search page."""

import html
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from staffroom.core import usage
from staffroom.curriculum.models import Level
from staffroom.insight.models import CoUsage, DailyCount, UsageEvent
from staffroom.insight.recommend import (
    HISTORY,
    NEW,
    POPULAR,
    RATED,
    also_used,
    co_usage_rebuild,
    forget_recommendations,
    recommendations_for,
    week_monday,
)
from staffroom.insight.recorder import member_key
from staffroom.insight.services import insight_rollup_day
from staffroom.newsletter.sending import preview
from tests.factories import DraftFactory, MemberFactory, ResourceFactory, StaffFactory
from tests.forum.factories import QuestionFactory
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

DECEMBER = date(2026, 12, 7)  # a Monday early in December
JUNE = date(2027, 6, 21)  # late June, the last school weeks
LONG_AGO = datetime(2024, 9, 1, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fresh():
    forget_recommendations()
    yield
    forget_recommendations()


def level(code: str) -> Level:
    return Level.objects.get(code=code)


def used(resource, level_code: str, today: date, *, years: int = 1, downloads: int = 4):
    """Teachers of ``level_code`` downloaded ``resource`` in the week of ``today``'s school
    week ``years`` ago (as the daily rollups count it)."""
    day = week_monday(today) - timedelta(weeks=52 * years) + timedelta(days=2)
    DailyCount.objects.create(
        day=day,
        kind=usage.DOWNLOAD,
        object_id=resource.pk,
        region="fl",
        level_id=level(level_code).pk,
        count=downloads,
        members=downloads,
    )


def downloaded(member, resource) -> None:
    UsageEvent.objects.create(
        kind=usage.DOWNLOAD,
        object_id=resource.pk,
        member_key=member_key(member.pk),
        created_at=timezone.now(),
    )


def teacher(levels: list[str], subjects: list[str], **kwargs):
    member = SubscriberFactory(language="en", levels=levels, subjects=subjects, **kwargs)
    return member


@pytest.fixture
def year():
    """A year of use: primary year 4 teachers in December and in June, secondary teachers in
    December; resources published long ago."""
    primary = {"levels": ["fl-lo-4"], "subjects": ["fl-wis"], "published_at": LONG_AGO}
    secondary = {"levels": ["fl-so-1g"], "subjects": ["fl-fra"], "published_at": LONG_AGO}
    found = {
        "december": ResourceFactory(title="Sinterklaas rekenen", **primary),
        "june": ResourceFactory(title="Rekenen op het schoolreisje", **primary),
        "secondary": ResourceFactory(title="Noël en classe de français", **secondary),
    }
    used(found["december"], "fl-lo-4", DECEMBER, downloads=9)
    used(found["december"], "fl-lo-4", DECEMBER, years=2, downloads=5)
    used(found["june"], "fl-lo-4", JUNE, downloads=8)
    used(found["secondary"], "fl-so-1g", DECEMBER, downloads=7)
    return found


def titles(recommendations) -> list[str]:
    return [recommendation.resource.title for recommendation in recommendations]


def test_recommendations_differ_by_profile_and_by_week_of_the_school_year(year):
    primary = teacher(["fl-lo-4"], ["fl-wis"])
    secondary = teacher(["fl-so-1g"], ["fl-fra"])
    december = recommendations_for(primary, today=DECEMBER)
    june = recommendations_for(primary, today=JUNE)
    assert titles(december)[0] == "Sinterklaas rekenen"
    assert titles(june)[0] == "Rekenen op het schoolreisje"
    assert december[0].why == june[0].why == HISTORY
    with translation.override("en"):
        assert december[0].reason == "Used by many Primary year 4 teachers in December"
        assert june[0].reason == "Used by many Primary year 4 teachers in June"
    secondary_december = recommendations_for(secondary, today=DECEMBER)
    assert titles(secondary_december) == ["Noël en classe de français"]
    # Nothing for year 4 in a secondary teacher's list, nor the reverse.
    assert "Noël en classe de français" not in titles(december) + titles(june)


def test_the_crosswalk_brings_flemish_history_to_a_dutch_teacher_named_in_dutch_terms(year):
    dutch = teacher(["nl-po-6"], [], region="nl")
    [first, *_rest] = recommendations_for(dutch, today=DECEMBER)
    assert first.resource == year["december"]
    assert first.level == level("nl-po-6")
    with translation.override("en"):
        assert first.reason == "Used by many Group 6 (primary) teachers in December"


def test_never_the_members_own_resources_nor_what_they_downloaded(year):
    member = teacher(["fl-lo-4"], ["fl-wis"])
    own = ResourceFactory(
        title="Mijn eigen kerstbundel",
        contributor=member,
        levels=["fl-lo-4"],
        published_at=LONG_AGO,
    )
    used(own, "fl-lo-4", DECEMBER, downloads=50)
    downloaded(member, year["december"])
    found = titles(recommendations_for(member, today=DECEMBER))
    assert "Mijn eigen kerstbundel" not in found
    assert "Sinterklaas rekenen" not in found
    # The same profile without those exclusions: a colleague gets both.
    colleague = teacher(["fl-lo-4"], ["fl-wis"])
    assert titles(recommendations_for(colleague, today=DECEMBER))[:2] == [
        "Mijn eigen kerstbundel",
        "Sinterklaas rekenen",
    ]


def test_a_download_after_the_first_list_of_the_day_leaves_it_out_at_once(year):
    member = teacher(["fl-lo-4"], ["fl-wis"])
    assert "Sinterklaas rekenen" in titles(recommendations_for(member, today=DECEMBER))
    downloaded(member, year["december"])
    assert "Sinterklaas rekenen" not in titles(recommendations_for(member, today=DECEMBER))


def test_history_is_read_from_the_rollups_of_raw_events(year):
    colleagues = [teacher(["fl-lo-4"], []) for _ in range(3)]
    fresh = ResourceFactory(
        title="Kerstkaart in breuken", levels=["fl-lo-4"], published_at=LONG_AGO
    )
    day = week_monday(DECEMBER) - timedelta(weeks=52) + timedelta(days=1)
    moment = timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(hours=10)
    for colleague in colleagues:
        for _ in range(6):
            UsageEvent.objects.create(
                kind=usage.DOWNLOAD,
                object_id=fresh.pk,
                member_key=member_key(colleague.pk),
                levels=[level("fl-lo-4").pk],
                created_at=moment,
            )
    insight_rollup_day(day)
    member = teacher(["fl-lo-4"], [])
    assert titles(recommendations_for(member, today=DECEMBER))[0] == "Kerstkaart in breuken"


def test_without_history_new_and_profile_matched_popular_resources_are_offered():
    member = teacher(["fl-lo-4"], ["fl-wis"], usage_history=False)
    popular = ResourceFactory(
        title="Tafels oefenen", levels=["fl-lo-4"], published_at=LONG_AGO, download_count=300
    )
    new = ResourceFactory(
        title="Nieuw: klokkijken",
        levels=["fl-lo-4"],
        published_at=timezone.make_aware(datetime(2026, 12, 1, 9)),
    )
    ResourceFactory(title="Voor de kleuters", levels=["fl-ko-3"], published_at=LONG_AGO)
    found = recommendations_for(member, today=DECEMBER)
    assert [(r.resource, r.why) for r in found] == [(new, NEW), (popular, POPULAR)]
    with translation.override("en"):
        assert found[0].reason == "New for Primary year 4"
        assert found[1].reason == "Popular with Primary year 4 teachers"
    # In June the new one is no longer new: both are popular ones, most downloaded first.
    forget_recommendations()
    june = recommendations_for(member, today=JUNE)
    assert [(r.resource, r.why) for r in june] == [(popular, POPULAR), (new, POPULAR)]


def test_well_rated_resources_of_the_members_levels_are_blended_in(year):
    rated = ResourceFactory(
        title="Kerstmaaltijd in breuken",
        levels=["fl-lo-4"],
        published_at=LONG_AGO,
        rating_average=4.6,
        rating_count=5,
    )
    found = recommendations_for(teacher(["fl-lo-4"], ["fl-wis"]), today=DECEMBER)
    assert [(r.resource, r.why) for r in found[:3]] == [
        (year["december"], HISTORY),
        (rated, RATED),
        (year["june"], POPULAR),
    ]
    with translation.override("en"):
        assert found[1].reason == "Rated highly by colleagues (4.6 ★)"
    with translation.override("nl-be"):
        assert "4,6" in found[1].reason


def test_a_member_without_levels_gets_nothing(year):
    assert recommendations_for(MemberFactory(), today=DECEMBER) == []


def test_unpublished_resources_are_never_recommended(year):
    year["december"].status = "hidden"
    year["december"].save()
    member = teacher(["fl-lo-4"], ["fl-wis"])
    assert "Sinterklaas rekenen" not in titles(recommendations_for(member, today=DECEMBER))


# --- colleagues also used ---


def _events(member, *resources, kind=usage.RESOURCE_VIEW):
    for resource in resources:
        UsageEvent.objects.create(
            kind=kind,
            object_id=resource.pk,
            member_key=member_key(member.pk),
            created_at=timezone.now() - timedelta(days=3),
        )


def test_co_usage_counts_distinct_members_and_keeps_pairs_of_two_or_more():
    first, second, third = ResourceFactory.create_batch(3)
    members = MemberFactory.create_batch(3)
    for member in members:
        _events(member, first, second)
        _events(member, first, kind=usage.DOWNLOAD)  # the same member again: counted once
    _events(members[0], third)
    UsageEvent.objects.create(  # a visitor's view links nothing
        kind=usage.RESOURCE_VIEW, object_id=third.pk, created_at=timezone.now()
    )
    written = co_usage_rebuild()
    rows = set(CoUsage.objects.values_list("resource_id", "other_id", "members"))
    assert rows == {(first.pk, second.pk, 3), (second.pk, first.pk, 3)}
    assert written == 2
    # Rebuilt from scratch: events past the retention period no longer count.
    UsageEvent.objects.update(created_at=timezone.now() - timedelta(days=1000))
    assert co_usage_rebuild() == 0
    assert not CoUsage.objects.exists()


def test_also_used_leaves_out_the_viewers_own_and_unpublished_resources():
    viewer = MemberFactory()
    resource = ResourceFactory()
    others = [ResourceFactory(), ResourceFactory(contributor=viewer), DraftFactory()]
    for rank, other in enumerate(others):
        CoUsage.objects.create(resource_id=resource.pk, other_id=other.pk, members=10 - rank)
    assert also_used(resource) == others[:2]
    assert also_used(resource, member=viewer) == others[:1]


def test_the_resource_page_shows_what_colleagues_also_used_only_when_there_is_some(
    browser_client,
):
    resource, other = ResourceFactory(), ResourceFactory(title="Breuken met pizza")
    page = browser_client.get(resource.get_absolute_url()).content.decode()
    assert "Colleagues who used this also used" not in page
    CoUsage.objects.create(resource_id=resource.pk, other_id=other.pk, members=4)
    page = browser_client.get(resource.get_absolute_url()).content.decode()
    assert "Colleagues who used this also used" in page
    assert "Breuken met pizza" in page


# --- the home page ---


@pytest.fixture
def on(monkeypatch):
    """Set today's date for the pages (the recommendations ask the clock for it)."""

    def set_day(day: date) -> None:
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
        forget_recommendations()

    return set_day


def _section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


def test_a_teachers_home_page_differs_by_profile_and_week_and_never_shows_their_own(
    browser_client, year, on
):
    primary = teacher(["fl-lo-4"], ["fl-wis"])
    ResourceFactory(
        title="Mijn eigen kerstbundel",
        contributor=primary,
        levels=["fl-lo-4"],
        published_at=LONG_AGO,
    )
    used(primary.resources.get(), "fl-lo-4", DECEMBER, downloads=50)
    secondary = teacher(["fl-so-1g"], ["fl-fra"])
    browser_client.force_login(primary)
    on(DECEMBER)
    december = html.unescape(browser_client.get("/").content.decode())
    on(JUNE)
    june = html.unescape(browser_client.get("/").content.decode())
    mine_december, mine_june = _section(december, "for-you"), _section(june, "for-you")
    assert "For your Primary year 4 in the coming weeks" in mine_december
    assert "Used by many Primary year 4 teachers in December" in mine_december
    assert mine_december.index("Sinterklaas rekenen") < mine_december.index("Rekenen op het")
    assert mine_june.index("Rekenen op het schoolreisje") < mine_june.index("Sinterklaas")
    assert "Used by many Primary year 4 teachers in June" in mine_june
    for page in (december, june):
        # Not recommended, nor among the new and popular resources of their levels.
        assert "Mijn eigen kerstbundel" not in page
        assert "Noël en classe de français" not in page  # the new and popular are for year 4
    browser_client.force_login(secondary)
    on(DECEMBER)
    other = html.unescape(browser_client.get("/").content.decode())
    assert "Noël en classe de français" in _section(other, "for-you")
    assert "Sinterklaas rekenen" not in other


def test_the_home_pages_queries_do_not_grow_with_the_recommendations(browser_client, on):
    browser_client.force_login(teacher(["fl-lo-4"], ["fl-wis"]))
    on(DECEMBER)

    def queries() -> int:
        forget_recommendations()
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert browser_client.get("/").status_code == 200
        return len(captured)

    def more(count: int) -> None:
        for _ in range(count):
            resource = ResourceFactory(levels=["fl-lo-4"], published_at=LONG_AGO)
            used(resource, "fl-lo-4", DECEMBER)

    more(2)
    queries()  # the vocabularies in memory, the member's visit of the day noted
    few = queries()
    more(10)
    assert queries() == few


def test_a_visitor_and_a_member_without_levels_see_the_general_page(browser_client, year):
    visitor = browser_client.get("/").content.decode()
    assert 'id="for-you"' not in visitor
    assert "Noël en classe de français" in visitor and "Sinterklaas rekenen" in visitor
    browser_client.force_login(MemberFactory())
    assert 'id="for-you"' not in browser_client.get("/").content.decode()


def test_a_teacher_of_many_levels_reads_your_classes_rather_than_a_list(browser_client, year):
    browser_client.force_login(teacher(["fl-lo-3", "fl-lo-4", "fl-lo-5"], []))
    page = html.unescape(browser_client.get("/").content.decode())
    assert "For your classes in the coming weeks" in page


def test_the_home_page_links_to_all_new_resources_of_the_members_levels(browser_client, year):
    browser_client.force_login(teacher(["fl-lo-4", "fl-lo-5"], []))
    page = html.unescape(browser_client.get("/").content.decode())
    assert f"{reverse('search:search')}?level=fl-lo-4%2Cfl-lo-5&sort=newest" in page


# --- the newsletter ---


def _issue(day: date):
    from tests.newsletter.factories import IssueFactory

    moment = timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(hours=7)
    return IssueFactory(week=day, send_at=moment)


def test_the_newsletter_recommends_by_profile_and_week_and_never_the_members_own(year):
    primary = teacher(["fl-lo-4"], ["fl-wis"])
    secondary = teacher(["fl-so-1g"], ["fl-fra"])
    december, june = _issue(DECEMBER), _issue(JUNE)
    # This week's own resource and own open question: never offered back.
    moment = timezone.make_aware(datetime(2026, 12, 6, 12))
    ResourceFactory(
        title="Mijn eigen kerstbundel", contributor=primary, levels=["fl-lo-4"], published_at=moment
    )
    used(primary.resources.get(), "fl-lo-4", DECEMBER, downloads=50)
    own_question = QuestionFactory(author=primary, levels=["fl-lo-4"], subjects=["fl-wis"])
    own_question.created_at = moment
    own_question.save()
    _, text_december, html_december = preview(december, primary)
    _, text_june, _html = preview(june, primary)
    _, text_secondary, _html = preview(december, secondary)
    recommended = "For your classes in the coming weeks"
    assert recommended in text_december and recommended in html_december
    assert "Sinterklaas rekenen (Used by many Primary year 4 teachers in December)" in text_december
    assert text_december.index("Sinterklaas rekenen") < text_december.index("Rekenen op het")
    assert text_june.index("Rekenen op het schoolreisje") < text_june.index("Sinterklaas")
    assert "Noël en classe de français" in text_secondary
    assert "Sinterklaas rekenen" not in text_secondary
    for text in (text_december, text_june):
        assert "Mijn eigen kerstbundel" not in text
        assert own_question.title not in text


def test_the_newsletter_without_a_recommender_keeps_its_own_parts(year, monkeypatch):
    from staffroom.newsletter import compose

    monkeypatch.setattr(compose, "_recommender", None)
    primary = teacher(["fl-lo-4"], ["fl-wis"])
    _, text, _html = preview(_issue(DECEMBER), primary)
    assert "For your classes in the coming weeks" not in text


def test_the_staff_preview_shows_the_members_recommendations(client, year):
    client.force_login(StaffFactory())
    primary = teacher(["fl-lo-4"], ["fl-wis"], email="els@school.be")
    assert primary.levels.exists()
    issue = _issue(DECEMBER)
    response = client.get(
        reverse("newsletter:staff_preview", args=[issue.pk]), {"member": "els@school.be"}
    )
    assert response.status_code == 200
    assert "Sinterklaas rekenen" in response.context["text"]


# --- the search page ---


def test_the_empty_search_page_offers_the_members_levels_in_one_click(browser_client, search_index):
    search = reverse("search:search")
    assert "Only my levels" not in browser_client.get(search).content.decode()
    browser_client.force_login(teacher(["fl-lo-4"], []))
    page = html.unescape(browser_client.get(search).content.decode())
    assert f'<a href="{search}?level=fl-lo-4">Only my levels</a>' in page
    # A search or a filter: the results are what was asked for, no offer.
    assert "Only my levels" not in browser_client.get(search, {"q": "breuken"}).content.decode()
    assert "Only my levels" not in browser_client.get(search, {"level": "fl-lo-5"}).content.decode()
