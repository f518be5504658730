from typing import cast

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from staffroom.accounts.models import Organisation
from staffroom.events.forms import BrusselsDateTimeField

from .inputs import single_line
from .models import Mailing, OrderStatus, PriceListItem, PromotionKind, PromotionOrder


class PreferencesForm(forms.Form):
    weekly = forms.BooleanField(label=_("Send me the weekly newsletter"), required=False)
    promotions = forms.BooleanField(
        label=_("Include promotions of partner organisations (marked as advertisement)"),
        required=False,
    )


class IssueForm(forms.ModelForm):
    send_at = BrusselsDateTimeField(label=_("Send at (Brussels time)"))

    class Meta:
        model = Mailing
        fields = ["subject", "editorial_title", "editorial", "send_at"]
        widgets = {"editorial": forms.Textarea(attrs={"rows": 12})}
        help_texts = {"subject": _("Empty: “Staffroom this week” with the date.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("subject", "editorial_title"):
            self.fields[name].validators.append(single_line)


class PromotionOrderForm(forms.ModelForm):
    link = forms.URLField(
        label=capfirst(_("link")),
        required=False,
        assume_scheme="https",
        help_text=_("Where “Read more” leads."),
    )

    class Meta:
        model = PromotionOrder
        fields = [
            "organisation",
            "kind",
            "date",
            "title",
            "body",
            "link",
            "region",
            "levels",
            "subjects",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "body": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "levels": _("None chosen: every level."),
            "subjects": _("None chosen: every subject."),
            "region": _("Empty: both regions."),
        }

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].validators.append(single_line)
        organisation = cast(forms.ModelChoiceField, self.fields["organisation"])
        organisation.queryset = Organisation.objects.filter(members=member)
        organisation.empty_label = None
        bookable = set(PriceListItem.objects.filter(active=True).values_list("kind", flat=True))
        cast(forms.ChoiceField, self.fields["kind"]).choices = [
            (value, label) for value, label in PromotionKind.choices if value in bookable
        ]


class OrderMoveForm(forms.Form):
    status = forms.ChoiceField(choices=OrderStatus.choices)
    note = forms.CharField(required=False, max_length=2000)
    invoice_reference = forms.CharField(required=False, max_length=60)


class PriceForm(forms.ModelForm):
    class Meta:
        model = PriceListItem
        fields = ["price_cents", "description", "active"]
