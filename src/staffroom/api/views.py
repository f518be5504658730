"""Pages where members of partner organisations make and revoke API tokens; staff see all."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from . import queries, services
from .forms import ApiTokenForm


def _require_partner_or_staff(member) -> None:
    if not (member.is_staff or member.organisations.exists()):
        raise PermissionDenied


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    """The tokens of the member's organisations, and a form to make one. A new key is shown
    in the answer to the form and never again (only its hash is kept)."""
    _require_partner_or_staff(request.user)
    organisations = queries.organisations_for_tokens(request.user)
    form = ApiTokenForm(request.POST or None, organisations=organisations)
    created = key = None
    if request.method == "POST" and form.is_valid():
        try:
            created, key = services.api_token_create(
                member=request.user,
                organisation=form.cleaned_data["organisation"],
                name=form.cleaned_data["name"],
            )
        except ValidationError as refused:
            form.add_error("name", refused.messages)
        else:
            form = ApiTokenForm(organisations=organisations)
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "can_create": organisations.exists(),
            "tokens": queries.tokens_visible_to(request.user),
            "created": created,
            "key": key,
        },
    )


@login_required
@require_POST
def revoke(request, pk: int):
    _require_partner_or_staff(request.user)
    token = get_object_or_404(queries.tokens_visible_to(request.user), pk=pk)
    services.api_token_revoke(member=request.user, token=token)
    messages.success(request, _("The token “%(name)s” no longer works.") % {"name": token.name})
    return redirect("api:tokens")
