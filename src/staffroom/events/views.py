from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from staffroom.core import usage
from staffroom.core.pagination import paginate
from staffroom.core.permissions import staff_required
from staffroom.curriculum.queries import levels_for_region, subjects_for_region, terms_in_region

from . import live_views, queries, room_views, services
from .forms import EventForm, RegistrationForm
from .ics import calendar_bytes, google_calendar_url, outlook_calendar_url
from .inputs import EventInput
from .models import Event, EventStatus, Topic

PER_PAGE = 20


def event_list(request, past=False):
    filters = queries.filters_from(request.GET)
    page = paginate(request, queries.events_listed(past=past, filters=filters), PER_PAGE)
    return render(
        request,
        "events/list.html",
        {
            "page": page,
            "past": past,
            "filters": filters,
            "topics": Topic.choices,
            "levels": levels_for_region(request.region),
            "subjects": subjects_for_region(request.region),
            "can_submit": services.is_partner(request.user),
        },
    )


def _event_for(request, pk) -> Event:
    event = get_object_or_404(Event.objects.select_related("organisation"), pk=pk)
    if not queries.can_see(request.user, event):
        raise Http404
    return event


def event_detail(request, pk, slug=""):
    event = _event_for(request, pk)
    registration = queries.registration_of(request.user, event)
    usage.record_usage(request, usage.Usage(usage.EVENT_VIEW, object_id=event.pk))
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "presenters": event.presenters.all(),
            # Named in the viewer's terms: a Dutch teacher reads "groep 5", not "3de leerjaar"
            # (and never both when the event is tagged in both regions' vocabularies).
            "levels": terms_in_region(event.levels.all(), request.region),
            "subjects": terms_in_region(event.subjects.all(), request.region),
            "calendar_links": {
                "google": google_calendar_url(event),
                "outlook": outlook_calendar_url(event),
                "office": outlook_calendar_url(event, office=True),
            },
            "registration": registration,
            "waitlist_position": registration and services.waitlist_position(registration),
            "confirmed_count": queries.confirmed_count(event),
            "registration_open": queries.registration_open(event),
            "form": RegistrationForm(initial={"question": registration and registration.question}),
            "is_presenter": queries.is_presenter(request.user, event),
            **room_views.detail_context(request, event, registration),
            **live_views.detail_context(request, event, registration),
        },
    )


def event_ics(request, pk):
    """The event as an .ics file to open in any calendar program ("Add to calendar")."""
    event = _event_for(request, pk)
    response = HttpResponse(calendar_bytes([event]), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@require_POST
@login_required
def register(request, pk):
    event = _event_for(request, pk)
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A question has at most 2000 characters."))
        return redirect(event)
    try:
        registration = services.register(
            member=request.user, event=event, question=form.cleaned_data["question"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if registration.status == "confirmed":
            messages.success(request, _("You are registered. A confirmation is on its way."))
        else:
            messages.info(request, _("The event is full: you are on the waitlist."))
    return redirect(event)


@require_POST
@login_required
def cancel(request, pk):
    event = _event_for(request, pk)
    if services.registration_cancel(member=request.user, event=event):
        messages.success(request, _("Your registration is cancelled."))
    return redirect(event)


def _edit(request, event=None):
    form = EventForm(
        request.POST or None, instance=event, member=request.user, region=request.region
    )
    if request.method == "POST" and form.is_valid():
        data = EventInput.from_form(form.cleaned_data)
        try:
            if event is not None:
                event = services.event_edit(member=request.user, event=event, data=data)
            elif request.user.is_staff:
                event = services.event_create(staff=request.user, data=data)
            else:
                event = services.training_submit(member=request.user, data=data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect(event)
    return render(request, "events/edit.html", {"form": form, "event": event})


@require_http_methods(["GET", "POST"])
@login_required
def event_new(request):
    if not (request.user.is_staff or services.is_partner(request.user)):
        raise PermissionDenied
    return _edit(request)


@require_http_methods(["GET", "POST"])
@login_required
def event_edit(request, pk):
    event = _event_for(request, pk)
    if not request.user.is_staff and not (
        event.created_by_id == request.user.pk and event.status == EventStatus.SUBMITTED
    ):
        raise PermissionDenied
    return _edit(request, event)


@staff_required
def review(request):
    return render(request, "events/review.html", {"events": queries.events_to_review()})


@require_POST
@staff_required
def moderate(request, pk, action):
    event = get_object_or_404(Event, pk=pk)
    use_case = {
        "publish": services.event_publish,
        "return": services.event_return_to_draft,
    }[action]
    try:
        use_case(staff=request.user, event=event)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect((request.POST.get("next") == "review" and reverse("events:review")) or event)


@staff_required
@require_http_methods(["GET", "POST"])
def cancel_event(request, pk):
    """Cancelling tells every registrant: first a page with how many (GET), then the
    confirmation's button (POST with ``confirm``) cancels."""
    event = get_object_or_404(Event, pk=pk)
    if request.method == "POST":
        try:
            services.event_cancel(
                staff=request.user, event=event, confirmed=request.POST.get("confirm") == "yes"
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("events:cancel_event", event.pk)
        messages.success(request, _("The event is cancelled; the registrants are told."))
        return redirect(event)
    if event.status == EventStatus.CANCELLED:
        return redirect(event)
    return render(
        request,
        "events/cancel_confirm.html",
        {"event": event, "audience": queries.registrations_to_tell(event).count()},
    )


@login_required
def calendar(request):
    token = services.calendar_token_for(request.user)
    url = request.build_absolute_uri(reverse("events:calendar_feed", args=[token.token]))
    return render(request, "events/calendar.html", {"feed_url": url})


@require_POST
@login_required
def calendar_reset(request):
    services.calendar_token_reset(member=request.user)
    messages.success(request, _("Your calendar has a new address; the old one no longer works."))
    return redirect("events:calendar")


def calendar_feed(request, token):
    member = queries.member_by_calendar_token(token)
    if member is None:
        raise Http404
    body = calendar_bytes(queries.calendar_events_of(member), name=_("Staffroom events"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
