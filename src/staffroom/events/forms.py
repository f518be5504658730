from typing import cast

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from staffroom.accounts.models import Member, Organisation
from staffroom.curriculum.forms import levels_field, subjects_field
from staffroom.resources.inputs import member_language_choices

from .models import EVENT_TIME_ZONE, Event

FIELDS = [
    "kind",
    "title",
    "description",
    "topic",
    "levels",
    "subjects",
    "presenters",
    "presenter_names",
    "starts_at",
    "ends_at",
    "capacity",
    "language",
    "online",
    "room_kind",
    "external_url",
    "organisation",
    "price",
    "location",
    "registration_url",
]
PARTNER_FIELDS = [f for f in FIELDS if f not in ("kind", "presenters", "room_kind")]


class BrusselsDateTimeField(forms.DateTimeField):
    """Entered and shown in Europe/Brussels time, whatever the member's time zone."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):
        result = super().to_python(value)
        if result is not None:
            result = result.replace(tzinfo=None).replace(tzinfo=EVENT_TIME_ZONE)
        return result

    def prepare_value(self, value):
        if hasattr(value, "astimezone"):
            return value.astimezone(EVENT_TIME_ZONE).replace(tzinfo=None)
        return value


class PresentersField(forms.CharField):
    """Presenters with an account, by email address (one per line or comma-separated): a
    select of every member would not fit on a page."""

    widget = forms.Textarea(attrs={"rows": 2})

    def prepare_value(self, value):
        if isinstance(value, list | tuple) or hasattr(value, "all"):
            members = value.all() if hasattr(value, "all") else value
            return "\n".join(
                m.email if isinstance(m, Member) else str(m) for m in members if m is not None
            )
        return value

    def clean(self, value):
        text = super().clean(value) or ""
        emails = [e.strip().lower() for e in text.replace(",", "\n").split() if e.strip()]
        if len(emails) > 20:
            raise forms.ValidationError(_("At most 20 presenters."))
        members = list(Member.objects.filter(email__in=emails, is_active=True))
        unknown = sorted(set(emails) - {m.email for m in members})
        if unknown:
            raise forms.ValidationError(
                _("No member has this email address: %(emails)s"),
                params={"emails": ", ".join(unknown)},
            )
        return members


class EventForm(forms.ModelForm):
    starts_at = BrusselsDateTimeField(label=_("Starts at (Brussels time)"))
    ends_at = BrusselsDateTimeField(label=_("Ends at (Brussels time)"))
    external_url = forms.URLField(
        label=_("external room URL"), required=False, assume_scheme="https"
    )
    registration_url = forms.URLField(
        label=_("external registration link"), required=False, assume_scheme="https"
    )
    presenters = PresentersField(
        label=_("presenters with an account (email addresses)"), required=False
    )

    class Meta:
        model = Event
        fields = FIELDS

    def __init__(self, *args, member=None, region: str = "fl", **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # Checkboxes in the editor's terminology (not a Ctrl-click multi-select of both
        # regions); the other region's levels already on the event stay ticked.
        keep_levels = self.instance.levels.all() if self.instance.pk else ()
        keep_subjects = self.instance.subjects.all() if self.instance.pk else ()
        levels = levels_field(region, required=False, label=capfirst(_("education levels")))
        subjects = subjects_field(region, required=False, label=capfirst(_("subjects")))
        levels.set_region(region, keep=keep_levels)
        subjects.set_region(region, keep=keep_subjects)
        self.fields["levels"], self.fields["subjects"] = levels, subjects
        cast(forms.ChoiceField, self.fields["language"]).choices = member_language_choices()
        if member is not None and not member.is_staff:
            for name in set(FIELDS) - set(PARTNER_FIELDS):
                self.fields.pop(name, None)
            organisation = cast(forms.ModelChoiceField, self.fields["organisation"])
            organisation.queryset = Organisation.objects.filter(members=member)
            organisation.required = True

    def clean(self):
        super().clean()
        data = self.cleaned_data
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("An event ends after it starts."))
        return data


class RegistrationForm(forms.Form):
    question = forms.CharField(
        label=_("A question for the presenters (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
