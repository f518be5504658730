"""Following in a real browser: the buttons on a profile and on the browse page (after live
filtering), the feed, what one follows and the mail setting, each page checked with axe."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from tests.browser.conftest import serious_violations, verified
from tests.factories import MemberFactory, ResourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"


def test_a_teacher_follows_a_colleague_and_a_subject_and_reads_the_feed(page):
    teacher = verified(MemberFactory(email="volger@example.org", language="en"))
    colleague = MemberFactory(name="Ann Peeters")
    now = timezone.now()
    by_colleague = ResourceFactory(
        contributor=colleague, title="Breuken met pizza", published_at=now - timedelta(days=2)
    )
    in_biology = ResourceFactory(
        title="Fotosynthese in de klas", subjects=["fl-bio"], published_at=now - timedelta(days=1)
    )

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(teacher.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign In", re.I)).click()
    page.wait_for_url(re.compile(r"/$"))

    page.goto(colleague.get_absolute_url())
    assert serious_violations(page) == []
    page.get_by_role("button", name="Follow Ann Peeters").click()
    page.get_by_role("button", name="Unfollow Ann Peeters").wait_for()
    assert "1 follower" in page.locator(".follow-row").inner_text()

    # Live filtering on a subject brings the button with the results.
    page.goto("/resources/")
    page.get_by_label("Subject").select_option("fl-natw")
    button = page.get_by_role("button", name="Follow Natural sciences")
    button.click()
    page.get_by_role("button", name="Unfollow Natural sciences").wait_for()
    assert "subject=fl-natw" in page.url and "fragment" not in page.url

    page.get_by_role("link", name="My feed").click()
    cards = page.locator(".cards .card h3")
    assert [text.strip() for text in cards.all_inner_texts()] == [
        in_biology.title,
        by_colleague.title,
    ]
    assert serious_violations(page) == []

    page.get_by_role("link", name="What I follow").click()
    assert "Ann Peeters" in page.locator("main").inner_text()
    assert serious_violations(page) == []

    page.goto("/profile/")
    page.get_by_label("Never").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile("/profile/"))
    teacher.refresh_from_db()
    assert teacher.notification_mail == "never"
    assert serious_violations(page) == []
