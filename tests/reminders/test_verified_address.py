"""Nothing goes to an address nobody has verified: it may be a stranger's inbox."""

import datetime
import io

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from crisis_coach.reminders.services import notify_client
from tests.factories import make_incident, make_step, make_user
from tests.tasks import run_pending_tasks

pytestmark = pytest.mark.django_db


def morning(user) -> datetime.datetime:
    return datetime.datetime.combine(timezone.localdate(timezone=user.zone), datetime.time(8), user.zone)


def test_no_digest_goes_to_an_unverified_address():
    verified, unverified = make_user(), make_user(email_verified=False)
    for user in (verified, unverified):
        make_step(make_incident(user), title="Call the recruiter", due_on=morning(user).date())

    call_command("send_reminders", now=morning(verified).isoformat(), stdout=io.StringIO())

    assert [message.to for message in mail.outbox] == [[verified.email]]


def test_a_coach_notification_waits_for_a_verified_address():
    person = make_user(email_verified=False)
    assert notify_client(person, subject="Your coach commented", text_body="t", html_body="h") is False

    EmailAddress.objects.filter(user=person).update(verified=True)

    assert notify_client(person, subject="Your coach commented", text_body="t", html_body="h") is True
    assert [message.to for message in mail.outbox] == [[person.email]]


def test_today_says_the_address_is_unverified_and_sends_the_link_again(client):
    person = make_user(email_verified=False)
    client.force_login(person)

    page = client.get("/today/").content.decode()

    assert "Your email address is not verified yet" in page
    assert "No digest, notification or calendar link goes to" in page
    assert f"<bdi>{person.email}</bdi>" in page

    response = client.post("/accounts/email/", {"email": person.email, "action_send": ""})
    run_pending_tasks()

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[person.email]]
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_today_says_nothing_about_a_verified_address(client, client_user):
    client.force_login(client_user)
    assert "not verified yet" not in client.get("/today/").content.decode()
