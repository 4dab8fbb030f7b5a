"""Snoozing a contact due for a touch: a week, a month or until a day; it comes back by itself on
the day the snooze ends (not the day after), and logging a touch ends it."""

import datetime

import pytest
from django.urls import reverse

from crisis_coach.network import rules, services
from crisis_coach.network.models import Contact
from tests.network.conftest import make_contact, make_interaction, today_for

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

KEEP_IN_TOUCH = reverse("network:keep_in_touch")


def content(response) -> str:
    return response.content.decode()


def snooze_url(contact) -> str:
    return reverse("network:contact_snooze", args=[contact.public_id])


@pytest.fixture
def due(client_user):
    contact = make_contact(client_user, name="Due Dalia", cadence_days=10, latest_gap_days=20)
    make_interaction(contact, days_ago=12)
    return contact


def due_names(logged_in) -> str:
    page = content(logged_in.get(KEEP_IN_TOUCH))
    return page[page.find('id="due-heading"') : page.find('id="dates-heading"')]


def test_snoozed_for_a_week_it_leaves_the_list_and_comes_back_on_the_seventh_day(logged_in, due, clock):
    today = today_for(due.owner)
    assert "Due Dalia" in due_names(logged_in)
    response = logged_in.post(snooze_url(due), {"choice": "week", "next": KEEP_IN_TOUCH})
    assert response.status_code == 302 and response.url == KEEP_IN_TOUCH
    due.refresh_from_db()
    assert due.snoozed_until == today + datetime.timedelta(days=7)
    page = content(logged_in.get(KEEP_IN_TOUCH))
    assert "Due Dalia is snoozed: due again on" in page
    assert "Due Dalia" not in due_names(logged_in)
    assert "Due Dalia" not in content(logged_in.get(reverse("reminders:today")))
    clock.shift(datetime.timedelta(days=6))
    assert "Due Dalia" not in due_names(logged_in)
    clock.shift(datetime.timedelta(days=1))  # the day the snooze ends: back, by itself
    assert "Due Dalia" in due_names(logged_in)
    # 19 days since the last touch, past the ideal gap, not the latest: due again, not overdue.
    assert 'data-state="due"' in due_names(logged_in)


def test_a_snooze_that_ends_past_the_latest_gap_comes_back_overdue(logged_in, due, clock):
    logged_in.post(snooze_url(due), {"choice": "month"})
    due.refresh_from_db()
    assert due.snoozed_until == rules.add_month(today_for(due.owner))
    clock.shift(datetime.timedelta(days=31))
    logged_in.force_login(due.owner)  # a month on, the session has ended
    page = due_names(logged_in)
    assert "Due Dalia" in page and 'data-state="overdue"' in page


def test_snoozed_until_a_chosen_day(logged_in, due):
    until = today_for(due.owner) + datetime.timedelta(days=40)
    logged_in.post(snooze_url(due), {"choice": "date", "until": until.isoformat()})
    due.refresh_from_db()
    assert due.snoozed_until == until
    detail = content(logged_in.get(reverse("network:contact_detail", args=[due.public_id])))
    assert "Snoozed until" in detail


@pytest.mark.parametrize(
    ("until", "message"),
    [
        (0, "Choose a day after today."),
        (-3, "Choose a day after today."),
        (366, "A snooze can last a year at most: choose a day up to"),
        (None, "Choose the day the snooze ends."),
        ("31/12/2026", "Enter a valid date."),
    ],
)
def test_a_day_in_the_past_or_too_far_gets_a_message_next_to_it(logged_in, due, until, message):
    today = today_for(due.owner)
    typed = (
        until
        if isinstance(until, str) or until is None
        else (today + datetime.timedelta(days=until)).isoformat()
    )
    response = logged_in.post(
        snooze_url(due), {"choice": "date", "until": typed or "", "next": KEEP_IN_TOUCH}
    )
    assert response.status_code == 200
    page = content(response)
    assert message in page and 'data-testid="snooze-error"' in page and 'aria-invalid="true"' in page
    if typed:
        assert f'value="{typed}"' in page
    due.refresh_from_db()
    assert due.snoozed_until is None


def test_a_made_up_choice_or_a_get_changes_nothing(logged_in, due):
    assert logged_in.post(snooze_url(due), {"choice": "forever"}).status_code == 200
    page = content(logged_in.get(snooze_url(due)))
    assert 'data-testid="snooze-page"' in page and "For a week" in page and "For a month" in page
    due.refresh_from_db()
    assert due.snoozed_until is None


def test_the_snooze_page_asks_an_anonymous_visitor_to_sign_in_first(client, due):
    response = client.get(snooze_url(due))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_logging_a_touch_ends_the_snooze(logged_in, due, clock):
    services.contact_snooze(contact=due, until=today_for(due.owner) + datetime.timedelta(days=60))
    logged_in.post(reverse("network:touch_log", args=[due.public_id]), {"next": KEEP_IN_TOUCH})
    due.refresh_from_db()
    assert due.snoozed_until is None
    clock.shift(datetime.timedelta(days=10))  # the ideal gap from the touch: due again, snooze or not
    assert "Due Dalia" in due_names(logged_in)


def test_from_today_the_snooze_comes_back_to_today(logged_in, due):
    today_url = reverse("reminders:today")
    page = content(logged_in.get(today_url))
    link = f"{snooze_url(due)}?next=/today/"
    assert link in page or f"{snooze_url(due)}?next={today_url}" in page
    choices = content(logged_in.get(snooze_url(due), {"next": today_url}))
    assert f'name="next" value="{today_url}"' in choices
    response = logged_in.post(snooze_url(due), {"choice": "week", "next": today_url})
    assert response.url == today_url
    assert "Get in touch with Due Dalia" not in content(logged_in.get(today_url))


def test_with_htmx_the_row_becomes_the_outcome_or_shows_the_message_in_place(logged_in, due):
    headers = {"HX-Request": "true"}
    bad = logged_in.post(snooze_url(due), {"choice": "date", "until": "2000-01-01"}, headers=headers)
    page = content(bad)
    assert page.lstrip().startswith("<li") and 'data-testid="due-row"' in page
    assert "Choose a day after today." in page and "<html" not in page
    good = logged_in.post(snooze_url(due), {"choice": "week"}, headers=headers)
    assert 'data-testid="done-row"' in content(good) and "Due Dalia is snoozed" in content(good)


def test_the_service_refuses_a_day_in_the_past(due):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.contact_snooze(contact=due, until=today_for(due.owner))
    assert Contact.objects.get(pk=due.pk).snoozed_until is None


def test_a_month_from_the_31st_is_the_last_day_of_the_next_month():
    assert rules.add_month(datetime.date(2027, 1, 31)) == datetime.date(2027, 2, 28)
    assert rules.add_month(datetime.date(2028, 1, 31)) == datetime.date(2028, 2, 29)
    assert rules.add_month(datetime.date(2026, 12, 15)) == datetime.date(2027, 1, 15)
    assert rules.snooze_until("week", today=datetime.date(2026, 12, 28)) == datetime.date(2027, 1, 4)
