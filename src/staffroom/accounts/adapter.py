from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation


class MemberAccountAdapter(DefaultAccountAdapter):
    """Send account mail in the member's interface language."""

    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        language = getattr(user, "language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
