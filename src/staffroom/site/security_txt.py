"""/.well-known/security.txt (RFC 9116): where to report a vulnerability, from settings."""

from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET


def security_txt_expires(now: datetime | None = None) -> datetime:
    """SECURITY_TXT_EXPIRES (a date or an ISO date-time) when set, otherwise
    SECURITY_TXT_DAYS after ``now``; in UTC."""
    now = now or timezone.now()
    configured = settings.SECURITY_TXT_EXPIRES.strip()
    if not configured:
        return (now + timedelta(days=settings.SECURITY_TXT_DAYS)).astimezone(UTC)
    try:
        moment = datetime.fromisoformat(configured)
    except ValueError:
        moment = datetime.combine(date.fromisoformat(configured), time(), tzinfo=UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def security_txt_body(now: datetime | None = None) -> str:
    lines = [f"Contact: {contact}" for contact in settings.SECURITY_CONTACT]
    expires = security_txt_expires(now).replace(microsecond=0)
    lines.append(f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}")
    lines.append(f"Preferred-Languages: {', '.join(settings.SECURITY_TXT_LANGUAGES)}")
    lines.append(f"Canonical: {settings.SITE_URL}/.well-known/security.txt")
    return "\n".join(lines) + "\n"


@require_GET
def security_txt(request):
    return HttpResponse(security_txt_body(), content_type="text/plain; charset=utf-8")
