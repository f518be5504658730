"""Terms of use: versions staff publish, consent at sign-up, the re-consent page when a newer
version comes into effect, and the consents in the member's export and deletion."""

from datetime import timedelta

import pytest
from django.contrib.admin.sites import site as admin_site
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from tests.factories import MemberFactory, StaffFactory

from staffroom.accounts.deletion import Cause, member_delete
from staffroom.accounts.export import member_data
from staffroom.accounts.models import Member, TermsConsent, TermsVersion
from staffroom.accounts.terms import terms_consent_record, terms_in_effect, terms_model_text
from staffroom.site.demo.terms import ensure_demo_terms

pytestmark = pytest.mark.django_db

PASSWORD = "Krijtbord-en-spons-42"


@pytest.fixture(autouse=True)
def _english_pages(client):
    """Visitors' pages in English (the site's default is Dutch)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def version(label: str, days_ago: float, **fields) -> TermsVersion:
    return TermsVersion.objects.create(
        label=label,
        effective_from=timezone.now() - timedelta(days=days_ago),
        text_nl=fields.pop("text_nl", f"## Voorwaarden {label}"),
        text_en=fields.pop("text_en", f"## Terms {label}\n\nBe kind to colleagues."),
        **fields,
    )


def signup(client, **overrides):
    data = {
        "email": "leen.claes@school.be",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "name": "Leen Claes",
        "region": "fl",
        "town": "Gent",
        "language": "en",
    }
    data.update(overrides)
    return client.post(reverse("account_signup"), data)


# --- which version is in effect -----------------------------------------------------------


def test_the_version_in_effect_is_the_latest_that_started():
    assert terms_in_effect() is None
    version("2025-1", days_ago=400)
    second = version("2026-1", days_ago=10)
    version("2027-1", days_ago=-30)  # announced, not in effect yet
    assert terms_in_effect() == second


def test_the_terms_page_shows_the_version_in_effect_earlier_ones_and_the_announced_one(client):
    version("2025-1", days_ago=400, text_en="Old text")
    version("2026-1", days_ago=10, text_en="## Sharing\n\nShare your own work.")
    version("2027-1", days_ago=-30, text_en="Future text")
    page = client.get(reverse("accounts:terms")).content.decode()
    assert "<h2>Sharing</h2>" in page
    assert "Version 2026-1" in page
    assert reverse("accounts:terms_version", args=["2025-1"]) in page
    assert "A new version (2027-1) comes into effect" in page
    assert "Future text" not in page
    old = client.get(reverse("accounts:terms_version", args=["2025-1"])).content.decode()
    assert "Old text" in old and "This is an earlier version." in old
    # An announced version is not readable before its date, an unknown one is not found.
    assert client.get(reverse("accounts:terms_version", args=["2027-1"])).status_code == 404
    assert client.get(reverse("accounts:terms_version", args=["nope"])).status_code == 404


def test_the_terms_are_in_the_readers_language(client):
    version("1", days_ago=1, text_nl="Wees vriendelijk.", text_en="Be kind.")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    dutch = client.get(reverse("accounts:terms")).content.decode()
    assert "Wees vriendelijk." in dutch and "Be kind." not in dutch


def test_without_published_terms_the_page_says_so_and_sign_up_asks_nothing(client):
    page = client.get(reverse("accounts:terms"))
    assert page.status_code == 200
    assert "No terms of use have been published yet." in page.content.decode()
    assert "accept_terms" not in client.get(reverse("account_signup")).content.decode()
    assert signup(client).status_code == 302
    assert Member.objects.filter(email="leen.claes@school.be").exists()
    assert not TermsConsent.objects.exists()


def test_the_staff_text_cannot_carry_raw_html_or_script_links(client):
    version("1", days_ago=1, text_en="<script>alert(1)</script> [x](javascript:alert(1))")
    page = client.get(reverse("accounts:terms")).content.decode()
    assert "<script>alert(1)" not in page
    assert 'href="javascript:' not in page


# --- consent at sign-up ---------------------------------------------------------------------


def test_sign_up_requires_accepting_the_terms_and_links_the_version(client):
    current = version("2026-1", days_ago=5)
    form_page = client.get(reverse("account_signup")).content.decode()
    assert 'name="accept_terms"' in form_page
    assert "(version 2026-1)" in form_page
    assert f'href="{reverse("accounts:terms_version", args=["2026-1"])}"' in form_page

    refused = signup(client, terms_version=current.pk)
    assert refused.status_code == 200
    assert "Please accept the terms of use to sign up." in refused.content.decode()
    # Nothing typed is lost but the passwords (which are never sent back).
    assert 'value="Leen Claes"' in refused.content.decode()
    assert not Member.objects.filter(email="leen.claes@school.be").exists()


def test_signing_up_with_the_box_ticked_records_the_consent(client):
    current = version("2026-1", days_ago=5)
    before = timezone.now()
    assert signup(client, accept_terms="on", terms_version=current.pk).status_code == 302
    member = Member.objects.get(email="leen.claes@school.be")
    consent = TermsConsent.objects.get(member=member)
    assert consent.version == current
    assert before <= consent.accepted_at <= timezone.now()


def test_terms_published_while_signing_up_are_shown_before_they_count_as_accepted(client):
    shown = version("2026-1", days_ago=5)
    newer = version("2026-2", days_ago=0.01)
    refused = signup(client, accept_terms="on", terms_version=shown.pk)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "The terms of use changed while you were signing up. Please read version 2026-2" in page
    assert "Please accept the terms of use to sign up." not in page
    assert f'name="terms_version" value="{newer.pk}"' in page
    assert not Member.objects.filter(email="leen.claes@school.be").exists()
    assert signup(client, accept_terms="on", terms_version=newer.pk).status_code == 302
    assert TermsConsent.objects.get().version == newer


# --- re-consent when the terms change ----------------------------------------------------


@pytest.fixture
def member_under_old_terms(client):
    old = version("2025-1", days_ago=300)
    member = MemberFactory()
    terms_consent_record(member=member, version=old)
    client.force_login(member)
    return member


def test_a_member_who_accepted_the_version_in_effect_is_not_asked(client, member_under_old_terms):
    assert client.get(reverse("home")).status_code == 200


def test_a_newer_version_in_effect_is_asked_for_before_other_pages(client, member_under_old_terms):
    new = version("2026-1", days_ago=0.01, changes_en="We added a section on **webinars**.")
    response = client.get(reverse("resources:browse") + "?q=breuken")
    accept_url = reverse("accounts:terms_accept")
    assert response.status_code == 302
    assert response["Location"].startswith(accept_url + "?next=")
    page = client.get(response["Location"]).content.decode()
    assert "The terms of use changed: version 2026-1" in page
    assert "<strong>webinars</strong>" in page
    assert reverse("accounts:terms_decline") in page

    accepted = client.post(
        accept_url, {"version": new.pk, "next": reverse("resources:browse") + "?q=breuken"}
    )
    assert accepted.status_code == 302
    assert accepted["Location"] == reverse("resources:browse") + "?q=breuken"
    assert TermsConsent.objects.filter(member=member_under_old_terms, version=new).exists()
    assert client.get(reverse("home")).status_code == 200


def test_accepting_a_version_that_was_replaced_meanwhile_records_nothing(
    client, member_under_old_terms
):
    read = version("2026-1", days_ago=1)
    newest = version("2026-2", days_ago=0.01)
    response = client.post(reverse("accounts:terms_accept"), {"version": read.pk, "next": "/"})
    assert response.status_code == 200
    assert "changed while you were reading" in response.content.decode()
    assert "version 2026-2" in response.content.decode()
    assert (
        not TermsConsent.objects.filter(member=member_under_old_terms)
        .exclude(version__label="2025-1")
        .exists()
    )
    assert newest.consents.count() == 0


def test_the_next_address_after_accepting_stays_on_this_site(client, member_under_old_terms):
    new = version("2026-1", days_ago=1)
    response = client.post(
        reverse("accounts:terms_accept"), {"version": new.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    "url_name",
    [
        "accounts:terms",
        "accounts:terms_decline",
        "accounts:privacy",
        "accounts:data",
        "accounts:account_delete",
        "accessibility",
        "contact",
        "account_email",
    ],
)
def test_pages_to_read_the_terms_or_leave_stay_open(client, member_under_old_terms, url_name):
    version("2026-1", days_ago=1)
    assert client.get(reverse(url_name)).status_code == 200


def test_logging_out_a_sent_form_a_fragment_and_the_api_are_not_stopped(
    client, member_under_old_terms
):
    version("2026-1", days_ago=1)
    # A form sent goes through (what was typed is not lost); the next page asks.
    saved = client.post(
        reverse("accounts:profile_edit"),
        {"name": "Nieuwe Naam", "region": "fl", "language": "en", "notification_mail": "daily"},
    )
    assert saved["Location"] != reverse("accounts:terms_accept")
    member_under_old_terms.refresh_from_db()
    assert member_under_old_terms.name == "Nieuwe Naam"
    fragment = client.get(reverse("resources:browse"), HTTP_X_REQUESTED_WITH="fetch")
    assert fragment.status_code == 200
    assert client.get("/api/v1/openapi.json").status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 200  # a visitor is never asked


@pytest.fixture
def member_who_never_accepted(client):
    """Joined before staff published any terms: no consent at all."""
    member = MemberFactory(name="Oude Naam")
    client.force_login(member)
    version("1", days_ago=1)
    return member


PROFILE = {"name": "Nieuwe Naam", "region": "fl", "language": "en", "notification_mail": "daily"}


def test_a_member_who_never_accepted_cannot_post_before_accepting(
    client, member_who_never_accepted
):
    """Letting a form through keeps text typed before the terms changed; a member who never
    accepted any version had no terms to keep to, so their post waits for the acceptance."""
    form_page = reverse("accounts:profile_edit")
    response = client.post(form_page, PROFILE, HTTP_REFERER=f"http://testserver{form_page}")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Accept the terms of use before you post" in page
    assert "please read and accept the terms of use (version 1)" in page
    assert f'name="next" value="{form_page}"' in page  # back to the form once accepted
    member_who_never_accepted.refresh_from_db()
    assert member_who_never_accepted.name == "Oude Naam"
    # A forum question is not posted either.
    from staffroom.forum.models import Question

    client.post(reverse("forum:ask"), {"title": "Hoe leer je breuken aan met pizza?"})
    assert not Question.objects.exists()
    # A referrer elsewhere is not where accepting leads.
    elsewhere = client.post(form_page, PROFILE, HTTP_REFERER="https://evil.example/")
    assert 'name="next" value="/"' in elsewhere.content.decode()


def test_a_member_who_never_accepted_gets_no_fragments_but_can_still_leave(
    client, member_who_never_accepted
):
    fragment = client.get(reverse("resources:browse"), HTTP_X_REQUESTED_WITH="fetch")
    assert fragment.status_code == 302
    assert fragment["Location"].startswith(reverse("accounts:terms_accept") + "?next=")
    # What lets them read, leave or take their data stays open, and the API (its tokens
    # are for programs) is not asked.
    assert client.get(reverse("accounts:data")).status_code == 200
    assert client.get("/api/v1/openapi.json").status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302


def test_a_member_who_never_accepted_can_post_once_they_accepted(client, member_who_never_accepted):
    accept = client.post(
        reverse("accounts:terms_accept"),
        {"version": terms_in_effect().pk, "next": reverse("accounts:profile_edit")},
    )
    assert accept["Location"] == reverse("accounts:profile_edit")
    client.post(reverse("accounts:profile_edit"), PROFILE)
    member_who_never_accepted.refresh_from_db()
    assert member_who_never_accepted.name == "Nieuwe Naam"


def test_open_pages_are_matched_by_their_namespaced_name(member_under_old_terms):
    """A page named "data" or "contact" in another app is not one of the open pages."""
    from django.urls import ResolverMatch

    from staffroom.accounts.middleware import TermsConsentMiddleware

    version("2026-1", days_ago=1)
    middleware = TermsConsentMiddleware(lambda request: None)

    def asked(url_name: str, namespaces: list[str]) -> bool:
        request = RequestFactory().get("/somewhere/")
        request.user = member_under_old_terms
        request.resolver_match = ResolverMatch(
            lambda request: None, (), {}, url_name=url_name, namespaces=namespaces
        )
        return middleware.process_view(request, None, (), {}) is not None

    assert asked("data", ["resources"]) and asked("contact", ["events"])
    assert asked("account_delete", ["forum"]) and asked("terms", [])
    assert not asked("data", ["accounts"]) and not asked("contact", [])
    assert not asked("account_email", []) and not asked("mfa_index", [])


def test_declining_offers_the_data_the_deletion_and_logging_out(client, member_under_old_terms):
    version("2026-1", days_ago=1)
    page = client.get(reverse("accounts:terms_decline")).content.decode()
    for url in (
        reverse("accounts:data"),
        reverse("accounts:account_delete"),
        reverse("account_logout"),
        reverse("accounts:terms_accept"),
    ):
        assert url in page
    assert Member.objects.filter(pk=member_under_old_terms.pk, is_active=True).exists()


def test_a_member_without_any_consent_is_asked_for_the_first_version(client):
    member = MemberFactory()
    client.force_login(member)
    version("1", days_ago=1)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "please read and accept the terms of use (version 1)" in page


# --- the member's data ----------------------------------------------------------------------


def test_consents_are_in_the_export_and_go_with_the_account():
    first = version("2025-1", days_ago=300)
    member = MemberFactory()
    consent = terms_consent_record(member=member, version=first)
    assert terms_consent_record(member=member, version=first) == consent  # once
    [row] = member_data(member)["accounts.TermsConsent.member"]
    assert row["version"] == first.pk and row["accepted_at"] == consent.accepted_at
    member_delete(member=member, cause=Cause.SELF)
    assert not TermsConsent.objects.exists()
    assert TermsVersion.objects.filter(pk=first.pk).exists()


# --- staff maintain the versions in the admin --------------------------------------------


def test_a_new_version_in_the_admin_starts_from_the_model_terms_and_a_version_in_effect_is_fixed():
    staff = StaffFactory(is_superuser=True)
    request = RequestFactory().get("/admin/")
    request.user = staff
    model_admin = admin_site._registry[TermsVersion]
    initial = model_admin.get_changeform_initial_data(request)
    assert initial["text_nl"] == terms_model_text("nl")
    assert "## 4. Licences" in initial["text_en"]
    in_effect = version("1", days_ago=1)
    announced = version("2", days_ago=-10)
    assert "text_en" in model_admin.get_readonly_fields(request, in_effect)
    assert not model_admin.has_delete_permission(request, in_effect)
    assert model_admin.get_readonly_fields(request, announced) == []
    assert model_admin.has_delete_permission(request, announced)
    # The next version starts from the text in effect.
    assert model_admin.get_changeform_initial_data(request)["text_en"] == in_effect.text_en


def test_the_admin_add_page_opens(client):
    client.force_login(StaffFactory(is_superuser=True))
    assert client.get(reverse("admin:accounts_termsversion_add")).status_code == 200


# --- the demo -------------------------------------------------------------------------------


def test_the_demo_members_have_accepted_the_demo_terms(client):
    members = [MemberFactory(), MemberFactory()]
    demo_version = ensure_demo_terms(Member.objects.filter(pk__in=[m.pk for m in members]))
    assert demo_version.label == "1" and terms_in_effect() == demo_version
    assert demo_version.consents.count() == 2
    ensure_demo_terms(Member.objects.filter(pk__in=[m.pk for m in members]))  # again: no change
    assert demo_version.consents.count() == 2
    client.force_login(members[0])
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize("label", ["accept", "decline", "2027 1", "2027/1", "-1", ""])
def test_a_label_is_a_short_name_with_a_digit_that_fits_in_the_address(label):
    from django.core.exceptions import ValidationError

    draft = TermsVersion(
        label=label, effective_from=timezone.now(), text_nl="Tekst", text_en="Text"
    )
    with pytest.raises(ValidationError) as refused:
        draft.full_clean()
    assert "label" in refused.value.message_dict


def test_usual_labels_are_fine():
    for label in ("1", "2027-1", "v2.1"):
        TermsVersion(
            label=label, effective_from=timezone.now(), text_nl="Tekst", text_en="Text"
        ).full_clean()


# --- one module holds the consents' reads and writes ---------------------------------------


def test_a_members_consent_to_a_version_and_recording_many_at_once():
    from staffroom.accounts.terms import member_consent, terms_consents_record

    first = version("2025-1", days_ago=300)
    member, other, third = MemberFactory(), MemberFactory(), MemberFactory()
    assert member_consent(member, first) is None
    recorded = terms_consent_record(member=member, version=first)
    assert member_consent(member, first) == recorded
    assert member_consent(other, first) is None
    # Many at once (the demo): those who had accepted keep their first moment.
    assert terms_consents_record(members=[member, other, third], version=first) == 2
    assert first.consents.count() == 3
    assert member_consent(member, first).accepted_at == recorded.accepted_at
    assert terms_consents_record(members=[member, other], version=first) == 0


def test_consents_are_read_and_written_only_in_the_terms_module():
    """accounts.terms says it holds this lifecycle's reads and writes: no view or demo
    queries or makes consents itself."""
    from pathlib import Path

    import staffroom

    root = Path(staffroom.__file__).parent
    allowed = {root / "accounts" / "terms.py", root / "accounts" / "models.py"}
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path not in allowed
        and "migrations" not in path.parts
        and ("TermsConsent.objects" in (text := path.read_text()) or "TermsConsent(" in text)
    ]
    assert offenders == []
