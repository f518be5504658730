"""After an event: the recording and slides as published resources, certificates of attendance
with a signed verification code, participants' feedback and the archive of recordings."""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from staffroom.accounts.models import Member
from staffroom.curriculum.models import ResourceType
from staffroom.curriculum.wording import interface_language
from staffroom.resources import files as file_handling
from staffroom.resources import lifecycle
from staffroom.resources.inputs import ResourceInput
from staffroom.resources.models import Kind, Resource, Status
from staffroom.resources.services import resource_save_draft

from . import queries
from .models import Event, EventFeedback, EventStatus, Registration, RegistrationStatus
from .room import notify_once

CERTIFICATE_SALT = "staffroom.events.certificate"
SCALE = range(1, 6)


# --- Recording and slides ---------------------------------------------------------------------


def may_manage(member: Member | AnonymousUser, event: Event) -> bool:
    """Presenters and staff add materials, mark attendance and read feedback."""
    return queries.is_presenter(member, event)


def _resource_language(event: Event) -> str:
    return event.language if event.language in ("nl", "en", "fr", "de") else "en"


def _presenters_text(event: Event) -> str:
    names = [presenter.display_name for presenter in event.presenters.all()]
    if event.presenter_names:
        names.append(event.presenter_names)
    return ", ".join(names)


def _material_data(event: Event, *, recording: bool, url: str, licence: str) -> ResourceInput:
    with translation.override(interface_language(_resource_language(event))):
        if recording:
            title = _("Recording: %(title)s") % {"title": event.title}
            description = _("The recording of “%(title)s”, held on %(date)s.")
        else:
            title = _("Slides: %(title)s") % {"title": event.title}
            description = _("The slides of “%(title)s”, held on %(date)s.")
        description %= {
            "title": event.title,
            "date": event.local_starts_at.strftime("%Y-%m-%d"),
        }
    return ResourceInput(
        kind=Kind.LINK if url else Kind.FILE,
        organisation=event.organisation,
        title=title[:200],
        description=description,
        language=event.language,
        url=url,
        levels=list(event.levels.all()),
        subjects=list(event.subjects.all()),
        resource_type=ResourceType.objects.filter(
            code="video" if recording else "presentation"
        ).first(),
        licence=licence,
        author_name=_presenters_text(event)[:200],
    )


def _publish(resource: Resource) -> None:
    """Publish an event's material straight away, announced as a moderator's publication is:
    the event itself was reviewed by staff, and only its presenters and staff add it."""
    lifecycle.resource_publish(Resource.objects.select_for_update().get(pk=resource.pk))
    resource.refresh_from_db()


def _withdraw(resource: Resource | None) -> None:
    """The material it replaces goes offline."""
    if resource is not None and resource.status == Status.PUBLISHED:
        lifecycle.resource_unpublish_by_source(
            Resource.objects.select_for_update().get(pk=resource.pk)
        )


def check_slides_upload(upload):
    """The checked upload, or ValidationError with the reason in the member's language."""
    try:
        return file_handling.check_upload(upload)
    except file_handling.UploadRefused as error:
        raise ValidationError(str(error)) from error


@transaction.atomic
def materials_publish(
    *,
    member: Member,
    event: Event,
    recording_url: str = "",
    slides_upload=None,
    slides_url: str = "",
    licence: str = "cc-by",
) -> Event:
    """Publish the recording (a web link) and the slides (a file or a link) of ``event`` as
    resources credited to its organiser and presenters; a new recording or new slides
    replace the earlier ones. Confirmed registrants are told once."""
    if not may_manage(member, event):
        raise PermissionDenied(_("Only the presenters and staff add the recording and slides."))
    if event.status != EventStatus.PUBLISHED:
        raise ValidationError(_("Only a published event gets a recording and slides."))
    if not (recording_url or slides_upload or slides_url):
        raise ValidationError(_("Give the recording's address, the slides, or both."))
    checked = check_slides_upload(slides_upload) if slides_upload else None
    event = Event.objects.select_for_update().get(pk=event.pk)
    contributor = event.created_by or member
    changed = []
    if recording_url:
        data = _material_data(event, recording=True, url=recording_url, licence=licence)
        old = event.recording
        if old is not None and old.status == Status.PUBLISHED and old.url == recording_url:
            pass
        else:
            resource = resource_save_draft(contributor=contributor, data=data, uploads=[])
            _publish(resource)
            _withdraw(old)
            event.recording = resource
            changed.append("recording")
    if checked or slides_url:
        data = _material_data(event, recording=False, url=slides_url, licence=licence)
        uploads = [checked] if checked else []
        resource = resource_save_draft(contributor=contributor, data=data, uploads=uploads)
        _publish(resource)
        _withdraw(event.slides)
        event.slides = resource
        changed.append("slides")
    if changed:
        event.save(update_fields=changed)
        for registration in event.registrations.filter(
            status=RegistrationStatus.CONFIRMED
        ).select_related("member"):
            notify_once(registration.member, "event_materials_published", event)
    return event


def published_material(resource: Resource | None) -> Resource | None:
    return resource if resource is not None and resource.status == Status.PUBLISHED else None


def recordings_archive(
    filters: queries.EventFilters | None = None, now: datetime | None = None
) -> QuerySet[Event]:
    """Past events with a published recording, newest first."""
    return (
        queries.events_listed(past=True, filters=filters, now=now)
        .filter(status=EventStatus.PUBLISHED, recording__status=Status.PUBLISHED)
        .select_related("recording")
    )


# --- Certificates -----------------------------------------------------------------------------


def attended_registration(member: Member | AnonymousUser, event: Event) -> Registration | None:
    if not member.is_authenticated:
        return None
    return Registration.objects.filter(
        member=member,
        event=event,
        status=RegistrationStatus.CONFIRMED,
        attended_at__isnull=False,
    ).first()


def certificate_code(registration: Registration) -> str:
    """A code only this site can make: the event and member, signed with SECRET_KEY."""
    value = f"{registration.event_id}-{registration.member_id}"
    return signing.Signer(salt=CERTIFICATE_SALT).sign(value)


@dataclass
class VerifiedCertificate:
    member_name: str
    event: Event
    attended_at: object


def certificate_verify(code: str) -> VerifiedCertificate | None:
    """The certificate a code stands for, or None for a code that is not valid (made up,
    altered, or for attendance that was since withdrawn)."""
    try:
        value = signing.Signer(salt=CERTIFICATE_SALT).unsign(code)
        event_id, member_id = (int(part) for part in value.split("-"))
    except (signing.BadSignature, ValueError):
        return None
    registration = (
        Registration.objects.filter(
            event_id=event_id,
            member_id=member_id,
            status=RegistrationStatus.CONFIRMED,
            attended_at__isnull=False,
        )
        .select_related("member", "event", "event__organisation")
        .first()
    )
    if registration is None:
        return None
    return VerifiedCertificate(
        member_name=registration.member.display_name,
        event=registration.event,
        attended_at=registration.attended_at,
    )


# --- Feedback ---------------------------------------------------------------------------------


def may_give_feedback(
    member: Member | AnonymousUser, event: Event, now: datetime | None = None
) -> bool:
    """Members who attended, once the event has started."""
    now = now or timezone.now()
    return event.starts_at <= now and attended_registration(member, event) is not None


def feedback_of(member: Member | AnonymousUser, event: Event) -> EventFeedback | None:
    if not member.is_authenticated:
        return None
    return EventFeedback.objects.filter(member=member, event=event).first()


def feedback_save(
    *,
    member: Member,
    event: Event,
    rating: int,
    usefulness: int,
    comment: str = "",
    now: datetime | None = None,
) -> EventFeedback:
    """Record (or update) a participant's feedback."""
    if not may_give_feedback(member, event, now):
        raise PermissionDenied(_("Only participants who attended can give feedback."))
    if rating not in SCALE or usefulness not in SCALE:
        raise ValidationError(_("Choose a score from 1 to 5."))
    feedback, _created = EventFeedback.objects.update_or_create(
        event=event,
        member=member,
        defaults={"rating": rating, "usefulness": usefulness, "comment": comment[:2000]},
    )
    return feedback


@dataclass
class FeedbackResults:
    count: int
    rating_average: float | None
    usefulness_average: float | None
    # (score, how many gave it for overall, how many for usefulness), 5 down to 1
    distribution: list = field(default_factory=list)
    comments: list = field(default_factory=list)


def feedback_results(event: Event) -> FeedbackResults:
    feedback = EventFeedback.objects.filter(event=event)
    totals = feedback.aggregate(
        count=Count("pk"), rating=Avg("rating"), usefulness=Avg("usefulness")
    )
    # order_by(): the default ordering would split the groups by date.
    ratings = dict(feedback.order_by().values_list("rating").annotate(n=Count("pk")))
    usefulness = dict(feedback.order_by().values_list("usefulness").annotate(n=Count("pk")))
    return FeedbackResults(
        count=totals["count"],
        rating_average=totals["rating"],
        usefulness_average=totals["usefulness"],
        distribution=[
            (score, ratings.get(score, 0), usefulness.get(score, 0)) for score in reversed(SCALE)
        ],
        comments=list(feedback.exclude(comment="").order_by("-updated_at", "pk")),
    )
