from __future__ import annotations

from typing import Any, cast

from allauth.core import context as allauth_context
from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from staffroom.curriculum.forms import levels_field, subjects_field
from staffroom.curriculum.models import Level, Region, Subject
from staffroom.curriculum.widgets import TermPicker

from .inputs import ProfileInput
from .models import Language, Member, NotificationMail, Organisation
from .services import member_update_profile
from .terms import terms_consent_record, terms_in_effect


class SignupProfileForm(forms.Form):
    """Extra fields on allauth's sign-up form: who the teacher is and where they teach."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    region = forms.ChoiceField(
        label=_("Where do you teach?"), choices=Region.choices, initial=Region.FLANDERS
    )
    town = forms.CharField(label=_("Town"), max_length=120, required=False)
    language = forms.ChoiceField(
        label=_("Interface language"), choices=Language.choices, initial=Language.DUTCH
    )

    field_order = [
        "name",
        "email",
        "region",
        "town",
        "language",
        "password1",
        "password2",
        "accept_terms",
        "terms_version",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = allauth_context.request
        if request is not None and not self.is_bound:
            # A teacher from the Netherlands (by choice or browser) starts from there, in the
            # language the page is in.
            self.initial.setdefault("region", getattr(request, "region", Region.FLANDERS))
            self.initial.setdefault("language", (request.LANGUAGE_CODE or "nl")[:2])
        self.terms_version = terms_in_effect()
        if self.terms_version is None:
            return  # no terms published yet: nothing to accept
        version = self.terms_version
        self.fields["accept_terms"] = forms.BooleanField(
            label=format_html(
                gettext("I accept the {link}terms of use{end} (version {label})"),
                link=format_html(
                    '<a href="{}" target="_blank" rel="noopener">',
                    reverse("accounts:terms_version", args=[version.label]),
                ),
                end=mark_safe("</a>"),
                label=version.label,
            ),
            help_text=_("The terms open in a new tab, so nothing you typed here is lost."),
            error_messages={"required": _("Please accept the terms of use to sign up.")},
        )
        # The version the box named when the form was shown: the one the member accepts. If
        # staff published another meanwhile, the form comes back naming the new one.
        self.fields["terms_version"] = forms.IntegerField(
            widget=forms.HiddenInput, initial=version.pk, required=False
        )
        self.terms_changed = self.is_bound and self.data.get("terms_version") != str(version.pk)
        if self.terms_changed:
            # A QueryDict from a request (a dict from code): a mutable copy of either.
            data = cast(Any, self.data).copy()
            data["terms_version"] = str(version.pk)
            data.pop("accept_terms", None)
            self.data = data
        self.order_fields(self.field_order)

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if getattr(self, "terms_changed", False):
            # One message that says why, rather than "please accept" as well.
            self.errors.pop("accept_terms", None)
            self.add_error(
                "accept_terms",
                _(
                    "The terms of use changed while you were signing up. Please read version "
                    "%(label)s and tick the box again."
                )
                % {"label": self.terms_version.label if self.terms_version else ""},
            )
        return cleaned

    def signup(self, request: Any, user: Member) -> None:
        member_update_profile(member=user, data=ProfileInput.from_values(self.cleaned_data))
        if self.terms_version is not None:
            terms_consent_record(member=user, version=self.terms_version)


class ProfileForm(forms.ModelForm):
    notification_mail = forms.ChoiceField(
        label=_("Also send my notifications by mail"),
        choices=NotificationMail.choices,
        widget=forms.RadioSelect,
        # Left out of a post, the member's choice stays as it was.
        required=False,
        help_text=_(
            "New matches for your saved searches are mailed separately; remove a saved search "
            "to stop those."
        ),
    )

    class Meta:
        model = Member
        fields = [
            "name",
            "town",
            "region",
            "language",
            "bio",
            "levels",
            "subjects",
            "notification_mail",
            "profile_public",
            "usage_history",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}

    instance: Member

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region = self.instance.region
        levels = self.fields["levels"] = levels_field(
            region,
            required=False,
            label=_("Levels I teach"),
            help_text=_("A new resource you share starts with these."),
            widget=TermPicker(Level, filter_label=_("Find a level")),
        )
        subjects = self.fields["subjects"] = subjects_field(
            region,
            required=False,
            label=_("Subjects I teach"),
            help_text=_("A new resource you share starts with these."),
            widget=TermPicker(Subject, filter_label=_("Find a subject")),
        )
        if self.instance.pk:
            levels.set_region(region, keep=self.instance.levels.all())
            subjects.set_region(region, keep=self.instance.subjects.all())

    def clean_notification_mail(self) -> str:
        return self.cleaned_data.get("notification_mail") or self.instance.notification_mail


class RolesForm(forms.Form):
    """What staff assign on the roles page."""

    is_moderator = forms.BooleanField(label=_("Moderator"), required=False)
    # Declared for their place in the form; __init__ fills them with the region's terms.
    moderated_levels: forms.ModelMultipleChoiceField[Level] = forms.ModelMultipleChoiceField(
        queryset=None, required=False
    )
    moderated_subjects: forms.ModelMultipleChoiceField[Subject] = forms.ModelMultipleChoiceField(
        queryset=None, required=False
    )
    is_staff = forms.BooleanField(label=_("Staff"), required=False)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Member of partner organisations"),
        queryset=Organisation.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, region: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["moderated_levels"] = levels_field(
            region, required=False, label=_("Levels they moderate")
        )
        self.fields["moderated_subjects"] = subjects_field(
            region, required=False, label=_("Subjects they moderate")
        )


class OrganisationForm(forms.ModelForm):
    # Declared for its scheme: an address typed without one is https, as for resources.
    website = forms.URLField(
        label=_("website"), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = Organisation
        fields = ["name", "description", "website"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class AccountDeleteForm(forms.Form):
    """Deleting one's own account: the password again, what to do with what one shared, and
    a deliberate tick."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    withdraw_resources = forms.BooleanField(
        label=_("Also withdraw the resources I published, where the licence lets me"),
        required=False,
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and my personal data are deleted for good"),
    )

    def __init__(self, *args: Any, member: Member, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.member = member

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.member.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


class StaffDeleteForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this account deleted?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_('Kept in the deletion log, e.g. "the member asked by mail on 3 March".'),
    )
    withdraw_resources = forms.BooleanField(
        label=_("Also withdraw their published resources, where the licence lets them"),
        required=False,
    )
