"""Online room, attendance, recordings, certificates and feedback."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from staffroom.core.pagination import paginate
from staffroom.core.upload_limits import body_limit
from staffroom.curriculum.queries import levels_for_region, subjects_for_region
from staffroom.resources.forms import upload_request_limit

from . import followup, queries, room
from .certificate import certificate_pdf
from .models import Event, RegistrationStatus, Topic
from .room_forms import FeedbackForm, MaterialsForm

PER_PAGE = 20


def detail_context(request, event, registration) -> dict:
    """What the event page needs from this part."""
    member, now = request.user, timezone.now()
    manages = followup.may_manage(member, event)
    attended = (
        registration is not None
        and registration.status == RegistrationStatus.CONFIRMED
        and registration.attended_at is not None
    )
    context = {
        "room_shown": room.has_room(event) and now < event.ends_at,
        "room_may_enter": room.may_enter(member, event, registration),
        "room_open": room.room_is_open(event, now),
        "room_opens_at": room.join_opens_at(event),
        "room_manages": manages,
        "event_started": event.starts_at <= now,
        "recording": followup.published_material(event.recording),
        "slides": followup.published_material(event.slides),
        "attended": attended,
    }
    if attended and event.starts_at <= now:
        feedback = followup.feedback_of(member, event)
        context["feedback"] = feedback
        context["feedback_form"] = FeedbackForm(
            initial={
                "rating": feedback.rating,
                "usefulness": feedback.usefulness,
                "comment": feedback.comment,
            }
            if feedback
            else None
        )
    return context


def _event(request, pk) -> Event:
    event = get_object_or_404(Event.objects.select_related("organisation"), pk=pk)
    if not queries.can_see(request.user, event):
        raise Http404
    return event


def _managed_event(request, pk) -> Event:
    event = _event(request, pk)
    if not followup.may_manage(request.user, event):
        raise PermissionDenied
    return event


@require_POST
@login_required
def join(request, pk):
    event = _event(request, pk)
    try:
        target = room.room_join_url(member=request.user, event=event)
    except room.RoomClosed as error:
        messages.error(request, str(error))
        return redirect(event)
    # An absolute address elsewhere (the BigBlueButton server or the external room).
    return HttpResponseRedirect(target)


@require_http_methods(["GET", "POST"])
@login_required
def attendance(request, pk):
    event = _managed_event(request, pk)
    if request.method == "POST":
        marked, unmarked = room.attendance_mark(
            member=request.user, event=event, attended_ids=request.POST.getlist("attended")
        )
        messages.success(
            request,
            _("Attendance is saved: %(marked)d marked, %(unmarked)d unmarked.")
            % {"marked": marked, "unmarked": unmarked},
        )
        return redirect("events:attendance", pk=event.pk)
    return render(
        request,
        "events/attendance.html",
        {"event": event, "registrations": room.attendance_list(event)},
    )


@body_limit(upload_request_limit)
@require_http_methods(["GET", "POST"])
@login_required
def materials(request, pk):
    event = _managed_event(request, pk)
    form = MaterialsForm(
        request.POST or None, request.FILES or None, organisation=event.organisation
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            followup.materials_publish(
                member=request.user,
                event=event,
                recording_url=data["recording_url"],
                slides_upload=data["slides_file"],
                slides_url=data["slides_url"],
                licence=data["licence"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The recording and slides are published."))
            return redirect(event)
    return render(
        request,
        "events/materials.html",
        {
            "event": event,
            "form": form,
            "recording": followup.published_material(event.recording),
            "slides": followup.published_material(event.slides),
        },
    )


@login_required
def certificate(request, pk):
    event = _event(request, pk)
    registration = followup.attended_registration(request.user, event)
    if registration is None:
        raise Http404
    response = HttpResponse(certificate_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{event.slug}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def certificate_verify(request, code):
    return render(
        request,
        "events/certificate_verify.html",
        {"certificate": followup.certificate_verify(code)},
    )


@require_POST
@login_required
def feedback(request, pk):
    event = _event(request, pk)
    if not followup.may_give_feedback(request.user, event):
        raise PermissionDenied
    form = FeedbackForm(request.POST)
    if form.is_valid():
        followup.feedback_save(member=request.user, event=event, **form.cleaned_data)
        messages.success(request, _("Thank you for your feedback."))
        return redirect(event)
    return render(request, "events/feedback.html", {"event": event, "feedback_form": form})


@login_required
def feedback_results(request, pk):
    event = _managed_event(request, pk)
    return render(
        request,
        "events/feedback_results.html",
        {"event": event, "results": followup.feedback_results(event)},
    )


def recordings(request):
    filters = queries.filters_from(request.GET)
    page = paginate(request, followup.recordings_archive(filters), PER_PAGE)
    return render(
        request,
        "events/recordings.html",
        {
            "page": page,
            "filters": filters,
            "topics": Topic.choices,
            "levels": levels_for_region(request.region),
            "subjects": subjects_for_region(request.region),
        },
    )
