"""Staff pages of the harvested OAI-PMH sources: the list with each source's last run, adding
and changing a source, harvesting now (queued for the worker) and a run's report."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from staffroom.core.pagination import paginate
from staffroom.core.permissions import staff_required

from .harvest import queries, services
from .harvest.inputs import HarvestSourceInput
from .harvest_forms import HarvestNowForm, HarvestSourceForm
from .models.harvest import HarvestRun, HarvestSource


@staff_required
def harvest_sources(request):
    sources = list(queries.sources_with_last_run())
    last_runs = queries.last_runs_by_source(sources)
    rows = [(source, last_runs.get(source.pk)) for source in sources]
    return render(request, "interop/harvest_sources.html", {"rows": rows})


@staff_required
@require_http_methods(["GET", "POST"])
def harvest_source_edit(request, pk=None):
    source = get_object_or_404(HarvestSource, pk=pk) if pk else None
    form = HarvestSourceForm(request.POST or None, instance=source)
    if request.method == "POST":
        if form.is_valid():
            try:
                source = services.harvest_source_save(
                    staff=request.user, data=HarvestSourceInput.from_form(form), source=source
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The source is saved."))
                return redirect("interop:harvest_source", source.pk)
        messages.error(request, _("The source is not saved: please check the form."))
    return render(request, "interop/harvest_source_edit.html", {"form": form, "source": source})


@staff_required
def harvest_source(request, pk):
    source = get_object_or_404(HarvestSource.objects.select_related("organisation"), pk=pk)
    return render(
        request,
        "interop/harvest_source.html",
        {
            "source": source,
            "page": paginate(request, queries.runs_of(source), per_page=20),
            "now_form": HarvestNowForm(),
        },
    )


@staff_required
@require_POST
def harvest_source_run(request, pk):
    source = get_object_or_404(HarvestSource, pk=pk)
    form = HarvestNowForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                # An ErrorList yields its messages as text.
                messages.error(request, str(error))
        return redirect("interop:harvest_source", source.pk)
    services.harvest_enqueue(staff=request.user, source=source, from_=form.start())
    messages.success(
        request, _("The harvest is queued: its run appears below once the worker starts it.")
    )
    return redirect("interop:harvest_source", source.pk)


@staff_required
def harvest_run(request, pk):
    run = get_object_or_404(HarvestRun.objects.select_related("source"), pk=pk)
    report = run.report or {}
    examples = report.get("examples") or {}
    missing = [
        (name, count, examples.get(f"missing {name}", ""))
        for name, count in sorted((report.get("missing") or {}).items())
    ]
    quirks = [
        (name, count, examples.get(name, ""))
        for name, count in sorted((report.get("quirks") or {}).items())
    ]
    return render(
        request,
        "interop/harvest_run.html",
        {
            "run": run,
            "report": report,
            "unmapped": queries.report_sections(run),
            "missing": missing,
            "quirks": quirks,
            "skip_reasons": sorted((report.get("skip_reasons") or {}).items()),
        },
    )
