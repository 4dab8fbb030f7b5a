"""Sign-ins and failed sign-ins go to the account's security page; django-axes hooks live here too."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from crisis_coach.accounts.models import SecurityEvent, User
from crisis_coach.accounts.services import record_security_event


@receiver(user_logged_in, dispatch_uid="accounts.record_sign_in")
def record_sign_in(sender, request, user, **kwargs):
    record_security_event(user=user, kind=SecurityEvent.Kind.SIGN_IN, request=request)


@receiver(user_login_failed, dispatch_uid="accounts.record_failed_sign_in")
def record_failed_sign_in(sender, credentials, request=None, **kwargs):
    """A wrong password for an existing account is shown to that account's owner, and to nobody else.

    The sign-in page says the same thing whether or not the address has an account.
    """
    email = normalise_email(credentials.get("username"))
    if not email:
        return
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        return
    locked_out = getattr(request, "axes_locked_out", False)
    kind = SecurityEvent.Kind.SIGN_IN_BLOCKED if locked_out else SecurityEvent.Kind.SIGN_IN_FAILED
    record_security_event(user=user, kind=kind, request=request)


def normalise_email(value) -> str:
    if not isinstance(value, str) or "\x00" in value or len(value) > 254:
        return ""
    return value.strip().lower()


def axes_username(request, credentials) -> str:
    """django-axes counts failures per address typed, in any letter case (AXES_USERNAME_CALLABLE)."""
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = request.POST.get("username")
    return normalise_email(value)
