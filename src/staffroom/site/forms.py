from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .contact import ContactMessage, ContactSubject


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("Your email address"), help_text=_("We answer at this address.")
    )
    subject = forms.ChoiceField(label=_("What is it about?"), choices=ContactSubject.choices)
    message = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Reporting content or an accessibility problem: say on which page (its address) "
            "and what is wrong."
        ),
    )

    def to_message(self, *, member_id: int | None) -> ContactMessage:
        data: dict[str, Any] = self.cleaned_data
        return ContactMessage(
            name=data["name"],
            email=data["email"],
            subject=data["subject"],
            message=data["message"],
            member_id=member_id,
        )
