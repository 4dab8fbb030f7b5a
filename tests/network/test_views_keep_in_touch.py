"""The keep-in-touch page, one-click actions, promises and the trust record."""

import datetime

import pytest
from django.urls import reverse

from crisis_coach.network.models import Commitment, ImportantDate
from tests.network.conftest import make_commitment, make_contact, make_interaction, today_for

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def content(response) -> str:
    return response.content.decode()


def test_keep_in_touch_lists_who_is_due_and_one_click_logs_a_touch(logged_in, client_user):
    overdue = make_contact(client_user, name="Overdue Olga", cadence_days=7)
    make_interaction(overdue, days_ago=10)
    fine = make_contact(client_user, name="Fine Farid", cadence_days=30)
    make_interaction(fine, days_ago=1)
    url = reverse("network:keep_in_touch")
    page = content(logged_in.get(url))
    assert "Overdue Olga" in page
    # Past the ideal gap and no latest gap: "due", not "overdue" (tests/network/test_cadence.py).
    assert "Due for 3 days" in page
    assert "Fine Farid" not in page
    response = logged_in.post(reverse("network:touch_log", args=[overdue.public_id]), {"next": url})
    assert response.status_code == 302
    assert response.url == url
    assert 'data-testid="due-empty"' in content(logged_in.get(url))


def test_one_click_touch_ignores_a_foreign_next_address(logged_in, contact):
    response = logged_in.post(
        reverse("network:touch_log", args=[contact.public_id]), {"next": "https://evil.example/"}
    )
    assert response.url == reverse("network:keep_in_touch")


def test_one_click_touch_refuses_get(logged_in, contact):
    assert logged_in.get(reverse("network:touch_log", args=[contact.public_id])).status_code == 405


def test_keep_in_touch_shows_a_birthday_this_week_with_sent_congratulations(logged_in, contact):
    today = today_for(contact.owner)
    soon = today + datetime.timedelta(days=3)
    # 2000 was a leap year, so any day of the year exists in it.
    birthday = ImportantDate.objects.create(contact=contact, kind="birthday", date=soon.replace(year=2000))
    url = reverse("network:keep_in_touch")
    page = content(logged_in.get(url))
    assert "Sent congratulations" in page
    assert "in 3 days" in page
    logged_in.post(reverse("network:date_congratulate", args=[birthday.public_id]), {"next": url})
    assert "Sent congratulations" not in content(logged_in.get(url))
    contact.refresh_from_db()
    assert contact.last_contacted_on == today


def test_making_a_promise_and_keeping_it_changes_the_trust_record(logged_in, contact):
    due = today_for(contact.owner) + datetime.timedelta(days=2)
    response = logged_in.post(
        reverse("network:commitment_create", args=[contact.public_id]),
        {"what": "Introduce her to our CTO", "due_on": due.isoformat()},
    )
    assert response.status_code == 302
    commitment = Commitment.objects.get()
    detail = reverse("network:contact_detail", args=[contact.public_id])
    assert "No promises due yet." in content(logged_in.get(detail))
    logged_in.post(reverse("network:commitment_kept", args=[commitment.public_id]), {"next": detail})
    page = content(logged_in.get(detail))
    assert "100%" in page
    assert "1 of 1 promises kept on time" in page
    assert "Kept on time" in page


def test_an_overdue_promise_stands_out(logged_in, contact):
    make_commitment(contact, due_in=-3, what="Send the deck")
    page = content(logged_in.get(reverse("network:commitments")))
    assert "list-group-item-danger" in page
    assert "Overdue" in page
    assert "0 of 1 promises kept on time" in page


def test_breaking_and_reopening_a_promise(logged_in, commitment):
    logged_in.post(reverse("network:commitment_broken", args=[commitment.public_id]))
    commitment.refresh_from_db()
    assert commitment.status == "broken"
    logged_in.post(reverse("network:commitment_reopen", args=[commitment.public_id]))
    commitment.refresh_from_db()
    assert commitment.status == "open"


def test_promise_due_on_31_february_is_a_field_error(logged_in, contact):
    response = logged_in.post(
        reverse("network:commitment_create", args=[contact.public_id]),
        {"what": "Call back", "due_on": "2026-02-31"},
    )
    assert response.status_code == 200
    assert "Enter a valid date." in content(response)
    assert 'value="Call back"' in content(response)


def test_editing_and_deleting_a_promise_asks_first(logged_in, commitment):
    edit = reverse("network:commitment_edit", args=[commitment.public_id])
    logged_in.post(
        edit, {"what": "Send the full report", "due_on": commitment.due_on.isoformat(), "version": "1"}
    )
    commitment.refresh_from_db()
    assert commitment.what == "Send the full report"
    delete = reverse("network:commitment_delete", args=[commitment.public_id])
    assert "Yes, delete" in content(logged_in.get(delete))
    assert Commitment.objects.exists()
    logged_in.post(delete)
    assert not Commitment.objects.exists()


def test_guidance_is_on_the_pages_where_it_helps(logged_in, contact):
    assert "Why your network matters" in content(logged_in.get(reverse("network:contacts")))
    assert "Seven habits" in content(logged_in.get(reverse("network:keep_in_touch")))
    assert "Professional social networks" in content(logged_in.get(reverse("network:contact_create")))
    assert "How trust is built" in content(logged_in.get(reverse("network:commitments")))


def test_one_click_touch_through_htmx_returns_just_the_row(logged_in, contact):
    response = logged_in.post(reverse("network:touch_log", args=[contact.public_id]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'data-testid="done-row"' in content(response)
    assert "Touch logged with Dana Mentor." in content(response)
    assert "<html" not in content(response)
    contact.refresh_from_db()
    assert contact.last_contacted_on == today_for(contact.owner)


def test_keep_in_touch_page_loads_htmx_from_our_own_static_files(logged_in, contact):
    page = content(logged_in.get(reverse("network:keep_in_touch")))
    assert "/static/django_htmx/" in page
    assert "hx-post=" in page
