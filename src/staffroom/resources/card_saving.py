"""The "Save" form on resource cards: a member saves a resource into one of their folders (or
Favourites) from any list of cards and comes back to the same page.

The form holds what differs per reader (their folders, the form's CSRF token), so pages whose
rendered results are shared between readers (the search's result cache) put a mark in each
card instead, and ``card_save_forms_fill`` puts each reader's form in its place after the
cache; every other page renders the form in the card at once."""

import re
from urllib.parse import urlencode

from django.http import QueryDict
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import override

from .models import Folder

MARK = "<!--card-save:{pk}-->"
MARK_PATTERN = re.compile(r"<!--card-save:(\d+)-->")


def _folders(request) -> list[Folder]:
    """The reader's folders, read once per request however many cards a page has."""
    if not hasattr(request, "_card_save_folders"):
        request._card_save_folders = list(request.user.folders.order_by("name", "pk"))
    return request._card_save_folders


def _page_address(request) -> str:
    """The page to come back to: this one, without the live filters' ``fragment`` (which
    asks for the results alone)."""
    query = QueryDict(request.META.get("QUERY_STRING", ""), mutable=True)
    query.pop("fragment", None)
    encoded = query.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


def card_save_form(request, resource_id: int) -> SafeString:
    """The Save form of one card for this reader (a visitor: a link to log in first)."""
    back = _page_address(request)
    if not request.user.is_authenticated:
        return render_to_string(
            "resources/_card_save.html",
            {"login_url": f"{reverse('account_login')}?{urlencode({'next': back})}"},
        )
    folders = _folders(request)
    with override(request.user.interface_language):
        favourites_name = _("Favourites")
    return render_to_string(
        "resources/_card_save.html",
        {
            "resource_id": resource_id,
            "folders": folders,
            "has_favourites": any(folder.name == favourites_name for folder in folders),
            "favourites_name": favourites_name,
            "next": back,
            # Given as such rather than through a request context, whose context processors
            # would run again for every card.
            "csrf_token": get_token(request),
        },
    )


def card_save_forms_fill(request, body: str) -> SafeString:
    """``body`` (rendered, escaped HTML with a mark per card) with each mark replaced by this
    reader's Save form."""
    filled = MARK_PATTERN.sub(lambda found: card_save_form(request, int(found.group(1))), body)
    # Both parts are rendered templates.
    return mark_safe(filled)
