"""A keep-in-touch cadence stays within the schema's range (1–36500 days), and no number a person
typed, or an old import stored, breaks a page, the digest or the calendar where it meets a date."""

import datetime
import io
import json
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from crisis_coach.network import services as network_services
from crisis_coach.network.models import Contact
from crisis_coach.network.rules import add_days, touch_due_on
from crisis_coach.reminders.selectors import settings_for
from tests.accounts.test_import_refusals import valid_document
from tests.factories import make_incident, make_step

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

EXTREMES = [36501, 3_000_000, 2**31 - 1]


def hidden_fields(page: str) -> dict:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))


def new_contact(logged_in, cadence):
    page = logged_in.get(reverse("network:contact_create")).content.decode()
    data = {**hidden_fields(page), "name": "Dana Mentor", "relationship": "mentor", "importance": "3"}
    return logged_in.post(reverse("network:contact_create"), {**data, "cadence_days": cadence})


def test_the_form_takes_a_century(logged_in):
    new_contact(logged_in, "36500")
    assert Contact.objects.get().cadence_days == 36500


@pytest.mark.parametrize("cadence", [*map(str, EXTREMES), "9" * 400])
def test_the_form_refuses_more_and_keeps_what_was_typed(logged_in, cadence):
    response = new_contact(logged_in, cadence)
    assert response.status_code == 200
    assert response.context["form"].errors["cadence_days"] == [
        "Ensure this value is less than or equal to 36500."
    ]
    assert 'value="Dana Mentor"' in response.content.decode()
    assert 'max="36500"' in response.content.decode()
    assert not Contact.objects.exists()


@pytest.fixture(params=EXTREMES)
def extreme_contact(request, client_user):
    """A contact as an old import or an older form left it: a cadence past the range, last met yesterday."""
    today = timezone.localdate(timezone=client_user.zone)
    contact = network_services.contact_create(owner=client_user, name="Far Away Friend")
    # latest_gap_days: rows from before the two-level cadence have none (and it may not be below the ideal).
    Contact.objects.filter(pk=contact.pk).update(
        cadence_days=request.param, latest_gap_days=None, last_contacted_on=today - datetime.timedelta(days=1)
    )
    contact.refresh_from_db()
    return contact


@pytest.mark.parametrize(
    "page", ["network:contacts", "network:keep_in_touch", "reminders:today", "insights:home"]
)
def test_lists_open_with_an_extreme_cadence(logged_in, extreme_contact, page):
    response = logged_in.get(reverse(page))
    assert response.status_code == 200


def test_the_contact_page_opens_with_an_extreme_cadence(logged_in, extreme_contact):
    response = logged_in.get(reverse("network:contact_detail", args=[extreme_contact.public_id]))
    assert response.status_code == 200
    assert "Far Away Friend" in response.content.decode()


def test_the_digest_goes_out_with_an_extreme_cadence(discreet_off, client_user, extreme_contact):
    today = timezone.localdate(timezone=client_user.zone)
    make_step(make_incident(client_user), title="Call the manager", due_on=today)
    morning = datetime.datetime.combine(today, datetime.time(8), client_user.zone)
    call_command("send_reminders", now=morning.isoformat(), stdout=io.StringIO())  # raises if one failed
    (digest,) = mail.outbox
    assert "Call the manager" in digest.body
    assert "Far Away Friend" not in digest.body  # a century away, not due


def test_the_last_date_in_the_calendar_does_not_overflow(discreet_off, client_user):
    # 9999-12-31: the date fields take it, and a contact met on it plus any cadence is past Python's dates.
    make_step(make_incident(client_user), title="Some day", due_on=datetime.date.max)
    contact = network_services.contact_create(owner=client_user, name="Last Day")
    Contact.objects.filter(pk=contact.pk).update(
        cadence_days=2**31 - 1, latest_gap_days=None, last_contacted_on=datetime.date.max
    )
    contact.refresh_from_db()
    assert contact.touch_due_on == datetime.date.max
    from django.test import Client

    response = Client().get(
        reverse("reminders:calendar_feed", args=[settings_for(client_user).calendar_token])
    )
    assert response.status_code == 200
    assert b"Some day" in response.content


def test_the_list_of_contacts_sorts_the_last_date_too(logged_in, client_user):
    contact = network_services.contact_create(owner=client_user, name="Last Day")
    Contact.objects.filter(pk=contact.pk).update(
        cadence_days=2**31 - 1, latest_gap_days=None, last_contacted_on=datetime.date.max
    )
    for page in ("network:contacts", "network:keep_in_touch", "reminders:today"):
        assert logged_in.get(reverse(page), {"sort": "overdue"}).status_code == 200


def test_date_arithmetic_saturates_instead_of_overflowing():
    assert add_days(datetime.date(9999, 12, 1), 100) == datetime.date.max
    assert add_days(datetime.date(1, 1, 10), -100) == datetime.date.min
    assert touch_due_on(
        last_contacted_on=datetime.date(2026, 1, 1),
        added_on=datetime.date(2026, 1, 1),
        cadence_days=2**31 - 1,
    ) == add_days(datetime.date(2026, 1, 1), 36500)


@pytest.mark.parametrize(("cadence", "accepted"), [(1, True), (36500, True), (0, False), (36501, False)])
def test_the_import_checks_the_same_range(logged_in, cadence, accepted):
    document = valid_document()
    document["network"]["contacts"][0]["cadence_days"] = cadence
    upload = SimpleUploadedFile("export.json", json.dumps(document).encode(), "application/json")
    logged_in.post(reverse("accounts:import"), {"file": upload})
    assert Contact.objects.exists() is accepted
