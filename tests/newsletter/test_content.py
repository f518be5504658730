"""What an issue holds for a member: levels and subjects matched through the hierarchy (in
both directions) and the crosswalk."""

from datetime import timedelta

import pytest
from django.utils import timezone

from staffroom.curriculum.models import Level
from staffroom.newsletter import queries
from tests.events.factories import EventFactory
from tests.factories import ResourceFactory

from .factories import DutchSubscriberFactory, IssueFactory, SubscriberFactory

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
