"""The security event log: who signed in, failed, was locked out, changed their email,
password or second factor, opened the admin, exported or deleted their data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    LOGIN = "login", _("Signed in")
    LOGIN_FAILED = "login_failed", _("Failed sign-in")
    LOCKOUT = "lockout", _("Sign-in refused: too many failures")
    LOGOUT = "logout", _("Signed out")
    IDLE_TIMEOUT = "idle_timeout", _("Signed out after inactivity")
    SESSIONS_ENDED = "sessions_ended", _("Signed out on other devices")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PASSWORD_SET = "password_set", _("Password set")
    PASSWORD_RESET = "password_reset", _("Password reset")
    EMAIL_ADDED = "email_added", _("Email address added")
    EMAIL_REMOVED = "email_removed", _("Email address removed")
    EMAIL_CHANGED = "email_changed", _("Primary email address changed")
    EMAIL_CONFIRMED = "email_confirmed", _("Email address confirmed")
    MFA_ADDED = "mfa_added", _("Second factor added")
    MFA_REMOVED = "mfa_removed", _("Second factor removed")
    MFA_RECOVERY_CODES = "mfa_recovery_codes", _("Recovery codes made")
    REAUTHENTICATED = "reauthenticated", _("Confirmed the password again")
    ADMIN_ACCESS = "admin_access", _("Opened the admin")
    DATA_EXPORT = "data_export", _("Data export")
    ACCOUNT_DELETED = "account_deleted", _("Account deleted")


class SecurityEvent(models.Model):
    """One event. ``member`` is empty for a failure on an unknown address and once the member
    is deleted (the row stays until its retention ends: SECURITY_EVENT_DAYS)."""

    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices, db_index=True)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="security_events",
    )
    address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["member", "-created_at"], name="security_event_member")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d %H:%M})"
