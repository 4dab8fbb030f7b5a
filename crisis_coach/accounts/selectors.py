"""Reads of the accounts app, for views (writes are in services.py)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.db.models import QuerySet
from django.utils import timezone

from crisis_coach.accounts.models import SecurityEvent

# Recovery codes alone are no second factor: they back one up.
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def security_events_for(user) -> QuerySet[SecurityEvent]:
    """The person's own sign-ins, failed sign-ins and other security events, newest first. Only
    ever for that person (their security page)."""
    return SecurityEvent.objects.filter(user=user)


def two_factor_enabled(user) -> bool:
    """Whether signing in as `user` asks for an authenticator app's code or a passkey."""
    return Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).exists()


def active_sessions_for(user) -> QuerySet[UserSession]:
    """The browsers and devices signed in as `user`, most recently seen first: sessions that have
    not expired or been ended (one query, where allauth's purge_and_list reads each session)."""
    live = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return UserSession.objects.filter(user=user, session_key__in=live).order_by("-last_seen_at")


def other_sessions_for(request) -> QuerySet[UserSession]:
    """The signed-in user's sessions but the one making `request`: those the user can end."""
    return active_sessions_for(request.user).exclude(session_key=request.session.session_key)


def email_verified(user) -> bool:
    """Whether the account's address has been verified: only then do digests, notifications and the
    calendar-feed link go to it."""
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def unverified_email_for(user) -> EmailAddress | None:
    """An address of the account still waiting for its verification link (a change not yet
    confirmed, or an account made without one), for the Today page's reminder."""
    return EmailAddress.objects.filter(user=user, verified=False).order_by("-pk").first()
