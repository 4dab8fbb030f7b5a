"""The email digest: exactly the due items, in the user's language and time zone, once per period."""

import datetime
import io
import threading

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connections
from django.test import override_settings
from django.utils import timezone

from crisis_coach.network import services as network_services
from crisis_coach.reminders.models import DigestSent, Frequency
from crisis_coach.reminders.selectors import settings_for
from crisis_coach.reminders.services import digests_send_due
from tests.factories import make_incident, make_step, make_user

pytestmark = pytest.mark.dates

UTC = datetime.UTC


def morning(user, day_offset: int = 0) -> datetime.datetime:
    """08:00 in the user's time zone on their today (+ offset): past their digest hour, whatever the clock."""
    today = timezone.localdate(timezone=user.zone) + datetime.timedelta(days=day_offset)
    return datetime.datetime.combine(today, datetime.time(8), user.zone)


def send(now: datetime.datetime) -> None:
    call_command("send_reminders", now=now.isoformat(), stdout=io.StringIO())


def listed_titles(body: str) -> set[str]:
    return {line[2:].split(" (")[0] for line in body.splitlines() if line.startswith("- ")}


def digest_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


@pytest.mark.django_db
def test_digest_lists_exactly_the_users_due_items(client_user, discreet_off, stranger):
    now = morning(client_user)
    today = now.date()
    incident = make_incident(client_user, title="Missed the counter-offer")
    make_step(incident, title="Apologise to the client", due_on=today - datetime.timedelta(days=1))
    make_step(incident, title="Send the recovery plan", due_on=today)
    make_step(incident, title="Done already", due_on=today, status="done")
    trashed = make_incident(client_user, title="Trashed")
    make_step(trashed, title="Step in the trash", due_on=today)
    trashed.deleted_at = timezone.now()
    trashed.save()
    contact = network_services.contact_create(owner=client_user, name="Dana Mentor")
    network_services.commitment_create(contact=contact, what="Send Dana the report", due_on=today)
    make_step(make_incident(stranger), title="The stranger's step", due_on=today)
    stranger.discreet_mode = False  # so the digest names the items; tests/reminders/test_discreet_mode.py
    stranger.save(update_fields=["discreet_mode"])

    send(now)

    [message] = digest_to(client_user)
    assert listed_titles(message.body) == {
        "Apologise to the client",
        "Send the recovery plan",
        "Send Dana the report",
        "Get in touch with Dana Mentor",
    }
    assert message.subject == "Crisis Coach: 4 things due or coming up"
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "Apologise to the client" in html and "The stranger" not in html
    assert "Hello Alex Client" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    [theirs] = digest_to(stranger)
    assert listed_titles(theirs.body) == {"The stranger's step"}


@pytest.mark.django_db
def test_digest_uses_the_users_time_zone_for_today():
    # 23:30 UTC on 22 November is 07:30 on 23 November in Taipei (UTC+8).
    user = make_user(display_name="Mei", time_zone="Asia/Taipei", discreet_mode=False)
    incident = make_incident(user)
    make_step(incident, title="Due on the 23rd", due_on=datetime.date(2026, 11, 23))
    make_step(incident, title="Due on the 22nd", due_on=datetime.date(2026, 11, 22))

    send(datetime.datetime(2026, 11, 22, 23, 30, tzinfo=UTC))

    [message] = mail.outbox
    body = message.body
    assert body.index("Overdue") < body.index("Due on the 22nd") < body.index("Today")
    assert body.index("Today") < body.index("Due on the 23rd")
    assert DigestSent.objects.get(user=user).period == "2026-11-23"


@pytest.mark.django_db
def test_digest_is_in_the_users_language(client_user):
    client_user.language = "ar"
    client_user.save()
    make_step(make_incident(client_user), title="Step", due_on=morning(client_user).date())
    send(morning(client_user))
    [message] = mail.outbox
    assert 'lang="ar" dir="rtl"' in message.alternatives[0][0]


@pytest.mark.django_db
def test_no_digest_before_the_local_morning():
    user = make_user(time_zone="Asia/Taipei")
    make_step(make_incident(user), title="Step", due_on=datetime.date(2026, 11, 23))
    send(datetime.datetime(2026, 11, 22, 22, 30, tzinfo=UTC))  # 06:30 in Taipei
    assert mail.outbox == []


@pytest.mark.django_db
def test_nothing_due_sends_nothing(client_user):
    send(morning(client_user))
    assert mail.outbox == []
    assert not DigestSent.objects.exists()


@pytest.mark.django_db
def test_running_twice_sends_one_digest(client_user):
    make_step(make_incident(client_user), title="Step", due_on=morning(client_user).date())
    send(morning(client_user))
    send(morning(client_user) + datetime.timedelta(minutes=15))
    assert len(mail.outbox) == 1
    send(morning(client_user, day_offset=1))  # the next day brings the next digest
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_weekly_digest_goes_once_per_iso_week(client_user):
    settings_row = settings_for(client_user)
    settings_row.frequency = Frequency.WEEKLY
    settings_row.save()
    make_step(make_incident(client_user), title="Old step", due_on=datetime.date(2026, 11, 1))
    monday = datetime.datetime(2026, 11, 23, 8, tzinfo=client_user.zone)
    send(monday)
    send(monday + datetime.timedelta(days=2))
    send(monday + datetime.timedelta(days=6))
    assert len(mail.outbox) == 1
    send(monday + datetime.timedelta(days=7))
    assert len(mail.outbox) == 2
    assert set(DigestSent.objects.values_list("period", flat=True)) == {"2026-W48", "2026-W49"}


@pytest.mark.django_db
def test_never_sends_nothing(client_user):
    settings_row = settings_for(client_user)
    settings_row.frequency = Frequency.NEVER
    settings_row.save()
    make_step(make_incident(client_user), title="Step", due_on=morning(client_user).date())
    send(morning(client_user))
    assert mail.outbox == []


class FailingBackend:
    """An SMTP server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP is down")


@pytest.mark.django_db
def test_a_failed_send_is_retried_by_the_next_run(client_user):
    make_step(make_incident(client_user), title="Step", due_on=morning(client_user).date())
    with (
        override_settings(EMAIL_BACKEND="tests.reminders.test_digest.FailingBackend"),
        pytest.raises(CommandError, match="1 digest"),  # the run says so: cron and systemd see it
    ):
        send(morning(client_user))
    assert not DigestSent.objects.exists()
    send(morning(client_user) + datetime.timedelta(minutes=15))
    assert len(mail.outbox) == 1
    assert DigestSent.objects.count() == 1


class SlowBackend:
    """Holds the sending transaction open for a moment, so a concurrent run really collides."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        import time

        time.sleep(0.3)
        mail.outbox.extend(messages)
        return len(messages)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_each_digest_once():
    users = [make_user(display_name=f"Concurrent {n}") for n in range(3)]
    for user in users:
        make_step(make_incident(user), title="Step", due_on=morning(user).date())
    start = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            start.wait()
            results.append(digests_send_due(now=morning(users[0])))
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    with override_settings(EMAIL_BACKEND="tests.reminders.test_digest.SlowBackend"):
        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert errors == []
    assert sum(run.sent for run in results) == 3
    assert sorted(message.to[0] for message in mail.outbox) == sorted(user.email for user in users)
    assert DigestSent.objects.count() == 3
