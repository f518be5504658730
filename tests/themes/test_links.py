"""Issue 17, point 6: the external links in themes are checked with those of resources."""

import pytest
from django.core.management import call_command

from staffroom.notifications.models import Notification
from staffroom.themes.links import THEME_LINK_BROKEN
from staffroom.themes.models import LinkState, ThemeItem
from tests.themes.factories import LinkItemFactory, SectionFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_a_run_records_the_state_of_theme_links_and_tells_the_theme_s_maker_once(web):
    section = SectionFactory(theme=ThemeFactory(title="Videobellen met je klas"))
    working = LinkItemFactory(section=section, url=web.add("/working"))
    gone = LinkItemFactory(section=section, url=web.add("/gone", 410), link_title="Oude tool")
    moving = LinkItemFactory(section=section, url=web.add("/old", 301, location=web.add("/new")))
    call_command("links", "check", "--limit", "10")
    states = dict(ThemeItem.objects.values_list("pk", "link_state"))
    assert states == {working.pk: LinkState.OK, gone.pk: LinkState.DEAD, moving.pk: LinkState.MOVED}
    maker = section.theme.created_by
    notices = Notification.objects.filter(member=maker, kind=THEME_LINK_BROKEN)
    assert notices.count() == 2
    assert any(notice.params["title"] == "Oude tool" for notice in notices)

    # Checked again while they stay so: nobody is told twice.
    ThemeItem.objects.update(link_checked_at=None)
    call_command("links", "check", "--limit", "10")
    assert notices.count() == 2


def test_the_theme_page_says_a_dead_link_may_not_work(web, client):
    section = SectionFactory()
    LinkItemFactory(section=section, url=web.add("/gone", 404), link_title="Verdwenen site")
    call_command("links", "check", "--limit", "10")
    page = client.get(section.theme.get_absolute_url(), headers={"accept-language": "en"})
    page = page.content.decode()
    assert "This link may not work" in page
