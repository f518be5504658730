"""Community moderation: members report, moderators hide with a reason or keep, hidden things
can be restored, edits keep their history, and new accounts cannot flood."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from tests.factories import MemberFactory, ModeratorFactory, ResourceFactory

from staffroom.moderation.community import content_restore, report_file, reports_resolve
from staffroom.moderation.models import Report, Revision
from staffroom.resources.feedback import reply_edit, reply_post
from staffroom.resources.models import Reply

pytestmark = pytest.mark.django_db


def _established(**kwargs):
    return MemberFactory(date_joined=timezone.now() - timedelta(days=60), **kwargs)


@pytest.fixture
def reply():
    return reply_post(
        member=_established(), resource=ResourceFactory(), body="Koop mijn cursus op spam.example"
    )


def test_a_member_reports_a_reply_once_and_not_their_own(client, reply):
    reporter = MemberFactory()
    client.force_login(reporter)
    page = reply.resource.get_absolute_url()
    response = client.post(
        reverse("moderation:report", args=["reply", reply.pk]),
        {"reason": "spam", "message": "Reclame", "next": page},
        follow=True,
    )
    assert "A moderator will look at your report." in response.content.decode()
    assert Report.objects.get().reason == "spam"
    again = client.post(
        reverse("moderation:report", args=["reply", reply.pk]),
        {"reason": "spam", "next": page},
        follow=True,
    )
    assert "already reported" in again.content.decode()
    with pytest.raises(ValidationError):
        report_file(reporter=reply.author, kind="reply", object_id=reply.pk, reason="spam")
    with pytest.raises(ValidationError):
        report_file(reporter=reporter, kind="nonsense", object_id=1, reason="spam")
    # An address elsewhere is not followed back.
    response = client.post(
        reverse("moderation:report", args=["reply", reply.pk]),
        {"reason": "spam", "next": "https://evil.example/"},
    )
    assert response.url == "/"


def test_moderators_hide_with_a_reason_the_author_reads_and_can_restore(client, reply):
    for member in MemberFactory.create_batch(2):
        report_file(reporter=member, kind="reply", object_id=reply.pk, reason="spam")
    moderator = ModeratorFactory()
    client.force_login(moderator)
    queue = client.get(reverse("moderation:reports"))
    assert [row["object_id"] for row in queue.context["rows"]] == [reply.pk]
    assert len(queue.context["rows"][0]["reports"]) == 2
    # A reason is required to hide.
    refused = client.post(
        reverse("moderation:resolve", args=["reply", reply.pk]), {"decision": "hide"}, follow=True
    )
    assert "Give the reason for hiding it" in refused.content.decode()
    client.post(
        reverse("moderation:resolve", args=["reply", reply.pk]),
        {"decision": "hide", "note": "Reclame voor een betaalde cursus"},
    )
    reply.refresh_from_db()
    assert reply.hidden_at is not None
    assert Report.objects.filter(resolved_at=None).count() == 0
    page = client.get(reply.resource.get_absolute_url()).content.decode()
    assert "Hidden by a moderator: Reclame voor een betaalde cursus" in page
    assert "spam.example" not in page
    notice = reply.author.notifications.get(kind="content_hidden")
    assert "Reclame voor een betaalde cursus" in str(notice)

    client.post(reverse("moderation:restore", args=["reply", reply.pk]))
    reply.refresh_from_db()
    assert reply.hidden_at is None


def test_keeping_closes_the_reports_and_teachers_cannot_decide(client, reply):
    report_file(reporter=MemberFactory(), kind="reply", object_id=reply.pk, reason="wrong")
    client.force_login(MemberFactory())
    assert client.get(reverse("moderation:reports")).status_code == 403
    moderator = ModeratorFactory()
    assert reports_resolve(moderator=moderator, kind="reply", object_id=reply.pk, hide=False) == 1
    reply.refresh_from_db()
    assert reply.hidden_at is None
    # Nobody decides reports of their own contribution.
    own = reply_post(member=moderator, resource=ResourceFactory(), body="Mijn eigen reactie")
    report_file(reporter=MemberFactory(), kind="reply", object_id=own.pk, reason="offensive")
    with pytest.raises(ValidationError):
        reports_resolve(moderator=moderator, kind="reply", object_id=own.pk, hide=False)


def test_a_hidden_resource_goes_offline_and_comes_back(client, django_capture_on_commit_callbacks):
    resource = ResourceFactory()
    report_file(
        reporter=MemberFactory(), kind="resource", object_id=resource.pk, reason="copyright"
    )
    with django_capture_on_commit_callbacks(execute=True):
        reports_resolve(
            moderator=ModeratorFactory(),
            kind="resource",
            object_id=resource.pk,
            hide=True,
            note="Scans uit een handboek",
        )
    resource.refresh_from_db()
    assert resource.status == "hidden"
    assert client.get(resource.get_absolute_url()).status_code == 404
    content_restore(moderator=ModeratorFactory(), kind="resource", object_id=resource.pk)
    resource.refresh_from_db()
    assert resource.status == "published"
    assert client.get(resource.get_absolute_url()).status_code == 200


def test_edits_keep_what_a_reply_said_before():
    author = _established()
    reply = reply_post(member=author, resource=ResourceFactory(), body="Eerste versie")
    reply_edit(member=author, reply=reply, body="Tweede versie")
    reply.refresh_from_db()
    assert reply.body == "Tweede versie" and reply.edited_at is not None
    assert list(Revision.objects.values_list("body", flat=True)) == ["Eerste versie"]
    with pytest.raises(ValidationError):
        reply_edit(member=MemberFactory(), reply=reply, body="Overgenomen")


def test_moderators_see_what_a_reported_post_said_before_it_was_edited(client):
    author = _established()
    reply = reply_post(member=author, resource=ResourceFactory(), body="Scheldwoorden")
    report_file(reporter=MemberFactory(), kind="reply", object_id=reply.pk, reason="offensive")
    reply_edit(member=author, reply=reply, body="Excuses, aangepast")
    client.force_login(ModeratorFactory())
    page = client.get(reverse("moderation:reports")).content.decode()
    assert "Excuses, aangepast" in page and "Scheldwoorden" in page


def test_the_author_edits_through_the_page(client):
    author = _established()
    reply = reply_post(member=author, resource=ResourceFactory(), body="Oud")
    client.force_login(author)
    url = reverse("resources:reply_edit", args=[reply.resource_id, reply.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"body": "Nieuw"})
    assert response.status_code == 302
    assert Reply.objects.get(pk=reply.pk).body == "Nieuw"
    client.force_login(MemberFactory())
    assert client.get(url).status_code == 404


def test_a_new_account_cannot_flood_and_keeps_its_text(client):
    resource = ResourceFactory()
    newcomer = MemberFactory()  # joined just now
    client.force_login(newcomer)
    for n in range(3):
        response = client.post(reverse("resources:reply", args=[resource.pk]), {"body": f"Hoi {n}"})
        assert response.status_code == 302
    response = client.post(
        reverse("resources:reply", args=[resource.pk]), {"body": "Koop nu, nog meer reclame"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "New members can post 3 times in 10 minutes." in html
    assert "Koop nu, nog meer reclame" in html
    assert Reply.objects.filter(author=newcomer).count() == 3
    # A colleague who joined long ago may post a fourth time.
    colleague = _established()
    for n in range(4):
        reply_post(member=colleague, resource=resource, body=f"Reactie {n}")
