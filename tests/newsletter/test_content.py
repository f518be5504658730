"""What an issue holds for a member: levels and subjects matched through the hierarchy (in
both directions) and the crosswalk."""

from datetime import timedelta

import pytest
from django.utils import timezone

from staffroom.curriculum.models import Level
from staffroom.forum.models import Question
from staffroom.newsletter import queries
from tests.events.factories import EventFactory
from tests.factories import ResourceFactory
from tests.forum.factories import QuestionFactory

from .factories import DutchSubscriberFactory, IssueFactory, SubscriberFactory
from .helpers import parts, send

pytestmark = pytest.mark.django_db


def edition_of(member, issue):
    return queries.week_content(issue).edition(queries.profiles_of([member.pk])[member.pk])


def test_broader_terms_reach_a_teacher_and_neighbouring_ones_do_not():
    yesterday = timezone.now() - timedelta(days=1)
    broad = ResourceFactory(title="Voor heel het lager", published_at=yesterday, levels=["fl-lo"])
    own = ResourceFactory(title="Voor het 3de leerjaar", published_at=yesterday)
    ResourceFactory(title="Voor het 5de leerjaar", published_at=yesterday, levels=["fl-lo-5"])
    ResourceFactory(
        title="Van vorige maand", published_at=yesterday - timedelta(days=30), levels=["fl-lo-3"]
    )
    for_primary = EventFactory(title="Webinar voor het lager")
    for_primary.levels.set([Level.objects.get(code="fl-lo")])
    for_secondary = EventFactory(title="Webinar voor het secundair")
    for_secondary.levels.set([Level.objects.get(code="fl-so")])
    for_everyone = EventFactory(title="Webinar voor iedereen")
    issue = IssueFactory()

    flemish = SubscriberFactory()  # 3de leerjaar, wiskunde
    edition = edition_of(flemish, issue)
    assert {r.title for r in edition.resources} == {broad.title, own.title}
    assert {e.title for e in edition.webinars} == {for_primary.title, for_everyone.title}

    # Groep 5 is the crosswalk of the 3de leerjaar; po the crosswalk of the lager onderwijs.
    dutch = DutchSubscriberFactory()
    edition = edition_of(dutch, issue)
    assert own.title in {r.title for r in edition.resources}
    assert for_primary.title in {e.title for e in edition.webinars}
    assert for_secondary.title not in {e.title for e in edition.webinars}


def test_a_member_is_never_offered_their_own_resource_or_question():
    yesterday = timezone.now() - timedelta(days=1)
    contributor = SubscriberFactory(name="Els Peeters")
    colleague = SubscriberFactory()
    # The week's top resource (picked, best rated) is the contributor's own.
    top = ResourceFactory(
        title="Breuken met pizza's",
        contributor=contributor,
        published_at=yesterday,
        picked_at=yesterday,
        rating_average=5,
    )
    other = ResourceFactory(title="Breuken op de getallenlijn", published_at=yesterday)
    own_question = QuestionFactory(author=contributor, title="Breuken in het 3de leerjaar?")
    other_question = QuestionFactory(title="Hoe oefen je de tafels?")
    Question.objects.update(created_at=yesterday)
    issue = IssueFactory()

    edition = edition_of(contributor, issue)
    assert [r.title for r in edition.resources] == [other.title]
    assert [q.title for q in edition.questions] == [other_question.title]

    edition = edition_of(colleague, issue)
    assert [r.title for r in edition.resources] == [top.title, other.title]
    assert {q.title for q in edition.questions} == {own_question.title, other_question.title}


def test_the_contributors_mail_leaves_out_their_own_resource(smtp_server):
    yesterday = timezone.now() - timedelta(days=1)
    contributor = SubscriberFactory(email="els@school.be")
    colleague = SubscriberFactory(email="jan@school.be")
    ResourceFactory(title="Breuken met pizza's", contributor=contributor, published_at=yesterday)
    ResourceFactory(title="Breuken op de getallenlijn", published_at=yesterday)
    send(IssueFactory())
    [mine] = smtp_server.to(contributor.email)
    [theirs] = smtp_server.to(colleague.email)
    assert "Breuken met pizza" not in mine.as_string()
    assert "Breuken op de getallenlijn" in parts(mine)[0]
    assert "Breuken met pizza" in parts(theirs)[0]
