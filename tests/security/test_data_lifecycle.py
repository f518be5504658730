"""The member's data from sign-up to deletion (issue 14, points 1 and 2).

Reproduces the review's findings: no export, no self-service deletion, no inactivity purge,
staff deletion of a contributor raising ProtectedError, and every profile public at a
sequential address without noindex; then holds the fixes.
"""

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from staffroom.accounts import deletion, member_data
from staffroom.accounts.deletion import (
    Cause,
    DeletionRefused,
    lifecycle_daily,
    member_delete,
)
from staffroom.accounts.export import data_exports_expire, export_from_token
from staffroom.accounts.models import (
    DataExport,
    DeletionRecord,
    Follow,
    Member,
    OrganisationMembership,
)
from staffroom.forum.models import Answer, Question
from staffroom.interop.oai.records import oai_records_rebuild
from staffroom.newsletter.models import NewsletterPreference
from staffroom.notifications.models import Notification
from staffroom.resources.models import Folder, Rating, Reply, Resource, ResourceFile, Status
from staffroom.search.documents import resource_document
from staffroom.security.models import SecurityEvent
from staffroom.site.schedule import SCHEDULE
from tests.events.factories import RegistrationFactory
from tests.factories import (
    DraftFactory,
    MemberFactory,
    ModeratorFactory,
    OrganisationFactory,
    ResourceFactory,
    ResourceFileFactory,
    StaffFactory,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
# A surname no made-up name of the factories can hold (they draw real Flemish names).
NAME, TOWN, EMAIL = "Annelies Qwertevelde", "Kortrijk", "annelies.qwertevelde@example.org"


def confirmed(member):
    EmailAddress.objects.update_or_create(
        user=member, email=member.email, defaults={"verified": True, "primary": True}
    )
    return member


def _contributor():
    return confirmed(
        MemberFactory(name=NAME, town=TOWN, email=EMAIL, bio="Juf van het 3de leerjaar")
    )


def _link(message, pattern: str) -> str:
    return re.search(rf"https?://[^\s]+{pattern}[^\s]*", message.body).group(0).split("://")[1]


def _path(url: str) -> str:
    return "/" + url.split("/", 1)[1]


# --- every relation is handled -------------------------------------------------------------


def test_every_model_that_refers_to_a_member_has_an_export_and_deletion_policy():
    relations = member_data.relations_to_member()
    # The finder sees the app models that refer to members (a sample across apps).
    for label in (
        "resources.Resource.contributor",
        "forum.Answer.author",
        "events.Registration.member",
        "newsletter.NewsletterPreference.member",
        "account.EmailAddress.user",
        "events.Event.presenters",
    ):
        assert label in relations
    assert member_data.unhandled_relations() == []


def test_a_relation_nobody_handles_fails_the_check_and_stops_deletion(monkeypatch):
    monkeypatch.setattr(
        member_data,
        "RELATIONS",
        {k: v for k, v in member_data.RELATIONS.items() if k != "events.Registration.member"},
    )
    assert member_data.unhandled_relations() == ["events.Registration.member"]
    member = MemberFactory()
    with pytest.raises(DeletionRefused):
        member_delete(member=member, cause=Cause.SELF)
    assert Member.objects.filter(pk=member.pk).exists()


# --- download my data ----------------------------------------------------------------------


@pytest.fixture
def active_member(db):
    """A member with something in every corner of the site."""
    member = _contributor()
    resource = ResourceFactory(contributor=member, kind="file", url="", title="Breukenkaart")
    ResourceFileFactory(resource=resource, content=pdf_bytes("Breukenkaart"))
    other = ResourceFactory(title="Werkblad van iemand anders")
    Rating.objects.create(resource=other, member=member, stars=4)
    Reply.objects.create(resource=other, author=member, body="Dank je, top!")
    folder = Folder.objects.create(member=member, name="Favorieten")
    folder.resources.add(other)
    Follow.objects.create(follower=member, member=MemberFactory())
    Question.objects.create(author=member, title="Hoe leer ik breuken aan?", body="Tips?")
    NewsletterPreference.objects.create(member=member, weekly=False)
    RegistrationFactory(member=member)
    Notification.objects.create(member=member, kind="resource_rated", params={"stars": 5})
    return member


def test_a_member_downloads_their_data_as_a_zip_mailed_as_a_link(
    client, active_member, django_capture_on_commit_callbacks
):
    client.force_login(active_member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:data"))
    assert response.status_code == 302
    assert SecurityEvent.objects.filter(kind="data_export", member__email=EMAIL).count() == 1
    [message] = [m for m in mail.outbox if m.to == [EMAIL]]
    link = _path(_link(message, "/settings/data/"))

    download = client.get(link)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = archive.namelist()
    profile = json.loads(archive.read("profile.json"))
    assert profile["name"] == NAME and profile["email"] == EMAIL and profile["town"] == TOWN
    assert "password" not in archive.read("profile.json").decode()

    def rows(label):
        return json.loads(archive.read(f"data/{label}.json"))

    assert [r["title"] for r in rows("resources.Resource.contributor")] == ["Breukenkaart"]
    assert [r["stars"] for r in rows("resources.Rating.member")] == [4]
    assert [r["body"] for r in rows("resources.Reply.author")] == ["Dank je, top!"]
    [folder] = rows("resources.Folder.member")
    assert folder["name"] == "Favorieten"
    assert folder["resources"] == list(
        Resource.objects.filter(title="Werkblad van iemand anders").values_list("pk", flat=True)
    )
    assert len(rows("accounts.Follow.follower")) == 1
    assert [r["title"] for r in rows("forum.Question.author")] == ["Hoe leer ik breuken aan?"]
    assert [r["weekly"] for r in rows("newsletter.NewsletterPreference.member")] == [False]
    assert len(rows("events.Registration.member")) == 1
    assert len(rows("notifications.Notification.member")) == 1
    assert [r["email"] for r in rows("account.EmailAddress.user")] == [EMAIL]
    # Every exported relation is in the zip, and the member's own file with its bytes.
    for relation in member_data.member_relations():
        if relation.export:
            assert f"data/{relation.label}.json" in names
    [stored] = [n for n in names if n.startswith("files/")]
    assert stored.endswith("/werkblad.pdf")
    [uploaded] = ResourceFile.objects.filter(resource__contributor=active_member)
    with uploaded.file.open("rb") as original:
        assert archive.read(stored) == original.read()

    # The link is the member's only: another member who gets hold of it gets nothing.
    client.force_login(MemberFactory())
    refused = client.get(link)
    assert refused.status_code == 302 and refused["Location"] == reverse("accounts:data")


def test_an_export_expires_and_the_clock_deletes_its_file(
    active_member, django_capture_on_commit_callbacks, settings
):
    from staffroom.accounts.export import data_export_request, download_token

    with django_capture_on_commit_callbacks(execute=True):
        export = data_export_request(member=active_member)
    export.refresh_from_db()
    assert export.status == DataExport.Status.READY
    assert export.expires_at - export.ready_at == timedelta(days=settings.DATA_EXPORT_DAYS)
    storage, name = export.file.storage, export.file.name
    assert storage.exists(name)
    token = download_token(export)
    assert export_from_token(token, member=active_member) == export

    # The clock, a day before and a day after the end of the period.
    assert data_exports_expire(now=export.expires_at - timedelta(days=1)) == 0
    assert storage.exists(name)
    assert data_exports_expire(now=export.expires_at + timedelta(days=1)) == 1
    export.refresh_from_db()
    assert export.status == DataExport.Status.EXPIRED
    assert not storage.exists(name)
    assert export_from_token(token, member=active_member) is None
    assert export_from_token("forged:token", member=active_member) is None


def test_a_second_request_while_one_is_prepared_is_refused_politely(client, active_member):
    DataExport.objects.create(member=active_member)
    client.force_login(active_member)
    response = client.post(reverse("accounts:data"), follow=True)
    assert response.status_code == 200
    assert "already being prepared" in response.content.decode()
    assert DataExport.objects.filter(member=active_member).count() == 1
    assert not SecurityEvent.objects.filter(kind="data_export").exists()


# --- deletion ------------------------------------------------------------------------------


def test_a_deleted_contributors_resources_stay_published_as_former_member_with_no_personal_data(
    client, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://staffroom.example.org"
    member = _contributor()
    published = ResourceFactory(contributor=member, title="Breukenkaart", author_name=NAME)
    draft = DraftFactory(contributor=member, title="Mijn kladversie")
    question = Question.objects.create(author=member, title="Hoe leer ik breuken aan?")
    answer = Answer.objects.create(question=question, author=MemberFactory(), body="Zo!")
    other = ResourceFactory(title="Werkblad van iemand anders", rating_count=1, rating_average=4)
    Rating.objects.create(resource=other, member=member, stars=4)
    Follow.objects.create(follower=MemberFactory(), member=member)

    with django_capture_on_commit_callbacks(execute=True):
        record = member_delete(member=member, cause=Cause.SELF)

    assert not Member.objects.filter(pk=member.pk).exists()
    assert not EmailAddress.objects.filter(email=EMAIL).exists()
    assert record.member_number == member.pk and record.cause == Cause.SELF
    assert NAME not in json.dumps(record.summary) and EMAIL not in record.reason
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED
    assert published.contributor.is_former_member
    assert published.author_name == ""
    assert not Resource.objects.filter(pk=draft.pk).exists()
    question.refresh_from_db()
    assert question.author.is_former_member
    assert Answer.objects.get(pk=answer.pk).author.is_former_member is False
    # The stars still count, linked to nobody.
    [rating] = Rating.objects.filter(resource=other)
    assert rating.member_id is None and rating.stars == 4
    assert not Follow.objects.filter(member_id=member.pk).exists()

    def free_of_personal_data(text: str) -> None:
        for personal in (NAME, "Qwertevelde", TOWN, EMAIL, "annelies"):
            assert personal not in text

    # The resource page.
    page = client.get(published.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "Former member" in text
    free_of_personal_data(text)
    # The API.
    api = client.get(f"/api/v1/resources/{published.pk}")
    assert api.status_code == 200
    free_of_personal_data(api.content.decode())
    assert api.json()["publisher"]["name"] == "Former member"
    # OAI-PMH, in each metadata format.
    oai_records_rebuild()
    for prefix in ("oai_dc", "lom"):
        oai = client.get(
            "/oai",
            {
                "verb": "GetRecord",
                "identifier": f"oai:staffroom.example.org:resource/{published.pk}",
                "metadataPrefix": prefix,
            },
        )
        assert oai.status_code == 200
        root = etree.fromstring(oai.content)
        assert root.find(".//{http://www.openarchives.org/OAI/2.0/}error") is None, oai.content
        free_of_personal_data(oai.content.decode())
    # The search document.
    document = resource_document(Resource.objects.get(pk=published.pk))
    free_of_personal_data(json.dumps(document, default=str))
    assert "Former member" in document["author"]
    # The forum question and the former member's page.
    forum = client.get(question.get_absolute_url())
    assert "Former member" in forum.content.decode()
    free_of_personal_data(forum.content.decode())
    former = client.get(published.contributor.get_absolute_url())
    assert former.status_code == 200
    assert '<meta name="robots" content="noindex">' in former.content.decode()


def test_a_member_may_withdraw_what_the_licence_lets_them(django_capture_on_commit_callbacks):
    member = _contributor()
    own = ResourceFactory(contributor=member, title="Eigen werkblad")
    remixed = ResourceFactory(contributor=member, title="Origineel")
    ResourceFactory(based_on=remixed, title="Bewerking door een collega")
    organisation = OrganisationFactory()
    for_partner = ResourceFactory(contributor=member, organisation=organisation, licence="arr")
    with django_capture_on_commit_callbacks(execute=True):
        record = member_delete(member=member, cause=Cause.SELF, withdraw_resources=True)
    assert not Resource.objects.filter(pk=own.pk).exists()
    assert Resource.objects.get(pk=remixed.pk).contributor.is_former_member
    kept = Resource.objects.get(pk=for_partner.pk)
    assert kept.contributor.is_former_member and kept.organisation == organisation
    assert record.summary["resources_withdrawn"] == 1
    assert record.summary["resources_kept"] == 2


def test_a_member_deletes_their_account_from_settings_with_their_password(client):
    member = _contributor()
    ResourceFactory(contributor=member, title="Breukenkaart")
    client.force_login(member)
    page = client.get(reverse("accounts:account_delete"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Former member" in text and "still counted" not in text

    wrong = client.post(
        reverse("accounts:account_delete"), {"password": "not mine", "confirm": "on"}
    )
    assert wrong.status_code == 200
    assert "That is not your password." in wrong.content.decode()
    assert Member.objects.filter(pk=member.pk).exists()
    unconfirmed = client.post(reverse("accounts:account_delete"), {"password": PASSWORD})
    assert unconfirmed.status_code == 200
    assert Member.objects.filter(pk=member.pk).exists()

    done = client.post(reverse("accounts:account_delete"), {"password": PASSWORD, "confirm": "on"})
    assert done.status_code == 302
    assert not Member.objects.filter(pk=member.pk).exists()
    assert DeletionRecord.objects.get(member_number=member.pk).cause == Cause.SELF
    # Signed out.
    assert client.get(reverse("accounts:data")).status_code == 302


def test_a_stolen_session_cannot_guess_the_password_on_the_delete_page(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "password-check": "5/15m"}
    member = _contributor()
    client.force_login(member)
    url = reverse("accounts:account_delete")
    for guess in range(6):  # five wrong passwords are allowed, the sixth is over the limit
        client.post(url, {"password": f"guess {guess}", "confirm": "on"})
    refused = client.post(url, {"password": PASSWORD, "confirm": "on"})
    assert refused.status_code == 200
    assert "Too many wrong passwords" in refused.content.decode()
    assert Member.objects.filter(pk=member.pk).exists()


def test_a_member_asks_for_their_data_a_few_times_a_day_at_most(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "data-export": "2/d"}
    member = _contributor()
    client.force_login(member)
    for _ in range(3):
        DataExport.objects.filter(member=member).update(status=DataExport.Status.READY)
        response = client.post(reverse("accounts:data"), follow=True)
    assert "several times today" in response.content.decode()
    assert DataExport.objects.filter(member=member).count() == 2


def test_a_deleted_member_is_signed_out_everywhere(client):
    from django.test import Client

    member = _contributor()
    elsewhere = Client(HTTP_ACCEPT_LANGUAGE="en")
    elsewhere.force_login(member)
    assert elsewhere.get(reverse("accounts:data")).status_code == 200  # a session in use
    client.force_login(StaffFactory())
    url = reverse("accounts:staff_member_delete", args=[member.pk])
    client.post(url, {"reason": "Asked by phone"})
    assert not Member.objects.filter(pk=member.pk).exists()
    assert elsewhere.get(reverse("accounts:data")).status_code == 302  # to the sign-in


def test_staff_cannot_delete_another_staff_account_only_a_superuser_can(client):
    colleague = StaffFactory()
    client.force_login(StaffFactory())
    url = reverse("accounts:staff_member_delete", args=[colleague.pk])
    response = client.post(url, {"reason": "Left the team"}, follow=True)
    assert "Only a superuser" in response.content.decode()
    assert Member.objects.filter(pk=colleague.pk).exists()
    client.force_login(StaffFactory(is_superuser=True))
    client.post(url, {"reason": "Left the team"})
    assert not Member.objects.filter(pk=colleague.pk).exists()


def test_staff_delete_a_contributor_with_a_reason_that_is_logged(client):
    member = _contributor()
    SecurityEvent.objects.create(kind="login", member=member, address="192.0.2.7")
    resource = ResourceFactory(contributor=member)
    staff = StaffFactory()
    url = reverse("accounts:staff_member_delete", args=[member.pk])

    client.force_login(MemberFactory())
    assert client.post(url, {"reason": "x"}).status_code == 403
    client.force_login(staff)
    assert client.get(url).status_code == 200
    missing = client.post(url, {"reason": ""})
    assert missing.status_code == 200 and Member.objects.filter(pk=member.pk).exists()
    response = client.post(url, {"reason": "Asked by mail on 3 March"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:deletions")
    record = DeletionRecord.objects.get(member_number=member.pk)
    assert record.cause == Cause.STAFF and record.deleted_by == staff
    assert record.reason == "Asked by mail on 3 March"
    assert Resource.objects.get(pk=resource.pk).contributor.is_former_member
    log = client.get(reverse("accounts:deletions")).content.decode()
    assert "Asked by mail on 3 March" in log and NAME not in log
    # And in the security event log, which outlives the account (the member's own events went
    # with it).
    assert not SecurityEvent.objects.filter(address="192.0.2.7").exists()
    event = SecurityEvent.objects.get(kind="account_deleted")
    assert event.member is None
    assert event.details == {"member_number": member.pk, "cause": "staff", "deleted_by": staff.pk}


def test_deleting_a_contributor_in_the_django_admin_raises_no_protected_error(client):
    """The finding: Member.delete() raised ProtectedError 'Resource.contributor'."""
    member = _contributor()
    resource = ResourceFactory(contributor=member)
    admin = StaffFactory(is_superuser=True)
    client.force_login(admin)
    url = reverse("admin:accounts_member_delete", args=[member.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Member.objects.filter(pk=member.pk).exists()
    assert Resource.objects.get(pk=resource.pk).contributor.is_former_member
    assert DeletionRecord.objects.get(member_number=member.pk).deleted_by == admin


def test_the_former_member_account_cannot_be_deleted_nor_log_in(client):
    member = _contributor()
    ResourceFactory(contributor=member)
    member_delete(member=member, cause=Cause.SELF)
    former = Member.objects.get(is_former_member=True)
    assert not former.is_active and not former.has_usable_password()
    with pytest.raises(DeletionRefused):
        member_delete(member=former, cause=Cause.STAFF)


# --- inactivity and unconfirmed sign-ups (fake clock: ``now`` is passed) -----------------


def _used(days_ago: int, now, **fields):
    return confirmed(MemberFactory(last_login=now - timedelta(days=days_ago), **fields))


def test_the_clock_warns_at_eleven_months_and_deletes_at_twelve(
    client, settings, django_capture_on_commit_callbacks
):
    settings.ACCOUNT_INACTIVE_WARN_DAYS = 335
    settings.ACCOUNT_INACTIVE_DELETE_DAYS = 365
    now = timezone.now()
    idle = _used(340, now, name="Idle Ida")
    keeper = _used(340, now, name="Keeper Kees")
    recent = _used(30, now)
    resource = ResourceFactory(contributor=idle)
    exempt = [
        _used(900, now, is_staff=True),
        ModeratorFactory(last_login=now - timedelta(days=900)),
        _used(900, now),
    ]
    OrganisationMembership.objects.create(organisation=OrganisationFactory(), member=exempt[2])

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = lifecycle_daily(now=now)
    assert done["warned"] == 2 and done["deleted_inactive"] == 0
    warned = {m.to[0] for m in mail.outbox}
    assert warned == {idle.email, keeper.email}
    [keeper_mail] = [m for m in mail.outbox if m.to == [keeper.email]]
    assert "keep" in keeper_mail.subject.lower() or "delete" in keeper_mail.subject.lower()
    # A second pass the next day warns nobody again.
    assert lifecycle_daily(now=now + timedelta(days=1))["warned"] == 0

    # Opening the link (as a school's mail scanner does) changes nothing; its button keeps the
    # account, no log-in needed.
    link = _path(_link(keeper_mail, "/keep-account/"))
    opened = client.get(link)
    assert opened.status_code == 200 and "your account stays" not in opened.content.decode()
    keeper.refresh_from_db()
    assert keeper.inactivity_warned_at is not None
    keep = client.post(link)
    assert keep.status_code == 200
    assert "your account stays" in keep.content.decode()
    keeper.refresh_from_db()
    assert keeper.inactivity_warned_at is None
    assert client.get("/keep-account/forged/").status_code == 400
    assert client.post("/keep-account/forged/").status_code == 400

    # Not before the notice period has passed ...
    assert lifecycle_daily(now=now + timedelta(days=29))["deleted_inactive"] == 0
    # ... then the unused account goes, as if the member deleted it; the rest stays.
    later = now + timedelta(days=31)
    done = lifecycle_daily(now=later)
    assert done["deleted_inactive"] == 1
    assert not Member.objects.filter(pk=idle.pk).exists()
    assert Resource.objects.get(pk=resource.pk).contributor.is_former_member
    assert DeletionRecord.objects.get(member_number=idle.pk).cause == Cause.INACTIVE
    for member in [keeper, recent, *exempt]:
        assert Member.objects.filter(pk=member.pk).exists()
    # Exempt accounts are never even warned.
    assert not Member.objects.filter(
        pk__in=[m.pk for m in exempt], inactivity_warned_at__isnull=False
    ).exists()


def test_a_warning_that_could_not_be_sent_does_not_count(settings, monkeypatch):
    settings.ACCOUNT_INACTIVE_WARN_DAYS = 335
    settings.ACCOUNT_INACTIVE_DELETE_DAYS = 365
    now = timezone.now()
    idle = _used(340, now)

    def mail_server_down(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(deletion, "mail_member", mail_server_down)
    assert lifecycle_daily(now=now)["warned"] == 0
    idle.refresh_from_db()
    assert idle.inactivity_warned_at is None
    # A month later, still never warned: not deleted; warned once mail works again.
    later = now + timedelta(days=31)
    assert lifecycle_daily(now=later)["deleted_inactive"] == 0
    monkeypatch.undo()
    assert lifecycle_daily(now=later)["warned"] == 1
    assert Member.objects.filter(pk=idle.pk).exists()


def test_using_the_site_cancels_a_warning(client):
    member = confirmed(MemberFactory(last_login=timezone.now() - timedelta(days=340)))
    Member.objects.filter(pk=member.pk).update(inactivity_warned_at=timezone.now())
    client.force_login(member)
    client.get(reverse("home"))
    member.refresh_from_db()
    assert member.inactivity_warned_at is None
    assert member.last_active_at.date() == timezone.now().date()


def test_unconfirmed_sign_ups_are_deleted_after_the_set_days(settings):
    settings.UNCONFIRMED_SIGNUP_DAYS = 14
    now = timezone.now() + timedelta(days=100)
    old = MemberFactory(date_joined=now - timedelta(days=15))
    EmailAddress.objects.create(user=old, email=old.email, verified=False, primary=True)
    fresh = MemberFactory(date_joined=now - timedelta(days=5))
    EmailAddress.objects.create(user=fresh, email=fresh.email, verified=False, primary=True)
    made_by_staff = MemberFactory(date_joined=now - timedelta(days=15))  # no address record
    done = lifecycle_daily(now=now)
    assert done["deleted_unconfirmed"] == 1
    assert not Member.objects.filter(pk=old.pk).exists()
    assert Member.objects.filter(pk=fresh.pk).exists()
    assert Member.objects.filter(pk=made_by_staff.pk).exists()
    assert DeletionRecord.objects.get(member_number=old.pk).cause == Cause.UNCONFIRMED


def test_the_clock_runs_the_lifecycle_daily():
    task, interval = SCHEDULE["accounts-lifecycle"]
    assert task == "staffroom.accounts.tasks.account_lifecycle" and interval == timedelta(days=1)


# --- profiles are the member's choice -------------------------------------------------------


def test_profiles_are_private_unless_the_member_opts_in(client):
    member = _contributor()
    ResourceFactory(contributor=member, title="Breukenkaart")
    url = member.get_absolute_url()
    assert not member.public_id.isdigit()
    assert str(member.pk) not in url.split("/")

    page = client.get(url).content.decode()
    assert NAME in page and "Breukenkaart" in page
    assert TOWN not in page and "Juf van het 3de leerjaar" not in page
    assert '<meta name="robots" content="noindex">' in page
    assert client.get(url)["X-Robots-Tag"] == "noindex"

    # The member opts in on their settings page.
    client.force_login(member)
    response = client.post(
        reverse("accounts:profile_edit"),
        {
            "name": NAME,
            "town": TOWN,
            "bio": "Juf van het 3de leerjaar",
            "region": "fl",
            "language": "en",
            "profile_public": "on",
        },
    )
    assert response.status_code == 302
    client.logout()
    public = client.get(url)
    assert TOWN in public.content.decode() and "Juf van het 3de leerjaar" in public.content.decode()
    assert 'content="noindex"' not in public.content.decode()
    assert "X-Robots-Tag" not in public


def test_old_sequential_profile_addresses_answer_404(client):
    member = MemberFactory(profile_public=True)
    assert client.get(f"/members/{member.pk}/").status_code == 404
    assert client.get(member.get_absolute_url()).status_code == 200


def test_an_unconfirmed_sign_up_never_has_a_public_page(client):
    member = MemberFactory(profile_public=True)
    EmailAddress.objects.create(user=member, email=member.email, verified=False, primary=True)
    assert client.get(member.get_absolute_url()).status_code == 404


def test_the_privacy_statement_is_linked_from_every_page(client):
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("accounts:privacy")}"' in home
    statement = client.get(reverse("accounts:privacy"))
    assert statement.status_code == 200
    text = statement.content.decode()
    for subject in ("Download your data", "Delete your account", "How long", "Backups"):
        assert subject.lower() in text.lower()


# --- backups ---------------------------------------------------------------------------------


def test_an_online_sqlite_backup_restores_with_every_row(tmp_path):
    import sqlite3

    from staffroom.core.backup import sqlite_backup, sqlite_restore_check

    live = tmp_path / "live.sqlite3"
    with sqlite3.connect(live) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE member (id INTEGER PRIMARY KEY, name TEXT)")
        db.executemany("INSERT INTO member (name) VALUES (?)", [(f"m{n}",) for n in range(50)])
    # Still open for writing while the backup runs, as the site would be.
    writer = sqlite3.connect(live)
    writer.execute("INSERT INTO member (name) VALUES ('late')")
    writer.commit()
    counts = sqlite_backup(live, tmp_path / "backup.sqlite3")
    writer.close()
    assert counts == {"member": 51}
    with pytest.raises(FileExistsError):
        sqlite_backup(live, tmp_path / "backup.sqlite3")
    report = sqlite_restore_check(
        tmp_path / "backup.sqlite3", tmp_path / "restored.sqlite3", counts
    )
    assert report.ok and report.integrity == "ok" and report.restored == {"member": 51}
    # A restore that lost rows is caught.
    wrong = sqlite_restore_check(
        tmp_path / "backup.sqlite3", tmp_path / "again.sqlite3", {"member": 52}
    )
    assert not wrong.ok and wrong.mismatches == {"member": (52, 51)}
