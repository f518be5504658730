"""The online room of an event and attendance: who may join and when, the BigBlueButton
meeting behind the join button, and attendance seen in the room or marked by staff.

Attendance comes from BigBlueButton (``attendance_poll``) or from staff and presenters
(``attendance_mark``), never from clicking the join button: a click is no proof of presence.
"""

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from staffroom.accounts.models import Member
from staffroom.notifications.models import Notification
from staffroom.notifications.services import notify

from . import bbb, queries
from .models import AttendanceSource, Event, EventStatus, Registration, RegistrationStatus, RoomKind

logger = logging.getLogger(__name__)

JOIN_OPENS_BEFORE = timedelta(minutes=15)
# BigBlueButton is asked who is in the room until this long after the scheduled end.
ATTENDANCE_POLLED_AFTER = timedelta(minutes=30)


class RoomClosed(Exception):
    """The member may enter, but not now or not here; the message says why."""


def join_opens_at(event: Event):
    return event.starts_at - JOIN_OPENS_BEFORE


def has_room(event: Event) -> bool:
    return event.status == EventStatus.PUBLISHED and event.room_kind in (
        RoomKind.BBB,
        RoomKind.EXTERNAL,
    )


def may_enter(
    member: Member | AnonymousUser, event: Event, registration: Registration | None = None
) -> bool:
    """Confirmed registrants, the presenters and staff; never the waitlist."""
    if not member.is_authenticated:
        return False
    if queries.is_presenter(member, event):
        return True
    if registration is None:
        registration = queries.registration_of(member, event)
    return registration is not None and registration.status == RegistrationStatus.CONFIRMED


def room_is_open(event: Event, now: datetime | None = None) -> bool:
    """From 15 minutes before the start until the end."""
    now = now or timezone.now()
    return has_room(event) and join_opens_at(event) <= now < event.ends_at


def room_join_url(*, member: Member, event: Event, now: datetime | None = None) -> str:
    """Where the join button sends ``member``: the signed BigBlueButton join link (the meeting
    is created first, which is idempotent) or the external room's address.

    Raises PermissionDenied for members who may not enter and RoomClosed, with a message for
    the member, when the room is not open or the BigBlueButton server cannot be reached.
    """
    now = now or timezone.now()
    if not may_enter(member, event):
        raise PermissionDenied(_("Only registered participants can join the webinar."))
    if event.status == EventStatus.CANCELLED:
        raise RoomClosed(_("This event is cancelled."))
    if not has_room(event):
        raise RoomClosed(_("This event has no online room."))
    if now < join_opens_at(event):
        raise RoomClosed(_("The room opens 15 minutes before the start."))
    if now >= event.ends_at:
        raise RoomClosed(_("The event has ended: the room is closed."))
    if event.room_kind == RoomKind.EXTERNAL:
        if not event.external_url:
            raise RoomClosed(_("The organisers have not given the room's address yet."))
        return event.external_url
    if not bbb.is_configured():
        raise RoomClosed(_("The online room is not available: no BigBlueButton server is set up."))
    try:
        meeting = bbb.create_meeting(
            event.bbb_meeting_id,
            event.title,
            record=True,
            logout_url=settings.SITE_URL + event.get_absolute_url(),
            extra={"meta_bbb-origin": "staffroom"},
        )
        if meeting.create_time and meeting.create_time != event.bbb_create_time:
            Event.objects.filter(pk=event.pk).update(bbb_create_time=meeting.create_time)
            event.bbb_create_time = meeting.create_time
        return bbb.join_url(
            event.bbb_meeting_id,
            member.display_name,
            member.pk,
            moderator=queries.is_presenter(member, event),
            create_time=meeting.create_time or None,
        )
    except bbb.BigBlueButtonError as error:
        logger.warning("BigBlueButton join for event %s failed: %s", event.pk, error)
        raise RoomClosed(
            _("The online room cannot be reached right now. Please try again in a minute.")
        ) from error


def notify_once(member: Member, kind: str, event: Event) -> None:
    """Send ``member`` this notice about ``event`` unless they already had it."""
    url = event.get_absolute_url()
    if not Notification.objects.filter(member=member, kind=kind, url=url).exists():
        notify(member=member, kind=kind, params={"title": event.title}, url=url)


def _record_attended(registrations, source: str, now) -> int:
    """Mark these registrations attended (those not yet marked); each member is thanked once."""
    marked = 0
    for registration in registrations:
        updated = Registration.objects.filter(
            pk=registration.pk,
            status=RegistrationStatus.CONFIRMED,
            attended_at__isnull=True,
        ).update(attended_at=now, attendance_source=source)
        if updated:
            marked += 1
            notify_once(registration.member, "event_attended", registration.event)
    return marked


def events_to_poll(now: datetime | None = None) -> QuerySet[Event]:
    """Published BigBlueButton events whose room may be in use now."""
    now = now or timezone.now()
    return Event.objects.filter(
        status=EventStatus.PUBLISHED,
        room_kind=RoomKind.BBB,
        starts_at__lte=now + JOIN_OPENS_BEFORE,
        ends_at__gte=now - ATTENDANCE_POLLED_AFTER,
    )


def attendance_poll(now: datetime | None = None) -> int:
    """Ask BigBlueButton who is in each running event's room and mark those confirmed
    registrants attended; returns how many were marked. A meeting that is not running
    (``notFound``) is normal; other failures are logged, and the next run tries again."""
    now = now or timezone.now()
    if not bbb.is_configured():
        return 0
    marked = 0
    for event in events_to_poll(now):
        try:
            info = bbb.meeting_info(event.bbb_meeting_id)
        except bbb.BigBlueButtonError as error:
            if error.message_key != "notFound":
                logger.warning("BigBlueButton getMeetingInfo for event %s: %s", event.pk, error)
            continue
        member_ids = {int(a.user_id) for a in info.attendees if a.user_id.isdigit()}
        if not member_ids:
            continue
        registrations = Registration.objects.filter(
            event=event,
            member_id__in=member_ids,
            status=RegistrationStatus.CONFIRMED,
            attended_at__isnull=True,
        ).select_related("member", "event")
        with transaction.atomic():
            marked += _record_attended(list(registrations), AttendanceSource.BBB, now)
    return marked


def attendance_list(event: Event):
    """The confirmed registrants of ``event``, for the attendance page."""
    return (
        event.registrations.filter(status=RegistrationStatus.CONFIRMED)
        .select_related("member")
        .order_by("member__name", "pk")
    )


@transaction.atomic
def attendance_mark(
    *,
    member: Member,
    event: Event,
    attended_ids: Iterable[int],
    now: datetime | None = None,
) -> tuple[int, int]:
    """Staff or a presenter set who attended: the confirmed registrations in ``attended_ids``
    are marked (source staff), the others unmarked. Unknown ids are ignored. Returns
    (marked, unmarked)."""
    if not queries.is_presenter(member, event):
        raise PermissionDenied(_("Only the presenters and staff mark attendance."))
    now = now or timezone.now()
    confirmed = list(attendance_list(event).select_related("event"))
    # Only ids of this event's confirmed registrations count; anything else sent is ignored.
    sent = {str(value) for value in attended_ids}
    wanted = {r.pk for r in confirmed if str(r.pk) in sent}
    to_mark = [r for r in confirmed if r.pk in wanted and r.attended_at is None]
    unmarked = (
        Registration.objects.filter(event=event, attended_at__isnull=False)
        .exclude(pk__in=wanted)
        .update(attended_at=None, attendance_source="")
    )
    return _record_attended(to_mark, AttendanceSource.STAFF, now), unmarked
