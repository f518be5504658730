"""Presenter view and live Q&A.

Every form works as a plain POST followed by a redirect; site.js sends the vote, answer and
group forms with fetch (``X-Requested-With: fetch``) and then reloads the list from its
fragment address, so the page does not jump. Those requests get a short JSON answer.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from staffroom.core.http import safe_next

from . import questions as qa
from .models import Event, EventQuestion
from .queries import can_see, is_presenter

REFRESH_SECONDS = 10


def detail_context(request, event, registration) -> dict:
    """What the event page needs from this part: the entry points for those who take part."""
    member = request.user
    presenter = is_presenter(member, event)
    return {
        "questions_link": presenter
        or (registration is not None and registration.status == "confirmed"),
        "presenter_link": presenter,
    }


def _event_for(request, pk: int, *, presenters_only: bool = False):
    """The event; 404 when the member may not see it, 403 when they may not take part."""
    event = get_object_or_404(Event, pk=pk)
    presenter = is_presenter(request.user, event)
    if not presenter and not can_see(request.user, event):
        raise Http404
    if not (presenter if presenters_only else qa.may_take_part(request.user, event)):
        raise PermissionDenied
    return event


def _is_fetch(request) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def _questions_url(event) -> str:
    return reverse("events:questions", args=[event.pk])


# --- live Q&A -------------------------------------------------------------------------------------


def _live_context(request, event, *, body: str = "", error: str = "") -> dict:
    now = timezone.now()
    presenter = is_presenter(request.user, event)
    return {
        "event": event,
        "questions": qa.questions_live(event, request.user),
        "is_presenter": presenter,
        "posting_open": qa.posting_open(event, now),
        "posting_opens_at": qa.posting_opens_at(event),
        "voting_open": qa.voting_open(event, now),
        "has_ended": qa.has_ended(event, now),
        "refresh_seconds": REFRESH_SECONDS if qa.is_running(event, now) else 0,
        "fragment_url": _questions_url(event) + "?fragment=list",
        "body": body,
        "error": error,
        "body_max_length": qa.BODY_MAX_LENGTH,
        "may_move": presenter and qa.has_ended(event, now) and qa.has_movable_questions(event),
        "next": _questions_url(event),
    }


@login_required
@require_http_methods(["GET", "POST"])
def questions(request, pk: int):
    """The live Q&A: the questions by votes; registrants ask while the event runs."""
    event = _event_for(request, pk)
    if request.method == "POST":
        body = request.POST.get("body", "")
        try:
            qa.question_post(member=request.user, event=event, body=body)
        except ValidationError as refused:
            # Shown again with the text as typed: nothing is lost.
            context = _live_context(request, event, body=body, error=" ".join(refused.messages))
            return render(request, "events/questions.html", context, status=400)
        messages.success(request, _("Your question is posted."))
        return redirect(_questions_url(event))
    context = _live_context(request, event)
    if request.GET.get("fragment") == "list":
        return render(request, "events/_questions_list.html", context)
    return render(request, "events/questions.html", context)


def _question_for(request, pk: int, question_pk: int, *, presenters_only: bool = False):
    event = _event_for(request, pk, presenters_only=presenters_only)
    return event, get_object_or_404(EventQuestion, pk=question_pk, event=event)


def _done(request, event, *, error: str = "", success: str = ""):
    """Answer a question action: JSON for fetch, else a message and back where it came from."""
    if _is_fetch(request):
        return JsonResponse(
            {"ok": not error, "message": error or success}, status=400 if error else 200
        )
    if error:
        messages.error(request, error)
    elif success:
        messages.success(request, success)
    return redirect(safe_next(request, request.POST.get("next"), _questions_url(event)))


def _act(request, event, use_case, success: str = "", **arguments):
    """Run a question use-case as the member; a refusal becomes the message shown."""
    try:
        use_case(member=request.user, **arguments)
    except ValidationError as refused:
        return _done(request, event, error=" ".join(refused.messages))
    return _done(request, event, success=success)


@login_required
@require_POST
def question_vote(request, pk: int, question_pk: int):
    event, question = _question_for(request, pk, question_pk)
    up = request.POST.get("vote") != "remove"
    return _act(request, event, qa.question_vote, question=question, up=up)


@login_required
@require_POST
def question_answer(request, pk: int, question_pk: int):
    event, question = _question_for(request, pk, question_pk, presenters_only=True)
    answered = request.POST.get("answered") != "0"
    return _act(request, event, qa.question_mark_answered, question=question, answered=answered)


@login_required
@require_POST
def question_group(request, pk: int, question_pk: int):
    event, question = _question_for(request, pk, question_pk, presenters_only=True)
    group = request.POST.get("group", "")
    return _act(request, event, qa.question_group_set, question=question, group=group)


@login_required
@require_POST
def question_hide(request, pk: int, question_pk: int):
    event, question = _question_for(request, pk, question_pk, presenters_only=True)
    hidden = request.POST.get("hidden") != "0"
    success = _("The question is hidden.") if hidden else _("The question is shown again.")
    return _act(request, event, qa.question_hide, success, question=question, hidden=hidden)


@login_required
@require_POST
def questions_move(request, pk: int):
    """After the event: the unanswered questions go to the teachers' room."""
    event = _event_for(request, pk, presenters_only=True)
    try:
        moved = qa.questions_move_to_forum(member=request.user, event=event)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        if moved:
            messages.success(
                request,
                ngettext(
                    "%(count)d question is now in the teachers' room.",
                    "%(count)d questions are now in the teachers' room.",
                    len(moved),
                )
                % {"count": len(moved)},
            )
        else:
            messages.info(request, _("There were no unanswered questions left to move."))
    return redirect(safe_next(request, request.POST.get("next"), _questions_url(event)))


# --- presenter view -------------------------------------------------------------------------------


@login_required
@require_GET
def presenter(request, pk: int):
    """For presenters and staff: the registrants, and their questions by group and votes."""
    event = _event_for(request, pk, presenters_only=True)
    now = timezone.now()
    context = {
        "event": event,
        "counts": qa.registration_counts(event),
        "registrants": qa.registrants_of(event),
        "groups": qa.questions_grouped(event, request.user),
        "hidden_questions": qa.questions_hidden(event),
        "group_labels": qa.group_labels(event),
        "group_max_length": qa.GROUP_MAX_LENGTH,
        "voting_open": qa.voting_open(event, now),
        "may_move": qa.has_ended(event, now) and qa.has_movable_questions(event),
        "fragment_url": reverse("events:presenter", args=[event.pk]) + "?fragment=questions",
        "next": reverse("events:presenter", args=[event.pk]),
    }
    if request.GET.get("fragment") == "questions":
        return render(request, "events/_presenter_questions.html", context)
    return render(request, "events/presenter.html", context)


@login_required
@require_GET
def presenter_csv(request, pk: int):
    event = _event_for(request, pk, presenters_only=True)
    text = qa.registrants_csv(event, request.user)
    response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-registrants.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
