"""One-click unsubscribe from an email: signed, no login, GET never changes anything."""

import datetime
import io

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from crisis_coach.reminders import links
from crisis_coach.reminders.models import Frequency
from crisis_coach.reminders.selectors import settings_for
from tests.factories import make_incident, make_step

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


@pytest.fixture
def settings_row(client_user):
    return settings_for(client_user)


def unsubscribe_path(settings_row) -> str:
    return links.unsubscribe_url(settings_row).removeprefix(settings.SITE_URL)


def test_get_shows_a_confirm_button_and_changes_nothing(client, settings_row):
    response = client.get(unsubscribe_path(settings_row))
    assert response.status_code == 200
    assert 'data-testid="unsubscribe-confirm"' in response.content.decode()
    settings_row.refresh_from_db()
    assert settings_row.frequency == Frequency.DAILY


def test_post_unsubscribes_without_logging_in(client, settings_row):
    response = client.post(unsubscribe_path(settings_row))
    assert response.status_code == 200
    assert 'data-testid="unsubscribe-done"' in response.content.decode()
    settings_row.refresh_from_db()
    assert settings_row.frequency == Frequency.NEVER


def test_second_use_says_already_unsubscribed(client, settings_row):
    client.post(unsubscribe_path(settings_row))
    response = client.post(unsubscribe_path(settings_row))
    assert response.status_code == 200
    assert 'data-testid="unsubscribe-already"' in response.content.decode()


def test_rfc8058_one_click_post_needs_no_csrf_token(settings_row):
    # Mail providers POST "List-Unsubscribe=One-Click" with no cookies at all.
    client = Client(enforce_csrf_checks=True)
    response = client.post(unsubscribe_path(settings_row), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    settings_row.refresh_from_db()
    assert settings_row.frequency == Frequency.NEVER


@pytest.mark.parametrize("method", ["get", "post"])
def test_tampered_link_is_rejected_with_400(client, settings_row, method):
    path = unsubscribe_path(settings_row)
    token = path.rstrip("/").rsplit("/", 1)[1]
    tampered = path.replace(token, token[:-1] + ("A" if token[-1] != "A" else "B"))
    response = getattr(client, method)(tampered)
    assert response.status_code == 400
    assert 'data-testid="unsubscribe-invalid"' in response.content.decode()
    settings_row.refresh_from_db()
    assert settings_row.frequency == Frequency.DAILY


def test_garbage_token_is_400_not_500(client):
    response = client.post(reverse("reminders:unsubscribe", args=["not-a-token"]))
    assert response.status_code == 400


def test_a_token_for_another_purpose_is_rejected(client, settings_row):
    from django.core import signing

    foreign = signing.TimestampSigner(salt="something.else").sign(str(settings_row.public_id))
    response = client.post(reverse("reminders:unsubscribe", args=[foreign]))
    assert response.status_code == 400


def test_the_link_in_the_digest_unsubscribes(client, client_user):
    today = timezone.localdate(timezone=client_user.zone)
    make_step(make_incident(client_user), title="Step", due_on=today)
    call_command(
        "send_reminders",
        now=datetime.datetime.combine(today, datetime.time(9), client_user.zone).isoformat(),
        stdout=io.StringIO(),
    )
    [message] = mail.outbox
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert url in message.body
    assert url in message.alternatives[0][0]
    # The link names the settings by their random public id, never the user's row id.
    assert str(settings_for(client_user).public_id) in url
    client.post(url.removeprefix(settings.SITE_URL))
    assert settings_for(client_user).frequency == Frequency.NEVER


@pytest.mark.parametrize("token", ["%00", "a:b:c", "x" * 500])
def test_odd_unsubscribe_tokens_are_400_not_500(client, token):
    assert client.get(f"/today/unsubscribe/{token}/").status_code == 400
