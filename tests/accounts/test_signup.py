"""Signing up with email verification, logging in, and resetting a password (allauth views)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.hashers import check_password, make_password
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from tests.factories import MemberFactory

import staffroom.settings as production_settings
from staffroom.accounts.models import Member

pytestmark = pytest.mark.django_db

PASSWORD = "Krijtbord-en-spons-42"


def _signup(client, **overrides):
    data = {
        "email": "Leen.Claes@School.be",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "name": "Leen Claes",
        "region": "nl",
        "town": "Maastricht",
        "language": "en",
    }
    data.update(overrides)
    return client.post(reverse("account_signup"), data)


def _link(body: str) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", body).group(1)


def test_signing_up_saves_the_profile_and_sends_a_verification_mail(client):
    response = _signup(client)
    assert response.status_code == 302
    member = Member.objects.get()
    assert member.email == "Leen.Claes@school.be".lower() or member.email.lower() == (
        "leen.claes@school.be"
    )
    assert (member.name, member.region, member.town, member.language) == (
        "Leen Claes",
        "nl",
        "Maastricht",
        "en",
    )
    assert not member.is_moderator
    assert not member.is_staff
    assert member.check_password(PASSWORD)
    address = EmailAddress.objects.get(user=member)
    assert not address.verified
    [verification] = mail.outbox
    assert verification.to == [member.email]
    assert "/accounts/confirm-email/" in verification.body
    # Not logged in before the address is confirmed.
    assert SESSION_KEY not in client.session


def test_confirming_the_address_from_the_mail_logs_the_member_in(client):
    _signup(client)
    confirm = _link(mail.outbox[0].body)
    assert client.get(confirm).status_code == 200  # a page with a button, nothing changes yet
    assert not EmailAddress.objects.get().verified
    response = client.post(confirm)
    assert response.status_code == 302
    assert EmailAddress.objects.get().verified
    member = Member.objects.get()
    assert client.session[SESSION_KEY] == str(member.pk)
    assert client.get(reverse("resources:mine")).status_code == 200


def test_logging_in_before_verification_resends_the_mail_instead(client):
    _signup(client)
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "leen.claes@school.be", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert SESSION_KEY not in client.session


def test_a_verified_member_logs_in_with_their_email(client):
    member = MemberFactory(email="piet@example.org")
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    response = client.post(
        reverse("account_login"),
        {"login": "piet@example.org", "password": "correct horse battery"},
    )
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(member.pk)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": ""}, "name"),
        ({"region": "be"}, "region"),
        ({"language": "xx"}, "language"),
        ({"password2": "iets anders"}, "password2"),
        ({"email": "geen-adres"}, "email"),
        ({"password1": "123", "password2": "123"}, "password1"),
    ],
)
def test_invalid_sign_up_data_is_a_form_error_and_creates_nobody(client, overrides, field):
    response = _signup(client, **overrides)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Member.objects.exists()
    assert mail.outbox == []


def test_an_address_already_in_use_does_not_create_a_second_member(client):
    MemberFactory(email="leen.claes@school.be")
    _signup(client)
    assert Member.objects.count() == 1


def test_a_password_reset_mail_leads_to_a_new_password(client):
    member = MemberFactory(email="piet@example.org")
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    response = client.post(reverse("account_reset_password"), {"email": "piet@example.org"})
    assert response.status_code == 302
    [reset] = mail.outbox
    assert reset.to == ["piet@example.org"]
    assert reset.subject.startswith("[Staffroom] ")
    link = _link(reset.body)
    assert "/accounts/password/reset/key/" in link
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    response = client.post(
        set_password, {"password1": "Nieuw-wachtwoord-77", "password2": "Nieuw-wachtwoord-77"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("Nieuw-wachtwoord-77")


def test_a_reset_for_an_unknown_address_reveals_nothing(client):
    response = client.post(reverse("account_reset_password"), {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert all("/accounts/password/reset/key/" not in m.body for m in mail.outbox)


def test_production_hashes_passwords_with_argon2_first():
    # tests/settings.py swaps in a fast hasher; the project's own settings decide production.
    assert production_settings.PASSWORD_HASHERS[0] == (
        "django.contrib.auth.hashers.Argon2PasswordHasher"
    )
    with override_settings(PASSWORD_HASHERS=production_settings.PASSWORD_HASHERS):
        hashed = make_password(PASSWORD)
        assert hashed.startswith("argon2$argon2id$")
        assert check_password(PASSWORD, hashed)


def test_account_mail_is_sent_in_the_members_language(client):
    from django.utils import translation

    with translation.override("nl"):
        dutch = translation.gettext("Please Confirm Your Email Address")
    with translation.override("en"):
        english = translation.gettext("Please Confirm Your Email Address")
    assert dutch != english
    # The visitor's browser asks for English; the member chose Dutch.
    client.post(
        reverse("account_signup"),
        {
            "email": "an@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "name": "An",
            "region": "fl",
            "language": "nl",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert dutch in mail.outbox[0].subject


@pytest.mark.parametrize(
    ("accept_language", "region", "language"),
    [
        ("nl-NL,nl;q=0.9", "nl", "nl"),
        ("nl-BE,nl;q=0.9", "fl", "nl"),
        ("en-NL,en;q=0.9", "nl", "en"),
    ],
)
def test_the_sign_up_form_starts_from_the_visitors_region_and_language(
    client, accept_language, region, language
):
    page = client.get(reverse("account_signup"), HTTP_ACCEPT_LANGUAGE=accept_language)
    form = page.context["form"]
    assert form["region"].value() == region
    assert form["language"].value() == language
