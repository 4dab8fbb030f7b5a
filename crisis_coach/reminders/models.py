"""Reminder preferences and the record of digests sent (the guard that makes sending idempotent)."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def new_calendar_token() -> str:
    # 32 random bytes: the feed URL is the only secret guarding it, so it must be unguessable.
    return secrets.token_urlsafe(32)


class Frequency(models.TextChoices):
    DAILY = "daily", _("Every day")
    WEEKLY = "weekly", _("Once a week")
    NEVER = "never", pgettext_lazy("reminder frequency", "Never")


class ReminderSettings(models.Model):
    """How a person wants to be reminded. Made on first need (selectors.settings_for)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    # Named in unsubscribe links instead of the user's sequential id.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    frequency = models.CharField(
        _("email digest"), max_length=10, choices=Frequency.choices, default=Frequency.DAILY
    )
    # The digest reminds of the daily check-in (wellbeing) only when the person asked for it.
    checkin_reminder = models.BooleanField(_("remind me of the daily check-in"), default=False)
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reminder settings")
        verbose_name_plural = _("reminder settings")

    def __str__(self):
        return f"Reminders for {self.user_id}"

    @property
    def wants_email(self) -> bool:
        return self.frequency != Frequency.NEVER


class DigestSent(models.Model):
    """One row per digest sent. The unique (user, period) pair is what stops a second send,
    even from a concurrent process: only the transaction that inserted the row sends."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests_sent")
    # "2026-11-23" for a daily digest, "2026-W48" for a weekly one (rules.digest_period).
    period = models.CharField(max_length=16)
    item_count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")
        constraints = [models.UniqueConstraint(fields=["user", "period"], name="digest_once_per_period")]

    def __str__(self):
        return f"Digest {self.period} for {self.user_id}"
