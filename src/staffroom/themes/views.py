"""Theme pages for readers (list, page, image, follow) and for editors (create, edit the
fields, sections and items, preview). Permissions are checked here and in the services."""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from staffroom.accounts.models import Member
from staffroom.core.markdown import render_markdown
from staffroom.core.pagination import paginate
from staffroom.core.permissions import staff_required
from staffroom.core.upload_limits import body_limit
from staffroom.curriculum.queries import (
    level_by_code,
    levels_for_region,
    subject_by_code,
    subjects_for_region,
)
from staffroom.resources.forms import upload_request_limit

from . import services
from .forms import CuratorForm, HomeSlotsForm, ItemForm, SectionForm, ThemeForm
from .inputs import ItemInput, SectionInput, ThemeInput
from .models import HOME_SLOTS, Theme, ThemeItem, ThemeSection
from .queries import (
    ThemeFilters,
    home_slots,
    is_following,
    may_curate,
    may_edit,
    sections_for_page,
    theme_by_slug,
    theme_offers,
    theme_visible_to,
    themes_editable_by,
    themes_listed,
)

PER_PAGE = 20


def curator_required(view):
    """Visitors are sent to log in; members who may not curate themes get 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_curate(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _add_errors(form, error: ValidationError) -> None:
    """A service's refusal on the form: at the field it names (the item form's one address
    field holds an external link's address too), else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.message_dict.items():
        name = "reference" if name == "url" else name
        form.add_error(name if name in form.fields else None, errors)


# Readers


def theme_list(request):
    filters = ThemeFilters(
        level=level_by_code(request.GET.get("level", "")),
        subject=subject_by_code(request.GET.get("subject", "")),
    )
    query = {
        key: term.code
        for key, term in (("level", filters.level), ("subject", filters.subject))
        if term is not None
    }
    return render(
        request,
        "themes/list.html",
        {
            "page": paginate(request, themes_listed(filters), PER_PAGE),
            "filters": filters,
            "levels": levels_for_region(request.region),
            "subjects": subjects_for_region(request.region),
            "filter_query": urlencode(query),
            "may_curate": may_curate(request.user),
        },
    )


def _visible_theme(request, slug: str) -> Theme:
    theme = theme_by_slug(slug)
    if theme is None or not theme_visible_to(theme, request.user):
        raise Http404
    return theme


def _offers(theme: Theme) -> list[dict]:
    today = timezone.localdate()
    return [
        {"resource": resource, "days_left": (resource.free_until - today).days}
        for resource in theme_offers(theme, today)
    ]


def theme_detail(request, slug: str):
    """A theme's page; its editors also see it as a draft or outside its window (preview)."""
    theme = _visible_theme(request, slug)
    return render(
        request,
        "themes/detail.html",
        {
            "theme": theme,
            "introduction_html": mark_safe(render_markdown(theme.introduction)),  # sanitised
            "sections": sections_for_page(theme),
            "offers": _offers(theme),
            "following": is_following(theme, request.user),
            "may_edit": may_edit(theme, request.user),
            "preview": not theme.is_public(),
        },
    )


def theme_image(request, slug: str):
    """The theme's image, served through a view like every upload: a draft's only to its
    editors."""
    theme = _visible_theme(request, slug)
    if not theme.image:
        raise Http404
    try:
        opened = theme.image.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404 from missing
    response = FileResponse(opened, content_type="image/jpeg")
    response["Cache-Control"] = f"{'public' if theme.is_public() else 'private'}, max-age=3600"
    return response


@require_POST
@login_required
def follow(request, slug: str):
    theme = _visible_theme(request, slug)
    try:
        services.theme_follow(theme=theme, member=request.user)
    except PermissionDenied:
        messages.error(request, _("You can follow a theme once it is published."))
    else:
        messages.success(request, _("You follow this theme: you get a notice when it grows."))
    return redirect(theme)


@require_POST
@login_required
def unfollow(request, slug: str):
    theme = _visible_theme(request, slug)
    services.theme_unfollow(theme=theme, member=request.user)
    messages.success(request, _("You no longer follow this theme."))
    return redirect(theme)


# Editors


@curator_required
def editor_list(request):
    return render(
        request,
        "themes/editor_list.html",
        {"themes": themes_editable_by(request.user), "now": timezone.now()},
    )


def _theme_input(form: ThemeForm) -> ThemeInput:
    return ThemeInput.from_values(form.cleaned_data)


def _save_image(request, theme: Theme, form: ThemeForm) -> bool:
    """Store or remove the image as the form asks; False (with the message on the form)
    when the upload was refused."""
    upload = form.cleaned_data.get("image")
    try:
        if upload:
            services.theme_image_set(theme=theme, upload=upload, by=request.user)
        elif form.cleaned_data.get("remove_image"):
            services.theme_image_remove(theme=theme, by=request.user)
    except ValidationError as refused:
        form.add_error("image", refused)
        return False
    return True


@curator_required
@body_limit(upload_request_limit)
@require_http_methods(["GET", "POST"])
def theme_new(request):
    form = ThemeForm(
        request.POST or None, request.FILES or None, region=request.region, staff=False
    )
    if request.method == "POST" and form.is_valid():
        try:
            theme = services.theme_create(data=_theme_input(form), by=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if _save_image(request, theme, form):
                messages.success(request, _("The theme is saved. Now add sections and items."))
            else:
                messages.error(request, " ".join(str(e) for e in form.errors.get("image", [])))
            return redirect("themes:edit", slug=theme.slug)
    return render(request, "themes/theme_form.html", {"form": form, "theme": None})


def _editable(request, slug: str) -> Theme:
    theme = theme_by_slug(slug)
    if theme is None:
        raise Http404
    if not may_edit(theme, request.user):
        raise PermissionDenied
    return theme


def _edit_page(
    request,
    theme: Theme,
    *,
    form=None,
    section_form=None,
    item_form=None,
    item_section: int | None = None,
    status: int = 200,
):
    staff = request.user.is_staff
    if form is None:
        initial = {
            "title": theme.title,
            "slug": theme.slug,
            "introduction": theme.introduction,
            "image_description": theme.image_description,
            "status": theme.status,
            "publish_from": theme.publish_from,
            "publish_until": theme.publish_until,
            "levels": list(theme.levels.all()),
            "subjects": list(theme.subjects.all()),
            "editors": list(theme.editors.all()),
        }
        form = ThemeForm(initial=initial, region=request.region, theme=theme, staff=staff)
    sections = sections_for_page(theme, editing=True)
    for section in sections:
        bound = item_form if item_section == section.pk else None
        # Each section's own forms, read by the template as section.item_form/edit_form.
        vars(section).update(
            item_form=bound or ItemForm(auto_id=f"item-{section.pk}-%s"),
            edit_form=SectionForm(
                initial={"heading": section.heading, "intro": section.intro},
                auto_id=f"section-{section.pk}-%s",
            ),
        )
    return render(
        request,
        "themes/edit.html",
        {
            "theme": theme,
            "form": form,
            "sections": sections,
            "section_form": section_form or SectionForm(auto_id="new-section-%s"),
            "preview": not theme.is_public(),
        },
        status=status,
    )


@curator_required
@body_limit(upload_request_limit)
@require_http_methods(["GET", "POST"])
def theme_edit(request, slug: str):
    theme = _editable(request, slug)
    if request.method != "POST":
        return _edit_page(request, theme)
    form = ThemeForm(
        request.POST, request.FILES, region=request.region, theme=theme, staff=request.user.is_staff
    )
    if form.is_valid():
        try:
            theme = services.theme_edit(theme=theme, data=_theme_input(form), by=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if _save_image(request, theme, form):
                messages.success(request, _("The theme is saved."))
                return redirect("themes:edit", slug=theme.slug)
    theme.refresh_from_db()
    return _edit_page(request, theme, form=form, status=400)


@curator_required
@require_POST
def theme_delete(request, slug: str):
    theme = _editable(request, slug)
    services.theme_delete(theme=theme, by=request.user)
    messages.success(request, _("The theme “%(title)s” is deleted.") % {"title": theme.title})
    return redirect("themes:editor_list")


@curator_required
@require_POST
def section_add(request, slug: str):
    theme = _editable(request, slug)
    form = SectionForm(request.POST, auto_id="new-section-%s")
    if form.is_valid():
        try:
            services.section_add(
                theme=theme, data=SectionInput.from_values(form.cleaned_data), by=request.user
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The section is added."))
            return redirect("themes:edit", slug=theme.slug)
    return _edit_page(request, theme, section_form=form, status=400)


def _section(request, pk: int) -> ThemeSection:
    section = get_object_or_404(ThemeSection.objects.select_related("theme"), pk=pk)
    if not may_edit(section.theme, request.user):
        raise PermissionDenied
    return section


def _back_to_edit(section_or_theme) -> HttpResponseRedirect:
    theme = getattr(section_or_theme, "theme", section_or_theme)
    return redirect("themes:edit", slug=theme.slug)


@curator_required
@require_POST
def section_edit(request, pk: int):
    section = _section(request, pk)
    form = SectionForm(request.POST)
    if form.is_valid():
        try:
            services.section_edit(
                section=section, data=SectionInput.from_values(form.cleaned_data), by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The section is saved."))
    else:
        messages.error(request, _("Give the section a heading."))
    return _back_to_edit(section)


@curator_required
@require_POST
def section_move(request, pk: int):
    section = _section(request, pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    services.section_move(section=section, offset=offset, by=request.user)
    return _back_to_edit(section)


@curator_required
@require_POST
def section_remove(request, pk: int):
    section = _section(request, pk)
    services.section_remove(section=section, by=request.user)
    messages.success(request, _("The section “%(heading)s” is removed.") % {"heading": section})
    return _back_to_edit(section)


@curator_required
@require_POST
def item_add(request, pk: int):
    section = _section(request, pk)
    form = ItemForm(request.POST, auto_id=f"item-{section.pk}-%s")
    if form.is_valid():
        try:
            services.item_add(
                section=section, data=ItemInput.from_values(form.cleaned_data), by=request.user
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The item is added."))
            return _back_to_edit(section)
    messages.error(request, _("The item was not added: see the message at its section."))
    return _edit_page(request, section.theme, item_form=form, item_section=section.pk, status=400)


def _item(request, pk: int) -> ThemeItem:
    item = get_object_or_404(ThemeItem.objects.select_related("section__theme"), pk=pk)
    if not may_edit(item.section.theme, request.user):
        raise PermissionDenied
    return item


@curator_required
@require_POST
def item_move(request, pk: int):
    item = _item(request, pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    services.item_move(item=item, offset=offset, by=request.user)
    return _back_to_edit(item.section)


@curator_required
@require_POST
def item_note(request, pk: int):
    item = _item(request, pk)
    try:
        services.item_edit_note(item=item, note=request.POST.get("note", ""), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The note is saved."))
    return _back_to_edit(item.section)


@curator_required
@require_POST
def item_remove(request, pk: int):
    item = _item(request, pk)
    services.item_remove(item=item, by=request.user)
    messages.success(request, _("The item is removed."))
    return _back_to_edit(item.section)


# Staff


@staff_required
@require_http_methods(["GET", "POST"])
def staff_home_slots(request):
    """The home page's editorial slots, filled with themes (empty: the usual home page)."""
    slots = home_slots()
    initial = {f"slot_{n}": slots[n].theme for n in slots}
    form = HomeSlotsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.home_slots_set(
            themes={n: form.cleaned_data[f"slot_{n}"] for n in range(1, HOME_SLOTS + 1)},
            by=request.user,
        )
        messages.success(request, _("The home page's slots are saved."))
        return redirect("themes:staff_home_slots")
    return render(request, "themes/staff_home_slots.html", {"form": form, "now": timezone.now()})


@staff_required
@require_http_methods(["GET", "POST"])
def staff_curators(request):
    """Members who may make and edit themes (the curators' group)."""
    form = CuratorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = Member.objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if member is None:
            form.add_error("email", _("No member has this email address."))
        else:
            services.curator_grant(member=member, by=request.user)
            messages.success(request, _("%(name)s may now curate themes.") % {"name": member})
            return redirect("themes:staff_curators")
    curators = services.curators_group().user_set.order_by("name", "pk")
    return render(request, "themes/staff_curators.html", {"form": form, "curators": curators})


@staff_required
@require_POST
def staff_curator_remove(request, pk: int):
    member = get_object_or_404(Member, pk=pk)
    services.curator_revoke(member=member, by=request.user)
    messages.success(request, _("%(name)s may no longer curate themes.") % {"name": member})
    return redirect("themes:staff_curators")
