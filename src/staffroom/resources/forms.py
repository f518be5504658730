"""The contribution form: a simple version with what is required, an advanced one with all
metadata. Every field is optional at the form level so that a draft keeps whatever was typed;
what a submission needs is checked by the service (``resource_submission_errors``)."""

import json
from typing import cast

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from staffroom.accounts.models import Organisation
from staffroom.core.upload_limits import FORM_OVERHEAD_BYTES, MB, megabytes
from staffroom.curriculum.forms import levels_field, subjects_field
from staffroom.curriculum.models import Level, ResourceType, Subject
from staffroom.curriculum.queries import indentation, levels_for_region, terms_in_region
from staffroom.curriculum.widgets import TermPicker

from .files import ACCEPTED_TYPES, EXTENSIONS, CheckedUpload, UploadRefused, check_upload
from .inputs import ResourceInput, cost_problems, member_language_choices
from .licences import TEACHER_LICENCES, Licence, remix_licences
from .metadata import snapshot
from .models import Cost, Kind, Resource
from .queries import published_by_reference
from .remix import adaptation_licence_choices

# The kinds of file (files.ACCEPTED_TYPES groups them, settings.MAX_UPLOAD_MB limits each) as
# the form names them.
KIND_NAMES = {
    "document": _("documents"),
    "image": _("images"),
    "audio": _("audio"),
    "video": _("video"),
}
# Other names browsers and systems give the accepted types' files; the file is typed by its
# content on the server all the same.
EXTENSION_ALIASES = {"image/jpeg": (".jpeg",)}


def upload_kinds() -> list[dict]:
    """Each kind of file accepted: its name, extensions, content types and size limit in bytes,
    read from files.ACCEPTED_TYPES and settings.MAX_UPLOAD_MB (per request: tests change it)."""
    kinds: dict[str, dict] = {}
    for mime, kind in ACCEPTED_TYPES.items():
        entry = kinds.setdefault(
            kind,
            {
                "kind": kind,
                "name": KIND_NAMES.get(kind, kind),
                "extensions": [],
                "names": [],
                "types": [],
                "max_bytes": settings.MAX_UPLOAD_MB[kind] * MB,
            },
        )
        entry["types"].append(mime)
        entry["names"].append(EXTENSIONS[mime].lstrip(".").upper())
        for extension in (EXTENSIONS[mime], *EXTENSION_ALIASES.get(mime, ())):
            if extension not in entry["extensions"]:
                entry["extensions"].append(extension)
    return list(kinds.values())


def upload_request_limit() -> int:
    """The largest body the contribution form may send: its largest file and its other fields.
    core.upload_limits refuses more by Content-Length, before reading it."""
    return max(settings.MAX_UPLOAD_MB.values()) * MB + FORM_OVERHEAD_BYTES


def upload_limits_text(*, multiple: bool = True) -> str:
    """The accepted types and their limits in words, for the form ("documents (PDF, DOC, ...)
    up to 50 MB; images ... "), sizes in the reader's number format."""
    parts = [
        gettext("%(kind)s (%(extensions)s) up to %(limit)s")
        % {
            "kind": kind["name"],
            "extensions": ", ".join(kind["names"]),
            "limit": megabytes(kind["max_bytes"]),
        }
        for kind in upload_kinds()
    ]
    if multiple:
        text = gettext(
            "Accepted: %(kinds)s per file. You may choose several files, or drag them onto "
            "the field."
        )
    else:
        text = gettext("Accepted: %(kinds)s. You may also drag the file onto the field.")
    return text % {"kinds": "; ".join(parts)}


def describe_upload_limits(field: forms.Field) -> None:
    """The limits in words next to a file field (its help text), and for the browser:
    ``accept`` (its file chooser offers those types) and the limits and messages upload.js
    checks a chosen file against before anything is sent. For every form that takes files
    checked by ``files.check_upload``; its view declares ``upload_request_limit`` with
    ``core.upload_limits.body_limit``."""
    kinds = upload_kinds()
    multiple = bool(getattr(field.widget, "allow_multiple_selected", False))
    field.help_text = upload_limits_text(multiple=multiple)
    accept = [extension for kind in kinds for extension in kind["extensions"]]
    accept += [mime for kind in kinds for mime in kind["types"]]
    limits = {
        "kinds": [
            {key: kind[key] for key in ("extensions", "types", "max_bytes")} for kind in kinds
        ],
        "total_bytes": upload_request_limit() - FORM_OVERHEAD_BYTES,
    }
    field.widget.attrs.update(
        {
            "accept": ",".join(accept),
            "data-upload-limits": json.dumps(limits),
            # Placeholders filled in by upload.js: {name}, {size}, {limit}.
            "data-message-too-large": gettext(
                "“{name}” is {size}; files of this kind may be at most {limit}. It was "
                "not added: choose a smaller file."
            ),
            "data-message-refused-type": gettext(
                "“{name}” is not a type of file we accept. It was not added."
            ),
            "data-message-too-much": gettext(
                "“{name}” was not added: together the files would be {size}, and at most "
                "{limit} can be sent at once. Send it with the next save."
            ),
            "data-message-drop": gettext("Drag files here, or use the button."),
            "data-message-chosen": gettext("Chosen:"),
        }
    )


def add_cost_problems(form: forms.Form, cost: str) -> None:
    """Put what ``cost_problems`` finds in the form's cleaned price and dates at the fields
    it names (unless a field already has an error of its own)."""
    cleaned = form.cleaned_data
    problems = cost_problems(
        cost, cleaned.get("cost_note") or "", cleaned.get("free_from"), cleaned.get("free_until")
    )
    for field, problem in problems.items():
        if field not in form.errors:
            form.add_error(field, problem)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class BasedOnField(forms.CharField):
    """The original of a remix, given by its address on this site or its number."""

    default_error_messages = {
        "unknown": _("No published resource found at that address or number."),
    }

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        found, _unknown = published_by_reference([value])
        resource = found.get(value)
        if resource is None:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
        return resource


class ManualForField(BasedOnField):
    """The tool or resource a manual explains, given as ``based_on`` is."""


# Dates as the browser's date picker sends and shows them (ISO), whatever the language.
ISO_DATE = "%Y-%m-%d"


def date_field(label, help_text="") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=[ISO_DATE, "%d/%m/%Y", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
        help_text=help_text,
        error_messages={"invalid": _("Enter a date, e.g. 2027-03-31.")},
    )


def licence_choices(*, partner: bool, current: str = "", original: Resource | None = None):
    """The licences the form offers: for new work the current Creative Commons licences and
    CC0 (and "all rights reserved" for partner organisations); a resource that already
    carries another licence (an older version, a port, a software licence, the source's own
    statement) keeps it selectable; an adaptation of material whose licence none of those
    allows (GPL, an older ShareAlike version that is fine as it is) is offered what it may
    carry."""
    offered = list(TEACHER_LICENCES)
    if partner:
        offered.append(Licence.ALL_RIGHTS_RESERVED)
    if original is not None:
        allowed = [code for code in remix_licences(original.licence) if code != Licence.SEE_SOURCE]
        if not set(allowed) & set(offered):
            offered += [Licence(code) for code in allowed]
    if current in Licence.values and current not in offered:
        offered.append(Licence(current))
    return [(choice.value, choice.label) for choice in offered]


class ResourceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What is it, for whom, how do you use it in class? Markdown is allowed."),
    )
    kind = forms.ChoiceField(
        label=_("What do you share?"),
        choices=Kind.choices,
        initial=Kind.FILE,
        widget=forms.RadioSelect,
        required=False,
    )
    # Named like BaseForm.files (the uploaded data): the form metaclass takes declared fields
    # off the class, so the two never meet; the stubs cannot know that.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Files"),
        required=False,
        # The accepted types and limits in words: __init__ reads them from the settings.
        help_text="",
    )
    url = forms.URLField(
        label=_("Web address"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        # Django's URLField also takes ftp(s), which browsers no longer open and the visit
        # redirect refuses (a 400 for every visitor).
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("For a web link, or a video or interactive exercise to embed."),
    )
    resource_type = forms.ModelChoiceField[ResourceType](
        label=_("Type"), queryset=None, required=False, empty_label=_("Choose a type")
    )
    licence = forms.ChoiceField(
        label=_("Licence"),
        choices=[(choice.value, choice.label) for choice in TEACHER_LICENCES],
        initial=Licence.BY,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "BY: others may use and adapt it if they credit you. NC: not for commercial use. "
            "SA: adaptations must carry the same licence. ND: no adaptations. "
            "CC0: no conditions at all."
        ),
    )

    # Advanced form only.
    language = forms.ChoiceField(
        label=_("Language of the resource"),
        choices=[("", _("Detect from the text")), *member_language_choices()],
        required=False,
    )
    keywords = forms.CharField(
        label=_("Keywords"),
        required=False,
        max_length=500,
        help_text=_("Separated by commas."),
    )
    author_name = forms.CharField(
        label=_("Author"),
        required=False,
        max_length=200,
        help_text=_("If you did not make it yourself, or made it with others."),
    )
    attribution = forms.CharField(
        label=_("Attribution"),
        required=False,
        max_length=300,
        help_text=_("How others should credit the work, if not by the author's name."),
    )
    based_on = BasedOnField(
        label=_("Based on"),
        required=False,
        max_length=300,
        help_text=_(
            "If this adapts a resource on Staffroom: its address or number. The licence of "
            "the original decides which licences you may choose."
        ),
    )
    accessibility_notes = forms.CharField(
        label=_("Accessibility notes"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. dyslexia-friendly font, subtitles, screen-reader tested."),
    )
    duration = forms.IntegerField(
        label=_("Time in class (minutes)"),
        required=False,
        min_value=1,
        max_value=600,
        help_text=_("How long pupils work with it, if you know: e.g. 50 for one lesson."),
    )
    organisation = forms.ModelChoiceField[Organisation](
        label=_("Publish as"),
        queryset=None,
        required=False,
        empty_label=_("Myself"),
    )
    manual_for = ManualForField(
        label=_("This is a manual for"),
        required=False,
        max_length=300,
        help_text=_(
            "If this explains how to use a tool or another resource on Staffroom: its "
            "address or number. Its page will list this manual."
        ),
    )
    cost = forms.ChoiceField(
        label=_("Cost"),
        choices=Cost.choices,
        initial=Cost.FREE,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("What a teacher or school pays to use it."),
    )
    cost_note = forms.CharField(
        label=_("Price or conditions"),
        required=False,
        max_length=300,
        help_text=_(
            "For a paid resource its price; for an offer its conditions (e.g. “for schools "
            "in Flanders, sign up with a school address”)."
        ),
    )
    free_from = date_field(_("Free from"), _("Leave empty if it is free from now on."))
    free_until = date_field(
        _("Free until"),
        _("The last free day. The offer ends by itself after that day."),
    )

    # Partners say what their content costs in the simple form too.
    COST_FIELDS = ("cost", "cost_note", "free_from", "free_until")
    ADVANCED_FIELDS = (
        "language",
        "keywords",
        "author_name",
        "attribution",
        "based_on",
        "accessibility_notes",
        "duration",
        "manual_for",
        *COST_FIELDS,
        "organisation",
    )

    def __init__(
        self,
        *args,
        member,
        region: str,
        advanced: bool,
        resource=None,
        original: Resource | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.advanced = advanced
        # The resource this one adapts ("Share your adaptation", or a draft's based_on): the
        # page names it and offers only the licences it allows.
        self.original = original
        levels = levels_field(
            region,
            label=_("Education levels"),
            required=False,
            widget=TermPicker(Level, filter_label=_("Find a level")),
        )
        subjects = subjects_field(
            region,
            label=_("Subjects"),
            required=False,
            widget=TermPicker(Subject, filter_label=_("Find a subject")),
        )
        self.fields["levels"], self.fields["subjects"] = levels, subjects
        cast(
            forms.ModelChoiceField, self.fields["resource_type"]
        ).queryset = ResourceType.objects.order_by("position")
        organisations = member.organisations.all()
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = organisations
        is_partner = organisations.exists()
        licence = cast(forms.ChoiceField, self.fields["licence"])
        licence.choices = licence_choices(
            partner=is_partner,
            current=resource.licence if resource is not None else "",
            original=original,
        )
        if original is not None:
            # Only the radio buttons are limited: another licence sent all the same is refused
            # by clean() with the remix rule's reason, not as an unknown choice.
            licence.widget.choices = adaptation_licence_choices(original, licence.widget.choices)
        if resource is not None:
            levels.set_region(region, keep=resource.levels.all())
            subjects.set_region(region, keep=resource.subjects.all())
        if not advanced:
            for name in self.ADVANCED_FIELDS:
                # Partners choose whose name to publish under, and what it costs, in the
                # simple form too.
                if not (name in ("organisation", *self.COST_FIELDS) and is_partner):
                    del self.fields[name]
        if original is not None and "based_on" not in self.fields:
            # The simple form keeps the original of an adaptation, out of sight (the page
            # names it).
            self.fields["based_on"] = BasedOnField(
                label=_("Based on"), required=False, max_length=300, widget=forms.HiddenInput
            )
        self.order_fields(
            [
                "title",
                "description",
                "kind",
                "files",
                "url",
                "levels",
                "subjects",
                "resource_type",
                "licence",
                *self.ADVANCED_FIELDS,
            ]
        )
        self.checked_uploads: list[CheckedUpload] = []
        if "files" in self.fields:
            describe_upload_limits(self.fields["files"])

    @staticmethod
    def initial_for_new(member, region: str) -> dict:
        """A new contribution starts with the levels and subjects of the member's profile, as
        the viewer's region names them."""
        return {
            "levels": terms_in_region(member.levels.all(), region),
            "subjects": terms_in_region(member.subjects.all(), region),
        }

    @staticmethod
    def initial_from(resource: Resource, proposed: dict | None = None) -> dict:
        """Form values for ``resource``, with a pending edit's ``proposed`` values applied."""
        values = {**snapshot(resource), **(proposed or {})}
        return {
            **values,
            "kind": resource.kind,
            "organisation": resource.organisation,
            "levels": list(Level.objects.filter(code__in=values["levels"])),
            "subjects": list(Subject.objects.filter(code__in=values["subjects"])),
            "resource_type": ResourceType.objects.filter(code=values["resource_type"]).first(),
            "keywords": ", ".join(values["keywords"]),
            "based_on": str(values["based_on"] or ""),
            "manual_for": str(values["manual_for"] or ""),
        }

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if "cost" in self.fields and cleaned.get("cost") and "cost" not in self.errors:
            add_cost_problems(self, cleaned["cost"])
        self._clean_remix(cleaned)
        return cleaned

    def _clean_remix(self, cleaned: dict) -> None:
        """An adaptation's licence must be one its original allows (the same rule the
        submission checks, told as soon as the form is saved). An original that allows no
        adaptation at all is the submission's to refuse: a draft keeps it until then."""
        if {"licence", "based_on"} & set(self.errors):
            return
        remix = ResourceInput(
            based_on=cleaned.get("based_on"), licence=cleaned.get("licence") or ""
        )
        problem = remix.remix_problems().get("licence")
        if problem:
            self.add_error("licence", problem)

    def clean_description(self):
        # Browsers send CRLF line ends; stored text uses LF, so an untouched field stays equal.
        return (self.cleaned_data.get("description") or "").replace("\r\n", "\n")

    def clean_accessibility_notes(self):
        return (self.cleaned_data.get("accessibility_notes") or "").replace("\r\n", "\n")

    def clean_files(self):
        """Keep each acceptable file; refuse the others one by one with the reason."""
        problems = []
        for upload in self.cleaned_data.get("files") or []:
            try:
                self.checked_uploads.append(check_upload(upload))
            except UploadRefused as refused:
                problems.append(str(refused))
        if problems:
            raise forms.ValidationError(problems)
        return self.cleaned_data.get("files")

    def metadata(self) -> ResourceInput:
        """The fields that validated, for the services (files excluded): nothing typed is
        lost when another field is wrong."""
        return ResourceInput.from_values(
            {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        )


class ModerationForm(ResourceForm):
    """The metadata as the moderator corrects it before publishing."""

    message = forms.CharField(
        label=_("Message to the contributor"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when asking for changes or rejecting."),
    )

    def __init__(self, *args, resource: Resource, **kwargs):
        super().__init__(*args, resource=resource, advanced=True, **kwargs)
        for name in ("files", "kind", "organisation"):
            del self.fields[name]
        cast(forms.ChoiceField, self.fields["licence"]).choices = licence_choices(
            partner=True, current=resource.licence
        )
        cast(forms.ChoiceField, self.fields["language"]).choices = member_language_choices()
        self.fields["language"].required = True
        self.fields["title"].required = True

    def corrected_metadata(self) -> ResourceInput:
        return self.metadata()


class RatingForm(forms.Form):
    """Stars, and optionally the level the member used the resource with (in their terms)."""

    stars = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=[(n, f"{n} ★") for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    used_with = forms.ModelChoiceField(
        label=_("I used this with"), queryset=Level.objects.all(), required=False
    )

    def __init__(self, *args, region: str, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["used_with"]).choices = [("", "—")] + [
            (level.pk, f"{indentation(level)}{level.label}") for level in levels_for_region(region)
        ]


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10_000,
        help_text=_("Markdown: **bold**, *italic*, lists and links."),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class OfferForm(forms.Form):
    """A partner's offer of a tool that is free for a period ("Offer a tool")."""

    title = forms.CharField(
        label=_("Name of the tool"),
        max_length=200,
        help_text=_("As teachers will look for it, e.g. “Classroom quiz app”."),
    )
    description = forms.CharField(
        label=_("What it is"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the tool does and how teachers use it in class. Markdown is allowed."),
    )
    url = forms.URLField(
        label=_("Web address of the tool"),
        max_length=1000,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
    )
    cost_note = forms.CharField(
        label=_("Conditions"),
        max_length=300,
        required=False,
        help_text=_(
            "Who may use it free and what they must do, e.g. “for schools in Flanders and "
            "the Netherlands; sign up with a school address”."
        ),
    )
    free_from = date_field(_("Free from"), _("Leave empty if it is free from now on."))
    free_until = date_field(
        _("Free until"), _("The last free day. The offer ends by itself after that day.")
    )
    organisation = forms.ModelChoiceField[Organisation](
        label=_("Offered by"), queryset=None, required=False, empty_label=_("Staffroom")
    )

    def __init__(self, *args, member, region: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["free_until"].required = True
        self.fields["levels"] = levels_field(
            region,
            label=_("For which education levels"),
            widget=TermPicker(Level, filter_label=_("Find a level")),
        )
        self.fields["subjects"] = subjects_field(
            region,
            label=_("For which subjects"),
            widget=TermPicker(Subject, filter_label=_("Find a subject")),
        )
        organisations = member.organisations.all()
        organisation = cast(forms.ModelChoiceField, self.fields["organisation"])
        organisation.queryset = organisations
        if organisations.exists():
            # A partner offers under its organisation's name, never as a private person.
            organisation.required = True
            organisation.empty_label = None
        self.order_fields(
            [
                "title",
                "description",
                "url",
                "levels",
                "subjects",
                "cost_note",
                "free_from",
                "free_until",
                "organisation",
            ]
        )

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        add_cost_problems(self, Cost.FREE_UNTIL)
        return cleaned

    def clean_description(self):
        return (self.cleaned_data.get("description") or "").replace("\r\n", "\n")
