from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from staffroom.core import usage
from staffroom.core.pagination import paginate
from staffroom.core.permissions import staff_required
from staffroom.core.ratelimit import recipient_mail_allowed

from . import bounces, links, queries, services
from .compose import personalise, render_for_profile, subject_for
from .forms import IssueForm, OrderMoveForm, PreferencesForm, PriceForm, PromotionOrderForm
from .inputs import IssueInput, PromotionRequestInput
from .models import (
    Mailing,
    MailingKind,
    MailingStatus,
    PriceListItem,
    PromotionKind,
    PromotionOrder,
)
from .sending import preview

MAX_BOUNCE_BYTES = 2 * 1024 * 1024

# --- members ---


def click(request):
    """A tracked link: count the click, then go where the mail pointed (and only there)."""
    url = request.GET.get("u", "")
    if not url.startswith(("http://", "https://")) or not links.link_signature_valid(
        url, request.GET.get("s", "")
    ):
        return HttpResponseBadRequest(_("This link is not valid."))
    delivery_id = links.delivery_id_from(request.GET.get("d", ""))
    delivery = services.click_record(delivery_id=delivery_id, url=url)
    if delivery is not None:
        found = usage.Usage(
            usage.NEWSLETTER_CLICK, object_id=delivery.mailing_id, member_id=delivery.member_id
        )
        usage.record_usage(request, found)
    return redirect(url)


class _LinkRefused(Exception):
    """A member link that is expired or not ours; ``response`` is the page that says so."""

    def __init__(self, response):
        super().__init__()
        self.response = response


def _member_from_token(request, token, *, expired_ok: bool = False):
    check = links.member_token_check(token)
    member = None
    if check.member_id is not None:
        member = get_user_model().objects.filter(pk=check.member_id, is_active=True).first()
    if member is None:
        raise _LinkRefused(
            render(request, "newsletter/link_expired.html", {"expired": False}, status=404)
        )
    if check.expired and not expired_ok:
        # 410: the address existed and is gone; the page offers a fresh one or signing in.
        raise _LinkRefused(
            render(
                request,
                "newsletter/link_expired.html",
                {"expired": True, "token": token, "days": links.token_max_age().days},
                status=410,
            )
        )
    return member


@csrf_exempt  # RFC 8058: mail programs POST here without a session or a form of ours
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Unsubscribing works with a link of any age (RFC 8058, and leaving must stay easy: it
    cannot harm the member); an old link's page does not show whose address it is."""
    try:
        member = _member_from_token(request, token, expired_ok=True)
    except _LinkRefused as refused:
        return refused.response
    current = links.member_id_from(token) is not None
    if request.method == "POST":
        services.unsubscribe(member=member)
        return render(request, "newsletter/unsubscribed.html", {"token": token if current else ""})
    return render(
        request,
        "newsletter/unsubscribe.html",
        {"token": token, "member": member if current else None},
    )


@require_POST
def fresh_link(request, token):
    """Mail a fresh preferences link to the member an expired link was for (to their own
    address only, and within the shared limit on account mail per address)."""
    check = links.member_token_check(token)
    member = None
    if check.member_id is not None:
        member = get_user_model().objects.filter(pk=check.member_id, is_active=True).first()
    if member is None:
        return render(request, "newsletter/link_expired.html", {"expired": False}, status=404)
    if recipient_mail_allowed(request, "newsletter-link", member.email):
        services.fresh_link_request(member=member)
    # The same answer when the limit held the mail back: a link in the mailbox is on its way.
    return render(request, "newsletter/link_expired.html", {"sent": True})


def _preferences(request, member, token=""):
    preference = queries.preference_of(member)
    # Bound on every POST: a form with both boxes unticked posts no field of its own.
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        initial={"weekly": preference.weekly, "promotions": preference.promotions},
    )
    if request.method == "POST" and form.is_valid():
        services.preferences_set(member=member, **form.cleaned_data)
        messages.success(request, _("Your newsletter choices are saved."))
        return redirect(request.path)
    return render(
        request, "newsletter/preferences.html", {"form": form, "member": member, "token": token}
    )


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    return _preferences(request, request.user)


@require_http_methods(["GET", "POST"])
def preferences_token(request, token):
    try:
        member = _member_from_token(request, token)
    except _LinkRefused as refused:
        return refused.response
    return _preferences(request, member, token)


def archive(request):
    return render(
        request, "newsletter/archive.html", {"page": paginate(request, queries.archived_issues())}
    )


def _profile_of_viewer(request) -> queries.Profile:
    if request.user.is_authenticated:
        return queries.profiles_of([request.user.pk])[request.user.pk]
    language = (request.LANGUAGE_CODE or "nl")[:2]
    return queries.Profile(language, request.region, frozenset(), frozenset())


def archive_issue(request, pk):
    """An issue as a web page: as the viewer would have got it (a visitor: the general one)."""
    issue = get_object_or_404(Mailing, pk=pk)
    if issue.kind != MailingKind.ISSUE or (issue.status != "sent" and not request.user.is_staff):
        raise Http404
    composed = render_for_profile(issue, _profile_of_viewer(request), web=True)
    viewer = request.user if request.user.is_authenticated else None
    message = personalise(
        composed,
        member_id=viewer.pk if viewer else 0,
        name=viewer.display_name if viewer else _("colleague"),
        delivery_id=None,
    )
    return render(
        request,
        "newsletter/archive_issue.html",
        {"issue": issue, "subject": message.subject, "html": message.html},
    )


@csrf_exempt  # called by the mail server, authenticated by the secret in the address
@require_POST
def bounce_webhook(request, token):
    expected = settings.NEWSLETTER_BOUNCE_WEBHOOK_TOKEN
    if not expected or not constant_time_compare(token, expected):
        raise Http404
    if len(request.body) > MAX_BOUNCE_BYTES:
        return HttpResponse(status=413)
    recorded = bounces.bounce_record(request.body)
    return HttpResponse(f"{len(recorded)}\n", content_type="text/plain", status=202)


# --- staff ---


@staff_required
def staff_list(request):
    issue = services.issue_for_week(queries.week_start(timezone.localdate()))
    return render(
        request,
        "newsletter/staff_list.html",
        {
            "page": paginate(request, queries.mailings_for_staff()),
            "current": issue,
            "orders_waiting": queries.orders_for_staff().filter(status="requested").count(),
        },
    )


@staff_required
def staff_next_week(request):
    week = queries.week_start(timezone.localdate()) + timedelta(days=7)
    return redirect("newsletter:staff_mailing", services.issue_for_week(week).pk)


@staff_required
@require_http_methods(["GET", "POST"])
def staff_mailing(request, pk):
    mailing = get_object_or_404(Mailing.objects.select_related("promotion"), pk=pk)
    form = None
    if mailing.kind == MailingKind.ISSUE:
        form = IssueForm(request.POST or None, instance=mailing)
        if request.method == "POST" and form.is_valid():
            try:
                data = IssueInput.from_form(form.cleaned_data)
                services.issue_edit(staff=request.user, issue=mailing, data=data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The newsletter is saved."))
                return redirect("newsletter:staff_mailing", mailing.pk)
    progress = queries.progress_of(mailing)
    return render(
        request,
        "newsletter/staff_mailing.html",
        {
            "mailing": mailing,
            "form": form,
            "progress": progress,
            "errors": queries.recent_errors(mailing),
            "refresh": mailing.status == "sending",
        },
    )


@staff_required
def staff_preview(request, pk):
    """The mailing as a given member would get it (by email address; default: oneself)."""
    mailing = get_object_or_404(Mailing, pk=pk)
    email = request.GET.get("member", "").strip()
    member = request.user
    if email:
        member = get_user_model().objects.filter(email__iexact=email).first()
        if member is None:
            messages.error(
                request, _("No member has this email address: %(emails)s") % {"emails": email}
            )
            member = request.user
    subject, text, html = preview(mailing, member)
    return render(
        request,
        "newsletter/staff_preview.html",
        {
            "mailing": mailing,
            "member": member,
            "email": email,
            "subject": subject,
            "text": text,
            "html": html,
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def staff_send(request, pk):
    """ "Send now" first shows who will get the mailing (GET); only the confirmation page's
    button, carrying its signed token, starts the send (POST)."""
    mailing = get_object_or_404(Mailing.objects.select_related("promotion"), pk=pk)
    if mailing.status not in (MailingStatus.DRAFT, MailingStatus.SCHEDULED):
        messages.info(request, _("This mailing has already been sent or is being sent."))
        return redirect("newsletter:staff_mailing", mailing.pk)
    if request.method == "POST":
        try:
            started = services.send_now(
                staff=request.user,
                mailing=mailing,
                confirmation=request.POST.get("confirmation", ""),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("newsletter:staff_send", mailing.pk)
        if started:
            messages.success(request, _("Sending has started."))
        else:
            messages.info(request, _("This mailing has already been sent or is being sent."))
        return redirect("newsletter:staff_mailing", mailing.pk)
    audience = queries.audience_count(mailing)
    return render(
        request,
        "newsletter/staff_send_confirm.html",
        {
            "mailing": mailing,
            "subject": subject_for(mailing),
            "audience": audience,
            # The token carries the count shown, so a changed audience is not sent to.
            "confirmation": services.send_confirmation_token(
                staff=request.user, mailing=mailing, audience=audience
            ),
        },
    )


@staff_required
@require_POST
def staff_retry(request, pk):
    mailing = get_object_or_404(Mailing, pk=pk)
    if services.mailing_retry(staff=request.user, mailing=mailing):
        messages.success(request, _("Sending has started again."))
    else:
        messages.info(request, _("Only a failed mailing can be tried again."))
    return redirect("newsletter:staff_mailing", mailing.pk)


@staff_required
def staff_orders(request):
    prices = list(PriceListItem.objects.all())
    priced = {item.kind for item in prices}
    return render(
        request,
        "newsletter/staff_orders.html",
        {
            "page": paginate(request, queries.orders_for_staff()),
            "prices": prices,
            "unpriced": [(kind.value, kind.label) for kind in PromotionKind if kind not in priced],
        },
    )


@staff_required
@require_POST
def staff_order_move(request, pk):
    order = get_object_or_404(PromotionOrder, pk=pk)
    form = OrderMoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what happens to this order."))
        return redirect("newsletter:staff_orders")
    try:
        services.promotion_move(staff=request.user, order=order, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The order is updated."))
    return redirect("newsletter:staff_orders")


@staff_required
@require_http_methods(["GET", "POST"])
def staff_price(request, kind):
    if kind not in PromotionKind.values:
        raise Http404
    item = PriceListItem.objects.filter(kind=kind).first() or PriceListItem(kind=kind)
    form = PriceForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The price list is saved."))
        return redirect("newsletter:staff_orders")
    return render(request, "newsletter/staff_price.html", {"form": form, "item": item})


# --- partners ---


def _require_partner(member) -> None:
    if not member.organisations.exists():
        raise PermissionDenied


@login_required
def promotions(request):
    _require_partner(request.user)
    return render(
        request,
        "newsletter/promotions.html",
        {
            "orders": queries.orders_of(request.user),
            "prices": PriceListItem.objects.filter(active=True),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def promotion_new(request):
    _require_partner(request.user)
    form = PromotionOrderForm(request.POST or None, member=request.user, region=request.region)
    if request.method == "POST" and form.is_valid():
        try:
            data = PromotionRequestInput.from_form(form.cleaned_data)
            services.promotion_request(member=request.user, data=data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your booking is requested. Staff will confirm it."))
            return redirect("newsletter:promotions")
    return render(
        request,
        "newsletter/promotion_new.html",
        {"form": form, "prices": PriceListItem.objects.filter(active=True)},
    )
