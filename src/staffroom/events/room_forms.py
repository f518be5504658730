"""Forms of the online room and the follow-up: materials and feedback."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from staffroom.resources.forms import describe_upload_limits, licence_choices
from staffroom.resources.licences import Licence

SCORES = [(score, str(score)) for score in range(1, 6)]


class MaterialsForm(forms.Form):
    recording_url = forms.URLField(
        label=_("Address of the recording"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text=_("A web link, e.g. the BigBlueButton playback page or a video platform."),
    )
    slides_file = forms.FileField(label=_("Slides (a file)"), required=False)
    slides_url = forms.URLField(
        label=_("or the address of the slides"),
        required=False,
        max_length=1000,
        assume_scheme="https",
    )
    licence = forms.ChoiceField(
        label=_("Licence of the recording and slides"),
        # New work: the current Creative Commons licences and CC0.
        choices=licence_choices(partner=False),
        initial=Licence.BY,
    )

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The slides are checked as a resource's files are: the same limits, stated.
        describe_upload_limits(self.fields["slides_file"])
        if organisation is not None:
            # Partner organisations may publish their own content with all rights reserved.
            cast(forms.ChoiceField, self.fields["licence"]).choices = licence_choices(partner=True)

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("slides_file") and data.get("slides_url"):
            self.add_error("slides_url", _("Give the slides as a file or as a link, not both."))
        if not self.errors and not (
            data.get("recording_url") or data.get("slides_file") or data.get("slides_url")
        ):
            raise forms.ValidationError(_("Give the recording's address, the slides, or both."))
        return data


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Overall"), choices=SCORES, coerce=int, widget=forms.RadioSelect
    )
    usefulness = forms.TypedChoiceField(
        label=_("Useful for my teaching"), choices=SCORES, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
