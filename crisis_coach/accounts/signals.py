"""What happens to an account's safety goes to its security page (and, from allauth, a security email)."""

from allauth.account.adapter import get_adapter
from allauth.account.signals import email_changed, password_changed, password_reset
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import (
    authenticator_added,
    authenticator_removed,
    authenticator_reset,
    authenticator_used,
)
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from crisis_coach.accounts.models import SecurityEvent, User
from crisis_coach.accounts.services import (
    normalise_email,
    record_security_event,
    user_session_seen,
    user_sessions_end,
)

Kind = SecurityEvent.Kind


@receiver(user_logged_in, dispatch_uid="accounts.record_sign_in")
def record_sign_in(sender, request, user, **kwargs):
    record_security_event(user=user, kind=Kind.SIGN_IN, request=request)
    if request is not None and hasattr(request, "session"):
        user_session_seen(request=request)


@receiver(user_login_failed, dispatch_uid="accounts.record_failed_sign_in")
def record_failed_sign_in(sender, credentials, request=None, **kwargs):
    """A wrong password for an existing account is shown to that account's owner, and to nobody else.

    The sign-in page says the same thing whether or not the address has an account.
    """
    email = normalise_email(credentials.get("email", credentials.get("username")))
    if not email:
        return
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        record_security_event(user=user, kind=Kind.SIGN_IN_FAILED, request=request)


@receiver(password_changed, dispatch_uid="accounts.record_password_changed")
def record_password_changed(sender, request, user, **kwargs):
    record_security_event(user=user, kind=Kind.PASSWORD_CHANGED, request=request)
    user_sessions_end(user=user, keeping=request.session.session_key)


@receiver(password_reset, dispatch_uid="accounts.record_password_reset")
def record_password_reset(sender, request, user, **kwargs):
    record_security_event(user=user, kind=Kind.PASSWORD_RESET, request=request)
    user_sessions_end(user=user)  # the person resetting is not signed in: every session goes


@receiver(email_changed, dispatch_uid="accounts.record_email_changed")
def record_email_changed(sender, request, user, from_email_address, to_email_address, **kwargs):
    record_security_event(user=user, kind=Kind.EMAIL_CHANGED, request=request)


_ADDED = {
    Authenticator.Type.TOTP: Kind.TWO_FACTOR_ON,
    Authenticator.Type.WEBAUTHN: Kind.PASSKEY_ADDED,
    Authenticator.Type.RECOVERY_CODES: Kind.RECOVERY_CODES_NEW,
}
_REMOVED = {
    Authenticator.Type.TOTP: Kind.TWO_FACTOR_OFF,
    Authenticator.Type.WEBAUTHN: Kind.PASSKEY_REMOVED,
}


@receiver(authenticator_added, dispatch_uid="accounts.record_factor_added")
def record_factor_added(sender, request, user, authenticator, **kwargs):
    # Recovery codes come with the first factor by themselves: one line ("turned on") says it.
    if authenticator.type == Authenticator.Type.RECOVERY_CODES:
        return
    record_security_event(user=user, kind=_ADDED[authenticator.type], request=request)


@receiver(authenticator_reset, dispatch_uid="accounts.record_factor_reset")
def record_factor_reset(sender, request, user, authenticator, **kwargs):
    record_security_event(user=user, kind=Kind.RECOVERY_CODES_NEW, request=request)


@receiver(authenticator_removed, dispatch_uid="accounts.record_factor_removed")
def record_factor_removed(sender, request, user, authenticator, **kwargs):
    if authenticator.type in _REMOVED:
        record_security_event(user=user, kind=_REMOVED[authenticator.type], request=request)


@receiver(authenticator_used, dispatch_uid="accounts.record_recovery_code_used")
def record_recovery_code_used(sender, request, user, authenticator, **kwargs):
    """A recovery code is the one factor allauth sends no email for: a code used is a code that may
    have leaked, so the owner hears of it."""
    if authenticator.type != Authenticator.Type.RECOVERY_CODES:
        return
    record_security_event(user=user, kind=Kind.RECOVERY_CODE_USED, request=request)
    get_adapter(request).send_notification_mail("accounts/email/recovery_code_used", user)
