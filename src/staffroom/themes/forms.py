"""Forms of the editors' pages: plain forms whose cleaned data becomes the services' inputs."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from staffroom.accounts.models import Member
from staffroom.curriculum.forms import levels_field, subjects_field
from staffroom.events.forms import BrusselsDateTimeField

from .models import HOME_SLOTS, NOTE_MAX_LENGTH, TITLE_MAX_LENGTH, ItemKind, Theme, ThemeStatus
from .queries import CURATE_PERMISSION


def _curators():
    """Members who may be a theme's editors: staff and those with the permission."""
    app_label, codename = CURATE_PERMISSION.split(".")
    with_permission = Member.objects.filter(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    )
    return (Member.objects.filter(is_staff=True, is_active=True) | with_permission).distinct()


class ThemeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    slug = forms.CharField(
        label=_("Address name"),
        max_length=120,
        required=False,
        help_text=_("The last part of the page's address; made from the title when left empty."),
    )
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown: **bold**, *italic*, [a link](https://...), lists with -."),
    )
    image = forms.FileField(label=_("Image"), required=False)
    image_description = forms.CharField(
        label=_("Image description"),
        max_length=200,
        required=False,
        help_text=_("What the image shows, for those who cannot see it."),
    )
    remove_image = forms.BooleanField(label=_("Remove the image"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ThemeStatus.choices)
    publish_from = BrusselsDateTimeField(
        label=_("Public from"), required=False, help_text=_("Empty: as soon as it is published.")
    )
    publish_until = BrusselsDateTimeField(
        label=_("Public until"), required=False, help_text=_("Empty: no end.")
    )

    def __init__(self, *args, region: str = "fl", theme: Theme | None = None, staff=False, **kw):
        kw.setdefault("label_suffix", "")
        super().__init__(*args, **kw)
        levels = levels_field(region, required=False, label=capfirst(_("education levels")))
        subjects = subjects_field(region, required=False, label=capfirst(_("subjects")))
        if theme is not None:
            levels.set_region(region, keep=theme.levels.all())
            subjects.set_region(region, keep=theme.subjects.all())
        self.fields["levels"], self.fields["subjects"] = levels, subjects
        if theme is None or not theme.image:
            del self.fields["remove_image"]
        if staff:
            self.fields["editors"] = forms.ModelMultipleChoiceField(
                queryset=_curators(),
                required=False,
                label=_("Editors"),
                widget=forms.CheckboxSelectMultiple,
                help_text=_("Curators who may edit this theme besides staff."),
            )


class SectionForm(forms.Form):
    heading = forms.CharField(label=_("Heading"), max_length=TITLE_MAX_LENGTH)
    intro = forms.CharField(
        label=_("Introduction (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("What to add"), choices=ItemKind.choices)
    reference = forms.CharField(
        label=_("Number or address"),
        required=False,
        max_length=1000,
        help_text=_(
            "A resource's number or address, or the address of a question or an event "
            "(copied from its page). For an external link: its web address."
        ),
    )
    link_title = forms.CharField(
        label=_("Title of an external link"), required=False, max_length=TITLE_MAX_LENGTH
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        help_text=_("A sentence on why it is here, for colleagues."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class HomeSlotsForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        themes = Theme.objects.order_by("title")
        for position in range(1, HOME_SLOTS + 1):
            self.fields[f"slot_{position}"] = forms.ModelChoiceField(
                queryset=themes,
                required=False,
                label=_("Slot %(position)d") % {"position": position},
                empty_label=_("Empty"),
            )


class CuratorForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the member"))
