"""The trust pages: the footer's links, the accessibility statement, the contact form (mail,
limits, bad input, a mail server that is away), the privacy statement's configured values and
the sitemap."""

import re
import smtplib
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse
from tests.factories import MemberFactory

from staffroom.accounts.privacy import fill_in, privacy_values

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_pages(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def test_every_page_has_a_footer_navigation_with_the_trust_pages(client):
    page = client.get(reverse("home")).content.decode()
    footer = page[page.index('<nav class="footer-nav" aria-label="Footer">') :]
    footer = footer[: footer.index("</nav>")]
    for name in ("accounts:privacy", "accessibility", "accounts:terms", "contact"):
        assert f'href="{reverse(name)}"' in footer
    assert f'href="{reverse("help_search")}"' in footer
    assert f'href="{reverse("insight:stats")}"' in footer
    assert footer.count("<li>") == 9


# --- accessibility statement -------------------------------------------------------------


def test_the_accessibility_statement_follows_the_model_with_configured_dates(client, settings):
    settings.ACCESSIBILITY_STATEMENT_PREPARED = date(2026, 3, 2)
    settings.ACCESSIBILITY_STATEMENT_REVIEWED = date(2026, 11, 30)
    settings.ACCESSIBILITY_CHECKED_PAGES = 41
    settings.SITE_OPERATOR_NAME = "Vzw Klasbord"
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vzw Klasbord wants Staffroom to be accessible" in page
    assert "partially compliant with the Web Content Accessibility Guidelines (WCAG) 2.1" in page
    assert "Files that members upload" in page
    assert "BigBlueButton" in page and "harvested from other educational repositories" in page
    assert "prepared on March 2, 2026" in page and "last reviewed on Nov. 30, 2026" in page
    assert "axe-core on 41 pages" in page
    # What was checked with the keyboard is what the browser tests do, nothing more.
    assert "tried by hand" not in page
    assert "use the keyboard alone on a few journeys: the menu, the search filters" in page
    assert f"{reverse('contact')}?subject=accessibility" in page
    assert "Vlaamse Ombudsdienst" in page


# --- contact form ---------------------------------------------------------------------------


def message(**overrides):
    data = {
        "name": "Ruth Peeters",
        "email": "ruth@school.be",
        "subject": "question",
        "message": "Kan ik een map delen met mijn vakgroep?",
    }
    data.update(overrides)
    return data


def test_the_contact_page_names_the_operator_and_the_contacts(client, settings):
    settings.SITE_OPERATOR_NAME = "Vzw Klasbord"
    settings.SITE_OPERATOR_ADDRESS = "Schoolstraat 1, 9000 Gent"
    settings.CONTACT_EMAIL = "hallo@klasbord.example"
    settings.DATA_PROTECTION_CONTACT = "dpo@klasbord.example"
    page = client.get(reverse("contact")).content.decode()
    for text in ("Vzw Klasbord", "Schoolstraat 1, 9000 Gent", "hallo@klasbord.example"):
        assert text in page
    assert 'href="mailto:dpo@klasbord.example"' in page
    assert 'name="name"' in page and 'value="' not in page.split('name="name"')[1][:60]


def test_a_members_name_and_address_are_filled_in_and_a_subject_can_be_chosen_by_link(client):
    member = MemberFactory(name="Jonas Maes", email="jonas@school.be")
    client.force_login(member)
    page = client.get(reverse("contact") + "?subject=accessibility").content.decode()
    assert 'value="Jonas Maes"' in page and 'value="jonas@school.be"' in page
    assert re.search(r'<option value="accessibility" selected>', page)
    unknown = client.get(reverse("contact") + "?subject=<script>").content.decode()
    assert "<script>" not in unknown.split("<main", 1)[1].split("</main>")[0]


def test_a_message_is_mailed_to_the_contact_address(client, settings):
    settings.CONTACT_EMAIL = "hallo@klasbord.example"
    response = client.post(reverse("contact"), message(), follow=True)
    assert response.redirect_chain[-1][0] == reverse("contact")
    assert "Thank you, your message was sent. We answer at ruth@school.be." in (
        response.content.decode()
    )
    [sent] = mail.outbox
    assert sent.to == ["hallo@klasbord.example"]
    assert "Ruth Peeters" in sent.subject
    assert "ruth@school.be" in sent.body
    assert "Kan ik een map delen met mijn vakgroep?" in sent.body
    assert "Not logged in" in sent.body or "Niet aangemeld" in sent.body


def test_the_contact_mail_keeps_quotes_and_ampersands_and_answers_go_to_the_sender(
    client, settings
):
    """A mail is plain text: "O'Brien" stays O'Brien (not an HTML entity), and staff's reply
    goes to the sender, not to the site's own address."""
    settings.CONTACT_EMAIL = "hallo@klasbord.example"
    client.post(
        reverse("contact"),
        message(name="Seán O'Brien & co", message='"Breuken" & <kommagetallen>'),
    )
    [sent] = mail.outbox
    assert "Seán O'Brien & co" in sent.subject
    assert "&#x27;" not in sent.subject and "&amp;" not in sent.subject
    assert "Seán O'Brien & co" in sent.body and '"Breuken" & <kommagetallen>' in sent.body
    assert sent.reply_to == ["ruth@school.be"]
    assert sent.from_email == settings.DEFAULT_FROM_EMAIL


def test_a_privacy_request_also_goes_to_the_data_protection_contact(client, settings):
    settings.CONTACT_EMAIL = "hallo@klasbord.example"
    settings.DATA_PROTECTION_CONTACT = "dpo@klasbord.example"
    client.force_login(MemberFactory())
    client.post(reverse("contact"), message(subject="privacy"))
    assert sorted(address for sent in mail.outbox for address in sent.to) == [
        "dpo@klasbord.example",
        "hallo@klasbord.example",
    ]


@pytest.mark.parametrize(
    "bad",
    [
        {"email": "geen adres"},
        {"message": ""},
        {"subject": "spam"},
        {"message": "x" * 5001},
        {"name": ""},
    ],
)
def test_bad_input_is_refused_with_a_message_and_keeps_what_was_typed(client, bad):
    response = client.post(reverse("contact"), message(**bad))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' in page
    kept = message(**bad)
    if kept["name"]:
        assert f'value="{kept["name"]}"' in page
    if kept["message"] and len(kept["message"]) < 100:
        assert kept["message"] in page
    assert not mail.outbox


def test_many_messages_in_a_short_time_are_refused_keeping_the_text(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "contact": "2/h"}
    for _ in range(2):
        assert client.post(reverse("contact"), message()).status_code == 302
    refused = client.post(reverse("contact"), message(message="Nog een vraag over mappen."))
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "You sent several messages in a short time" in page
    assert "Nog een vraag over mappen." in page
    assert len(mail.outbox) == 2


def test_a_mail_server_that_is_away_is_a_message_not_an_error(client, monkeypatch, settings):
    settings.CONTACT_EMAIL = "hallo@klasbord.example"

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    response = client.post(reverse("contact"), message())
    assert response.status_code == 503
    page = response.content.decode()
    assert "could not be sent just now" in page and "hallo@klasbord.example" in page
    assert "Kan ik een map delen met mijn vakgroep?" in page


def test_the_contact_page_answers_only_get_and_post(client):
    assert client.put(reverse("contact")).status_code == 405


# --- privacy statement -------------------------------------------------------------------


def test_the_privacy_statement_shows_the_configured_periods_and_contact(client, settings):
    settings.DATA_EXPORT_DAYS = 9
    settings.ACCOUNT_INACTIVE_WARN_DAYS = 700
    settings.ACCOUNT_INACTIVE_DELETE_DAYS = 730
    settings.DATA_PROTECTION_CONTACT = "dpo@klasbord.example"
    page = client.get(reverse("accounts:privacy")).content.decode()
    assert "the file and its link are deleted after 9 days" in page
    assert "warned by mail after 700 days" in page and "deleted after 730 days" in page
    assert "never sooner than 30 days after the warning" in page
    assert "dpo@klasbord.example" in page
    assert "Vlaamse Toezichtcommissie" in page and "Autoriteit Persoonsgegevens" in page
    assert "terms of use" in page
    assert "{{" not in page
    # The notes for operators at the top of the file are not for members.
    assert "Operators: adjust" not in page


def test_only_the_named_values_are_filled_in(settings):
    settings.SECRET_KEY = "do-not-show-this"
    text = fill_in(
        "{{ DATA_EXPORT_DAYS }} / {{ SECRET_KEY }} / {{UNCONFIRMED_SIGNUP_DAYS}}",
        {**privacy_values()},
    )
    assert text == f"{settings.DATA_EXPORT_DAYS} / {{{{ SECRET_KEY }}}} / " + str(
        settings.UNCONFIRMED_SIGNUP_DAYS
    )


def test_a_dutch_statement_beside_the_file_is_shown_in_dutch(client, settings, tmp_path):
    english = tmp_path / "privacy.md"
    english.write_text("We keep exports {{ DATA_EXPORT_DAYS }} days.", encoding="utf-8")
    (tmp_path / "privacy.nl.md").write_text(
        "We bewaren downloads {{ DATA_EXPORT_DAYS }} dagen.", encoding="utf-8"
    )
    settings.PRIVACY_STATEMENT_FILE = str(english)
    settings.DATA_EXPORT_DAYS = 5
    assert "We keep exports 5 days." in client.get(reverse("accounts:privacy")).content.decode()
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    assert "We bewaren downloads 5 dagen." in (
        client.get(reverse("accounts:privacy")).content.decode()
    )


# --- sitemap -----------------------------------------------------------------------------


def test_the_sitemap_lists_the_trust_pages(client, settings):
    body = client.get(reverse("sitemap_section", kwargs={"section": "pages"})).content.decode()
    for name in ("accounts:privacy", "accessibility", "accounts:terms", "contact"):
        assert f"<loc>{settings.SITE_URL}{reverse(name)}</loc>" in body


def test_the_projects_statement_in_dutch_has_the_same_values(client, settings):
    settings.DATA_EXPORT_DAYS = 9
    settings.DATA_PROTECTION_CONTACT = "dpo@klasbord.example"
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    page = client.get(reverse("accounts:privacy")).content.decode()
    assert "<h1>Privacyverklaring</h1>" in page
    assert "worden na 9 dagen verwijderd" in page and "dpo@klasbord.example" in page
    assert "{{" not in page and "operator" not in page.split("<main", 1)[1]


def test_the_deployment_check_warns_about_contact_addresses_that_reach_nobody(settings):
    from staffroom.accounts.checks import contact_addresses_are_real

    settings.CONTACT_EMAIL = "contact@staffroom.invalid"
    settings.DATA_PROTECTION_CONTACT = "dpo@klasbord.example"
    [warning] = contact_addresses_are_real(None)
    assert warning.id == "staffroom.accounts.W001" and "CONTACT_EMAIL" in warning.msg
    settings.CONTACT_EMAIL = "hallo@klasbord.example"
    assert contact_addresses_are_real(None) == []


def test_the_deployment_check_warns_while_the_accessibility_statement_has_the_demos_dates(
    settings,
):
    """The statement's dates and page count default to the demo's: a deployment that keeps
    them claims a review it never did."""
    from staffroom.accounts.checks import accessibility_statement_is_dated

    names = [
        "ACCESSIBILITY_STATEMENT_PREPARED",
        "ACCESSIBILITY_STATEMENT_REVIEWED",
        "ACCESSIBILITY_CHECKED_PAGES",
    ]
    settings.ACCESSIBILITY_STATEMENT_UNSET = names
    [warning] = accessibility_statement_is_dated(None)
    assert warning.id == "staffroom.accounts.W003"
    assert all(name in warning.msg for name in names)
    settings.ACCESSIBILITY_STATEMENT_UNSET = ["ACCESSIBILITY_CHECKED_PAGES"]
    [warning] = accessibility_statement_is_dated(None)
    assert "ACCESSIBILITY_CHECKED_PAGES" in warning.msg and "PREPARED" not in warning.msg
    settings.ACCESSIBILITY_STATEMENT_UNSET = []
    assert accessibility_statement_is_dated(None) == []


def test_settings_tell_which_statement_values_the_environment_gave(monkeypatch):
    import importlib

    import staffroom.settings as production_settings

    monkeypatch.setenv("STAFFROOM_DEBUG", "1")
    monkeypatch.setenv("ACCESSIBILITY_STATEMENT_PREPARED", "2027-01-15")
    monkeypatch.delenv("ACCESSIBILITY_STATEMENT_REVIEWED", raising=False)
    monkeypatch.delenv("ACCESSIBILITY_CHECKED_PAGES", raising=False)
    reloaded = importlib.reload(production_settings)
    try:
        assert reloaded.ACCESSIBILITY_STATEMENT_UNSET == [
            "ACCESSIBILITY_STATEMENT_REVIEWED",
            "ACCESSIBILITY_CHECKED_PAGES",
        ]
    finally:
        monkeypatch.undo()
        importlib.reload(production_settings)


def test_the_deployment_checks_are_registered_for_check_deploy():
    from django.core.checks import registry

    deploy = {
        check.__name__ for check in registry.registry.get_checks(include_deployment_checks=True)
    }
    assert {"contact_addresses_are_real", "accessibility_statement_is_dated"} <= deploy
