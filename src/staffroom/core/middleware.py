"""Per-request preferences: the interface language a member chose."""

from django.utils import translation


class MemberLanguageMiddleware:
    """For members, activates their chosen interface language.

    Runs after authentication; Django's LocaleMiddleware has already picked a language for
    visitors from their cookie or browser.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.language and user.language != request.LANGUAGE_CODE:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)
