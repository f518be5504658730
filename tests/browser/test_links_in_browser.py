"""Links that stay alive in a browser: the staff's report and a moved link's page fit a phone
with no serious axe violation, and the contributor takes the new address with one click
(no JavaScript needed: a form)."""

import pytest
from django.urls import reverse
from tests.browser.conftest import serious_violations, verified
from tests.browser.test_phone_layout import PHONE, log_in, overflowing
from tests.factories import ResourceFactory, StaffFactory

from staffroom.core.linkcheck import DEAD, MOVED, LinkOutcome
from staffroom.resources import links
from staffroom.resources.review import pending_edit_values

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OLD = "https://example.org/a-very-long-address/of-a-lesson-about-fractions-that-moved-elsewhere"
NEW = "https://example.org/lessons/fractions/comparing-fractions-with-pizza-slices-for-year-three"


def test_the_report_and_a_moved_link_fit_a_phone_and_the_new_address_takes_one_click(page):
    page.set_viewport_size(PHONE)
    moved = ResourceFactory(title="Breuken vergelijken met pizza", url=OLD)
    gone = ResourceFactory(title="Verdwenen oefensite", url="https://example.org/gone")
    links.link_check_record(
        moved.pk,
        LinkOutcome(
            MOVED,
            final_url=NEW,
            status_code=200,
            redirects=[{"url": OLD, "status": 301, "location": NEW}],
        ),
    )
    links.link_check_record(
        gone.pk, LinkOutcome(DEAD, final_url=gone.url, status_code=404, error="answered 404")
    )
    log_in(page, verified(StaffFactory()).email)
    report = reverse("resources:links_report")
    problems = overflowing(page, [report])
    page.goto(report)
    violations = [f"{report}: {found}" for found in serious_violations(page)]
    page.context.clear_cookies()

    log_in(page, verified(moved.contributor).email)
    problems += overflowing(page, [moved.get_absolute_url(), reverse("resources:mine")])
    page.goto(moved.get_absolute_url())
    violations += [f"resource page: {found}" for found in serious_violations(page)]
    assert not problems, "\n".join(problems)
    assert not violations, "\n".join(violations)

    page.get_by_role("button", name="Use the new address").click()
    page.wait_for_load_state()
    assert "waiting for a moderator" in page.content()
    assert pending_edit_values(moved)["url"] == NEW
