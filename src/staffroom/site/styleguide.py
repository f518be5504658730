"""What the living style page (/styleguide/) shows: a form with every kind of control, cards of
real resources, a page of pagination, the colour tokens with their measured contrast."""

from dataclasses import dataclass

from django import forms
from django.core.paginator import Page, Paginator
from django.utils.translation import gettext_lazy as _

from staffroom.resources.licences import Licence
from staffroom.resources.queries import resources_newest


class SampleForm(forms.Form):
    """Every control the site's forms use, rendered through _field.html like theirs."""

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("Short and clear, as a colleague would search for it."),
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}))
    language = forms.ChoiceField(
        label=_("Language"), choices=[("nl", "Nederlands"), ("en", "English"), ("fr", "Français")]
    )
    subjects = forms.MultipleChoiceField(
        label=_("Subjects"),
        choices=[("math", _("Mathematics")), ("dutch", _("Dutch")), ("history", _("History"))],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    licence = forms.ChoiceField(
        label=_("Licence"),
        choices=[(Licence.BY.value, Licence.BY.label), (Licence.BY_SA.value, Licence.BY_SA.label)],
        widget=forms.RadioSelect,
        initial=Licence.BY.value,
    )
    upload = forms.FileField(label=_("File"), required=False)
    agree = forms.BooleanField(label=_("I made this myself or may share it"), required=False)


@dataclass(frozen=True)
class Swatch:
    token: str
    value: str
    on: str
    ratio: str


# The text and background pairs of site.css's tokens, with their contrast ratio as measured
# (WCAG 2.1 relative luminance); AA asks 4.5:1 for text, 3:1 for large text and controls.
SWATCHES = [
    Swatch("--color-text", "#1c2430", "#ffffff", "15.62"),
    Swatch("--color-text", "#1c2430", "#f4f6f9", "14.43"),
    Swatch("--color-muted", "#505c6b", "#ffffff", "6.81"),
    Swatch("--color-muted", "#505c6b", "#f4f6f9", "6.29"),
    Swatch("--color-accent", "#0b6285", "#ffffff", "6.77"),
    Swatch("--color-accent", "#0b6285", "#e7f1f6", "5.91"),
    Swatch("--color-on-accent", "#ffffff", "#0b6285", "6.77"),
    Swatch("--color-on-accent", "#ffffff", "#084a66", "9.63"),
    Swatch("--color-success", "#1d6b35", "#e9f5ec", "5.84"),
    Swatch("--color-warning", "#7a4f00", "#fff4d6", "6.51"),
    Swatch("--color-error", "#a12622", "#fcebea", "6.47"),
    Swatch("--color-info", "#0b5a8a", "#e7f1f6", "6.44"),
    Swatch("--color-field-border", "#6b7785", "#ffffff", "4.56"),
    Swatch("--color-focus", "#c24e00", "#ffffff", "4.79"),
]


def sample_page(number: int = 3) -> Page:
    return Paginator(range(120), 12).get_page(number)


def styleguide_context() -> dict:
    return {
        "form": SampleForm(),
        "invalid_form": SampleForm(data={"title": "", "description": "", "language": "xx"}),
        "resources": resources_newest(3),
        "page": sample_page(),
        "swatches": SWATCHES,
    }
