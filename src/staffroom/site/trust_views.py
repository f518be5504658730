"""The accessibility statement and the contact page (the privacy statement and the terms of
use belong to accounts: they are about members' data and members' consent)."""

import logging

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from staffroom.core.ratelimit import RateLimited, limit_hit, member_or_address, wait_message

from .contact import ContactSubject, contact_message_send
from .forms import ContactForm

logger = logging.getLogger(__name__)


def accessibility(request):
    return render(
        request,
        "site/accessibility.html",
        {
            "prepared": settings.ACCESSIBILITY_STATEMENT_PREPARED,
            "reviewed": settings.ACCESSIBILITY_STATEMENT_REVIEWED,
            "checked_pages": settings.ACCESSIBILITY_CHECKED_PAGES,
            "operator": settings.SITE_OPERATOR_NAME,
            "contact_email": settings.CONTACT_EMAIL,
        },
    )


def _initial(request) -> dict[str, str]:
    initial = {}
    subject = request.GET.get("subject", "")
    if subject in ContactSubject.values:
        initial["subject"] = subject
    if request.user.is_authenticated:
        initial["name"] = request.user.name
        initial["email"] = request.user.email
    return initial


@require_http_methods(["GET", "POST"])
def contact(request):
    """The contact form: mailed to CONTACT_EMAIL, limited per member or client address; on any
    refusal the form comes back with everything typed and a message saying why."""
    status = 200
    if request.method == "POST":
        form = ContactForm(request.POST)
        if form.is_valid():
            try:
                limit_hit(request, "contact", member_or_address(request))
                member_id = request.user.pk if request.user.is_authenticated else None
                contact_message_send(form.to_message(member_id=member_id))
            except RateLimited as refused:
                form.add_error(
                    None,
                    _("You sent several messages in a short time. Your message is kept below.")
                    + " "
                    + wait_message(refused.retry_after),
                )
                status = 429
            except OSError:
                # The mail server refused or is away: the visitor keeps their text and an
                # address to write to instead.
                logger.exception("Contact form message not sent")
                form.add_error(
                    None,
                    _(
                        "Your message could not be sent just now. It is kept below: please try "
                        "again later, or write to %(email)s."
                    )
                    % {"email": settings.CONTACT_EMAIL},
                )
                status = 503
            else:
                messages.success(
                    request,
                    _("Thank you, your message was sent. We answer at %(email)s.")
                    % {"email": form.cleaned_data["email"]},
                )
                return redirect("contact")
    else:
        form = ContactForm(initial=_initial(request))
    return render(
        request,
        "site/contact.html",
        {
            "form": form,
            "operator": settings.SITE_OPERATOR_NAME,
            "operator_address": settings.SITE_OPERATOR_ADDRESS,
            "contact_email": settings.CONTACT_EMAIL,
            "data_protection_contact": settings.DATA_PROTECTION_CONTACT,
        },
        status=status,
    )
