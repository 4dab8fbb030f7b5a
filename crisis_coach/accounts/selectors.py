"""Reads of the accounts app, for views (writes are in services.py)."""

from django.db.models import QuerySet

from crisis_coach.accounts.models import SecurityEvent


def security_events_for(user) -> QuerySet[SecurityEvent]:
    """The person's own sign-ins, failed sign-ins and other security events, newest first. Only
    ever for that person (their security page)."""
    return SecurityEvent.objects.filter(user=user)
