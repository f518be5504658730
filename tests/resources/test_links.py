"""Links that stay alive: what a check of a link resource's address does to the resource (its
state, the notices, the grace period, search ranking, its page) and the pages of the check."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from tests.factories import MemberFactory, ModeratorFactory, ResourceFactory, StaffFactory

from staffroom.core.linkcheck import DEAD, MOVED, OK, LinkOutcome
from staffroom.curriculum.models import Level
from staffroom.notifications.models import Notification
from staffroom.resources import links
from staffroom.resources.models import LinkCheck, LinkState, Resource, Status
from staffroom.resources.review import pending_edit_values, resource_changed
from staffroom.resources.tasks import check_links
from staffroom.search import ranking
from staffroom.search.backends.base import SearchRequest
from staffroom.search.backends.postgres_backend import PostgresBackend
from staffroom.search.backends.tantivy_backend import TantivyBackend
from staffroom.search.documents import resource_document

pytestmark = pytest.mark.django_db

OLD = "https://example.org/lesson"
NEW = "https://example.org/new-lesson"


def dead(url: str = OLD) -> LinkOutcome:
    return LinkOutcome(DEAD, final_url=url, status_code=404, error="answered 404 Not Found")


def moved(url: str = OLD, to: str = NEW) -> LinkOutcome:
    return LinkOutcome(
        MOVED,
        final_url=to,
        status_code=200,
        redirects=[{"url": url, "status": 301, "location": to}],
    )


def ok(url: str = OLD) -> LinkOutcome:
    return LinkOutcome(OK, final_url=url, status_code=200)


@pytest.fixture
def resource():
    return ResourceFactory(title="Breuken op het web", url=OLD, levels=["fl-lo-3"])


def kinds_for(member) -> list[str]:
    return list(Notification.objects.filter(member=member).values_list("kind", flat=True))


# --- Recording a check ---


def test_a_dead_link_is_stored_and_its_contributor_and_the_moderators_of_its_levels_told(
    resource,
):
    of_its_levels = ModeratorFactory(levels=[Level.objects.get(code="fl-lo")])
    of_other_levels = ModeratorFactory(levels=[Level.objects.get(code="fl-so")])
    links.link_check_record(resource.pk, dead())
    check = LinkCheck.objects.get(resource=resource)
    assert (check.state, check.status_code, check.error) == (
        LinkState.DEAD,
        404,
        "answered 404 Not Found",
    )
    assert check.failing_since == check.checked_at
    assert kinds_for(resource.contributor) == ["link_dead"]
    assert kinds_for(of_its_levels) == ["link_to_fix"]
    assert kinds_for(of_other_levels) == []


def test_a_link_found_dead_again_tells_nobody_again_and_keeps_its_first_date(resource):
    first = timezone.now() - timedelta(days=3)
    links.link_check_record(resource.pk, dead(), now=first)
    links.link_check_record(resource.pk, dead())
    check = LinkCheck.objects.get(resource=resource)
    assert check.failing_since == first
    assert check.checked_at > first
    assert kinds_for(resource.contributor) == ["link_dead"]


def test_a_moved_link_keeps_its_hops_and_tells_the_new_address(resource):
    links.link_check_record(resource.pk, moved())
    check = LinkCheck.objects.get(resource=resource)
    assert check.state == LinkState.MOVED
    assert links.check_moved_to(check) == NEW
    notice = Notification.objects.get(member=resource.contributor)
    assert notice.kind == "link_moved"
    assert NEW in notice.params["moved_to"]


def test_a_link_that_works_again_is_no_longer_failing(resource):
    links.link_check_record(resource.pk, dead())
    links.link_check_record(resource.pk, ok())
    check = LinkCheck.objects.get(resource=resource)
    assert (check.state, check.failing_since) == (LinkState.OK, None)


def test_a_check_of_an_address_the_resource_no_longer_has_is_ignored(resource):
    links.link_check_record(resource.pk, dead("https://example.org/earlier"))
    assert not LinkCheck.objects.filter(resource=resource).exists()


def test_a_changed_address_drops_the_check_of_the_old_one(resource):
    links.link_check_record(resource.pk, dead())
    Resource.objects.filter(pk=resource.pk).update(url=NEW)
    resource_changed.send(sender=Resource, resource_id=resource.pk, announce=False)
    assert not LinkCheck.objects.filter(resource=resource).exists()


# --- The grace period ---


def test_a_link_still_dead_after_the_grace_period_is_taken_offline_with_a_notice(
    resource, settings
):
    settings.LINKCHECK_GRACE_DAYS = 30
    found = timezone.now() - timedelta(days=31)
    links.link_check_record(resource.pk, dead(), now=found)
    links.link_check_record(resource.pk, dead())
    resource.refresh_from_db()
    assert resource.status == Status.WITHDRAWN
    assert sorted(kinds_for(resource.contributor)) == ["link_dead", "link_withdrawn"]
    withdrawn = Notification.objects.get(member=resource.contributor, kind="link_withdrawn")
    assert withdrawn.params["title"] == "Breuken op het web"
    # Published again later, it is checked afresh (a new grace period).
    assert not LinkCheck.objects.filter(resource=resource).exists()


def test_a_dead_link_within_the_grace_period_stays_online(resource, settings):
    settings.LINKCHECK_GRACE_DAYS = 30
    links.link_check_record(resource.pk, dead(), now=timezone.now() - timedelta(days=29))
    links.link_check_record(resource.pk, dead())
    resource.refresh_from_db()
    assert resource.status == Status.PUBLISHED


def test_a_moved_link_is_never_taken_offline(resource, settings):
    settings.LINKCHECK_GRACE_DAYS = 30
    links.link_check_record(resource.pk, moved(), now=timezone.now() - timedelta(days=90))
    links.link_check_record(resource.pk, moved())
    resource.refresh_from_db()
    assert resource.status == Status.PUBLISHED


# --- Search ranking ---


def test_search_ranks_a_dead_link_lower_and_a_moved_link_a_little_lower(resource):
    now = timezone.now()
    working = resource_document(Resource.objects.get(pk=resource.pk), now)["boost"]
    links.link_check_record(resource.pk, moved())
    after_move = resource_document(Resource.objects.get(pk=resource.pk), now)["boost"]
    links.link_check_record(resource.pk, dead())
    after_death = resource_document(Resource.objects.get(pk=resource.pk), now)["boost"]
    assert working > after_move > after_death


@pytest.fixture(params=["tantivy", "postgres"])
def search_backend(request, tmp_path):
    if request.param == "tantivy":
        return TantivyBackend(tmp_path / "search")
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the PostgreSQL search backend runs on it (DATABASE_URL)")
    backend = PostgresBackend(tmp_path / "search")
    backend.clear()  # inside the test's transaction: undone afterwards
    return backend


def test_both_search_backends_rank_a_dead_link_below_a_working_one(search_backend):
    published = timezone.now() - timedelta(days=10)
    same = {"description": "", "published_at": published, "levels": ["fl-lo-3"]}
    # Otherwise the better one: downloaded more.
    broken = ResourceFactory(title="Breuken vergelijken", url=OLD, download_count=50, **same)
    working = ResourceFactory(title="Breuken vergelijken", url=NEW, **same)
    links.link_check_record(broken.pk, dead())
    search_backend.index_documents(
        [resource_document(Resource.objects.get(pk=pk)) for pk in (broken.pk, working.pk)]
    )
    found = search_backend.search(SearchRequest(text="breuken", limit=10))
    assert found.ids == [working.pk, broken.pk]


def test_the_link_penalty_never_takes_the_multiplier_below_its_floor():
    values = {
        "downloads": 0,
        "rating_average": 0.0,
        "rating_count": 0,
        "picked": False,
        "published_at": None,
        "now": timezone.now(),
    }
    assert ranking.quality_multiplier(**values, link_state="dead") == 1.0
    assert ranking.quality_multiplier(**values, link_state="moved") == pytest.approx(1.25)


def test_a_state_change_tells_search_to_index_the_resource_again(
    resource, django_capture_on_commit_callbacks, monkeypatch
):
    changed: list[int] = []
    monkeypatch.setattr(
        links.lifecycle, "resource_changed_on_commit", lambda r, **kw: changed.append(r.pk)
    )
    links.link_check_record(resource.pk, dead())
    links.link_check_record(resource.pk, dead())
    assert changed == [resource.pk]


# --- The resource's page ---


def test_the_page_of_a_dead_link_says_so_with_the_date(client, resource):
    links.link_check_record(resource.pk, dead())
    page = client.get(
        resource.get_absolute_url(), headers={"accept-language": "en"}
    ).content.decode()
    assert "This link did not work when we checked it on" in page
    assert "Use the new address" not in page


def test_the_page_of_a_moved_link_names_the_new_address(client, resource):
    links.link_check_record(resource.pk, moved())
    page = client.get(
        resource.get_absolute_url(), headers={"accept-language": "en"}
    ).content.decode()
    assert "it had moved to" in page
    assert NEW in page
    assert "Use the new address" not in page


def test_the_page_of_a_working_link_has_no_notice(client, resource):
    links.link_check_record(resource.pk, ok())
    page = client.get(
        resource.get_absolute_url(), headers={"accept-language": "en"}
    ).content.decode()
    assert "link-notice" not in page


def test_the_contributor_takes_the_new_address_in_one_click_through_review(resource):
    links.link_check_record(resource.pk, moved())
    client = Client()
    client.force_login(resource.contributor)
    page = client.get(resource.get_absolute_url()).content.decode()
    assert "Use the new address" in page
    response = client.post(reverse("resources:link_accept_move", args=[resource.pk]))
    assert response.status_code == 302
    resource.refresh_from_db()
    # The published address stays until a moderator accepts the edit.
    assert resource.url == OLD
    assert pending_edit_values(resource)["url"] == NEW
    page = client.get(resource.get_absolute_url()).content.decode()
    assert "Your new address is waiting for a moderator." in page


def test_nobody_else_takes_the_new_address(resource):
    links.link_check_record(resource.pk, moved())
    client = Client()
    client.force_login(MemberFactory())
    response = client.post(reverse("resources:link_accept_move", args=[resource.pk]))
    assert response.status_code == 404
    assert pending_edit_values(resource) is None


def test_taking_a_new_address_of_a_link_that_did_not_move_is_a_clear_message(resource):
    links.link_check_record(resource.pk, dead())
    client = Client()
    client.force_login(resource.contributor)
    response = client.post(reverse("resources:link_accept_move", args=[resource.pk]), follow=True)
    assert response.status_code == 200
    assert "This link has not moved" in response.content.decode()
    assert pending_edit_values(resource) is None


def test_accepting_a_move_needs_a_post(resource):
    client = Client()
    client.force_login(resource.contributor)
    assert client.get(reverse("resources:link_accept_move", args=[resource.pk])).status_code == 405


# --- Lists of links to fix ---


def test_the_contributor_finds_their_links_to_fix_on_their_contributions_page(resource):
    links.link_check_record(resource.pk, dead())
    client = Client()
    client.force_login(resource.contributor)
    page = client.get(reverse("resources:mine")).content.decode()
    assert "Links to fix" in page
    assert f'id="link-{resource.pk}"' in page


def test_no_links_to_fix_no_list(resource):
    client = Client()
    client.force_login(resource.contributor)
    assert "Links to fix" not in client.get(reverse("resources:mine")).content.decode()


def test_staff_see_counts_and_the_dead_and_moved_links():
    gone = ResourceFactory(title="Verdwenen site", url=OLD)
    elsewhere = ResourceFactory(title="Verhuisde site", url="https://example.org/moved")
    fine = ResourceFactory(title="Werkende site", url="https://example.org/fine")
    ResourceFactory(title="Nog niet gecontroleerd", url="https://example.org/later")
    links.link_check_record(gone.pk, dead())
    links.link_check_record(elsewhere.pk, moved(url="https://example.org/moved"))
    links.link_check_record(fine.pk, ok(url="https://example.org/fine"))
    report = links.link_report(StaffFactory())
    assert report.counts == {"ok": 1, "moved": 1, "dead": 1}
    assert report.unchecked == 1
    assert [row.resource for row in report.dead] == [gone]
    assert [row.resource for row in report.moved] == [elsewhere]
    client = Client()
    client.force_login(StaffFactory())
    page = client.get(reverse("resources:links_report")).content.decode()
    assert "Verdwenen site" in page and "Verhuisde site" in page
    assert "Werkende site" not in page


def test_a_moderator_sees_the_links_to_fix_in_their_levels():
    lower = ResourceFactory(title="Lager onderwijs link", url=OLD, levels=["fl-lo-3"])
    upper = ResourceFactory(
        title="Secundair link", url="https://example.org/so", levels=["fl-so-1g"]
    )
    links.link_check_record(lower.pk, dead())
    links.link_check_record(upper.pk, dead(url="https://example.org/so"))
    moderator = ModeratorFactory(levels=[Level.objects.get(code="fl-lo")])
    client = Client()
    client.force_login(moderator)
    page = client.get(reverse("resources:links_report")).content.decode()
    assert "Lager onderwijs link" in page
    assert "Secundair link" not in page


def test_a_teacher_may_not_see_the_report():
    client = Client()
    client.force_login(MemberFactory())
    assert client.get(reverse("resources:links_report")).status_code == 403
    with pytest.raises(PermissionDenied):
        links.link_report(MemberFactory())


def test_a_visitor_is_sent_to_log_in():
    response = Client().get(reverse("resources:links_report"))
    assert response.status_code == 302
    assert "login" in response["Location"]


# --- A run ---


def test_a_run_checks_links_and_embeds_against_the_web(web):
    working = ResourceFactory(url=web.add("/working"))
    new = web.add("/new")
    moving = ResourceFactory(kind="embed", url=web.add("/old", 301, location=new))
    missing = ResourceFactory(url=web.add("/missing", 410))
    draft = ResourceFactory(url=web.add("/draft", 404), status=Status.DRAFT)
    call_command("links", "check", "--limit", "10")
    states = dict(LinkCheck.objects.values_list("resource_id", "state"))
    assert states == {working.pk: OK, moving.pk: MOVED, missing.pk: DEAD}
    assert draft.pk not in states


def test_a_run_checks_the_least_recently_checked_first_up_to_its_limit(web):
    now = timezone.now()
    recent = ResourceFactory(url=web.add("/recent"))
    old = ResourceFactory(url=web.add("/old"))
    never = ResourceFactory(url=web.add("/never"))
    links.link_check_record(recent.pk, ok(web.base + "/recent"), now=now - timedelta(days=8))
    links.link_check_record(old.pk, ok(web.base + "/old"), now=now - timedelta(days=30))
    assert links.links_check_run(limit=2) == {OK: 2}
    checked = dict(LinkCheck.objects.values_list("resource_id", "checked_at"))
    assert checked[never.pk] > now
    assert checked[old.pk] > now
    assert checked[recent.pk] < now


def test_links_checked_lately_are_not_due(web, settings):
    settings.LINKCHECK_EVERY_DAYS = 7
    resource = ResourceFactory(url=web.add("/page"))
    links.link_check_record(resource.pk, ok(web.base + "/page"), now=timezone.now())
    assert list(links.links_due()) == []


def test_the_command_refuses_a_limit_below_one():
    with pytest.raises(CommandError):
        call_command("links", "check", "--limit", "0")


def test_the_clocks_task_runs_a_check(web, settings):
    settings.LINKCHECK_PER_RUN = 5
    ResourceFactory(url=web.add("/page"))
    assert check_links.call() == {OK: 1}
