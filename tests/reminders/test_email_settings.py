"""Email settings from the environment (README, Configuration), and send_reminders' exit status.

The file backend is how a person tries the digest without a mail server: EMAIL_FILE_PATH alone
must be enough. A digest that failed must make the command fail, so cron and systemd show it.
"""

import datetime
import io
import runpy
import smtplib
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from crisis_coach.reminders.models import DigestSent
from tests.factories import make_incident, make_step, make_user

SETTINGS = Path(__file__).resolve().parents[2] / "crisis_coach" / "settings.py"
EMAIL_VARIABLES = [
    "EMAIL_BACKEND", "EMAIL_FILE_PATH", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS", "EMAIL_USE_SSL", "EMAIL_SSL_CERTFILE", "EMAIL_SSL_KEYFILE", "EMAIL_TIMEOUT",
    "EMAIL_SUBJECT_PREFIX", "EMAIL_USE_LOCALTIME", "DEFAULT_FROM_EMAIL", "SERVER_EMAIL",
]  # fmt: skip


def settings_with(monkeypatch, **environment) -> dict:
    """The settings module as it reads this environment (the email variables unset unless given)."""
    for name in EMAIL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))


def test_email_file_path_alone_selects_the_file_backend(monkeypatch, tmp_path):
    found = settings_with(monkeypatch, EMAIL_FILE_PATH=str(tmp_path))
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert found["EMAIL_FILE_PATH"] == str(tmp_path)


def test_without_email_variables_emails_go_to_the_console(monkeypatch):
    found = settings_with(monkeypatch)
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert found["EMAIL_USE_TLS"] is True
    assert found["EMAIL_USE_SSL"] is False


def test_every_django_email_setting_comes_from_the_environment(monkeypatch, tmp_path):
    found = settings_with(
        monkeypatch,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_FILE_PATH=str(tmp_path),
        EMAIL_HOST="mail.example.test",
        EMAIL_PORT="465",
        EMAIL_HOST_USER="coach",
        EMAIL_HOST_PASSWORD="secret-words",
        EMAIL_USE_SSL="true",
        EMAIL_SSL_CERTFILE="/etc/ssl/client.pem",
        EMAIL_SSL_KEYFILE="/etc/ssl/client.key",
        EMAIL_TIMEOUT="5",
        EMAIL_SUBJECT_PREFIX="[Staging] ",
        EMAIL_USE_LOCALTIME="yes",
        DEFAULT_FROM_EMAIL="Coach <coach@example.test>",
        SERVER_EMAIL="errors@example.test",
    )
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert found["EMAIL_FILE_PATH"] == str(tmp_path)
    assert (found["EMAIL_HOST"], found["EMAIL_PORT"]) == ("mail.example.test", 465)
    assert (found["EMAIL_HOST_USER"], found["EMAIL_HOST_PASSWORD"]) == ("coach", "secret-words")
    # SSL chosen: STARTTLS goes off by default, since Django refuses both at once.
    assert (found["EMAIL_USE_SSL"], found["EMAIL_USE_TLS"]) == (True, False)
    assert (found["EMAIL_SSL_CERTFILE"], found["EMAIL_SSL_KEYFILE"]) == (
        "/etc/ssl/client.pem",
        "/etc/ssl/client.key",
    )
    assert found["EMAIL_TIMEOUT"] == 5
    assert found["EMAIL_SUBJECT_PREFIX"] == "[Staging] "
    assert found["EMAIL_USE_LOCALTIME"] is True
    assert found["DEFAULT_FROM_EMAIL"] == "Coach <coach@example.test>"
    assert found["SERVER_EMAIL"] == "errors@example.test"


def due_morning(user) -> datetime.datetime:
    today = timezone.localdate(timezone=user.zone)
    return datetime.datetime.combine(today, datetime.time(8), user.zone)


@pytest.mark.dates
@pytest.mark.django_db
def test_send_reminders_writes_the_digest_to_the_email_file_path(monkeypatch, tmp_path):
    user = make_user(display_name="File Tester", discreet_mode=False)
    make_step(
        make_incident(user), title="Call the manager back", due_on=timezone.localdate(timezone=user.zone)
    )
    found = settings_with(monkeypatch, EMAIL_FILE_PATH=str(tmp_path))
    with override_settings(EMAIL_BACKEND=found["EMAIL_BACKEND"], EMAIL_FILE_PATH=found["EMAIL_FILE_PATH"]):
        call_command("send_reminders", now=due_morning(user).isoformat(), stdout=io.StringIO())
    written = "".join(path.read_text() for path in tmp_path.glob("*.log"))
    assert user.email in written
    assert "Call the manager back" in written


class RefusingBackend:
    """A mail server that refuses this one recipient and takes everyone else's mail."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        if any(message.to == ["refused@example.test"] for message in messages):
            raise smtplib.SMTPRecipientsRefused({"refused@example.test": (550, b"no such mailbox")})
        mail.outbox.extend(messages)
        return len(messages)


@pytest.mark.dates
@pytest.mark.django_db
def test_send_reminders_exits_non_zero_when_a_digest_failed():
    refused = make_user(display_name="Refused", email="refused@example.test")
    fine = make_user(display_name="Fine", email="fine@example.test")
    for user in (refused, fine):
        make_step(make_incident(user), title="Due today", due_on=timezone.localdate(timezone=user.zone))
    out = io.StringIO()
    with (
        override_settings(EMAIL_BACKEND="tests.reminders.test_email_settings.RefusingBackend"),
        pytest.raises(CommandError, match="1 digest"),
    ):
        call_command("send_reminders", now=due_morning(fine).isoformat(), stdout=out)
    assert [message.to for message in mail.outbox] == [["fine@example.test"]]
    assert "1 digest(s) sent" in out.getvalue()
    # The failed one is not recorded as sent, so the next run tries again.
    assert list(DigestSent.objects.values_list("user__email", flat=True)) == ["fine@example.test"]


@pytest.mark.dates
@pytest.mark.django_db
def test_send_reminders_exits_zero_when_every_digest_went():
    user = make_user(display_name="Fine")
    make_step(make_incident(user), title="Due today", due_on=timezone.localdate(timezone=user.zone))
    out = io.StringIO()
    call_command("send_reminders", now=due_morning(user).isoformat(), stdout=out)
    assert "1 digest(s) sent" in out.getvalue()
