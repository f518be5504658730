"""Retention (docs/privacy.md): once an event is long over, who registered but did not come,
and what they asked the presenters, is deleted; attendance stays (certificates need it) until
the member deletes their account."""

from datetime import timedelta

import pytest
from django.utils import timezone

from staffroom.events.models import EventQuestion, Registration, RegistrationStatus
from staffroom.events.questions import registration_question_sync
from staffroom.events.services import registrations_prune
from tests.events.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _event(ended_days_ago: int):
    ends = timezone.now() - timedelta(days=ended_days_ago)
    return EventFactory(starts_at=ends - timedelta(hours=1), ends_at=ends)


def test_registrations_of_long_past_events_keep_only_attendance(settings):
    settings.EVENT_REGISTRATION_DAYS = 365
    old, recent = _event(400), _event(30)
    came = RegistrationFactory(event=old, attended_at=old.starts_at, question="Hoe begin ik?")
    registration_question_sync(came)
    RegistrationFactory(event=old)  # confirmed, never came
    RegistrationFactory(event=old, status=RegistrationStatus.CANCELLED)
    RegistrationFactory(event=old, status=RegistrationStatus.WAITLISTED)
    kept = [RegistrationFactory(event=recent), RegistrationFactory(event=recent)]

    assert registrations_prune() == 3
    assert list(Registration.objects.filter(event=old)) == [came]
    came.refresh_from_db()
    assert came.question == ""
    assert not EventQuestion.objects.filter(registration=came).exists()
    assert set(Registration.objects.filter(event=recent)) == set(kept)
    # Nothing more to do the next day.
    assert registrations_prune() == 0


def test_the_clock_runs_it_daily():
    from staffroom.site.schedule import SCHEDULE

    task, interval = SCHEDULE["events-retention"]
    assert task == "staffroom.events.tasks.prune_registrations"
    assert interval == timedelta(days=1)
