"""Forms of the harvesting staff pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from staffroom.accounts.models import Organisation

from .harvest.inputs import clean_base_url
from .harvest.services import DATESTAMP
from .models.harvest import HarvestSource


class HarvestSourceForm(forms.ModelForm):
    base_url = forms.URLField(
        label=_("OAI-PMH base URL"),
        max_length=500,
        assume_scheme="https",
        help_text=_("The repository's OAI-PMH address, e.g. https://example.org/oai"),
    )

    class Meta:
        model = HarvestSource
        fields = [
            "name",
            "base_url",
            "metadata_prefix",
            "set_spec",
            "organisation",
            "moderated",
            "active",
        ]
        help_texts = {
            "set_spec": _("Harvest only this set (empty: the whole repository)."),
            "moderated": _("Imported records wait in the moderation queue before publication."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = self.fields["organisation"]
        assert isinstance(organisation, forms.ModelChoiceField)
        organisation.queryset = Organisation.objects.order_by("name")

    def clean_base_url(self) -> str:
        return clean_base_url(self.cleaned_data["base_url"])


class HarvestNowForm(forms.Form):
    from_ = forms.CharField(
        label=_("Harvest from"),
        required=False,
        max_length=20,
        help_text=_(
            "YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ. Empty: from where the last successful run ended."
        ),
    )
    everything = forms.BooleanField(label=_("Harvest everything again"), required=False)

    def clean_from_(self):
        value = self.cleaned_data["from_"].strip()
        if value and not DATESTAMP.match(value):
            raise forms.ValidationError(_("Give the date as YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ."))
        return value

    def start(self) -> str | None:
        """The from the run starts at: None (incremental), "" (everything) or a date."""
        if self.cleaned_data.get("everything"):
            return ""
        return self.cleaned_data.get("from_") or None
