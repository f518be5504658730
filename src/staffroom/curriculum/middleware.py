"""Whose terminology a viewer sees: the region of a member's profile, or a visitor's choice,
or what their browser says."""

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

from .models import DEFAULT_REGION, Region
from .wording import interface_language

REGION_SESSION_KEY = "region"
# The country part of a language tag (nl-NL, fr-BE) that tells a region.
REGION_OF_COUNTRY = {"nl": Region.NETHERLANDS, "be": Region.FLANDERS}


def region_from_browser(accept_language: str) -> str | None:
    """The region of the first language the browser prefers that names the Netherlands or
    Belgium ("en-GB,nl-NL;q=0.5" is the Netherlands), or None when none does."""
    # Django's own parser, as LocaleMiddleware uses: ordered by preference, a malformed
    # header gives nothing.
    for tag, _quality in parse_accept_lang_header(accept_language[:255]):
        _language, _dash, country = tag.partition("-")
        if country.lower() in REGION_OF_COUNTRY:
            return REGION_OF_COUNTRY[country.lower()]
    return None


def region_of(request: HttpRequest) -> str:
    """A member's region comes from their profile; a visitor's from their choice, else from
    the country their browser's languages name, else Flanders."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user.region
    chosen = request.session.get(REGION_SESSION_KEY) or request.COOKIES.get(REGION_SESSION_KEY)
    if chosen in Region.values:
        return chosen
    return region_from_browser(request.META.get("HTTP_ACCEPT_LANGUAGE", "")) or DEFAULT_REGION


class RegionMiddleware:
    """Sets ``request.region``; runs after the session and authentication middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.region = region_of(request)
        return self.get_response(request)


class RegionalWordingMiddleware:
    """Dutch readers from the Netherlands get its wording ("inloggen" where Flanders says
    "aanmelden"); runs after the language of the request is settled."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = interface_language(translation.get_language(), request.region)
        if language != translation.get_language():
            translation.activate(language)
        return self.get_response(request)
