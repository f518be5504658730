from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from staffroom.accounts.models import Member
from staffroom.core import usage
from staffroom.core.http import int_param
from staffroom.core.pagination import paginate
from staffroom.core.permissions import staff_required
from staffroom.curriculum.queries import levels_for_region, subjects_for_region
from staffroom.resources.feeds import feed_region_query
from staffroom.resources.models import ContentLanguage

from . import services
from .documents import ANSWERED, OPEN, SOLVED
from .feeds import list_title
from .forms import AnswerForm, ExpertForm, QuestionForm
from .inputs import QuestionInput
from .models import Answer, Question
from .queries import (
    LISTS,
    SEARCH_SORTS,
    QuestionFilters,
    answers_for,
    experts_listed,
    is_forum_expert,
    members_matching,
    question_detail,
    questions_listed,
    resources_to_link,
    search_filters_from,
    search_questions,
    similar_questions,
)

PER_PAGE = 20
STATE_LABELS = {
    OPEN: gettext_lazy("Not answered yet"),
    ANSWERED: gettext_lazy("Answered"),
    SOLVED: gettext_lazy("Solved"),
}
SORT_LABELS = {
    "relevance": gettext_lazy("Relevance"),
    "newest": gettext_lazy("Newest"),
    "popular": gettext_lazy("Most votes and answers"),
}


def _filter_context(request, filters: QuestionFilters) -> dict:
    return {
        "filters": filters,
        "levels": levels_for_region(request.region),
        "subjects": subjects_for_region(request.region),
        "filter_query": urlencode(filters.as_query()),
        # The list's feed in the viewer's region, as the browse page's feed link has it.
        "feed_query": urlencode(
            {
                **filters.as_query(),
                **feed_region_query(request.region, filters.level or filters.subject),
            }
        ),
    }


def question_list(request, list_name: str = "recent"):
    if list_name not in LISTS:
        raise Http404
    filters = QuestionFilters.from_query(request.GET)
    context = {
        "list_name": list_name,
        "list_title": list_title(list_name),
        "lists": [(name, list_title(name)) for name in LISTS],
        "page": paginate(request, questions_listed(list_name, filters), PER_PAGE),
        "state_labels": STATE_LABELS,
        **_filter_context(request, filters),
    }
    # Live filtering asks for the list alone; without JavaScript the whole page is served.
    if request.GET.get("fragment") == "results":
        return render(request, "forum/_questions.html", context)
    return render(request, "forum/list.html", context)


def _question_or_404(pk: int) -> Question:
    question = question_detail(pk)
    if question is None:
        raise Http404
    return question


def _detail_context(request, question: Question, answer_form=None) -> dict:
    member = request.user
    return {
        "question": question,
        "answers": answers_for(question, member),
        "answer_form": answer_form or AnswerForm(),
        "may_accept": member.is_authenticated and member.pk == question.author_id,
        "may_edit": member.is_authenticated and member.pk == question.author_id,
        "asker_is_expert": is_forum_expert(question.author),
        "state_labels": STATE_LABELS,
    }


def question(request, pk: int, slug: str = ""):
    found = _question_or_404(pk)
    if slug != found.slug:
        return redirect(found, permanent=True)
    usage.record_usage(request, usage.Usage(usage.FORUM_VIEW, object_id=found.pk))
    return render(request, "forum/question.html", _detail_context(request, found))


def _languages(request) -> tuple[str, ...]:
    return tuple(dict.fromkeys([request.LANGUAGE_CODE[:2], "nl", "en", "fr", "de"]))


@login_required
@require_http_methods(["GET", "POST"])
def ask(request):
    # A search that found nothing links here with its words as the question's title.
    prefill = {
        "title": request.GET.get("title", "")[: Question._meta.get_field("title").max_length]
    }
    form = QuestionForm(request.POST or None, region=request.region, initial=prefill)
    similar = None
    if request.method == "POST" and form.is_valid():
        # Before a question is posted, questions much like it are shown once ("Did you mean
        # one of these?"); "Post anyway" posts it. With JavaScript they appear while typing.
        if not request.POST.get("post_anyway"):
            similar = similar_questions(
                form.cleaned_data["title"], region=request.region, languages=_languages(request)
            )
        if similar is None or not similar.strong:
            try:
                asked = services.question_ask(
                    member=request.user, data=QuestionInput.from_form(form.cleaned_data)
                )
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                messages.success(request, _("Your question is posted. Colleagues will be told."))
                return redirect(asked)
    # Shown again with what was typed and what is wrong; nothing is lost.
    status = 400 if request.method == "POST" and form.errors else 200
    return render(
        request,
        "forum/ask.html",
        {
            "form": form,
            "editing": None,
            "similar": similar.strong if similar else [],
        },
        status=status,
    )


@login_required
def similar(request):
    """The questions like the title being typed, as an HTML fragment for the ask form (the
    script asks for it while the member types)."""
    title = request.GET.get("title", "")[: Question._meta.get_field("title").max_length]
    found = similar_questions(title, region=request.region, languages=_languages(request))
    return render(request, "forum/_similar.html", {"questions": found.questions, "typed": title})


@login_required
def resource_picker(request):
    """Published resources matching what was typed in the editor's "Link a resource" box, as
    JSON for its script: title, the short address the resources field takes, the page."""
    found = resources_to_link(request.GET.get("q", "")[:200], region=request.region)
    return JsonResponse(
        {
            "items": [
                {
                    "id": resource.pk,
                    "title": resource.title,
                    "address": reverse("resources:detail_short", args=[resource.pk]),
                    "url": resource.get_absolute_url(),
                }
                for resource in found
            ],
            "status": ngettext("%(count)d resource found", "%(count)d resources found", len(found))
            % {"count": len(found)},
        }
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, pk: int):
    found = _question_or_404(pk)
    if found.author_id != request.user.pk:
        raise PermissionDenied
    form = QuestionForm(
        request.POST or None,
        region=request.region,
        question=found,
        initial=QuestionForm.initial_from(found),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.question_edit(
                member=request.user, question=found, data=QuestionInput.from_form(form.cleaned_data)
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("Your question is saved."))
            return redirect(found)
    status = 400 if request.method == "POST" else 200
    return render(request, "forum/ask.html", {"form": form, "editing": found}, status=status)


@login_required
@require_POST
def answer(request, pk: int):
    found = _question_or_404(pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            posted = services.answer_post(
                member=request.user,
                question=found,
                body=form.cleaned_data["body"],
                resources=form.cleaned_data["resources"],
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("Your answer is posted."))
            return redirect(posted.get_absolute_url())
    context = _detail_context(request, found, answer_form=form)
    return render(request, "forum/question.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def answer_edit(request, pk: int):
    found = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
    if found.author_id != request.user.pk:
        raise PermissionDenied
    form = AnswerForm(request.POST or None, initial=AnswerForm.initial_from(found))
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_edit(
                member=request.user,
                answer=found,
                body=form.cleaned_data["body"],
                resources=form.cleaned_data["resources"],
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("Your answer is saved."))
            return redirect(found.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "forum/answer_edit.html", {"form": form, "answer": found}, status=status)


@login_required
@require_POST
def vote(request, pk: int):
    found = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
    try:
        services.answer_vote(
            member=request.user, answer=found, up=request.POST.get("vote") != "remove"
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    return redirect(found.get_absolute_url())


@login_required
@require_POST
def accept(request, pk: int):
    found = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
    try:
        if request.POST.get("accept") == "undo":
            services.answer_unaccept(member=request.user, question=found.question)
            messages.success(request, _("The answer is no longer marked as accepted."))
        else:
            services.answer_accept(member=request.user, answer=found)
            messages.success(request, _("You accepted this answer. Thank you!"))
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    return redirect(found.get_absolute_url())


def _options(choices, counts: dict[str, int], selected: str):
    """Filter options with how many questions each would give; empty ones left out."""
    return [
        (code, label, counts.get(code, 0), code == selected)
        for code, label in choices
        if counts.get(code) or code == selected
    ]


def search(request):
    text = request.GET.get("q", "").strip()[:500]
    filters = search_filters_from(request.GET)
    sort = request.GET.get("sort", "relevance")
    sort = sort if sort in SEARCH_SORTS else "relevance"
    languages = tuple(dict.fromkeys([request.LANGUAGE_CODE[:2], "nl", "en", "fr", "de"]))
    found = search_questions(
        text,
        filters,
        request.GET.get("page"),
        sort=sort,
        languages=languages,
        region=request.region,
    )
    facets = found.facets
    facet_groups = [
        (
            "level",
            _("Education level"),
            _options(
                [(t.code, t.label) for t in levels_for_region(request.region)],
                facets.get("level", {}),
                filters.get("level", ""),
            ),
        ),
        (
            "subject",
            _("Subject"),
            _options(
                [(t.code, t.label) for t in subjects_for_region(request.region)],
                facets.get("subject", {}),
                filters.get("subject", ""),
            ),
        ),
        (
            "state",
            _("Answers"),
            _options(list(STATE_LABELS.items()), facets.get("kind", {}), filters.get("kind", "")),
        ),
        (
            "language",
            _("Language"),
            _options(
                ContentLanguage.choices, facets.get("language", {}), filters.get("language", "")
            ),
        ),
    ]
    context = {
        "q": text,
        "page": found.page,
        "similar_words": found.similar_words,
        "suggestion": found.suggestion,
        "facet_groups": facet_groups,
        "filtered": bool(filters),
        "sort": sort,
        "sorts": SORT_LABELS,
        "state_labels": STATE_LABELS,
    }
    # The live filters ask for the filters and results alone.
    if request.GET.get("fragment") == "body":
        return render(request, "forum/_search_body.html", context)
    return render(request, "forum/search.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def experts(request):
    """Staff mark members as experts of the teachers' room, or take the mark back."""
    if request.method == "POST":
        member = Member.objects.filter(pk=int_param(request.POST.get("member"))).first()
        if member is None:
            messages.error(request, _("That member no longer exists."))
        elif request.POST.get("action") == "unmark":
            services.forum_expert_unmark(staff=request.user, member=member)
            messages.success(
                request, _("%(name)s is no longer marked as an expert.") % {"name": member}
            )
        else:
            form = ExpertForm(request.POST)
            expertise = form.cleaned_data["expertise"] if form.is_valid() else ""
            services.forum_expert_mark(staff=request.user, member=member, expertise=expertise)
            messages.success(request, _("%(name)s now answers as an expert.") % {"name": member})
        term = request.POST.get("q", "").strip()[:100]
        return redirect(reverse("forum:experts") + (f"?{urlencode({'q': term})}" if term else ""))
    term = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "forum/experts.html",
        {"experts": experts_listed(), "q": term, "found": members_matching(term)},
    )
