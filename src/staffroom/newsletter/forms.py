from decimal import Decimal
from typing import cast

from django import forms
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from staffroom.accounts.models import Organisation
from staffroom.curriculum.forms import levels_field, subjects_field
from staffroom.events.forms import BrusselsDateTimeField

from .inputs import single_line
from .models import Mailing, OrderStatus, PriceListItem, PromotionKind, PromotionOrder
from .templatetags.newsletter import euros

# A date input sends ISO dates (yyyy-mm-dd) whatever the language; the browser shows them
# in the member's locale. Dutch formats alone would refuse them.
ISO_DATE = "%Y-%m-%d"


class StyledForm(forms.Form):
    """Labels without a colon: the design system's fields put the label above the input."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class PreferencesForm(StyledForm):
    weekly = forms.BooleanField(label=_("Send me the weekly newsletter"), required=False)
    promotions = forms.BooleanField(
        label=_("Include promotions of partner organisations (marked as advertisement)"),
        required=False,
    )


class IssueForm(forms.ModelForm):
    send_at = BrusselsDateTimeField(label=_("Send at (Brussels time)"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for name in ("subject", "editorial_title"):
            self.fields[name].validators.append(single_line)

    class Meta:
        model = Mailing
        fields = ["subject", "editorial_title", "editorial", "send_at"]
        widgets = {"editorial": forms.Textarea(attrs={"rows": 12})}
        help_texts = {"subject": _("Empty: “Staffroom this week” with the date.")}


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
            "date": forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
            "body": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "region": _("Empty: both regions."),
        }

    def __init__(self, *args, member=None, region: str = "fl", **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["title"].validators.append(single_line)
        date = cast(forms.DateField, self.fields["date"])
        date.input_formats = [ISO_DATE, *formats.get_format("DATE_INPUT_FORMATS")]
        # Checkboxes in the partner's own terminology; the audience reaches the other
        # region's equivalents through the crosswalk (queries.audience_includes).
        self.fields["levels"] = levels_field(
            region,
            required=False,
            label=capfirst(_("education levels")),
            help_text=_(
                "None chosen: every level. Teachers of the equivalent levels in the other "
                "region are included."
            ),
        )
        self.fields["subjects"] = subjects_field(
            region,
            required=False,
            label=capfirst(_("subjects")),
            help_text=_("None chosen: every subject."),
        )
        organisation = cast(forms.ModelChoiceField, self.fields["organisation"])
        organisation.queryset = Organisation.objects.filter(members=member)
        organisation.empty_label = None
        bookable = dict(
            PriceListItem.objects.filter(active=True).values_list("kind", "price_cents")
        )
        kind = cast(forms.ChoiceField, self.fields["kind"])
        # Radio buttons that say today's price: a partner sees what each kind costs as they choose.
        kind.widget = forms.RadioSelect()
        kind.choices = [
            (value, f"{label} ({euros(bookable[value])})")
            for value, label in PromotionKind.choices
            if value in bookable
        ]


class OrderMoveForm(StyledForm):
    status = forms.ChoiceField(choices=OrderStatus.choices)
    note = forms.CharField(required=False, max_length=2000)
    invoice_reference = forms.CharField(required=False, max_length=60)


class PriceForm(forms.ModelForm):
    """The price in euros, typed and shown in the member's locale ("350,00" in Dutch); kept
    in cents."""

    price = forms.DecimalField(
        label=_("Price in euros (VAT excluded)"),
        min_value=0,
        max_value=1_000_000,
        decimal_places=2,
        localize=True,
    )

    class Meta:
        model = PriceListItem
        fields = ["description", "active"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        if self.instance.price_cents is not None:
            cents = Decimal(self.instance.price_cents)
            self.initial.setdefault("price", (cents / 100).quantize(Decimal("0.01")))
        self.order_fields(["price", "description", "active"])

    def save(self, commit: bool = True) -> PriceListItem:
        self.instance.price_cents = int(self.cleaned_data["price"] * 100)
        return super().save(commit=commit)
