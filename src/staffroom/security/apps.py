from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "staffroom.security"
    verbose_name = "Security"

    def ready(self) -> None:
        from allauth.account.decorators import secure_admin_login
        from django.contrib import admin

        # Connects the receivers that write the security event log (logins, failures,
        # email/password/MFA changes).
        from . import receivers  # noqa: F401

        # The admin's own login form would be a second way in, without allauth's throttling
        # and second factor: it sends visitors to allauth's sign-in instead (and refuses
        # signed-in members who are not staff).
        admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
