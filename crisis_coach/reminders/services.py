"""Writes for reminders: settings, the calendar token, and the emails (digests, notifications).

Callers have already checked access: views pass the signed-in person's own settings, the
unsubscribe view the settings its signed token names.
"""

import datetime
import logging
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from crisis_coach.accounts.selectors import email_verified
from crisis_coach.common import addressing
from crisis_coach.reminders import links, rules, selectors
from crisis_coach.reminders.models import DigestSent, Frequency, ReminderSettings, new_calendar_token
from crisis_coach.wellbeing.radar.selectors import radar_due_for
from crisis_coach.wellbeing.selectors import check_in_of_day

logger = logging.getLogger(__name__)


# --- settings ----------------------------------------------------------------------------------


def settings_update(
    *, reminder_settings: ReminderSettings, frequency: str, checkin_reminder: bool | None = None
) -> ReminderSettings:
    """The digest's frequency and, when given, whether it reminds of the daily check-in."""
    reminder_settings.frequency = frequency
    fields = ["frequency", "updated_at"]
    if checkin_reminder is not None:
        reminder_settings.checkin_reminder = checkin_reminder
        fields.append("checkin_reminder")
    reminder_settings.save(update_fields=fields)
    return reminder_settings


def calendar_token_regenerate(*, reminder_settings: ReminderSettings) -> ReminderSettings:
    """A new feed URL; the old one answers 404 from now on."""
    reminder_settings.calendar_token = new_calendar_token()
    reminder_settings.save(update_fields=["calendar_token", "updated_at"])
    return reminder_settings


def unsubscribe(*, reminder_settings: ReminderSettings) -> bool:
    """Stop all reminder emails. Returns False when they were already stopped."""
    if reminder_settings.frequency == Frequency.NEVER:
        return False
    settings_update(reminder_settings=reminder_settings, frequency=Frequency.NEVER)
    return True


# --- emails ------------------------------------------------------------------------------------


def may_email(user, reminder_settings: ReminderSettings) -> bool:
    """Digests and notifications go only to an active account that wants them, at an address it has
    verified: an address nobody confirmed may be a stranger's inbox."""
    return user.is_active and reminder_settings.wants_email and email_verified(user)


def _message(*, user, reminder_settings, subject: str, text_body: str, html_body: str):
    """An email with both parts and one-click unsubscribe headers (RFC 8058)."""
    unsubscribe_url = links.unsubscribe_url(reminder_settings)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text_body,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html_body, "text/html")
    return message


def notify_client(user, *, subject: str, text_body: str, html_body: str) -> bool:
    """Email `user` about something that happened (a coach comment, a proposed step), unless
    they chose never to get reminder emails. Returns whether an email was sent.

    For other apps' email tasks (coaching.tasks), run by the worker, never by a page. The caller
    renders the bodies in the user's language (translation.override(user.language)). Sending errors
    propagate to the caller, so that the task is retried.
    """
    reminder_settings = selectors.settings_for(user)
    if not may_email(user, reminder_settings):
        return False
    _message(
        user=user,
        reminder_settings=reminder_settings,
        subject=subject,
        text_body=text_body,
        html_body=html_body,
    ).send()
    return True


def _digest_message(*, user, reminder_settings, agenda, check_in_due: bool = False):
    context = {
        "user": user,
        "agenda": agenda,
        # The person asked to be reminded and has not checked in today (wellbeing); the words say
        # nothing of how they are, so discreet mode leaves them as they are.
        "check_in_due": check_in_due,
        "today_url": links.absolute(reverse("reminders:today")),
        "settings_url": links.absolute(reverse("reminders:settings")),
        "unsubscribe_url": links.unsubscribe_url(reminder_settings),
        "site_url": links.absolute(""),
        # Discreet mode: each item by its kind and date only; the subject is a count either way.
        "discreet": user.discreet_mode,
        "account_settings_url": links.absolute(reverse("accounts:settings")),
        # The monthly career risk radar, when none was taken in the last 30 days (as on Today).
        "radar_url": (
            links.absolute(reverse("radar:check")) if radar_due_for(user, today=agenda.today) else ""
        ),
    }
    if agenda.is_empty:  # only the check-in
        subject = _("Crisis Coach: your daily check-in")
    else:
        subject = ngettext(
            "Crisis Coach: %(count)d thing due or coming up",
            "Crisis Coach: %(count)d things due or coming up",
            agenda.count,
        ) % {"count": agenda.count}
    return _message(
        user=user,
        reminder_settings=reminder_settings,
        subject=subject,
        text_body=render_to_string("reminders/email/digest.txt", {**context, **addressing.email_context()}),
        html_body=render_to_string("reminders/email/digest.html", {**context, **addressing.email_context()}),
    )


def digest_send(*, reminder_settings: ReminderSettings, now: datetime.datetime) -> bool:
    """Send this person's digest for the current period, unless it went already. True if sent.

    The DigestSent row is inserted before the email goes, in the same transaction. A concurrent
    run inserting the same (user, period) waits on the unique index and then fails, so only one
    process sends; if sending fails, the row rolls back and a later run tries again.
    """
    user = reminder_settings.user
    if not may_email(user, reminder_settings):
        return False
    local_now = timezone.localtime(now, user.zone)
    if not rules.digest_hour_reached(local_now):
        return False
    today = local_now.date()
    period = rules.digest_period(reminder_settings.frequency, today=today)
    if DigestSent.objects.filter(user=user, period=period).exists():
        return False
    with addressing.speaking_to(user), timezone.override(user.zone):
        agenda = selectors.agenda_for(user, today=today)
        check_in_due = reminder_settings.checkin_reminder and check_in_of_day(user, today) is None
        if agenda.is_empty and not check_in_due:
            return False
        message = _digest_message(
            user=user, reminder_settings=reminder_settings, agenda=agenda, check_in_due=check_in_due
        )
    count = agenda.count + int(check_in_due)
    try:
        with transaction.atomic():
            DigestSent.objects.create(user=user, period=period, item_count=count, sent_at=now)
            message.send()
    except IntegrityError:
        return False  # another run inserted this period first; it sends.
    return True


def _ensure_settings() -> None:
    """Give everyone without settings the defaults, so each has an unsubscribe id."""
    missing = get_user_model().objects.filter(reminder_settings__isnull=True, is_active=True)
    ReminderSettings.objects.bulk_create(
        [ReminderSettings(user=user) for user in missing], ignore_conflicts=True
    )


class DigestRun(NamedTuple):
    sent: int
    failed: int


def digests_send_due(*, now: datetime.datetime | None = None) -> DigestRun:
    """Send every digest that is due at `now`. Safe to run as often and as concurrently as you like.
    Returns how many were sent and how many failed. For the send_reminders command."""
    now = now or timezone.now()
    _ensure_settings()
    wanting = (
        ReminderSettings.objects.exclude(frequency=Frequency.NEVER)
        .filter(user__is_active=True)
        .select_related("user")
        .order_by("id")
    )
    sent = failed = 0
    for reminder_settings in wanting:
        try:
            sent += digest_send(reminder_settings=reminder_settings, now=now)
        except Exception:
            # One broken mailbox must not stop everyone else's digest; its row rolled back, so
            # the next run retries it. The run still reports it, so cron and monitoring see it.
            failed += 1
            logger.exception("Digest for user %s failed", reminder_settings.user_id)
    return DigestRun(sent=sent, failed=failed)
