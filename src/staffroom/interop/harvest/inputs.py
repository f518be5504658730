"""What staff say about a harvested source: the one input of ``harvest_source_save``.

The staff form builds one from its cleaned data (``HarvestSourceInput.from_form``); tests and
any other caller build one directly. Its cleaning (surrounding spaces, the shape of the base
URL) is done here once for all of them.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from staffroom.accounts.models import Organisation


def clean_base_url(url: str) -> str:
    """``url`` without surrounding spaces; ValidationError unless it is an http(s) address
    without a query (the base URL, not a request such as ``?verb=Identify``)."""
    url = url.strip()
    if not url.startswith(("http://", "https://")):
        raise ValidationError(_("Give an address that starts with http:// or https://."))
    if "?" in url:
        raise ValidationError(_("Give the base address without a query (no “?verb=…”)."))
    return url


@dataclass(kw_only=True)
class HarvestSourceInput:
    """A source's settings, all of them: saving replaces what the source had."""

    name: str
    base_url: str
    # Who the harvested resources are published under.
    organisation: Organisation
    metadata_prefix: str = "oai_dc"
    # Harvest only this set (empty: the whole repository).
    set_spec: str = ""
    # Imported records wait in the moderation queue before publication.
    moderated: bool = False
    # Harvested by the daily schedule.
    active: bool = True

    def __post_init__(self) -> None:
        self.name = self.name.strip()
        self.set_spec = self.set_spec.strip()
        self.base_url = clean_base_url(self.base_url)

    @classmethod
    def from_form(cls, form: forms.BaseForm) -> "HarvestSourceInput":
        """The settings of a valid ``HarvestSourceForm``."""
        data = form.cleaned_data
        return cls(
            name=data["name"],
            base_url=data["base_url"],
            organisation=data["organisation"],
            metadata_prefix=data["metadata_prefix"],
            set_spec=data["set_spec"],
            moderated=data["moderated"],
            active=data["active"],
        )
