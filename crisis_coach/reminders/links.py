"""Links that leave the site: in emails and calendar apps, so absolute, and secret where needed."""

import uuid

from django.conf import settings
from django.core import signing
from django.urls import reverse

from crisis_coach.reminders.models import ReminderSettings

UNSUBSCRIBE_SALT = "crisis_coach.reminders.unsubscribe"
# Old digests stay in mailboxes; their unsubscribe links should keep working for a long while.
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 365


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def unsubscribe_token(reminder_settings: ReminderSettings) -> str:
    """A signed token naming the settings by their random public id (never the user's row id)."""
    return signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).sign(str(reminder_settings.public_id))


def read_unsubscribe_token(token: str) -> uuid.UUID | None:
    """The public id the token was made for; None when it was tampered with, expired or garbled."""
    try:
        value = signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).unsign(token, max_age=UNSUBSCRIBE_MAX_AGE)
        return uuid.UUID(value)
    except (signing.BadSignature, ValueError):
        return None


def unsubscribe_url(reminder_settings: ReminderSettings) -> str:
    return absolute(reverse("reminders:unsubscribe", args=[unsubscribe_token(reminder_settings)]))
