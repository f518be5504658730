"""A member downloads their data and deletes their account from Settings, in Chromium."""

import json
import re
import zipfile

import pytest
from django.core import mail
from tests.browser.conftest import serious_violations, verified
from tests.factories import MemberFactory, ResourceFactory

from staffroom.accounts.models import DeletionRecord, Member
from staffroom.resources.models import Resource

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"


def log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign In|Aanmelden", re.I)).click()
    page.wait_for_url(re.compile(r"/$"))


def test_a_member_downloads_their_data_and_deletes_their_account(page, tmp_path):
    member = verified(MemberFactory(email="an.peeters@example.org", name="An Peeters", town="Gent"))
    shared = ResourceFactory(contributor=member, title="Breuken in de bakkerij")
    log_in(page, member.email)

    # Settings -> Your data and your account.
    page.get_by_role("link", name="Settings").click()
    page.get_by_role("link", name="Your data and your account").click()
    page.wait_for_url(re.compile("/settings/data/"))
    assert serious_violations(page) == []
    page.get_by_role("button", name="Prepare my data").click()
    page.get_by_text("You will get a mail with a download link").wait_for()

    [message] = [m for m in mail.outbox if m.to == [member.email]]
    link = re.search(r"https?://\S+/settings/data/\S+/", message.body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    with page.expect_download() as download_info:
        page.evaluate("path => { window.location.href = path; }", path)
    saved = tmp_path / "data.zip"
    download_info.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        profile = json.loads(archive.read("profile.json"))
        resources = json.loads(archive.read("data/resources.Resource.contributor.json"))
    assert profile["name"] == "An Peeters" and profile["town"] == "Gent"
    assert [r["title"] for r in resources] == ["Breuken in de bakkerij"]

    # Delete my account: what happens is said, the password is asked.
    page.goto("/settings/data/")
    page.get_by_role("link", name="Delete my account…").click()
    page.wait_for_url(re.compile("/settings/delete/"))
    assert page.get_by_text("Former member").first.is_visible()
    assert serious_violations(page) == []
    page.get_by_label("Your password").fill("a wrong password")
    page.get_by_label("I understand that my account").check()
    page.get_by_role("button", name="Delete my account").click()
    page.get_by_text("That is not your password.", exact=True).wait_for()
    assert Member.objects.filter(pk=member.pk).exists()

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("I understand that my account").check()
    page.get_by_role("button", name="Delete my account").click()
    page.get_by_text("Your account has been deleted").wait_for()
    assert page.get_by_role("link", name="Log in").first.is_visible()

    assert not Member.objects.filter(pk=member.pk).exists()
    assert DeletionRecord.objects.get(member_number=member.pk).cause == "self"
    # What she shared stays, under "Former member".
    page.goto(shared.get_absolute_url())
    assert page.get_by_text("Former member").first.is_visible()
    assert "An Peeters" not in page.content()
    assert Resource.objects.get(pk=shared.pk).contributor.is_former_member
