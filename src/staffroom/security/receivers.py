"""Receivers that write the security event log from Django's and allauth's signals."""

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver

from .events import record
from .models import Kind


@receiver(auth_signals.user_logged_in, dispatch_uid="security_login")
def _logged_in(sender, request, user, **kwargs):
    record(Kind.LOGIN, member=user, request=request)


@receiver(auth_signals.user_logged_out, dispatch_uid="security_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None and not getattr(request, "_security_idle_timeout", False):
        record(Kind.LOGOUT, member=user, request=request)


@receiver(auth_signals.user_login_failed, dispatch_uid="security_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    login = str(credentials.get("email") or credentials.get("username") or "")
    member = (
        get_user_model()._default_manager.filter(email__iexact=login).first() if login else None
    )
    # The address typed is kept only when it names no account (to see credential stuffing);
    # for a member, the member is the detail.
    record(
        Kind.LOGIN_FAILED, member=member, request=request, **({} if member else {"login": login})
    )


@receiver(mfa_signals.authentication_failed, dispatch_uid="security_mfa_failed")
def _mfa_failed(sender, request, user, **kwargs):
    record(Kind.LOGIN_FAILED, member=user, request=request, step="second factor")


@receiver(account_signals.password_changed, dispatch_uid="security_password_changed")
def _password_changed(sender, request, user, **kwargs):
    record(Kind.PASSWORD_CHANGED, member=user, request=request)


@receiver(account_signals.password_set, dispatch_uid="security_password_set")
def _password_set(sender, request, user, **kwargs):
    record(Kind.PASSWORD_SET, member=user, request=request)


@receiver(account_signals.password_reset, dispatch_uid="security_password_reset")
def _password_reset(sender, request, user, **kwargs):
    record(Kind.PASSWORD_RESET, member=user, request=request)


@receiver(account_signals.email_added, dispatch_uid="security_email_added")
def _email_added(sender, request, user, email_address, **kwargs):
    record(Kind.EMAIL_ADDED, member=user, request=request, email=email_address.email)


@receiver(account_signals.email_removed, dispatch_uid="security_email_removed")
def _email_removed(sender, request, user, email_address, **kwargs):
    record(Kind.EMAIL_REMOVED, member=user, request=request, email=email_address.email)


@receiver(account_signals.email_changed, dispatch_uid="security_email_changed")
def _email_changed(sender, request, user, from_email_address, to_email_address, **kwargs):
    record(
        Kind.EMAIL_CHANGED,
        member=user,
        request=request,
        old=getattr(from_email_address, "email", ""),
        new=to_email_address.email,
    )


@receiver(account_signals.email_confirmed, dispatch_uid="security_email_confirmed")
def _email_confirmed(sender, request, email_address, **kwargs):
    record(
        Kind.EMAIL_CONFIRMED, member=email_address.user, request=request, email=email_address.email
    )


def _authenticator_kind(authenticator: Authenticator) -> str:
    return str(authenticator.type)


@receiver(mfa_signals.authenticator_added, dispatch_uid="security_mfa_added")
def _mfa_added(sender, request, user, authenticator, **kwargs):
    if authenticator.type == Authenticator.Type.RECOVERY_CODES:
        record(Kind.MFA_RECOVERY_CODES, member=user, request=request)
    else:
        record(
            Kind.MFA_ADDED, member=user, request=request, type=_authenticator_kind(authenticator)
        )


@receiver(mfa_signals.authenticator_removed, dispatch_uid="security_mfa_removed")
def _mfa_removed(sender, request, user, authenticator, **kwargs):
    record(Kind.MFA_REMOVED, member=user, request=request, type=_authenticator_kind(authenticator))


@receiver(mfa_signals.authenticator_reset, dispatch_uid="security_mfa_reset")
def _mfa_reset(sender, request, user, authenticator, **kwargs):
    record(Kind.MFA_RECOVERY_CODES, member=user, request=request)


@receiver(account_signals.authentication_step_completed, dispatch_uid="security_reauth")
def _step_completed(sender, request, user, method, **kwargs):
    # Each step of a sign-in and of a re-authentication; the sign-in itself is LOGIN, so only
    # re-authentication (a signed-in member confirming again) is an event of its own.
    if kwargs.get("reauthenticated"):
        record(Kind.REAUTHENTICATED, member=user, request=request, method=method)
