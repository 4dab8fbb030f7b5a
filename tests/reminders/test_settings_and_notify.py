import pytest
from django.core import mail
from django.urls import reverse

from crisis_coach.reminders.models import Frequency
from crisis_coach.reminders.selectors import settings_for
from crisis_coach.reminders.services import notify_client

pytestmark = pytest.mark.django_db


def test_account_settings_link_to_reminder_settings(logged_in):
    page = logged_in.get(reverse("accounts:settings")).content.decode()
    assert reverse("reminders:settings") in page


def test_reminder_settings_default_to_a_daily_digest(logged_in, client_user):
    response = logged_in.get(reverse("reminders:settings"))
    assert response.status_code == 200
    assert settings_for(client_user).frequency == Frequency.DAILY


def test_choosing_weekly_is_saved(logged_in, client_user):
    response = logged_in.post(reverse("reminders:settings"), {"frequency": "weekly"})
    assert response.status_code == 302
    assert settings_for(client_user).frequency == Frequency.WEEKLY


def test_a_bad_choice_shows_the_form_again_not_a_500(logged_in, client_user):
    response = logged_in.post(reverse("reminders:settings"), {"frequency": "hourly"})
    assert response.status_code == 200
    assert "is not one of the available choices" in response.content.decode()
    assert settings_for(client_user).frequency == Frequency.DAILY


def test_settings_and_regenerate_require_login(client):
    for name in ("reminders:settings", "reminders:calendar_regenerate"):
        response = client.get(reverse(name))
        assert response.status_code == 302


@pytest.mark.parametrize("frequency", [Frequency.DAILY, Frequency.WEEKLY])
def test_notify_client_emails_anyone_who_wants_emails(client_user, frequency):
    settings_row = settings_for(client_user)
    settings_row.frequency = frequency
    settings_row.save()
    sent = notify_client(
        client_user, subject="Your coach commented", text_body="Plain", html_body="<p>Rich</p>"
    )
    assert sent is True
    [message] = mail.outbox
    assert message.to == [client_user.email]
    assert message.subject == "Your coach commented"
    assert message.body == "Plain"
    assert message.alternatives[0] == ("<p>Rich</p>", "text/html")
    assert "List-Unsubscribe" in message.extra_headers


def test_notify_client_respects_never(client_user):
    settings_row = settings_for(client_user)
    settings_row.frequency = Frequency.NEVER
    settings_row.save()
    assert notify_client(client_user, subject="s", text_body="t", html_body="h") is False
    assert mail.outbox == []
