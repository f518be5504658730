"""Form fields that offer vocabulary terms in the member's regional terminology."""

from django import forms

from .models import Level, Subject
from .queries import indentation, levels_for_region, subjects_for_region


class RegionalTermsField(forms.ModelMultipleChoiceField):
    """Checkboxes for the terms of one region, indented by their depth in the hierarchy.

    Terms of the other region that are already selected stay selectable, so editing a resource
    tagged by a colleague from the other region never drops their tags.
    """

    widget = forms.CheckboxSelectMultiple

    def __init__(self, model, region: str, **kwargs):
        self.model = model
        super().__init__(queryset=model.objects.all(), **kwargs)
        self.set_region(region)

    def set_region(self, region: str, keep=()) -> None:
        terms = levels_for_region(region) if self.model is Level else subjects_for_region(region)
        kept = [term for term in keep if term.region != region]
        self.choices = [(term.pk, self._label(term)) for term in [*terms, *kept]]

    @staticmethod
    def _label(term) -> str:
        return f"{indentation(term)}{term.label}"


def levels_field(region: str, **kwargs) -> RegionalTermsField:
    return RegionalTermsField(Level, region, **kwargs)


def subjects_field(region: str, **kwargs) -> RegionalTermsField:
    return RegionalTermsField(Subject, region, **kwargs)
