"""Use-cases of events: creating, submitting and publishing them, registering with a
waitlist, cancelling (which promotes the first on the waitlist), reminders, calendar tokens.

Registration and cancellation lock the event row (``select_for_update``) and count confirmed
places inside that lock, so simultaneous registrations never exceed the capacity.
"""

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from staffroom.accounts.models import Member, Organisation
from staffroom.core.mail import Attachment, mail_member
from staffroom.notifications.services import notify

from . import queries, tasks
from .ics import calendar_bytes
from .inputs import EventInput
from .models import (
    CalendarToken,
    Event,
    EventKind,
    EventStatus,
    Registration,
    RegistrationStatus,
    RoomKind,
    new_calendar_token,
)
from .questions import registration_question_sync

QUESTION_MAX_LENGTH = 2000
REMINDERS = {
    # kind: (how long before the start, field recording it was sent)
    "24h": (timedelta(hours=24), "reminded_24h_at"),
    "1h": (timedelta(hours=1), "reminded_1h_at"),
}


def is_partner(member: Member | AnonymousUser) -> bool:
    """Whether ``member`` belongs to a partner organisation (and so may submit trainings)."""
    return isinstance(member, Member) and member.organisations.exists()


def _check(event: Event) -> None:
    errors = {}
    if not (event.title or "").strip():
        errors["title"] = _("An event needs a title.")
    if event.starts_at and event.ends_at and event.ends_at <= event.starts_at:
        errors["ends_at"] = _("An event ends after it starts.")
    if event.room_kind == RoomKind.EXTERNAL and not event.external_url:
        errors["external_url"] = _("An external room needs its URL.")
    if errors:
        raise ValidationError(errors)


def _save(event: Event, data: EventInput) -> Event:
    event.kind = data.kind
    event.title = data.title
    event.description = data.description
    event.topic = data.topic
    event.presenter_names = data.presenter_names
    event.starts_at = data.starts_at
    event.ends_at = data.ends_at
    event.capacity = data.capacity
    event.language = data.language
    event.online = data.online
    event.room_kind = data.room_kind
    event.external_url = data.external_url
    event.organisation = data.organisation
    event.price = data.price
    event.location = data.location
    event.registration_url = data.registration_url
    _check(event)
    event.save()
    event.levels.set(data.levels)
    event.subjects.set(data.subjects)
    event.presenters.set(data.presenters)
    return event


def _as_training(
    data: EventInput,
    *,
    organisation: Organisation | None,
    presenters: Sequence[Member] = (),
    room_kind: str = RoomKind.NONE,
) -> EventInput:
    """What a partner may say: a training of its organisation. Presenters with an account
    and the online room are staff's choice (the presenters field finds members by address)."""
    return replace(
        data,
        kind=EventKind.TRAINING,
        organisation=organisation,
        presenters=presenters,
        room_kind=room_kind,
    )


@transaction.atomic
def event_create(*, staff: Member, data: EventInput) -> Event:
    """Staff create an event, as a draft."""
    if not staff.is_staff:
        raise PermissionDenied
    return _save(Event(created_by=staff, status=EventStatus.DRAFT), data)


@transaction.atomic
def event_edit(*, member: Member, event: Event, data: EventInput) -> Event:
    """Staff edit any event; a partner edits its own submitted training until it is published
    (its organisation, presenters with an account and online room stay as they are)."""
    if not member.is_staff and not (
        event.created_by_id == member.pk and event.status == EventStatus.SUBMITTED
    ):
        raise PermissionDenied
    if not member.is_staff:
        data = _as_training(
            data,
            organisation=event.organisation,
            presenters=list(event.presenters.all()),
            room_kind=event.room_kind,
        )
    return _save(event, data)


@transaction.atomic
def training_submit(*, member: Member, data: EventInput) -> Event:
    """A partner organisation member submits a training for staff approval."""
    organisation = data.organisation
    if organisation is None or not member.organisations.filter(pk=organisation.pk).exists():
        raise PermissionDenied
    data = _as_training(data, organisation=organisation)
    return _save(Event(created_by=member, status=EventStatus.SUBMITTED), data)


@transaction.atomic
def event_publish(*, staff: Member, event: Event) -> Event:
    """Staff publish a draft or a submitted training: members can see it and register."""
    if not staff.is_staff:
        raise PermissionDenied
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status not in (EventStatus.DRAFT, EventStatus.SUBMITTED):
        raise ValidationError(_("Only a draft or a submitted event can be published."))
    event.status = EventStatus.PUBLISHED
    event.published_at = timezone.now()
    event.save(update_fields=["status", "published_at"])
    return event


@transaction.atomic
def event_return_to_draft(*, staff: Member, event: Event) -> Event:
    """Staff send a submitted training back (not published); the partner may submit it again."""
    if not staff.is_staff:
        raise PermissionDenied
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != EventStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted event can be sent back."))
    event.status = EventStatus.DRAFT
    event.save(update_fields=["status"])
    return event


@transaction.atomic
def event_cancel(*, staff: Member, event: Event, confirmed: bool = False) -> Event:
    """Staff cancel an event; everyone registered is told. A notice to every registrant
    cannot be taken back, so it takes ``confirmed`` (the confirmation page, which shows how
    many will be told); without it nothing changes."""
    if not staff.is_staff:
        raise PermissionDenied
    if not confirmed:
        raise ValidationError(_("Confirm the cancellation first: nothing was changed."))
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == EventStatus.CANCELLED:
        return event
    event.status = EventStatus.CANCELLED
    event.save(update_fields=["status"])
    for registration in queries.registrations_to_tell(event).select_related("member"):
        notify(
            member=registration.member,
            kind="event_cancelled",
            params={"title": event.title},
            url=event.get_absolute_url(),
        )
    return event


def _open_for_registration(event: Event, now: datetime) -> None:
    if event.status != EventStatus.PUBLISHED:
        raise ValidationError(_("This event is not open for registration."))
    if event.starts_at <= now:
        raise ValidationError(_("This event has already started."))
    if event.registration_url:
        raise ValidationError(_("Register for this training on the organiser's site."))


def _confirm(registration: Registration, now: datetime) -> None:
    """Confirm a place; reminders whose moment has already passed are not owed any more."""
    registration.status = RegistrationStatus.CONFIRMED
    registration.confirmed_at = now
    for before, field in REMINDERS.values():
        if registration.event.starts_at - before <= now:
            setattr(registration, field, now)


def _mail_confirmation_on_commit(registration: Registration) -> None:
    pk = registration.pk
    transaction.on_commit(lambda: tasks.mail_confirmation.enqueue(pk))


@transaction.atomic
def register(*, member: Member, event: Event, question: str = "") -> Registration:
    """Register ``member``: a confirmed place while there is room, else the waitlist.

    Registering again while registered only updates the question.
    """
    question = (question or "").strip()
    if len(question) > QUESTION_MAX_LENGTH:
        raise ValidationError(
            _("A question has at most %(count)d characters.") % {"count": QUESTION_MAX_LENGTH}
        )
    now = timezone.now()
    event = Event.objects.select_for_update().get(pk=event.pk)
    _open_for_registration(event, now)
    registration = Registration.objects.filter(event=event, member=member).first()
    if registration is not None and registration.status != RegistrationStatus.CANCELLED:
        registration.question = question
        registration.save(update_fields=["question"])
        registration_question_sync(registration)
        return registration
    if registration is None:
        registration = Registration(event=event, member=member)
    registration.event = event
    registration.question = question
    registration.registered_at = now
    registration.cancelled_at = None
    registration.reminded_24h_at = registration.reminded_1h_at = None
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    if event.capacity is None or confirmed < event.capacity:
        _confirm(registration, now)
        registration.save()
        _mail_confirmation_on_commit(registration)
    else:
        registration.status = RegistrationStatus.WAITLISTED
        registration.confirmed_at = None
        registration.save()
    registration_question_sync(registration)
    return registration


@transaction.atomic
def registration_cancel(*, member: Member, event: Event) -> Registration | None:
    """Cancel ``member``'s registration; a freed place goes to the first on the waitlist."""
    now = timezone.now()
    event = Event.objects.select_for_update().get(pk=event.pk)
    registration = (
        Registration.objects.filter(event=event, member=member)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )
    if registration is None:
        return None
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    # Its question stays stored but drops out of every list: see events/questions.py.
    if was_confirmed:
        promote_waitlisted(event=event, now=now)
    return registration


def promote_waitlisted(*, event: Event, now: datetime | None = None) -> list[Registration]:
    """Fill free places from the waitlist, first come first served. Call with the event locked."""
    now = now or timezone.now()
    if event.status != EventStatus.PUBLISHED or event.starts_at <= now:
        return []
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    free = None if event.capacity is None else max(event.capacity - confirmed, 0)
    waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by(
        "registered_at", "pk"
    )
    promoted = list(waiting if free is None else waiting[:free])
    for registration in promoted:
        registration.event = event
        _confirm(registration, now)
        registration.save()
        _mail_confirmation_on_commit(registration)
        notify(
            member=registration.member,
            kind="event_waitlist_promoted",
            params={"title": event.title},
            url=event.get_absolute_url(),
            mail=False,  # the confirmation mail (with the .ics) tells them by mail
        )
    return promoted


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first on the waitlist; None when not waitlisted."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id,
        status=RegistrationStatus.WAITLISTED,
        registered_at__lt=registration.registered_at,
    ).count()
    same_moment = Registration.objects.filter(
        event_id=registration.event_id,
        status=RegistrationStatus.WAITLISTED,
        registered_at=registration.registered_at,
        pk__lt=registration.pk,
    ).count()
    return ahead + same_moment + 1


# --- Mail ---


def _mail(registration: Registration, template: str, *, attach_ics: bool) -> None:
    member, event = registration.member, registration.event
    attachments = (
        [Attachment("event.ics", calendar_bytes([event]), "text/calendar; charset=utf-8")]
        if attach_ics
        else []
    )
    mail_member(
        member,
        f"events/email/{template}",
        {
            "event": event,
            "registration": registration,
            "event_url": settings.SITE_URL + event.get_absolute_url(),
        },
        attachments=attachments,
    )


def confirmation_mail(*, registration_id: int) -> bool:
    """Mail the confirmation with the event as an .ics attachment, if still confirmed."""
    registration = (
        Registration.objects.select_related("event", "member").filter(pk=registration_id).first()
    )
    if registration is None or registration.status != RegistrationStatus.CONFIRMED:
        return False
    _mail(registration, "confirmation", attach_ics=True)
    return True


def registrations_prune(*, now: datetime | None = None) -> int:
    """Retention (daily, by the clock): for events that ended more than
    ``EVENT_REGISTRATION_DAYS`` ago, delete the registrations of those who did not come
    (cancelled, on the waitlist, no-show) and the questions for the presenters; attendance
    stays, for certificates, until the member deletes their account. How many registrations
    were deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.EVENT_REGISTRATION_DAYS)
    old = Registration.objects.filter(event__ends_at__lt=cutoff)
    with transaction.atomic():
        deleted, _by_model = old.filter(attended_at=None).delete()
        for registration in old.exclude(question=""):
            registration.question = ""
            registration.save(update_fields=["question"])
            registration_question_sync(registration)
    return deleted


def reminders_send(*, now: datetime | None = None) -> int:
    """Mail each due reminder (24 hours, 1 hour before) once; return how many were sent.

    The conditional update claims a reminder, so two runs at once send it once; a failed mail
    rolls the claim back and the next run tries again.
    """
    now = now or timezone.now()
    sent = 0
    # The 1-hour reminder first: a registration that owes both gets only the nearer one.
    for kind in ("1h", "24h"):
        before, field = REMINDERS[kind]
        due = Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            event__status=EventStatus.PUBLISHED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + before,
            **{f"{field}__isnull": True},
        ).values_list("pk", flat=True)
        for pk in list(due):
            with transaction.atomic():
                claimed = Registration.objects.filter(pk=pk, **{f"{field}__isnull": True})
                if not claimed.update(**{field: now}):
                    continue  # another run sent it
                if kind == "1h":
                    Registration.objects.filter(pk=pk, reminded_24h_at__isnull=True).update(
                        reminded_24h_at=now
                    )
                registration = Registration.objects.select_related("event", "member").get(pk=pk)
                _mail(registration, f"reminder_{kind}", attach_ics=False)
                sent += 1
    return sent


# --- Calendar feed ---


def calendar_token_for(member: Member) -> CalendarToken:
    """The member's calendar feed token (made on first use)."""
    token, _created = CalendarToken.objects.get_or_create(member=member)
    return token


@transaction.atomic
def calendar_token_reset(*, member: Member) -> CalendarToken:
    """A new secret: the old feed URL stops working."""
    token, created = CalendarToken.objects.get_or_create(member=member)
    if not created:
        token.token = new_calendar_token()
        token.save(update_fields=["token", "created_at"])
    return token
