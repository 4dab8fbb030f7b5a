"""The digest reminds of the daily check-in only when the person opted in and has not checked in
today; the reminder is one plain line, in discreet mode too, and the subject reveals nothing."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from crisis_coach.reminders.models import DigestSent
from crisis_coach.reminders.selectors import settings_for
from tests.reminders.conftest import due_things  # noqa: F401  (a fixture)
from tests.wellbeing.helpers import make_check_in

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

LINE = "Your daily check-in: thirty seconds, on Today."


def run_digests(user) -> list:
    morning = datetime.datetime.combine(timezone.localdate(timezone=user.zone), datetime.time(8), user.zone)
    call_command("send_reminders", now=morning.isoformat(), stdout=io.StringIO())
    return mail.outbox


def opt_in(user):
    reminder_settings = settings_for(user)
    reminder_settings.checkin_reminder = True
    reminder_settings.save()


def test_without_opting_in_nothing_due_sends_no_digest(client_user):
    assert run_digests(client_user) == []


def test_opted_in_and_not_checked_in_the_digest_reminds_of_the_check_in(client_user):
    opt_in(client_user)
    [message] = run_digests(client_user)
    assert message.subject == "Crisis Coach: your daily check-in"
    assert LINE in message.body
    html = message.alternatives[0][0]
    assert LINE in html
    assert "mood" not in message.subject.lower() and "mood" not in message.body.lower()


def test_opted_in_but_checked_in_today_no_reminder(client_user):
    opt_in(client_user)
    make_check_in(client_user)
    assert run_digests(client_user) == []


def test_with_other_things_due_the_reminder_joins_them_only_when_opted_in(client_user, due_things):  # noqa: F811
    [message] = run_digests(client_user)
    assert LINE not in message.body
    mail.outbox.clear()
    opt_in(client_user)
    DigestSent.objects.filter(user=client_user).delete()
    [message] = run_digests(client_user)
    assert LINE in message.body
    assert message.subject.startswith("Crisis Coach: ") and "things due" in message.subject


def test_the_reminder_is_a_checkbox_on_the_reminder_settings_page(logged_in, client_user):
    page = logged_in.get(reverse("reminders:settings")).content.decode()
    assert 'name="checkin_reminder"' in page
    logged_in.post(reverse("reminders:settings"), {"frequency": "daily", "checkin_reminder": "on"})
    assert settings_for(client_user).checkin_reminder is True
    logged_in.post(reverse("reminders:settings"), {"frequency": "daily"})
    assert settings_for(client_user).checkin_reminder is False
